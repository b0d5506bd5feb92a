"""The suggested citation of a practice: who made it, what, where, when, and the address."""
from __future__ import annotations

from dataclasses import dataclass

from ..model.explore import shown_language
from ..model.model import KnowledgeBase, Practice

ACCESS_PLACEHOLDER = "[date of access]"  # the page script writes today's date in its place


@dataclass(frozen=True)
class Citation:
    authors: tuple[str, ...]  # organisations, lead first; the site when a practice names none
    year: str
    title: str
    site_name: str
    address: str

    accessed_word: str = "accessed"  # in the page's language
    placeholder: str = ACCESS_PLACEHOLDER  # in the page's language
    author_languages: tuple[str, ...] = ()  # each name's language where it is not the page's, else ""
    title_language: str = ""  # the title's language where it is not the page's (an untranslated practice)

    @property
    def parts(self) -> tuple[tuple[str, str], ...]:
        """Everything before the access date as (text, language) runs: a name or title in another
        language than the page's says which, so a page can mark it."""
        runs: list[tuple[str, str]] = []
        for number, author in enumerate(self.authors):
            runs += [("; ", "")] if number else []
            runs.append((author, self.author_languages[number] if number < len(self.author_languages) else ""))
        runs += [(f" ({self.year}). ", ""), (self.title, self.title_language),
                 (f". {self.site_name}. {self.address} ({self.accessed_word} ", "")]
        return tuple(runs)

    @property
    def lead(self) -> str:
        """Everything before the access date, so a page can show the date in its own element."""
        return "".join(text for text, _ in self.parts)

    tail = ")."

    def text(self, accessed: str | None = None) -> str:
        return self.lead + (self.placeholder if accessed is None else accessed) + self.tail


def authors(kb: KnowledgeBase, practice: Practice) -> list[tuple[str, str]]:
    """The practice's organisations, those with the lead role first, each once, otherwise in file
    order: each as named for the page's reader (Term.shown), with the language of that name."""
    organisations = practice.organisations
    ordered = [o for o in organisations if o.role == "lead"] + [o for o in organisations if o.role != "lead"]
    ids = dict.fromkeys(o.id for o in ordered)
    return [kb.term("organisations", i).shown(shown_language(kb)) for i in ids]


def citation_year(practice: Practice) -> str:
    """The year of the facts as cited: when they were last verified, else when the practice started."""
    verified = practice.last_verified
    if verified:
        return str(verified)[:4]
    return str(practice.start) if practice.start else "n.d."


def citation(kb: KnowledgeBase, practice: Practice, address: str, site_name: str,
             accessed_word: str = "accessed", placeholder: str = ACCESS_PLACEHOLDER) -> Citation:
    """The citation; `accessed_word` and `placeholder` in the language of the page that shows it."""
    page_language = shown_language(kb)
    named = authors(kb, practice)
    title_language = practice.text_language or practice.language
    return Citation(tuple(name for name, _ in named) or (site_name,), citation_year(practice),
                    practice.title, site_name, address, accessed_word, placeholder,
                    tuple("" if language == page_language else language for _, language in named),
                    "" if title_language == page_language else title_language)
