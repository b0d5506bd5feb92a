"""The map in the built site: the map page (a shape per country with practices, linked to its page, a
point per practice at each of its places, linked to its page, and the same as a list), its size, its
languages, a country page's map, Explore's map following the filters, and in Chromium: no request to
another host, keyboard focus on the map's links, and axe without violations on Norway's map in Slovak
(test_accessibility checks the map page and Slovenia's in every language and colour scheme)."""
from __future__ import annotations

import gzip
import json
import logging
import re

import pytest
import yaml

from conftest import REPO, VALID_PRACTICE, build_site, make_project
from sitepages import page as site_page, resolve
from test_accessibility import axe_violations

pytest_plugins = ["browser"]

PLACES = {p["id"]: p for p in yaml.safe_load((REPO / "vocabularies" / "places.yml").read_text(encoding="utf-8"))["places"]}


def originals() -> dict[str, dict]:
    """Every practice's facts, read with plain YAML (independently of the project's loader)."""
    return {path.stem: yaml.safe_load(path.read_text(encoding="utf-8").split("---\n")[1])
            for path in sorted((REPO / "practices").glob("*.md"))
            if not path.name.startswith("_") and path.name.count(".") == 1}


def linked_page(site, url_path, href):
    target = resolve(site, url_path, href)
    assert target is not None and target.is_file(), href
    return target.parent.relative_to(site).as_posix()


def test_the_map_page_draws_every_country_and_every_practice_at_its_places(real_site):
    facts = originals()
    svg = site_page(real_site, "map/").select_one("figure.kb-map svg")
    countries = {a["data-kb-country"]: a for a in svg.select("a.kb-map__country")}
    assert set(countries) == {code for f in facts.values() for code in f["countries"]}
    for code, link in countries.items():
        assert link.find("path")["d"].startswith("M")
        assert linked_page(real_site, "map/", link["xlink:href"]) == f"countries/{code.lower()}"
        count = sum(code in f["countries"] for f in facts.values())
        assert link.find("title").get_text().endswith(f": {count}"), link.find("title")
    points = svg.select("a.kb-map__point")
    for slug, f in facts.items():
        mine = [point for point in points if point["data-kb-slug"] == slug]
        assert len(mine) == len(f.get("locations", [])), slug
        for point in mine:
            assert linked_page(real_site, "map/", point["xlink:href"]) == f"practices/{slug}"
            assert point.find("title").get_text().startswith(f["title"])
            assert point.find("circle") is not None


def test_the_map_page_lists_every_practice_under_each_of_its_countries_with_its_places(real_site):
    facts = originals()
    for item in site_page(real_site, "map/").select("ul.kb-map__list > li"):
        code = linked_page(real_site, "map/", item.find("a")["href"]).split("/")[-1].upper()
        listed = {linked_page(real_site, "map/", a["href"]).split("/")[-1]: a.parent.get_text()
                  for a in item.find("ul").find_all("a")}
        assert set(listed) == {slug for slug, f in facts.items() if code in f["countries"]}, code
        for slug, text in listed.items():
            for place_id in facts[slug].get("locations", []):
                if PLACES[place_id]["country"] == code:
                    assert PLACES[place_id]["name"] in text, (slug, place_id)
            if not facts[slug].get("locations"):
                assert text.endswith(": the whole country"), text


def test_the_map_page_is_at_most_150_kb_gzipped(real_site):
    assert len(originals()) >= 40
    html = (real_site / "map" / "index.html").read_bytes()
    assert len(gzip.compress(html, 9)) <= 150_000
    drawn = re.search(rb'<figure class="?kb-map"?>(.*?)</svg>', html, re.S)  # quoted or not (the pages are minified)
    assert drawn is not None and b"https://" not in drawn[1]  # nothing loaded by the map


def test_the_map_speaks_the_page_language_and_is_in_the_navigation(real_site):
    soup = site_page(real_site, "sk/map/")
    assert soup.find("h1").get_text().startswith("Mapa príkladov praxe")
    titles = [t.get_text() for t in soup.select("a.kb-map__country title")]
    assert any(t.startswith("Slovinsko, príklady praxe: ") for t in titles), titles
    assert soup.select_one("ul.kb-map__list li span.kb-where") is not None
    nav = [a.get_text(strip=True) for a in site_page(real_site, "").select("nav.md-tabs a")]
    assert "Map" in nav


def test_a_country_page_maps_its_practices_in_it(real_site):
    facts = originals()
    figure = site_page(real_site, "countries/si/").select_one("figure.kb-map")
    assert figure.select("a.kb-map__country") == [] and figure.select_one("path.kb-map__here") is not None
    shown = sorted(a["data-kb-slug"] for a in figure.select("a.kb-map__point"))
    expected = sorted(slug for slug, f in facts.items() for place in f.get("locations", [])
                      if PLACES[place]["country"] == "SI" and "SI" in f["countries"])
    assert shown == expected and shown
    assert site_page(real_site, "themes/intercultural-mediation/").select_one("figure.kb-map") is None


def test_the_build_stops_with_a_message_when_the_boundaries_were_not_fetched(tmp_path):
    project = make_project(tmp_path / "p", {"p.md": VALID_PRACTICE})
    (project / "node_modules").unlink()
    result = build_site(project, tmp_path / "site")
    assert result.returncode == 1
    assert "node_modules/world-atlas/countries-50m.json: the map's country boundaries are missing" in result.stderr
    assert "npm ci" in result.stderr and "Traceback" not in result.stderr


