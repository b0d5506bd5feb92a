"""The real site, built into a temporary folder, checked page by page."""
from __future__ import annotations

import xml.etree.ElementTree as ElementTree
from collections import defaultdict
from urllib.parse import urlsplit

import pytest
import yaml

from conftest import REPO
from published import SITE_URL
from sitepages import front_matter, listed_practices, page, resolve, tree

PRACTICE_FILES = sorted(p for p in (REPO / "practices").rglob("*.md") if not p.name.startswith("_") and p.name.count(".") == 1)
SLUGS = [p.stem for p in PRACTICE_FILES]


def expected_terms() -> dict[tuple[str, str], set[str]]:
    """(taxonomy, id) -> slugs naming it, computed from the files without the project's code."""
    parents = {}
    funders = yaml.safe_load((REPO / "vocabularies" / "funders.yml").read_text(encoding="utf-8"))
    for term in funders["terms"]:
        parents[term["id"]] = term.get("parent")
    expected: dict[tuple[str, str], set[str]] = defaultdict(set)
    for path in PRACTICE_FILES:
        data, slug = front_matter(path), path.stem
        for code in data["countries"]:
            expected["countries", code.lower()].add(slug)
        for key, taxonomy in (("themes", "themes"), ("target_groups", "target-groups"), ("projects", "projects")):
            for term in data.get(key, []):
                expected[taxonomy, term].add(slug)
        expected["practice-types", data["practice_type"]].add(slug)
        expected["evidence", data["evidence"]].add(slug)
        for item in data.get("organisations", []):
            expected["organisations", item["id"]].add(slug)
        for item in data.get("funding", []):
            expected["funders", item["funder"]].add(slug)
            if parents.get(item["funder"]):
                expected["funders", parents[item["funder"]]].add(slug)
    return expected


def test_there_are_practices():
    assert len(PRACTICE_FILES) >= 4


@pytest.mark.parametrize("slug", SLUGS)
def test_every_practice_has_its_page(real_site, slug):
    soup = page(real_site, f"practices/{slug}/")
    data = front_matter(REPO / "practices" / f"{slug}.md")
    assert soup.find("h1").get_text().rstrip("¶") == data["title"]
    assert soup.find(class_="kb-facts") is not None
    assert len(soup.select("ol.kb-sources li")) == len(data["sources"])
    edit = soup.find("a", string="Edit this file")
    assert edit["href"].endswith(f"/edit/main/practices/{slug}.md")


def test_every_term_page_lists_exactly_the_practices_naming_it(real_site):
    expected = expected_terms()
    for (taxonomy, term), slugs in expected.items():
        listed = listed_practices(page(real_site, f"{taxonomy}/{term}/"))
        assert sorted(listed) == sorted(slugs), f"{taxonomy}/{term}"
    # and a vocabulary term no practice names lists none
    for taxonomy_file, taxonomy in (("themes.yml", "themes"), ("funders.yml", "funders")):
        for term in yaml.safe_load((REPO / "vocabularies" / taxonomy_file).read_text(encoding="utf-8"))["terms"]:
            if (taxonomy, term["id"]) not in expected:
                assert listed_practices(page(real_site, f"{taxonomy}/{term['id']}/")) == []


@pytest.mark.parametrize("slug", SLUGS)
def test_every_fact_box_link_resolves(real_site, slug):
    url = f"practices/{slug}/"
    links = page(real_site, url).select(".kb-facts a[href]")
    assert links
    for link in links:
        target = resolve(real_site, url, link["href"])
        assert target is None or target.is_file(), f"{link['href']} on {url}"


def test_overview_pages_count_every_term(real_site):
    expected = expected_terms()
    soup = page(real_site, "countries/")
    for (taxonomy, term), slugs in expected.items():
        if taxonomy != "countries":
            continue
        link = soup.find("a", href=lambda href: href is not None and resolve(real_site, "countries/", href)
                         == real_site / "countries" / term / "index.html")
        assert link is not None, term
        assert f"({len(slugs)})" in link.parent.get_text()


