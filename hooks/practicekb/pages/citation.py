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

    @property
    def lead(self) -> str:
        """Everything before the access date, so a page can show the date in its own element."""
        return (f"{'; '.join(self.authors)} ({self.year}). {self.title}. {self.site_name}. {self.address} "
                f"({self.accessed_word} ")

    tail = ")."

    def text(self, accessed: str | None = None) -> str:
        return self.lead + (self.placeholder if accessed is None else accessed) + self.tail


def authors(kb: KnowledgeBase, practice: Practice) -> list[str]:
    """The practice's organisations, those with the lead role first, each once, otherwise in file order."""
    organisations = practice.organisations
    ordered = [o for o in organisations if o.role == "lead"] + [o for o in organisations if o.role != "lead"]
    ids = dict.fromkeys(o.id for o in ordered)
    return [kb.term("organisations", i).text(shown_language(kb)) for i in ids]


def citation_year(practice: Practice) -> str:
    """The year of the facts as cited: when they were last verified, else when the practice started."""
    verified = practice.last_verified
    if verified:
        return str(verified)[:4]
    return str(practice.start) if practice.start else "n.d."


def citation(kb: KnowledgeBase, practice: Practice, address: str, site_name: str,
             accessed_word: str = "accessed", placeholder: str = ACCESS_PLACEHOLDER) -> Citation:
    """The citation; `accessed_word` and `placeholder` in the language of the page that shows it."""
    return Citation(tuple(authors(kb, practice)) or (site_name,), citation_year(practice),
                    practice.title, site_name, address, accessed_word, placeholder)
