"""Issue 24: the published site speaks to readers. The benchmark (a developer note) is not
published in any language nor searchable; every page's title names the site once; the navigation
lists Organisations and names no section "More"; reader pages carry no developer wording."""
from __future__ import annotations

import gzip
import json

import pytest
import yaml

from conftest import REPO
from sitepages import page, tree

LANGUAGES = ("", "sk/", "sl/", "lt/", "nb/")


def site_names() -> dict[str, str]:
    english = yaml.safe_load((REPO / "mkdocs.yml").read_text(encoding="utf-8").split("\nnav:")[0])["site_name"]
    names = {"": english}
    for prefix in LANGUAGES[1:]:
        catalogue = yaml.safe_load((REPO / "translations" / f"{prefix.strip('/')}.yml").read_text(encoding="utf-8"))
        names[prefix] = catalogue["mkdocs"][english]
    return names


def test_the_benchmark_is_not_published_in_any_language_nor_in_the_search_index(real_site):
    assert (REPO / "notes" / "benchmark.md").is_file() and not (REPO / "docs" / "benchmark.md").exists()
    for prefix in LANGUAGES:
        assert not (real_site / prefix / "benchmark").exists()
        nav = page(real_site, prefix + "about/").select(".md-nav a, .md-tabs a")
        assert not [a for a in nav if "benchmark" in a.get("href", "")]
    # Pagefind's index lists every page it holds in its fragments' urls: none is the benchmark.
    entry = json.loads((real_site / "pagefind" / "pagefind-entry.json").read_text(encoding="utf-8"))
    assert entry["languages"]
    urls = []
    for fragment in (real_site / "pagefind" / "fragment").glob("*.pf_fragment"):
        data = gzip.decompress(fragment.read_bytes())
        urls.append(json.loads(data[data.index(b"{"):])["url"])  # after Pagefind's signature
    assert urls and not [u for u in urls if "benchmark" in u]
    assert "/practices/koper-coordination-body-for-migrant-inclusion/" in urls


def test_every_title_names_the_site_once(real_site):
    names = site_names()
    for prefix, name in names.items():
        folder = real_site / prefix if prefix else real_site
        for html in folder.rglob("index.html"):
            relative = html.relative_to(real_site).as_posix()
            if prefix == "" and relative.split("/")[0] + "/" in LANGUAGES[1:]:
                continue  # another language's page
            title = tree(real_site, relative).findtext("head/title")
            assert title.casefold().count(name.casefold()) == 1, (relative, title)
        assert page(real_site, prefix or "/").title.get_text().strip() == name


@pytest.mark.parametrize("prefix", LANGUAGES)
def test_the_navigation_lists_organisations_and_no_section_is_called_more(real_site, prefix):
    soup = page(real_site, prefix + "countries/")
    links = soup.select("nav.md-nav--primary a.md-nav__link")
    assert [a for a in links if a.get("href", "").rstrip("/").endswith("organisations")], prefix
    more = {"": "More", "sk/": "Viac", "sl/": "Več", "lt/": "Daugiau", "nb/": "Mer"}[prefix]  # the old name
    texts = [" ".join(a.get_text(" ").split()) for a in soup.select(".md-tabs a, nav.md-nav--primary a, nav.md-nav--primary label")]
    assert "More" not in texts and more not in texts, texts


@pytest.mark.parametrize("prefix", LANGUAGES)
def test_reader_pages_carry_no_developer_wording(real_site, prefix):
    # (The open data page, for reusers of the data, names the CLDR as the source of its country names.)
    for url in ("", "countries/", "about/", "propose/", "explore/"):
        text = page(real_site, prefix + url).select_one("article").get_text(" ")
        for developer in ("CLDR", "Babel", "kb check", "--stale", "active: it is running", "Recently checked and started"):
            assert developer not in text, (prefix + url, developer)
