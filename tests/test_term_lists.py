"""Unit tests of term pages' lists: a long list shows titles only, and leads to Explore filtered by the term."""
from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

from conftest import REPO, VALID_PRACTICE, make_project
from practicekb.model.pipeline import ProjectPaths, check
from practicekb.pages.pages import LONG_LIST, render_pages
from practicekb.pages.addresses import SiteSettings

pytestmark = pytest.mark.unit  # the fast inner loop: make test-fast


def term_page(pages, src_uri: str) -> str:
    page = next(page for page in pages if page.src_uri == src_uri)
    return page.content + "".join(page.fragments)


def test_a_long_term_list_shows_titles_only_and_a_short_one_summaries(tmp_path: Path):
    practices = {f"practice-{n:03}.md": VALID_PRACTICE.replace("Test coordination body in Testtown", f"Body number {n}")
                 for n in range(LONG_LIST + 1)}
    practices["practice-000.md"] = practices["practice-000.md"].replace("themes: [coordination-bodies]",
                                                                        "themes: [coordination-bodies, employment]")
    kb, problems = check(ProjectPaths.at(make_project(tmp_path / "p", practices, REPO / "vocabularies")), dt.date(2026, 1, 1))
    assert problems == []
    pages = render_pages(kb.in_language("en"), REPO / "overrides" / "kb", SiteSettings(site_name="Test"))
    long = term_page(pages, "themes/coordination-bodies.md")
    assert long.count('<li><a href="../../practices/practice-') == LONG_LIST + 1  # every practice, still
    assert "A made-up practice for the tests" not in long
    assert 'A long list: titles only. With summaries and filters by country, theme, period and more: ' \
           '<a href="../../explore/?theme=coordination-bodies">Explore practices</a>.' in long
    short = term_page(pages, "themes/employment.md")
    assert short.count("<li><a href=\"../../practices/practice-") == 1 and "A made-up practice for the tests" in short and "A long list" not in short
