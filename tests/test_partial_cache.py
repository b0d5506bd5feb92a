"""The partial cache (adapter/partialcache.py) renders Material's navigation, tabs, the header's
parts, its style sheets, footer, scripts and settings once per folder for the pages the navigation
does not list. It earns its place only if what it gives is what Material renders for each page: a
site built with it and one built with Material's own includes instead must be the same, page for page."""
from __future__ import annotations

import re
from pathlib import Path

from conftest import VALID_PRACTICE, build_site, make_project

PARTIAL = re.compile(r'\{\{ kb_partial\((.+?)\) \}\}')  # a template's name, or an expression
BLOCK = re.compile(r'\{\{ kb_block\("[a-z_]+", super\) \}\}')


def pages(site: Path) -> dict[str, str]:
    return {str(path.relative_to(site)): path.read_text(encoding="utf-8") for path in site.rglob("*.html")}


def test_pages_are_the_same_with_the_cache_and_with_materials_own_partials(tmp_path):
    practices = {f"practice-{n}.md": VALID_PRACTICE.replace("Testtown", f"Testtown {n}") for n in range(3)}
    cached = make_project(tmp_path / "cached", practices)
    fresh = make_project(tmp_path / "fresh", practices)
    replaced = 0
    for template in [*(fresh / "overrides" / "partials").glob("*.html"), fresh / "overrides" / "main.html"]:
        text = template.read_text(encoding="utf-8")
        plain, partials = PARTIAL.subn(r'{% include \1 %}', text)
        plain, blocks = BLOCK.subn("{{ super() }}", plain)
        template.write_text(plain, encoding="utf-8")
        replaced += partials + blocks
    # navigation, tabs, palette, its script, search box, repository link, logo, three icons,
    # Material's settings; its style sheets, scripts and footer
    assert replaced == 15

    for project in (cached, fresh):
        result = build_site(project, project / "site")
        assert result.returncode == 0, result.stderr
    with_cache, without = pages(cached / "site"), pages(fresh / "site")
    assert with_cache.keys() == without.keys()
    assert "practices/practice-1/index.html" in with_cache and "countries/si/index.html" in with_cache
    assert [name for name in with_cache if with_cache[name] != without[name]] == []
