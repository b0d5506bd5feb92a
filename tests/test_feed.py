"""The Atom feed /feed.xml, read by feedparser as a feed reader would and checked against the
Atom namespace: every practice, newest first, `updated` = last_verified, linked from every page."""
from __future__ import annotations

import xml.etree.ElementTree as ET

import feedparser
import pytest

from conftest import REPO, VALID_PRACTICE, build_site, make_project
from published import SITE_NAME, SITE_URL, practice_address
from sitepages import front_matter, page, resolve, tree
from test_build import PRACTICE_FILES

ATOM = "{http://www.w3.org/2005/Atom}"


def test_feed_lists_every_practice_newest_first_dated_by_last_verified(real_site):
    feed = feedparser.parse((real_site / "feed.xml").read_bytes())
    assert not feed.bozo, feed.get("bozo_exception")
    assert feed.version == "atom10"
    assert feed.feed.title == f"{SITE_NAME}: new and updated practices"
    assert feed.feed.id == SITE_URL
    assert {link.rel: link.href for link in feed.feed.links}["self"] == SITE_URL + "feed.xml"

    expected = {path.stem: front_matter(path) for path in PRACTICE_FILES}
    entries = {entry.id: entry for entry in feed.entries}
    assert set(entries) == {practice_address(slug) for slug in expected}
    for slug, data in expected.items():
        entry = entries[practice_address(slug)]
        assert entry.title == data["title"]
        assert entry.link == practice_address(slug)
        assert entry.updated == f"{data['last_verified']}T00:00:00Z"
        assert " ".join(entry.summary.split()) == " ".join(data["summary"].split())
        assert "published" not in entry  # documented: the files have no date a practice was added
        assert {tag.term for tag in entry.tags} == set(data["themes"])
    dates = [entry.updated for entry in feed.entries]
    assert dates == sorted(dates, reverse=True)
    assert feed.feed.updated == dates[0]


def test_feed_is_atom_by_namespace(real_site):
    root = ET.parse(real_site / "feed.xml").getroot()
    assert root.tag == f"{ATOM}feed"
    for required in ("id", "title", "updated", "author"):
        assert root.find(f"{ATOM}{required}") is not None, required
    for entry in root.findall(f"{ATOM}entry"):
        for required in ("id", "title", "updated", "link", "summary"):
            assert entry.find(f"{ATOM}{required}") is not None, required


def test_every_page_names_the_feed_in_its_head(real_site):
    missing = []
    languages = {path.name for path in real_site.iterdir() if (path / "feed.xml").is_file()}
    for html in real_site.rglob("*.html"):
        relative = html.relative_to(real_site).as_posix()
        if relative.startswith("pagefind/"):
            continue
        # Each language's pages name the feed of that language (its own titles), at <language>/feed.xml.
        language = relative.split("/")[0] if relative.split("/")[0] in languages else ""
        feed = real_site / language / "feed.xml"
        link = next((link for link in tree(real_site, relative).head.iter("link")  # rel is a list of words
                     if "alternate" in link.get("rel", "").split() and link.get("type") == "application/atom+xml"), None)
        if relative.endswith("404.html"):  # served at any address, so its links start from the site root
            assert link is not None and link.get("href").endswith(f"{language}/feed.xml".lstrip("/"))
            continue
        if link is None or resolve(real_site, relative.removesuffix("index.html"), link.get("href")) != feed:
            missing.append(relative)
    assert missing == []


def test_a_newly_verified_practice_comes_first(tmp_path):
    older = VALID_PRACTICE
    newer = VALID_PRACTICE.replace("Test coordination body in Testtown", "Test welcome desk in Testtown") \
        .replace('last_verified: "2025-01-15"', 'last_verified: "2025-06-30"')
    project = make_project(tmp_path / "p", {"older.md": older, "newer.md": newer})
    assert build_site(project, tmp_path / "site").returncode == 0
    feed = feedparser.parse((tmp_path / "site" / "feed.xml").read_bytes())
    assert [entry.id.rstrip("/").split("/")[-1] for entry in feed.entries] == ["newer", "older"]
    assert feed.feed.updated == "2025-06-30T00:00:00Z"


def test_another_language_feed_names_its_licence_in_its_words_and_marks_untranslated_entries(real_site):
    """The Lithuanian feed: its rights line from the Lithuanian catalogue, and each entry shown in
    its English original marked xml:lang="en" (its title and summary are English)."""
    root = ET.parse(real_site / "lt" / "feed.xml").getroot()
    xml_lang = "{http://www.w3.org/XML/1998/namespace}lang"
    assert root.get(xml_lang) == "lt"
    assert root.find(f"{ATOM}rights").text == "Turinys CC BY 4.0 (https://creativecommons.org/licenses/by/4.0/)"
    entries = root.findall(f"{ATOM}entry")
    english = [entry for entry in entries if entry.get(xml_lang) == "en"]
    assert english and len(english) < len(entries)  # the practices translated into Lithuanian are not marked
    for entry in english:
        slug = entry.find(f"{ATOM}id").text.rstrip("/").rsplit("/", 1)[-1]
        assert not (REPO / "practices" / f"{slug}.lt.md").exists(), slug
