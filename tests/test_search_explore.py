"""Explore and the header search in real Chromium, on a site of real and synthetic practices:
filters give exactly the practices the files say, counts are right, the address restores the
view, the header search finds a word that only a practice's body has, the keyboard alone is
enough, and no request leaves 127.0.0.1."""
from __future__ import annotations

import re
from pathlib import Path
from urllib.parse import parse_qs, urlsplit

import pytest
from bs4 import BeautifulSoup

from conftest import REPO, make_project
from sitepages import front_matter

from benchmarks.synthetic import write_practices

pytest_plugins = ["browser"]

BODY_WORD = "allotment"
BODY_ONLY = """\
---
title: Test welcome desk in Testville
summary: >-
  A made-up practice for the tests: the municipality opened a desk where newcomers get
  first information about services, schools and courses in one place.
countries: [SI]
place: Testville
level: municipal
start: 2016
end: ongoing
themes: [welcome-and-information]
practice_type: advisory-body
organisations:
  - {id: pina, role: lead}
evidence: running
sources:
  - title: Test source
    url: https://example.org/source
last_verified: "2025-01-15"
status: active
---

## What was done

Volunteers also run shared allotment gardens where newcomers and long-standing residents meet.
"""


@pytest.fixture(scope="session")
def explore_project(tmp_path_factory) -> Path:
    """The real practices, 60 synthetic ones and one whose body alone has BODY_WORD: over 100, so
    Explore has its first page (in the page) and another (fetched: explore/cards/1.json)."""
    practices = {p.name: p.read_text(encoding="utf-8") for p in (REPO / "practices").glob("*.md")
                 if not p.name.startswith("_") and p.name.count(".") == 1}  # English only: no translations
    practices["test-welcome-desk-in-testville.md"] = BODY_ONLY
    project = make_project(tmp_path_factory.mktemp("explore") / "project", practices, REPO / "vocabularies")
    write_practices(project / "practices", 60, project / "vocabularies", seed=7)
    return project


@pytest.fixture(scope="session")
def site_url(explore_project, build_and_serve) -> str:
    return build_and_serve(explore_project)


@pytest.fixture(scope="session")
def facts(explore_project) -> dict[str, dict]:
    """slug -> front matter, read from the files without the project's code."""
    return {p.stem: front_matter(p) for p in sorted((explore_project / "practices").glob("*.md"))}


def title_order(facts: dict[str, dict]) -> list[str]:
    return sorted(facts, key=lambda slug: (facts[slug]["title"].casefold(), slug))


def shown_slugs(page) -> list[str]:
    hrefs = page.eval_on_selector_all("#kb-results li a", "links => links.map(a => a.getAttribute('href'))")
    return [href.rstrip("/").split("/")[-1] for href in hrefs]


def counts_of(page, name: str) -> dict[str, int]:
    pairs = page.eval_on_selector_all(
        f"input[name={name}]", "boxes => boxes.map(b => [b.value, b.parentNode.querySelector('[data-kb-count]').textContent])")
    return {value: int(re.sub(r"\D", "", text)) for value, text in pairs}


def open_explore(page, site_url: str, query: str = ""):
    page.goto(site_url + "explore/" + query)
    page.wait_for_selector("#kb-explore[data-kb-ready='true']")


def wait_for_results(page, count: int) -> None:
    page.wait_for_function("n => document.querySelector('#kb-explore').dataset.kbResults === String(n)", arg=count)


def query_of(page) -> dict[str, list[str]]:
    return parse_qs(urlsplit(page.url).query)


def busiest_theme(facts: dict[str, dict], country: str) -> str:
    """The theme most practices of `country` name, but not all of them, so the filter matters."""
    of_country = [d for d in facts.values() if country in d["countries"]]
    tally: dict[str, int] = {}
    for data in of_country:
        for theme in data["themes"]:
            tally[theme] = tally.get(theme, 0) + 1
    return max((t for t, n in tally.items() if n < len(of_country)), key=lambda t: (tally[t], t))


