"""Generated pages' Markdown converted in a worker process (hooks/practicekb/adapter/prerender.py) gives the
same HTML, table of contents and anchors as MkDocs' own conversion, and the same site."""
from __future__ import annotations

import json
import logging
import shutil
from pathlib import Path

import pytest
from bs4 import BeautifulSoup
from mkdocs.commands.build import build
from mkdocs.config import load_config
from mkdocs.structure.files import File, Files
from mkdocs.structure.pages import Page
from mkdocs.structure.toc import get_toc

import practicekb.adapter.prerender as prerender
from practicekb.pages.sanitize import clean_html
from benchmarks.synthetic import write_practices
from conftest import REPO, make_project

HARD_CASE = """---
title: A page with everything
---
# Title {: lang="sl" }

KBFRAGMENTabcN0

## Sources { data-pagefind-ignore }

Text with **bold**, a [link](https://example.org/a_b) and <span id="raw-id">raw HTML</span>.

<a name="old-anchor"></a>An anchor by name, and [one in Markdown](https://example.org/c){ id="md-id" }.

| a | b |
| - | - |
| 1 | 2 |

!!! note "Note"
    An admonition.

Term
:   Definition

<div markdown="1" id="block">
*Markdown* in HTML
</div>

### Ščepec žganja
"""

INLINE_CASE = r"""---
title: Every kind of inline Markdown
---
# A *heading* with `code` and [a link](https://example.org/h) &amp; more

Plain words only, nothing to match here.

Code: `a*b_c<d>&e[f]`, ``two `ticks` inside``, an escaped \`not code`, and \\`code after a backslash`.

Escapes: \*not emphasis\*, \[not a link\], \<not html\>, \&amp;, \\*a backslash, then emphasis*.

Links: [inline](https://example.org/a "Title"), [ref][r], [r][], [r], ![image](https://example.org/i.png),
![image ref][r], ![r], <https://example.org/auto>, <someone@example.org>, [styled](https://example.org/s){ .external }.

HTML: <span class="x">inline</span>, <!-- a comment -->, <br/>, entities &copy; &#169; &#xA9; & lone ampersand.

Emphasis: *em*, **strong**, ***both***, _em_, __strong__, snake_case_words, 2 * 3 * 4, *nested **strong** here*,
a lone * star and a lone _ underscore.

A line ending in two spaces  
breaks here.

| `cell` | *cell* |
| ------ | ------ |
| [x](https://example.org/x) | a_b_c |

Term with *emphasis*
:   Definition with <em>HTML</em> and `code`.

!!! note "A *title*"
    Admonition with **strong** text.

[r]: https://example.org/ref "Reference"
"""


def toc_shape(items) -> list:
    return [(item.title, item.id, item.level, toc_shape(item.children)) for item in items]


def mkdocs_conversion(config, source: str, docs: Path) -> Page:
    (docs / "practices").mkdir(parents=True, exist_ok=True)
    (docs / "practices" / "example.md").write_text(source, encoding="utf-8")
    file = File("practices/example.md", src_dir=str(docs), dest_dir=str(docs.parent / "site"), use_directory_urls=True)
    page = Page(None, file, config)
    page.read_source(config)
    page.render(config, Files([file]))
    return page


@pytest.mark.parametrize("source", [HARD_CASE, INLINE_CASE] + [path.read_text(encoding="utf-8")
                                                  for path in sorted((REPO / "practices").glob("*.md"))[:8]])
def test_the_worker_converts_as_mkdocs_does(source, tmp_path):
    """The HTML MkDocs makes of the page, sanitized as the build sanitizes contributor pages (the
    worker does it, so the cache keeps it sanitized)."""
    config = load_config(str(REPO / "mkdocs.yml"))
    expected = mkdocs_conversion(config, source, tmp_path / "docs")
    converted, = prerender.convert([source], list(config.markdown_extensions), dict(config.mdx_configs))
    assert converted.html == clean_html(expected.content)
    assert toc_shape(get_toc(converted.toc_tokens)) == toc_shape(expected.toc)
    assert converted.anchor_ids == expected.present_anchor_ids