def test_country_page_lists_neighbouring_themes_with_counts(real_site):
    expected = expected_terms()
    code = "si"
    soup = page(real_site, f"countries/{code}/")
    heading = next(h for h in soup.find_all("h2") if h.get_text().startswith("Themes of these practices"))
    assert heading is not None
    items = {a["href"].rstrip("/").split("/")[-1]: a.parent.get_text() for a in heading.find_next("ul").find_all("a")}
    slovenian = expected["countries", code]
    for (taxonomy, term), slugs in expected.items():
        if taxonomy == "themes" and slugs & slovenian:
            assert f"({len(slugs & slovenian)})" in items[term]


def test_navigation_holds_sections_not_every_practice(real_site):
    nav = page(real_site, "").find("nav", class_="md-nav--primary")
    hrefs = [a["href"] for a in nav.find_all("a", href=True)]
    assert any("themes/" in h for h in hrefs)
    assert not any("practices/" in h and h.rstrip("/").split("/")[-1] in SLUGS for h in hrefs)



def test_navigation_marks_the_page_it_lists_and_nothing_on_pages_it_does_not(real_site):
    """The navigation and tabs, and the header's search box, palette and repository link, are
    rendered once per folder for pages the navigation does not list (hooks/practicekb/
    partialcache.py): those show nothing active and their links resolve from their folder, while
    a listed page still marks itself."""
    about = page(real_site, "about/")
    assert "About this site" in [a.get_text(strip=True) for a in about.select("a.md-nav__link--active")]
    assert about.select(".md-tabs__item--active")
    top_level = [a.get_text(strip=True) for a in about.select(".md-tabs a")]
    assert "Home" in top_level and "About" in top_level
    urls = [f"practices/{slug}/" for slug in SLUGS[:2]] + ["countries/si/"]
    for url in urls:
        html = page(real_site, url)
        assert not html.select("a.md-nav__link--active") and not html.select(".md-tabs__item--active"), url
        # The navigation's top level once, as the tabs (the drawer shows them on a phone): the
        # sidebar holds no second list.
        assert not html.select("nav.md-nav--primary") and not html.select(".md-sidebar--primary a"), url
        tabs = html.find("nav", class_="md-tabs")
        assert [a.get_text(strip=True) for a in tabs.find_all("a")] == top_level, url
        for link in tabs.find_all("a", href=True):
            target = resolve(real_site, url, link["href"])
            assert target is None or target.is_file(), (url, link["href"])
        search = html.find(attrs={"data-kb-search": True})  # its box is made by assets/search.js
        assert resolve(real_site, url, search["data-kb-pagefind"]) == real_site / "pagefind" / "pagefind.js", url
        assert html.select("header [data-md-component=palette]") and html.select("header .md-header__source a[href^='https://']")
    first, second = (page(real_site, url).find("nav", class_="md-tabs") for url in urls[:2])
    assert str(first) == str(second)
    deeper = page(real_site, f"sk/practices/{SLUGS[0]}/").find(attrs={"data-kb-search": True})  # another build, depth
    assert resolve(real_site, f"sk/practices/{SLUGS[0]}/", deeper["data-kb-pagefind"]) == real_site / "sk" / "pagefind" / "pagefind.js"


def test_site_search_is_pagefind_over_practices_and_written_pages_not_lists(real_site):
    """The search index is Pagefind's; what it finds is checked in Chromium (test_search_explore.py)."""
    assert (real_site / "pagefind" / "pagefind.js").is_file()
    assert list((real_site / "pagefind" / "index").glob("*.pf_index"))
    assert not (real_site / "search" / "search_index.json").exists()  # Material's one-file index is gone
    assert not (real_site / "pagefind" / "pagefind-ui.js").exists()  # unused bundles are not published
    koper = page(real_site, "practices/koper-coordination-body-for-migrant-inclusion/")
    body = koper.find(attrs={"data-pagefind-body": True})
    assert body is not None and body.find("h1") is not None and body.find(class_="kb-facts") is not None
    filters = {(tag["data-pagefind-filter"], tag.get_text()) for tag in koper.find_all(attrs={"data-pagefind-filter": True})}
    assert {("slug", "koper-coordination-body-for-migrant-inclusion"), ("country", "Slovenia")} <= filters
    assert {"theme", "type", "evidence", "language"} <= {key for key, _ in filters}
    assert koper.find(attrs={"data-pagefind-meta": "where"}).get_text().startswith("Koper, Slovenia")
    assert page(real_site, "about/").find(attrs={"data-pagefind-body": True}) is not None
    for listing in ("explore/", "countries/", "themes/intercultural-mediation/", "funders/amif/"):
        assert page(real_site, listing).find(attrs={"data-pagefind-body": True}) is None, listing