def test_a_second_build_draws_no_map_and_the_same_pages(tmp_path, caplog):
    """.cache/maps/ in a real build: the shapes the first build drew (Explore's map among them, which is
    drawn before the pages) are what the second build uses, with the same map pages."""
    from mkdocs.commands.build import build
    from mkdocs.config import load_config

    project = make_project(tmp_path / "p", {"si.md": VALID_PRACTICE,
                                            "no.md": VALID_PRACTICE.replace("countries: [SI]", "countries: [NO]")},
                           REPO / "vocabularies")
    (project / ".cache" / "maps").unlink()  # this project's own, not the test run's shared folder
    (project / ".cache" / "maps").mkdir()
    caplog.set_level(logging.INFO, logger="mkdocs.plugins.practicekb")
    maps_line = re.compile(r"Maps: (\d+) frames kept from an earlier build, (\d+) drawn")
    pages = ("map/index.html", "explore/index.html", "countries/no/index.html", "countries/si/index.html")
    built = []
    for name in ("first", "second"):
        caplog.clear()
        build(load_config(str(project / "mkdocs.yml"), site_dir=str(tmp_path / name)))
        built.append(([maps_line.fullmatch(r.getMessage()).groups() for r in caplog.records if maps_line.fullmatch(r.getMessage())],
                      [(tmp_path / name / p).read_text(encoding="utf-8") for p in pages]))
    (first, first_pages), (second, second_pages) = built
    assert first == [("0", "3")]  # Europe, Norway, Slovenia
    assert second == [("3", "0")]
    assert second_pages == first_pages


@pytest.mark.parametrize("scheme", ["light", "dark"])
@pytest.mark.parametrize("path", ["sk/countries/no/"])  # the map and Slovenia's: test_accessibility, every language
def test_the_map_pages_have_no_axe_violations(browser, real_site_url, path, scheme):
    context = browser.new_context(color_scheme=scheme, locale="en-GB")
    try:
        page = context.new_page()
        page.goto(real_site_url + path)
        violations = axe_violations(page)
        assert violations == [], json.dumps(violations, indent=2)
    finally:
        context.close()


def test_the_map_loads_nothing_from_elsewhere_and_its_links_take_keyboard_focus(page, real_site_url, offsite_requests, page_errors):
    page.goto(real_site_url + "map/")
    page.wait_for_load_state("load")
    reached = []
    for _ in range(120):
        page.keyboard.press("Tab")
        focused = page.evaluate("""() => { const a = document.activeElement;
            return a && a.closest('svg') ? [a.getAttribute('class'), a.querySelector('title').textContent] : null; }""")
        if focused:
            reached.append(focused)
            if "kb-map__point" in focused[0]:
                break
    assert reached and "kb-map__country" in reached[0][0] and "kb-map__point" in reached[-1][0], reached
    page.keyboard.press("Enter")
    page.wait_for_url("**/practices/**")
    assert offsite_requests == [] and page_errors == []


def test_explore_filtered_by_a_country_shows_only_that_countrys_points(page, real_site_url, offsite_requests, page_errors):
    facts = originals()
    page.goto(real_site_url + "explore/?country=LT")
    page.wait_for_selector("#kb-explore[data-kb-ready='true']")
    page.click("#kb-explore-map summary")
    page.wait_for_function("() => document.getElementById('kb-explore-map').dataset.kbPoints !== undefined")
    visible = sorted(set(page.eval_on_selector_all(
        "#kb-explore-map a.kb-map__point", "points => points.filter(p => p.getBoundingClientRect().width > 0)"
        ".map(p => p.dataset.kbSlug)")))
    expected = sorted(slug for slug, f in facts.items() if "LT" in f["countries"] and f.get("locations"))
    assert visible == expected and visible
    page.uncheck("input[name=country][value=LT]")
    page.wait_for_function(f"() => document.getElementById('kb-explore-map').dataset.kbPoints === "
                           f"'{page.locator('#kb-explore-map a.kb-map__point').count()}'")
    assert offsite_requests == [] and page_errors == []


SVG_LINKS = """() => Array.from(document.querySelectorAll('.kb-map__svg a')).map(a =>
    [a.getAttribute('href'), a.hasAttributeNS('http://www.w3.org/1999/xlink', 'href')])"""


@pytest.mark.parametrize("path", ["map/", "explore/", "countries/si/"])
def test_a_maps_links_are_href_in_the_page_shown_also_after_instant_navigation(page, real_site_url, page_errors, path):
    # In the HTML they are xlink:href (Material's instant navigation fails on an SVG href in a page it
    # fetches); map.js makes them href, the attribute crawlers and Lighthouse read as a link.
    page.goto(real_site_url + "about/")
    page.wait_for_function("typeof window.location$ !== 'undefined'")
    page.evaluate("window.kbSameDocument = true")  # lost if the browser loads a new document
    page.evaluate(f"window.location$.next(new URL({real_site_url + path!r}))")  # as test_share_print does
    open_map = "() => { const map = document.getElementById('kb-explore-map'); if (map) { map.open = true; } }"
    page.wait_for_function("() => document.querySelector('.kb-map__svg a[href], #kb-explore-map') !== null")
    page.evaluate(open_map)  # Explore fetches its map when it is opened
    page.wait_for_function("() => document.querySelector('.kb-map__svg a[href]') !== null")
    links = page.evaluate(SVG_LINKS)
    assert page.evaluate("window.kbSameDocument") is True
    assert links and all(href and not xlink for href, xlink in links), links
    page.goto(real_site_url + path)
    page.wait_for_load_state("load")
    page.evaluate(open_map)
    page.wait_for_function("() => document.querySelector('.kb-map__svg a[href]') !== null")
    assert page.evaluate(SVG_LINKS) == links
    assert page_errors == []
