"""axe-core (vendored in tests/vendor/, so it runs offline) on the home, a practice, a term and
the Explore page of the real site, and a practice in Slovak and Slovenian, in the light and the dark colour scheme: no violations of
any rule axe runs by default (WCAG 2.0, 2.1 and 2.2 A and AA, and best practices)."""
from __future__ import annotations

import json

import pytest

from conftest import REPO

pytest_plugins = ["browser"]

AXE = REPO / "tests" / "vendor" / "axe.min.js"
PAGES = {
    "home": "",
    "practice": "practices/koper-coordination-body-for-migrant-inclusion/",
    "term": "themes/intercultural-mediation/",
    "explore": "explore/",
    # Another language: the notice on an untranslated practice, text marked lang="en", the switcher.
    "practice in Slovak": "sk/practices/koper-coordination-body-for-migrant-inclusion/",
    "translated practice": "sl/practices/skofja-loka-council-for-inclusion/",
}


def axe_violations(page) -> list[dict]:
    page.add_script_tag(path=str(AXE))
    return page.evaluate("""async () => {
        const outcome = await axe.run(document, {resultTypes: ['violations']});
        return outcome.violations.map(v => ({id: v.id, impact: v.impact, help: v.help,
            nodes: v.nodes.slice(0, 5).map(n => n.target.join(' ') + ': ' + n.failureSummary)}));
    }""")


@pytest.mark.parametrize("scheme", ["light", "dark"])
@pytest.mark.parametrize("name", list(PAGES))
def test_no_axe_violations(browser, real_site_url, name, scheme):
    context = browser.new_context(color_scheme=scheme, locale="en-GB")
    try:
        page = context.new_page()
        page.goto(real_site_url + PAGES[name])
        if name == "explore":
            page.wait_for_selector("#kb-explore[data-kb-ready='true']")
            page.check("input[name=country][value=SI]")  # with results and counts changed by the script
            page.wait_for_function("() => location.search.includes('country=SI')")
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