def test_pages_converted_together_are_converted_as_if_alone():
    """One Markdown instance converts a worker's pages, reset in between: nothing carries over
    (footnote-like state, heading ids, the table of contents, stashed HTML)."""
    config = load_config(str(REPO / "mkdocs.yml"))
    settings = list(config.markdown_extensions), dict(config.mdx_configs)
    sources = [HARD_CASE, INLINE_CASE] + [path.read_text(encoding="utf-8") for path in sorted((REPO / "practices").glob("*.md"))]
    sources += [HARD_CASE]  # the same headings again: ids must not become title_1
    together = prerender.convert(sources, *settings)
    alone = [prerender.convert([source], *settings)[0] for source in sources]
    assert together == alone
    assert together[0] == together[-1]


@pytest.mark.parametrize("text, only_absolute", [
    ("[a](https://example.org) and [b](mailto:x@example.org) and <https://example.org>", True),
    ("Plain text, no address at all.", True),
    ("[another practice](other-practice.md)", False),
    ("[a heading](#sources)", False),
    ("![a picture](images/map.png)", False),
    ("[ref][1]\n\n[1]: ../other/", False),
    ('<a href="/absolute-path/">x</a>', False),
    ("[site root](/)", False),
    ("[empty]()", False),
    ("{ href=other.md }", False),
    ('<img src="https://example.org/a.png"> and <a HREF = "other.md">x</a>', False),
    ('<img src="https://example.org/a.png" srcset="https://example.org/b.png 2x">', True),
    ("a = b, c == d, x=1", True),
    ("[1]: https://example.org/\n\nSee [this][1].", True),
    ("Text.\n\n  [1]: <other.md>", False),
    ("<mailto:x@example.org> <https://example.org/a>", True),
    ("<file:relative/thing>", False),
])
def test_only_pages_whose_every_address_is_absolute_are_converted_by_the_worker(text, only_absolute):
    assert prerender.only_absolute_links(text) is only_absolute


def built_html(site: Path) -> dict[str, str]:
    return {str(path.relative_to(site)): path.read_text(encoding="utf-8") for path in sorted(site.rglob("*.html"))
            if "pagefind" not in path.parts}


def set_conversion(project: Path, **options) -> None:
    """The plugin's conversion settings in the project's mkdocs.yml (plugin.KnowledgeBaseConfig),
    replacing those written last time and keeping the plugin's other settings."""
    config = project / "mkdocs.yml"
    keys = ("prerender", "markdown_workers", "markdown_parallel_from")
    lines = [line for line in config.read_text(encoding="utf-8").split("\n")
             if not any(line.startswith(f"      {key}:") for key in keys)]
    at = lines.index("  - practicekb:") + 1
    lines[at:at] = [f"      {key}: {json.dumps(value)}" for key, value in options.items()]
    config.write_text("\n".join(lines), encoding="utf-8")


def counts(records) -> dict[str, int]:
    """The last build's 'Generated pages: …' line of the log, as numbers."""
    line = [r.getMessage() for r in records if r.getMessage().startswith("Generated pages:")][-1]
    numbers = [int(word) for word in line.replace(",", " ").split() if word.isdigit()]
    return dict(zip(("cache", "worker", "here", "mkdocs"), numbers))


@pytest.fixture
def synthetic_project(tmp_path) -> Path:
    """A project with 12 synthetic practices."""
    project = make_project(tmp_path / "project", {}, REPO / "vocabularies")
    write_practices(project / "practices", 12, project / "vocabularies")
    return project


