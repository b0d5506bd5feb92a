"""What the templates in overrides/kb/ are given: plain data (strings, lists, dictionaries), never
a function to call, so the layout could be rendered by any Jinja-like engine.

Every text is already in the page's language; addresses are from the site's root (a template
puts the page's own `root` in front); contributor text stays raw here and is escaped by the
template that shows it.
"""
from __future__ import annotations

from pathlib import Path
from typing import Any

from babel.numbers import format_decimal
from markupsafe import Markup, escape

from ..checks.catalogue import Catalogue
from ..core.languages import language_name, language_prefix
from ..model.explore import search_filters, shown_language
from ..model.model import KnowledgeBase, Practice
from ..source.vocabularies import Term
from .addresses import SiteSettings, page_url
from .share import share_of


def words_of(catalogue: Catalogue) -> dict[str, Any]:
    """The catalogue as a template reads it: `t["fact.facts"]`, escaped (its texts are contributed
    too). A value in braces is filled in with Jinja's `replace`; a text that depends on a number is
    chosen in Python (PageViews.counted), as only Python knows the language's plural rules."""
    return {key: {form: Markup(escape(text)) for form, text in message.items()} if isinstance(message, dict)
            else Markup(escape(message)) for key, message in catalogue.messages.items()}


def period_text(practice: Practice, words: Catalogue) -> str:
    """'2019–2022', '2019–ongoing', 'until 2015' or '' in the reader's language."""
    start, end = practice.start, practice.end
    shown_end = words.t("period.ongoing") if end == "ongoing" else end
    if start is None:
        return shown_end if end == "ongoing" else (words.t("period.until", year=str(end)) if end else "")
    if end is None or end == start:
        return str(start)
    return f"{start}–{shown_end}"


