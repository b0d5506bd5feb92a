"""axe-core (vendored in tests/vendor/, so it runs offline) on every kind of page a reader meets
(home, a practice, a term, Explore and the proposal form) of the real site, in every language
and in Material's light and dark palette: no violations of any rule axe runs by default (WCAG
2.0, 2.1 and 2.2 A and AA, and best practices).

The page matrix opens each page once, in the light palette, and runs every rule; then switches
to the dark palette with Material's own toggle, as a reader does, and runs the rules that read
colours (COLOUR_RULES): the palette changes colours only, so every other rule sees the same page.
A page opened in the dark palette from the start (the reader's system asks for it) is checked
whole too (test_a_translated_practice_has_no_axe_violations)."""
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
COLOUR_RULES = ["color-contrast", "link-in-text-block"]  # axe's default rules that read colours


def axe_violations(page, rules: list[str] | None = None) -> list[dict]:
    """What axe finds on the page as it is now, by every default rule or by `rules` only (axe is added
    to the page unless its context adds it to every page)."""
    if not page.evaluate("() => typeof window.axe === 'object'"):
        page.add_script_tag(path=str(AXE))
    return page.evaluate("""async rules => {
        // colours are measured once transitions have ended (tabs fading out as a page scrolls, …)
        const ending = document.getAnimations().filter(a => a.effect.getComputedTiming().endTime !== Infinity);
        await Promise.all(ending.map(a => a.finished.catch(() => null)));
        const options = {resultTypes: ['violations']};
        if (rules) { options.runOnly = {type: 'rule', values: rules}; }
        const outcome = await axe.run(document, options);
        return outcome.violations.map(v => ({id: v.id, impact: v.impact, help: v.help,
            nodes: v.nodes.slice(0, 5).map(n => n.target.join(' ') + ': ' + n.failureSummary)}));
    }""", rules)


def prefix(language: str) -> str:
    return "" if language == LANGUAGES[0] else f"{language}/"


def open_in_scheme(browser, url: str, scheme: str):
    context = browser.new_context(color_scheme=scheme, locale="en-GB")
    page = context.new_page()
    page.goto(url)
    assert page.locator("body").get_attribute("data-md-color-scheme") == SCHEMES[scheme]
    return context, page


@pytest.fixture(scope="module")
def matrix_page(browser):
    """One page for the whole matrix, in a context whose system palette is light, with axe in every
    document it opens. Each test opens its address in it: one renderer for the matrix, so axe and
    Material's script are compiled once rather than for every test."""
    context = browser.new_context(color_scheme="light", locale="en-GB")
    context.add_init_script(path=str(AXE))
    page = context.new_page()
    yield page
    context.close()


def test_every_language_of_the_site_is_checked():
    assert LANGUAGES == ["en", "sk", "sl", "lt", "nb"]


@pytest.mark.parametrize("language", LANGUAGES)
@pytest.mark.parametrize("name", list(PAGES))
def test_no_axe_violations(matrix_page, real_site_url, name, language):
    page = matrix_page
    try:
        page.goto(real_site_url + prefix(language) + PAGES[name])
        assert page.locator("body").get_attribute("data-md-color-scheme") == SCHEMES["light"]
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
        page.locator("label[for=__palette_1]").click()  # Material's toggle: "Switch to dark mode"
        page.wait_for_function("() => document.body.dataset.mdColorScheme === 'slate'")
        violations = axe_violations(page, COLOUR_RULES)
        assert violations == [], "in the dark palette: " + json.dumps(violations, indent=2)
    finally:
        page.evaluate("() => localStorage.clear()")  # the palette chosen (and Explore's view) go with the test


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


@pytest.mark.parametrize("scheme", list(SCHEMES))
def test_a_phones_menu_on_a_practice_shows_the_tabs_without_axe_violations(browser, real_site_url, scheme):
    """A page the navigation does not list carries its top level once, as the tabs; a phone's menu
    shows them (kb.css), also once Material has hidden the tabs for a scrolled page."""
    context = browser.new_context(color_scheme=scheme, locale="en-GB", viewport={"width": 375, "height": 740})
    try:
        page = context.new_page()
        page.goto(real_site_url + "lt/" + PAGES["practice"])
        link = page.locator(".md-tabs a[href$='explore/']")
        assert not link.is_visible()
        page.mouse.wheel(0, 2000)
        page.wait_for_function("() => document.querySelector('.md-tabs').hidden")
        page.locator("header label[for=__drawer]").click()
        link.wait_for(state="visible")
        assert page.locator(".md-sidebar--primary").is_hidden()  # no empty panel beside it
        violations = axe_violations(page)
        assert violations == [], json.dumps(violations, indent=2)
        link.click()
        page.wait_for_url("**/lt/explore/")
        assert not page.locator("#__drawer").is_checked()
    finally:
        context.close()