def test_a_site_built_with_the_worker_is_the_site_built_without(synthetic_project, tmp_path, caplog):
    project = synthetic_project
    caplog.set_level(logging.INFO, logger="mkdocs.plugins.practicekb")
    sites, seen = {}, {}
    for name, options in (("mkdocs", {"prerender": False}),
                          ("worker", {"markdown_workers": 1, "markdown_parallel_from": 1}),
                          ("here", {"markdown_workers": 0})):
        shutil.rmtree(project / ".cache", ignore_errors=True)
        set_conversion(project, **options)
        build(load_config(str(project / "mkdocs.yml"), site_dir=str(tmp_path / name)))
        sites[name], seen[name] = built_html(tmp_path / name), counts(caplog.records)
    generated = sum(seen["mkdocs"].values())
    assert seen["mkdocs"] == {"cache": 0, "worker": 0, "here": 0, "mkdocs": generated}
    assert seen["worker"]["worker"] >= 12 and seen["worker"]["here"] == 0  # every practice page, at least
    assert seen["here"]["here"] == seen["worker"]["worker"] and seen["here"]["worker"] == 0
    for name in ("worker", "here"):
        assert sites[name].keys() == sites["mkdocs"].keys()
        assert [page for page in sites["mkdocs"] if sites[name][page] != sites["mkdocs"][page]] == [], name
    practice = BeautifulSoup(sites["worker"]["practices/synthetic-practice-00001/index.html"], "html.parser")
    toc = practice.find(attrs={"data-md-type": "toc"})
    assert toc.find("a", href="#sources") is not None  # the table of contents came back from the worker


def test_unchanged_pages_come_from_the_cache_of_the_last_build(synthetic_project, tmp_path, caplog):
    """.cache/html/ (htmlcache.py): a second build takes every unchanged page from it and gives the
    same site; a changed page is converted anew; a cache from other settings, or a broken one, is
    not used; the cache keeps only the last build's pages."""
    project = synthetic_project
    caplog.set_level(logging.INFO, logger="mkdocs.plugins.practicekb")

    def build_site(name: str) -> dict[str, str]:
        build(load_config(str(project / "mkdocs.yml"), site_dir=str(tmp_path / name)))
        return built_html(tmp_path / name)

    set_conversion(project, markdown_workers=1, markdown_parallel_from=1)
    first = build_site("first")
    converted = counts(caplog.records)["worker"]
    folder = project / ".cache" / "html" / "en"
    assert converted >= 12 and len(list(folder.glob("*.html"))) == converted

    set_conversion(project, markdown_workers=0)  # from now on: the cache, or this process
    second = build_site("second")
    assert counts(caplog.records) | {"mkdocs": 0} == {"cache": converted, "worker": 0, "here": 0, "mkdocs": 0}
    assert [page for page in first if second[page] != first[page]] == []  # with this build's own placeholders

    stored = set(folder.glob("*.html"))
    changed = project / "practices" / "synthetic-practice-00003.md"
    changed.write_text(changed.read_text(encoding="utf-8").replace("## Context\n", "## Context\n\nA sentence added now.\n", 1),
                       encoding="utf-8")
    third = build_site("third")
    assert counts(caplog.records)["cache"] == converted - 1 and counts(caplog.records)["here"] == 1  # converted anew
    assert "A sentence added now." in third["practices/synthetic-practice-00003/index.html"]
    kept = set(folder.glob("*.html"))
    assert len(kept) == len(stored) and len(stored - kept) == 1  # the old 00003 replaced by the new

    for page in folder.glob("*.html"):  # a damaged cache is not used
        page.write_text("{not json\n<p>damaged</p>", encoding="utf-8")
    assert build_site("damaged") == third
    assert counts(caplog.records)["cache"] == 0

    refilled = {path.name for path in folder.glob("*.html")}
    config = project / "mkdocs.yml"  # other Markdown settings (the same HTML): another fingerprint
    config.write_text(config.read_text(encoding="utf-8").replace("      permalink: true", "      permalink: true\n      baselevel: 1"),
                      encoding="utf-8")
    assert build_site("other-settings") == third
    assert counts(caplog.records)["cache"] == 0
    now = {path.name for path in folder.glob("*.html")}
    assert now and not now & refilled  # the other settings' pages are removed