class PageViews:
    """One language's views of terms and practices, each made once and shared by every page."""

    def __init__(self, kb: KnowledgeBase, settings: SiteSettings) -> None:
        self.kb, self.settings = kb, settings
        self.lang = shown_language(kb)
        self.catalogue: Catalogue = kb.interface.catalogues[self.lang]
        self.words = words_of(self.catalogue)
        self._terms: dict[tuple[str, str], dict] = {}
        self._listed: dict[str, dict] = {}

    def number(self, value: Any) -> str:
        return format_decimal(value, format="#,##0.##", locale=self.lang)

    def counted(self, message_id: str, count: int, **values: Any) -> Markup:
        """A message whose words depend on a number, in this language's plural form for it."""
        return self.catalogue.t(message_id, count=count, **values)

    def url(self, src_uri: str) -> str:
        return page_url(src_uri, self.settings.directory_urls)

    def term(self, term: Term) -> dict:
        """A term as a link: its name in this language and its page's address."""
        key = (term.taxonomy, term.id)
        if key not in self._terms:
            text, language = term.shown(self.lang)  # an organisation may keep its own name, in its language
            self._terms[key] = {"text": text, "url": self.url(term.src_uri), "lang": language if language != self.lang else ""}
        return self._terms[key]

    def terms(self, practice: Practice, taxonomy: str) -> list[dict]:
        return [self.term(term) for term in self.kb.terms_of(practice, taxonomy)]

    def text_lang(self, practice: Practice) -> str:
        """' lang="en"' where a practice's words are not in the page's language, else ''."""
        shown = practice.text_language or practice.language
        return f' lang="{shown}"' if shown != self.lang else ""


    def listed(self, practice: Practice) -> dict:
        """A practice as lists show it: title, address, place and period, summary."""
        if practice.slug not in self._listed:
            self._listed[practice.slug] = {
                "slug": practice.slug, "title": practice.title, "summary": practice.summary,
                "url": self.url(practice.src_uri), "text_lang": self.text_lang(practice),
                "where": self.kb.place_line(practice), "place": practice.place,
                "facts_lang": self.original(practice),
                "other_countries": ", ".join(self.kb.countries_not_in_place(practice)),
                "period": period_text(practice, self.catalogue)}
        return self._listed[practice.slug]

    def original(self, practice: Practice) -> str:
        """The language of a practice's fact texts where it is not the page's (facts are not translated)."""
        return practice.language if practice.language != self.lang else ""

    def practice(self, practice: Practice) -> dict:
        """Everything a practice's own page shows."""
        data, t = practice.data, self.catalogue.t
        settings = self.settings
        organisation = lambda term_id: self.term(self.kb.term("organisations", term_id))  # noqa: E731
        file = practice.translation.path if practice.translation else practice.path
        view = {
            **self.listed(practice), "language": practice.language, "body": practice.body.strip(),
            "description": practice.description, "path": practice.path,
            "language_name": language_name(practice.language, self.lang),
            "translate_url": self.translate_url(practice) if self.text_lang(practice) else "",
            "countries_label": t("fact.countries", count=len(practice.country_codes)),
            "countries": self.terms(practice, "countries"),
            "level": t("level." + data["level"]), "mainstreamed": bool(data.get("mainstreamed")),
            "themes": self.terms(practice, "themes"), "target_groups": self.terms(practice, "target-groups"),
            "practice_types": self.terms(practice, "practice-types"),
            "funding": [{"funder": self.term(self.kb.term("funders", item["funder"])),
                         "grant": item.get("grant_id") or "", "note": item.get("note") or "",
                         "amount": self.number(item["amount"]) if item.get("amount") else "",
                         "currency": item.get("currency") or ""} for item in data.get("funding", [])],
            "organisations": [{"link": organisation(o.id), "role": t("role." + o.role)} for o in practice.organisations],
            "organisation_terms": self.terms(practice, "organisations"),
            "projects_label": t("fact.projects", count=len(data.get("projects") or [])),
            "projects": self.terms(practice, "projects"), "evidence": self.terms(practice, "evidence"),
            "evaluations": [{"url": e["url"], "title": e["title"], "kind": t("evaluation." + e["kind"]),
                             "year": str(e.get("year") or "")} for e in data.get("evaluations", [])],
            "people_reached": [{"number": self.number(item["number"]), "year": str(item.get("year") or ""),
                                "counted": item["counted"]} for item in data.get("people_reached", [])],
            "staff": data.get("staff") or "",
            "budget": [{"amount": self.number(item["amount"]), "currency": item["currency"],
                        "period": item.get("period") or "", "covers": item["covers"]} for item in data.get("budget", [])],
            "status": t("status." + data["status"]), "last_verified": practice.last_verified,
            "contact": self.contact(data.get("contact")),
            "sources": [vars(source) for source in practice.sources],
            "translation": self.translation(practice),
            "share": self.share(practice),
            "related": [self.listed(other) for other in self.kb.related_practices(practice)],
            "edit_url": settings.edit_url(file), "source_url": settings.source_url(file),
            "correction_url": settings.correction_url(practice),
        }
        view["hidden_filters"] = self.hidden_filters(practice, view)
        return view

    # The fact box's lists whose links are values of the site search's filters (practice.md).
    FILTER_LINKS = (("country", "countries"), ("theme", "themes"), ("target", "target_groups"),
                    ("type", "practice_types"), ("evidence", "evidence"))

    def hidden_filters(self, practice: Practice, view: dict) -> list[tuple[str, str]]:
        """The search filters of a practice (model.explore.search_filters) that its fact box's links
        do not give: a programme's funder, the language, the kinds of evaluation."""
        linked = {(key, term["text"]) for key, field in self.FILTER_LINKS for term in view[field]}
        linked |= {("funder", item["funder"]["text"]) for item in view["funding"]}
        return [pair for pair in search_filters(self.kb, practice) if pair not in linked]

    def contact(self, contact: dict | None) -> dict | None:
        if not contact:
            return None
        organisation = contact.get("organisation")
        return {"organisation": self.term(self.kb.term("organisations", organisation)) if organisation else None,
                "url": contact.get("url") or "", "email": contact.get("email") or ""}

    def translation(self, practice: Practice) -> dict | None:
        """The note on a translated practice: from what, by whom, when, and where the original is."""
        shown = practice.translation
        if not shown:
            return None
        languages = self.kb.interface.languages
        original = ""  # the practice's page in the language it is written in, if the site has that language
        if practice.language in languages:
            original = self.settings.site_root + language_prefix(practice.language, languages) + self.url(practice.src_uri)
        return {"translator": shown.translator or "", "date": str(shown.translated or ""),
                "original_url": original}

    def share(self, practice: Practice) -> dict:
        shared = share_of(self.kb, practice, self.settings.page_address(practice.src_uri), self.settings.site_name,
                          accessed_word=self.catalogue.text("share.accessed"),
                          placeholder=self.catalogue.text("share.date_of_access"))
        cite = shared.citation
        return {"address": shared.address, "qr_path": shared.qr_path, "qr_download_name": shared.qr_download_name,
                "citation": {"parts": [{"text": text, "lang": language} for text, language in cite.parts],
                             "tail": cite.tail, "placeholder": cite.placeholder}}

    def translate_url(self, practice: Practice) -> str:
        """GitHub's page for starting this practice's translation into the page's language: the file's
        name; assets/share.js adds its first text (scripttexts.translation_skeleton)."""
        return self.settings.new_file_url(str(Path(practice.path).parent.as_posix()), f"{practice.slug}.{self.lang}.md")
