"""The Atom feed of new and updated practices, dated from the front matter only.

`updated` is a practice's last_verified date: the day its facts were last checked, which
is when a page is written or revised. There is no `published` date: the front matter has
no date a practice was added, and `start` is when the practice itself began (often years
before it was written up), so a reader that sorted by it would hide new entries. A new
practice shows as a new entry id; a revised one as a later `updated`.
"""
from __future__ import annotations

import xml.etree.ElementTree as ET

from ..pages.citation import authors
from ..model.explore import shown_language
from ..model.model import KnowledgeBase, Practice
from ..pages.addresses import SiteSettings

FEED_PATH = "feed.xml"
FEED_SIZE = 100  # the newest entries; the open data (data/practices.json) holds every practice
ATOM = "http://www.w3.org/2005/Atom"
XML_LANG = "{http://www.w3.org/XML/1998/namespace}lang"
LICENCE_URL = "https://creativecommons.org/licenses/by/4.0/"  # the content's licence; its name comes from the catalogue


def atom_date(day: str) -> str:
    """RFC 3339, as Atom wants: midnight UTC of a YYYY-MM-DD date."""
    return f"{day}T00:00:00Z"


def newest_first(kb: KnowledgeBase) -> list[Practice]:
    """By last_verified, newest first; ties by slug, so the feed is the same on every build."""
    by_slug = sorted(kb.practices.values(), key=lambda p: p.slug)
    return sorted(by_slug, key=lambda p: p.last_verified, reverse=True)


def _add(parent: ET.Element, tag: str, text: str | None = None, **attributes: str) -> ET.Element:
    element = ET.SubElement(parent, f"{{{ATOM}}}{tag}", attributes)
    if text is not None:
        element.text = text
    return element


def feed_xml(kb: KnowledgeBase, settings: SiteSettings, size: int = FEED_SIZE) -> str:
    """The feed in the knowledge base's language: its title, subtitle and theme labels from that
    language's catalogue and vocabulary, and marked with xml:lang."""
    practices = newest_first(kb)[:size]
    language = shown_language(kb)
    words = kb.interface.catalogues[language]
    ET.register_namespace("", ATOM)
    feed = ET.Element(f"{{{ATOM}}}feed", {XML_LANG: language})
    _add(feed, "id", settings.site_url)
    _add(feed, "title", words.text("feed.link", site=settings.site_name))
    _add(feed, "subtitle", words.text("feed.subtitle"))
    _add(feed, "updated", atom_date(practices[0].last_verified) if practices else "1970-01-01T00:00:00Z")
    _add(feed, "link", rel="self", type="application/atom+xml", href=settings.site_url + FEED_PATH)
    _add(feed, "link", rel="alternate", type="text/html", href=settings.site_url)
    _add(_add(feed, "author"), "name", settings.site_name)
    _add(feed, "rights", words.text("feed.rights", url=LICENCE_URL))
    _add(feed, "generator", "practicekb")
    themes = kb.vocabularies["themes"]
    for practice in practices:
        entry = _add(feed, "entry")
        shown = practice.text_language or practice.language
        if shown != language:  # shown untranslated: its title and summary are in its own language
            entry.set(XML_LANG, shown)
        address = settings.page_address(practice.src_uri)
        _add(entry, "id", address)
        _add(entry, "title", practice.title)
        _add(entry, "updated", atom_date(practice.last_verified))
        _add(entry, "link", rel="alternate", type="text/html", href=address)
        for name, _ in authors(kb, practice):
            _add(_add(entry, "author"), "name", name)
        for theme in practice.themes:
            _add(entry, "category", term=theme, label=themes.terms[theme].text(language),
                 scheme=settings.page_address("themes/index.md"))
        _add(entry, "summary", practice.summary, type="text")
    ET.indent(feed)
    return '<?xml version="1.0" encoding="utf-8"?>\n' + ET.tostring(feed, encoding="unicode") + "\n"