def test_filtering_by_country_and_theme_gives_exactly_the_expected_practices(page, site_url, facts, offsite_requests, page_errors):
    theme = busiest_theme(facts, "SI")
    expected = [s for s in title_order(facts) if "SI" in facts[s]["countries"] and theme in facts[s]["themes"]]
    assert 0 < len(expected) < len([s for s in facts if "SI" in facts[s]["countries"]])
    open_explore(page, site_url)
    assert shown_slugs(page) == title_order(facts)[:100]  # a page at a time
    page.click("#kb-more")
    page.wait_for_function(f"() => document.querySelectorAll('#kb-results > li').length === {len(facts)}")
    assert shown_slugs(page) == title_order(facts)
    page.check("input[name=country][value=SI]")
    page.check(f"input[name=theme][value={theme}]")
    wait_for_results(page, len(expected))
    assert shown_slugs(page) == expected
    assert page.locator("#kb-count").inner_text() == f"{len(expected)} of {len(facts)} practices, A to Z."

    # Each value shows how many practices there would be with it chosen, given the other facets.
    slovenian = {s for s in facts if "SI" in facts[s]["countries"]}
    with_theme = {s for s in facts if theme in facts[s]["themes"]}
    for value, count in counts_of(page, "theme").items():
        assert count == len({s for s in slovenian if value in facts[s]["themes"]}), value
    for value, count in counts_of(page, "country").items():
        assert count == len({s for s in with_theme if value in facts[s]["countries"]}), value
    for value, count in counts_of(page, "evidence").items():
        assert count == len({s for s in slovenian & with_theme if facts[s]["evidence"] == value}), value
    assert offsite_requests == [] and page_errors == []


def test_the_address_holds_the_view_for_reload_back_forward_and_a_shared_link(page, site_url, facts, offsite_requests, page_errors):
    theme = busiest_theme(facts, "SI")
    slovenian = [s for s in title_order(facts) if "SI" in facts[s]["countries"]]
    both = [s for s in slovenian if theme in facts[s]["themes"]]
    open_explore(page, site_url)
    page.check("input[name=country][value=SI]")
    wait_for_results(page, len(slovenian))
    page.check(f"input[name=theme][value={theme}]")
    wait_for_results(page, len(both))
    assert query_of(page) == {"country": ["SI"], "theme": [theme]}

    page.reload()
    page.wait_for_selector("#kb-explore[data-kb-ready='true']")
    wait_for_results(page, len(both))
    assert shown_slugs(page) == both
    assert page.is_checked("input[name=country][value=SI]") and page.is_checked(f"input[name=theme][value={theme}]")

    fetched: list[str] = []
    page.on("request", lambda request: fetched.append(request.url))
    page.go_back()
    wait_for_results(page, len(slovenian))
    assert query_of(page) == {"country": ["SI"]}
    assert not [url for url in fetched if "/explore/?" in url]  # restored in place, not downloaded again
    assert shown_slugs(page) == slovenian and not page.is_checked(f"input[name=theme][value={theme}]")
    page.go_back()
    wait_for_results(page, len(facts))
    assert query_of(page) == {} and not page.is_checked("input[name=country][value=SI]")
    page.go_forward()
    wait_for_results(page, len(slovenian))
    assert page.is_checked("input[name=country][value=SI]")

    # A shared link: words, a period and a sort order, opened in a fresh page.
    shared = page.context.new_page()
    open_explore(shared, site_url, f"?theme={theme}&from=2015&sort=newest")

    def first_last(data: dict) -> tuple[int | None, int | None]:
        """First and last year; a practice still running (start unknown or not) runs up to now."""
        start, end = data.get("start"), data.get("end")
        first = int(start) if start else (int(end) if end and end != "ongoing" else None)
        last = 9999 if end == "ongoing" else (int(end) if end else first)
        return first, last

    expected = [s for s in facts if theme in facts[s]["themes"] and (first_last(facts[s])[1] or 0) >= 2015]
    order = {s: n for n, s in enumerate(title_order(facts))}
    expected.sort(key=lambda s: (-(first_last(facts[s])[0] or 0), order[s]))  # an unknown start sorts last
    wait_for_results(shared, len(expected))
    assert shown_slugs(shared) == expected
    assert shared.input_value("#kb-sort") == "newest" and shared.input_value("#kb-from") == "2015"
    assert offsite_requests == [] and page_errors == []