def test_pages_are_built_with_the_lists_of_practices_last(real_site):
    """Pagefind writes its index once the build reaches the lists (searchindex.start_writing):
    every page the search holds must come before them. The sitemap lists pages in build order."""
    namespace = {"s": "http://www.sitemaps.org/schemas/sitemap/0.9"}
    addresses = [loc.text.removeprefix(SITE_URL)
                 for loc in ElementTree.parse(real_site / "sitemap.xml").getroot().iterfind("s:url/s:loc", namespace)]
    searched = [page(real_site, address).find(attrs={"data-pagefind-body": True}) is not None for address in addresses]
    first_list = searched.index(False)
    assert not any(searched[first_list:]), [a for a, s in zip(addresses[first_list:], searched[first_list:]) if s]
    assert {"explore/", "countries/", "themes/intercultural-mediation/"} <= set(addresses[first_list:])
    assert sum(searched) > 30  # the practices and the written pages


def test_no_third_party_requests_when_viewing(real_site):
    offenders = []
    for html in real_site.rglob("*.html"):
        document = tree(real_site, str(html.relative_to(real_site)))
        for tag, attribute in (("script", "src"), ("link", "href"), ("img", "src"), ("iframe", "src")):
            for element in document.iter(tag):
                value = element.get(attribute)
                rel = (element.get("rel") or "").split()
                if tag == "link" and "stylesheet" not in rel and "preconnect" not in rel:
                    continue
                if value and urlsplit(value).netloc:
                    offenders.append(f"{html}: {value}")
        assert "fonts.googleapis" not in html.read_text(encoding="utf-8")
    assert offenders == []


def test_home_page_shows_live_counts(real_site):
    text = " ".join(page(real_site, "").get_text(" ").split())
    countries = {code.lower() for p in PRACTICE_FILES for code in front_matter(p)["countries"]}
    # As a list, not "1 practices from 1 countries": right for any number without plural forms.
    assert f"Practices: {len(PRACTICE_FILES)} · countries: {len(countries)}." in text


def test_every_internal_link_on_every_page_resolves(real_site):
    broken = []
    for html in real_site.rglob("*.html"):
        relative = html.relative_to(real_site).as_posix()
        if relative.endswith("404.html"):  # served at any address, so its links are absolute
            continue
        url = relative.removesuffix("index.html")
        for link in tree(real_site, relative).iter("a"):
            href = link.get("href")
            if href is None or href.startswith(("#", "mailto:")):
                continue
            target = resolve(real_site, url, href.split("#")[0]) if href.split("#")[0] else None
            if target is not None and not target.exists():
                broken.append(f"{relative}: {href}")
    assert broken == []


def test_no_placeholder_is_left_in_any_page(real_site):
    assert not [p for p in real_site.rglob("*.html") if "KBFRAGMENT" in p.read_text(encoding="utf-8")]


def test_a_place_that_names_its_country_is_not_followed_by_it_again(real_site):
    soup = page(real_site, "countries/dk/")
    lines = [span.get_text() for span in soup.find_all(class_="kb-where")]
    assert any(line.startswith("Vollsmose (Odense) and other towns in Denmark") for line in lines)
    assert not any("Denmark, Denmark" in line for line in lines)
    assert any(line.startswith("Jammerbugt, Denmark") for line in lines)  # a place that does not name it


def test_pages_are_minified_and_draw_material_icons_from_one_file(real_site):
    """No page repeats Material's icons inline or carries the templates' indentation; every icon a
    page names is in the one icon file at the site's root, also in another language's pages."""
    sheet = (real_site / "assets" / "kb-icons.css").read_text(encoding="utf-8")
    for relative in (f"practices/{SLUGS[0]}/index.html", f"sk/practices/{SLUGS[0]}/index.html", "about/index.html",
                     "404.html", "sk/404.html"):  # the theme's own page too
        html = (real_site / relative).read_text(encoding="utf-8")
        assert "<path" not in html and "\n  " not in html, relative
        icons = page(real_site, relative.removesuffix("index.html")).select("svg.kb-icon")
        assert icons and all(len(icon["class"]) == 2 for icon in icons), relative
        assert all(f".kb-icon.{icon['class'][1]}{{" in sheet for icon in icons), relative
