"""Every contributor page in every language (Contribute, Propose, the field reference, About, Open
data): translated, with no sentence of the English page left in it; the maintainers named on the
About page in every language from mkdocs.yml; "Suggest a correction" in the page's language."""
from __future__ import annotations

import re
from pathlib import Path
from urllib.parse import parse_qs, urlsplit

import pytest
import yaml

from conftest import REPO
from sitepages import interface_texts, page
from test_languages import DEFAULT, LANGUAGES, OTHERS, PLUGIN, prefix

CONTRIBUTOR_PAGES = ("contribute/", "propose/", "contribute/fields/", "about/", "data/")
SENTENCE = re.compile(r"(?<=[.:;!?])\s+")
GITHUB_BUTTONS = {"Add file → Create new file"}  # GitHub's own interface, which the steps name as GitHub shows it


def catalogue(language: str) -> dict:
    return yaml.safe_load((REPO / "translations" / f"{language}.yml").read_text(encoding="utf-8"))["messages"]


def english_sentences(site: Path, relative: str) -> set[str]:
    """The English page's sentences of four words or more (code and marked-English text left out)."""
    html = (site / relative / "index.html").read_text(encoding="utf-8")
    texts = interface_texts(html, DEFAULT)
    return {sentence.strip() for text in texts for sentence in SENTENCE.split(text)
            if len(sentence.split()) >= 4} - GITHUB_BUTTONS


@pytest.mark.parametrize("language", OTHERS)
@pytest.mark.parametrize("relative", CONTRIBUTOR_PAGES)
def test_every_contributor_page_is_in_the_page_language(real_site, relative, language):
    html = (real_site / prefix(language) / relative / "index.html").read_text(encoding="utf-8")
    assert "data-kb-notice" not in html, "shown untranslated"
    shown = " ".join(interface_texts(html, language))
    left = sorted(sentence for sentence in english_sentences(real_site, relative) if sentence in shown)
    assert left == []


@pytest.mark.parametrize("language", LANGUAGES)
def test_the_about_page_names_the_maintainers_in_every_language(real_site, language):
    soup = page(real_site / prefix(language), "about/")
    name = PLUGIN["maintainers"]["name"]
    words = catalogue(language)
    heading = soup.find("h2", string=words["maintainers.heading"])
    assert heading is not None
    text = " ".join(p.get_text(" ", strip=True) for p in heading.find_next_siblings("p"))
    assert words["maintainers.by"].replace("{name}", name) in text
    assert heading.find_next("a", href="https://github.com/integration-practices/knowledge-base/issues/new/choose")


@pytest.mark.parametrize("language", LANGUAGES)
def test_suggest_a_correction_opens_an_issue_in_the_page_language(real_site, language):
    slug = "skofja-loka-council-for-inclusion"
    words = catalogue(language)
    link = page(real_site / prefix(language), f"practices/{slug}/").find("a", string=words["practice.correct"])
    query = {key: values[0] for key, values in parse_qs(urlsplit(link["href"]).query).items()}
    assert query.keys() == {"title", "labels"} and query["labels"] == "correction"
    assert query["title"].startswith(words["correction.title"].split("{")[0])
    # The body (the file and the question, in the page's language) is added by assets/share.js:
    # test_languages_browser.py opens the link in Chromium.
    assert link["data-kb-prefill"] == "correction" and link["data-kb-path"] == f"practices/{slug}.md"