def test_header_search_finds_a_practice_by_a_word_only_its_body_has(page, site_url, facts, offsite_requests, page_errors):
    slug = "test-welcome-desk-in-testville"
    assert BODY_WORD not in str(facts[slug]).lower()  # not in the title, summary or any other fact
    page.goto(site_url)
    page.fill("#kb-search-input", BODY_WORD)
    link = page.locator(f"#kb-search-results a[href$='/practices/{slug}/']")
    link.wait_for()
    assert "Testville" in page.locator("#kb-search-results").inner_text()
    link.click()
    page.wait_for_url(f"**/practices/{slug}/")
    # Explore's word box uses the same index.
    open_explore(page, site_url, f"?q={BODY_WORD}")
    wait_for_results(page, 1)
    assert shown_slugs(page) == [slug]
    assert offsite_requests == [] and page_errors == []


def test_header_search_narrows_by_facet_and_leads_to_explore(page, site_url, facts, offsite_requests, page_errors):
    page.goto(site_url)
    page.fill("#kb-search-input", "municipality")
    page.locator("#kb-search-results li").first.wait_for()
    before = int(re.sub(r"\D", "", page.locator("#kb-search-meta").inner_text()))
    page.locator("#kb-search-narrow summary").click()
    country = page.locator("#kb-search-narrow select[data-kb-facet=country]")
    country.wait_for()
    country.select_option("Slovenia")
    page.wait_for_function("() => /with these filters/.test(document.querySelector('#kb-search-meta').textContent)")
    after = int(re.sub(r"\D", "", page.locator("#kb-search-meta").inner_text()))
    assert 0 < after < before
    wheres = page.locator("#kb-search-results .kb-where").all_inner_texts()
    assert wheres and all("Slovenia" in where for where in wheres)
    page.locator("#kb-search-links a", has_text="Explore").click()
    page.wait_for_selector("#kb-explore[data-kb-ready='true']")
    # Explore opens on the same view: the words and the country chosen in the header (sent by its
    # label, written back into the address as Explore's own value id), the same practices.
    assert query_of(page) == {"q": ["municipality"], "country": ["SI"]}
    assert page.is_checked("input[name=country][value=SI]")
    wait_for_results(page, after)
    assert all("SI" in facts[slug]["countries"] for slug in shown_slugs(page))
    assert offsite_requests == [] and page_errors == []


def test_explore_takes_a_filter_by_its_label_and_ignores_what_it_does_not_know(page, site_url, facts, offsite_requests, page_errors):
    open_explore(page, site_url, "?country=Slovenia&theme=toString&country=Atlantis&sort=constructor")
    assert query_of(page) == {"country": ["SI"]}
    slovenian = [s for s in title_order(facts) if "SI" in facts[s]["countries"]]
    wait_for_results(page, len(slovenian))
    assert shown_slugs(page) == slovenian
    assert offsite_requests == [] and page_errors == []


def test_keyboard_alone_reaches_and_toggles_filters(page, site_url, facts, offsite_requests, page_errors):
    open_explore(page, site_url)
    for _ in range(80):
        page.keyboard.press("Tab")
        if page.evaluate("() => document.activeElement.name === 'country'"):
            break
    else:
        pytest.fail("Tab never reached a country filter")
    focused = page.evaluate("""() => { const e = document.activeElement, s = getComputedStyle(e);
        return {value: e.value, outline: s.outlineStyle, width: parseFloat(s.outlineWidth)}; }""")
    assert focused["outline"] != "none" and focused["width"] >= 2  # focus is visible
    code = focused["value"]
    expected = [s for s in facts if code in facts[s]["countries"]]
    page.keyboard.press("Space")
    wait_for_results(page, len(expected))
    assert query_of(page) == {"country": [code]}
    assert page.locator("#kb-count").inner_text().startswith(f"{len(expected)} of {len(facts)}")
    page.keyboard.press("Enter")  # Enter toggles too, and does not submit anything
    wait_for_results(page, len(facts))
    assert query_of(page) == {}
    page.keyboard.press("Tab")
    page.keyboard.press("Space")
    assert page.evaluate("() => document.activeElement.checked")
    assert offsite_requests == [] and page_errors == []


def test_filters_are_labelled_form_controls_in_fieldsets_and_the_count_is_announced(page, site_url):
    open_explore(page, site_url)
    soup = BeautifulSoup(page.content(), "html.parser")
    count = soup.find(id="kb-count")
    assert count["aria-live"] == "polite" and count["role"] == "status"
    form = soup.find("form", id="kb-explore-form")
    for control in form.find_all(["input", "select"]):
        labelled = control.find_parent("label") or (control.get("id") and form.find("label", attrs={"for": control["id"]}))
        assert labelled, control
    for box in form.find_all("input", type="checkbox"):
        fieldset = box.find_parent("fieldset", class_="kb-facet")
        assert fieldset is not None and fieldset.find("legend").get_text(strip=True)
    assert not [tag for tag in soup.find_all(True) for name in tag.attrs if name.startswith("on")]  # no inline handlers