def test_pages_kept_under_another_secret_are_converted_again(synthetic_project, tmp_path, caplog):
    """Two builds that begin a cache at once may each write .cache/html/secret; a page kept under the
    other's secret would come back with placeholders no fragment replaces. Its key is made of its text
    with the folder's secret in it, so it is not found: every page with placeholders (each practice's)
    is converted again, and the site is the same."""
    project = synthetic_project
    caplog.set_level(logging.INFO, logger="mkdocs.plugins.practicekb")
    set_conversion(project, markdown_workers=0)
    build(load_config(str(project / "mkdocs.yml"), site_dir=str(tmp_path / "first")))
    first = built_html(tmp_path / "first")
    (project / ".cache" / "html" / "secret").write_text("0123456789abcdef", encoding="ascii")
    build(load_config(str(project / "mkdocs.yml"), site_dir=str(tmp_path / "second")))
    assert counts(caplog.records)["here"] >= 12
    assert built_html(tmp_path / "second") == first
    assert not [page for page, html in first.items() if "KBFRAGMENT" in html]


def test_the_worker_exits_once_every_page_it_converted_is_taken():
    """Its memory would otherwise count in the build's peak until the build ends."""
    import multiprocessing
    import time

    others = set(multiprocessing.active_children())  # processes of other tests in this one
    mine = lambda: set(multiprocessing.active_children()) - others  # noqa: E731
    config = load_config(str(REPO / "mkdocs.yml"))
    sources = {f"p{n}.md": f"# Page {n}\n\nText of page {n}, with [a link](https://example.org/{n}).\n" for n in range(6)}
    batch = prerender.MarkdownBatch(sources, list(config.markdown_extensions), dict(config.mdx_configs),
                                    workers=1, parallel_from=1)
    assert batch.counts()["worker"] == 6
    first = batch.result("p0.md")
    assert mine()  # five pages still to take
    for uri in list(sources)[1:]:
        assert f"Text of page {uri[1]}" in batch.result(uri).html
    deadline = time.monotonic() + 30
    while mine() and time.monotonic() < deadline:
        time.sleep(0.05)
    assert not mine()
    assert batch.result("p0.md") == first  # still readable
    batch.cancel()


def test_a_practice_shown_untranslated_is_converted_once_for_the_languages_that_show_it(tmp_path, caplog):
    """Its page's Markdown is the same in every language that shows it untranslated (its headings'
    words and the permalinks' title go in after conversion: headingwords.py), so a third language's
    build takes the page from the second's cache folder; and every language's pages are the pages
    MkDocs makes converting the Markdown with the words in."""
    project = make_project(tmp_path / "project", {}, REPO / "vocabularies", languages=("en", "sk", "sl"))
    write_practices(project / "practices", 12, project / "vocabularies")
    caplog.set_level(logging.INFO, logger="mkdocs.plugins.practicekb")
    set_conversion(project, prerender=False)
    build(load_config(str(project / "mkdocs.yml"), site_dir=str(tmp_path / "mkdocs")))
    set_conversion(project, markdown_workers=0)
    caplog.clear()
    build(load_config(str(project / "mkdocs.yml"), site_dir=str(tmp_path / "prerendered")))
    lines = [r.getMessage() for r in caplog.records if r.getMessage().startswith("Generated pages:")]
    shared = [int(line.split("; ")[1].split()[0]) for line in lines]
    assert len(shared) == 3 and shared[0] == 0 and min(shared[1:]) >= 12  # every practice page from the first build

    by_mkdocs, prerendered = built_html(tmp_path / "mkdocs"), built_html(tmp_path / "prerendered")
    assert prerendered.keys() == by_mkdocs.keys()
    assert [page for page in by_mkdocs if prerendered[page] != by_mkdocs[page]] == []
    assert not [page for page, html in prerendered.items() if "KBWORD" in html or "KBPERMALINK" in html]
    page = BeautifulSoup(prerendered["sl/practices/synthetic-practice-00001/index.html"], "html.parser")
    heading = page.find("h2", id="viri")
    assert heading is not None and heading.get_text().startswith("Viri")
    assert heading.find("a", class_="headerlink")["title"] == "Trajna povezava"
    assert page.find(attrs={"data-md-type": "toc"}).find("a", href="#viri").get_text(strip=True) == "Viri"
    assert page.find("h1", id="practice")["lang"] == "en"  # the title's language, where it is not the page's
    english = BeautifulSoup(prerendered["practices/synthetic-practice-00001/index.html"], "html.parser")
    assert english.find("h1", id="practice").get("lang") is None
