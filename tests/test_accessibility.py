"""axe-core (vendored in tests/vendor/, so it runs offline) on every kind of page a reader meets
(home, a practice, a term, Explore and the proposal form) of the real site, in every language
and in Material's light and dark palette: no violations of any rule axe runs by default (WCAG
2.0, 2.1 and 2.2 A and AA, and best practices)."""
from __future__ import annotations

import json

import pytest
import yaml

from conftest import REPO

pytest_plugins = ["browser"]

AXE = REPO / "tests" / "vendor" / "axe.min.js"
CONFIG = yaml.safe_load((REPO / "mkdocs.yml").read_text(encoding="utf-8").replace("!!python", "#"))
LANGUAGES = next(p["practicekb"] for p in CONFIG["plugins"] if isinstance(p, dict) and "practicekb" in p)["languages"]
PAGES = {
    "home": "",
    # translated into Slovak and Slovenian, not into Lithuanian or Norwegian: both kinds of practice page
    # (an untranslated one has the notice and its text marked lang="en")
    "practice": "practices/koper-coordination-body-for-migrant-inclusion/",
    "term": "themes/intercultural-mediation/",
    "explore": "explore/",
    "form": "propose/",
    "map": "map/",
    "country with its map": "countries/si/",
}
SCHEMES = {"light": "default", "dark": "slate"}  # the colour scheme the reader's system asks for: Material's palette


def axe_violations(page) -> list[dict]:
    """What axe finds on the page as it is now (added to the page unless its context adds it to every page)."""
    if not page.evaluate("() => typeof window.axe === 'object'"):
        page.add_script_tag(path=str(AXE))
    return page.evaluate("""async () => {
        // colours are measured once transitions have ended (tabs fading out as a page scrolls, …)
        const ending = document.getAnimations().filter(a => a.effect.getComputedTiming().endTime !== Infinity);
        await Promise.all(ending.map(a => a.finished.catch(() => null)));
        const outcome = await axe.run(document, {resultTypes: ['violations']});
        return outcome.violations.map(v => ({id: v.id, impact: v.impact, help: v.help,
            nodes: v.nodes.slice(0, 5).map(n => n.target.join(' ') + ': ' + n.failureSummary)}));
    }""")


def prefix(language: str) -> str:
    return "" if language == LANGUAGES[0] else f"{language}/"


def open_in_scheme(browser, url: str, scheme: str):
    context = browser.new_context(color_scheme=scheme, locale="en-GB")
    page = context.new_page()
    page.goto(url)
    assert page.locator("body").get_attribute("data-md-color-scheme") == SCHEMES[scheme]
    return context, page


@pytest.fixture(scope="module")
def scheme_contexts(browser):
    """One browser context per colour scheme for the page matrix (the palette Material keeps in local
    storage is that scheme's), with axe in every page it opens."""
    contexts = {}
    for scheme in SCHEMES:
        contexts[scheme] = browser.new_context(color_scheme=scheme, locale="en-GB")
        contexts[scheme].add_init_script(path=str(AXE))
    yield contexts
    for context in contexts.values():
        context.close()


def test_every_language_of_the_site_is_checked():
    assert LANGUAGES == ["en", "sk", "sl", "lt", "nb"]


@pytest.mark.parametrize("scheme", list(SCHEMES))
@pytest.mark.parametrize("language", LANGUAGES)
@pytest.mark.parametrize("name", list(PAGES))
def test_no_axe_violations(scheme_contexts, real_site_url, name, language, scheme):
    page = scheme_contexts[scheme].new_page()
    try:
        page.goto(real_site_url + prefix(language) + PAGES[name])
        assert page.locator("body").get_attribute("data-md-color-scheme") == SCHEMES[scheme]
        assert page.locator("html").get_attribute("lang") == language
        if name == "explore":
            page.wait_for_selector("#kb-explore[data-kb-ready='true']")
            page.check("input[name=country][value=SI]")  # with results and counts changed by the script
            page.wait_for_function("() => location.search.includes('country=SI')")
        if name == "form":
            page.locator("#kb-propose").wait_for(state="visible")
            page.locator(".kb-add").first.click()  # a row of its own, with its Remove button
            assert page.locator(".kb-remove:visible").count() >= 1
        violations = axe_violations(page)
        assert violations == [], json.dumps(violations, indent=2)
    finally:
        page.close()


@pytest.mark.parametrize("scheme", list(SCHEMES))
def test_a_translated_practice_has_no_axe_violations(browser, real_site_url, scheme):
    context, page = open_in_scheme(browser, real_site_url + "sl/practices/skofja-loka-council-for-inclusion/", scheme)
    try:
        assert page.locator(".kb-translation").count() == 1  # the note on a translated practice
        violations = axe_violations(page)
        assert violations == [], json.dumps(violations, indent=2)
    finally:
        context.close()


def test_header_search_with_results_has_no_axe_violations(browser, real_site_url):
    context = browser.new_context(locale="en-GB")
    try:
        page = context.new_page()
        page.goto(real_site_url)
        page.fill("#kb-search-input", "mediation")
        page.locator("#kb-search-results li").first.wait_for()
        violations = axe_violations(page)
        assert violations == [], json.dumps(violations, indent=2)
    finally:
        context.close()