def test_explore_without_javascript_lists_the_first_page_and_leads_to_every_practice(browser, site_url, facts):
    context = browser.new_context(java_script_enabled=False)
    try:
        page = context.new_page()
        page.goto(site_url + "explore/")
        assert not page.locator("#kb-explore-form").is_visible()
        hrefs = page.eval_on_selector_all("#kb-results > li > a", "links => links.map(a => a.getAttribute('href'))")
        assert [h.rstrip("/").split("/")[-1] for h in hrefs] == title_order(facts)[:100]
        assert page.locator("#kb-count").inner_text() == f"{len(facts)} practices, A to Z."
        # The rest: the map page lists every practice, by country.
        with page.expect_navigation():
            page.click(".kb-explore__nojs a[href$='map/']")
        assert urlsplit(page.url).path == "/map/"
        listed = page.eval_on_selector_all("a[href*='practices/']", "links => links.map(a => a.getAttribute('href'))")
        assert set(facts) <= {h.rstrip("/").split("/")[-1] for h in listed}
    finally:
        context.close()


def test_a_first_visit_to_explore_downloads_the_page_alone_and_filters_fetch_the_rest(page, site_url, facts):
    """The facet index and the other cards come when the form is used, and only the cards shown."""
    asked: list[str] = []
    page.on("request", lambda request: asked.append(urlsplit(request.url).path))
    open_explore(page, site_url)
    page.wait_for_load_state("networkidle")
    assert not [path for path in asked if "/explore/" in path and path.endswith(".json")]
    page.click("#kb-more")
    page.wait_for_function(f"() => document.querySelectorAll('#kb-results > li').length === {len(facts)}")
    fetched = sorted(path.rsplit("/explore/", 1)[1] for path in asked if "/explore/" in path and path.endswith(".json"))
    assert fetched == ["cards/1.json", "practices.json"]
    assert shown_slugs(page) == title_order(facts)


def test_site_search_finds_a_practice_by_title_summary_body_place_and_organisation(page, real_site_url, offsite_requests):
    page.goto(real_site_url)
    for word in ("Koper", "multi-stakeholder", "needs assessment", "PiNA", "Slovenia"):
        urls = page.evaluate("""async word => {
            const pagefind = await import(new URL('pagefind/pagefind.js', location.href).href);
            const search = await pagefind.search(word);
            const pages = await Promise.all(search.results.map(r => r.data()));
            return pages.map(p => p.url);
        }""", word)
        assert "/practices/koper-coordination-body-for-migrant-inclusion/" in urls, word
    assert offsite_requests == []


def test_filters_fold_away_on_small_screens_only(browser, site_url):
    for width, folded in ((1280, False), (390, True)):
        context = browser.new_context(viewport={"width": width, "height": 800})
        try:
            page = context.new_page()
            open_explore(page, site_url)
            toggle = page.locator("#kb-filters-toggle")
            country = page.locator("input[name=country][value=SI]")
            assert toggle.is_visible() == folded and country.is_visible() != folded
            if folded:
                toggle.click()
                assert toggle.get_attribute("aria-expanded") == "true" and country.is_visible()
        finally:
            context.close()


def test_the_search_index_files_every_practice_under_each_value_explore_counts(page, site_url, offsite_requests):
    """The site search's filters (the fact box's links and the hidden ones, practice.md) count as
    many practices for every value as Explore's facets do (model/explore.py)."""
    open_explore(page, site_url)
    counted = page.eval_on_selector_all(
        "#kb-explore-form input[type=checkbox]",
        "boxes => boxes.map(b => [b.name, b.dataset.kbLabel, b.parentNode.querySelector('[data-kb-count]').textContent])")
    indexed = page.evaluate("""async () => {
        const pagefind = await import(new URL('../pagefind/pagefind.js', location.href).href);
        return await pagefind.filters();  // every value, with how many pages have it (only practices have any)
    }""")
    assert len(counted) > 20
    assert {(key, label): indexed.get(key, {}).get(label) for key, label, _ in counted} == \
           {(key, label): int(re.sub(r"\D", "", count)) for key, label, count in counted}
    assert offsite_requests == []
