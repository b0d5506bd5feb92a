"""The search indexer speaks to Pagefind's service: pages go in while the site is built, the index
comes out at the end, split by language; unmarked pages stay out; a failure is a clear error."""
from __future__ import annotations

import base64
import gzip
import json
import subprocess
import threading

import pytest

from practicekb.exports.searchfiles import UNUSED, SearchFilesError, write_index
from practicekb.exports.searchindex import SearchIndexError, SearchIndexer, pagefind_executable, searchable_part

pytestmark = pytest.mark.unit  # the fast inner loop: make test-fast


def html(lang: str, title: str, words: str, marked: bool = True) -> str:
    body = f'<main data-pagefind-body><h1>{title}</h1><p>{words}</p></main>' if marked else f"<main>{words}</main>"
    return f'<!doctype html><html lang="{lang}"><head><title>{title}</title></head><body>{body}</body></html>'


def test_pages_added_during_the_build_are_in_the_written_index_by_language(tmp_path):
    indexer = SearchIndexer()
    indexer.add_page("/practices/koper/", html("en", "Koper", "coordination body for integration"))
    indexer.add_page("/sk/practices/koper/", html("sk", "Koper", "koordinačný orgán pre integráciu"))
    indexer.add_page("/practices/", html("en", "All practices", "a list", marked=False))
    assert indexer.page_count == 2
    output = indexer.write(tmp_path)
    entry = json.loads((output / "pagefind-entry.json").read_text(encoding="utf-8"))
    assert {code: value["page_count"] for code, value in entry["languages"].items()} == {"en": 1, "sk": 1}
    assert (output / "pagefind.js").is_file() and not (output / "pagefind-ui.js").exists()
    assert sorted(fragment["url"] for fragment in fragments_of(output)) == ["/practices/koper/", "/sk/practices/koper/"]


def test_the_index_is_written_while_list_pages_are_built_and_a_late_page_is_not_lost(tmp_path):
    indexer = SearchIndexer()
    indexer.add_page("/practices/koper/", html("en", "Koper", "coordination body"))
    indexer.start_writing(tmp_path)  # as the build does when it reaches its first list page
    indexer.add_page("/themes/", html("en", "Themes", "a list", marked=False))  # lists: not indexed
    assert [fragment["url"] for fragment in fragments_of(indexer.write(tmp_path))] == ["/practices/koper/"]
    late = SearchIndexer()
    late.add_page("/practices/koper/", html("en", "Koper", "coordination body"))
    late.start_writing(tmp_path)
    late.add_page("/practices/piran/", html("en", "Piran", "intercultural mediation"))  # after all
    output = late.write(tmp_path)
    assert sorted(fragment["url"] for fragment in fragments_of(output)) == ["/practices/koper/", "/practices/piran/"]
    entry = json.loads((output / "pagefind-entry.json").read_text(encoding="utf-8"))
    assert entry["languages"]["en"]["page_count"] == 2


def test_every_file_of_the_index_is_written_whole(tmp_path):
    """The index comes from Pagefind's answer and is written here: asked to write it itself, Pagefind
    answered before its writes were done and stopped with them cut short (a 32 KB pagefind.js of
    45 KB under load). Every compressed file opens to its end, and every file is the very bytes
    Pagefind's own command writes for the same pages (but for its ready-made interfaces)."""
    site = tmp_path / "site"
    pages = {"practices/koper": html("en", "Koper", "coordination body for integration " * 200),
             "sk/practices/koper": html("sk", "Koper", "koordinačný orgán pre integráciu " * 200)}
    indexer = SearchIndexer()
    for path, page in pages.items():
        (site / path).mkdir(parents=True)
        (site / path / "index.html").write_text(page, encoding="utf-8")
        indexer.add_page(f"/{path}/", page)
    output = indexer.write(tmp_path / "built")
    compressed = [path for path in output.rglob("*") if path.suffix in (".pf_fragment", ".pf_index", ".pf_meta", ".pf_filter")]
    assert len(compressed) >= 4
    for path in compressed:
        assert gzip.decompress(path.read_bytes()).startswith(b"pagefind_dcd")  # a file cut short raises
    subprocess.run([pagefind_executable(), "--site", str(site), "--output-path", str(tmp_path / "cli")],
                   check=True, capture_output=True)
    theirs = {path.relative_to(tmp_path / "cli").as_posix(): path.read_bytes()
              for path in (tmp_path / "cli").rglob("*") if path.is_file() and path.name not in UNUSED}
    ours = {path.relative_to(output).as_posix(): path.read_bytes() for path in output.rglob("*") if path.is_file()}
    assert {"pagefind.js", "pagefind-worker.js", "wasm.en.pagefind"} <= set(ours)
    assert sorted(theirs) == sorted(ours)
    assert json.loads(ours.pop("pagefind-entry.json")) == json.loads(theirs.pop("pagefind-entry.json"))  # in any order
    assert sorted(name for name in ours if ours[name] != theirs[name]) == []


def test_a_file_named_outside_the_index_is_refused(tmp_path):
    content = base64.b64encode(b"x").decode()
    for path in ("../escaped.js", "/tmp/escaped.js", "fragment/../../escaped.js"):
        with pytest.raises(SearchFilesError, match="outside its index"):
            write_index([{"path": path, "content": content}], tmp_path / "pagefind")
    assert not (tmp_path / "escaped.js").exists()
    write_index([{"path": "fragment/en_1.pf_fragment", "content": content}, {"path": "pagefind-ui.js", "content": content}],
                tmp_path / "pagefind")
    assert [p.relative_to(tmp_path).as_posix() for p in (tmp_path / "pagefind").rglob("*") if p.is_file()] == \
        ["pagefind/fragment/en_1.pf_fragment"]  # Pagefind's own interface is not published


def fragments_of(output) -> list[dict]:
    return [json.loads(gzip.decompress(path.read_bytes())[len(b"pagefind_dcd"):]) for path in (output / "fragment").iterdir()]


def test_pagefind_is_sent_the_head_and_the_marked_part_not_the_navigation_before_it(tmp_path):
    head = '<!doctype html><html lang="en"><head><title>Koper</title></head>'
    navigation = '<header><a href="/">Home</a></header><nav><ul><li>Countries</li></ul></nav><div class="md-content">'
    marked = '<article data-pagefind-body><h1>Koper</h1><p>coordination body</p></article></div><footer>MIT</footer>'
    page = f'{head}<body dir="ltr">{navigation}{marked}</body></html>'
    assert searchable_part(page) == f'{head}<body dir="ltr">{marked}</body></html>'
    # A Pagefind attribute before the marked part counts even outside it: that page is sent whole.
    with_meta = page.replace("<nav>", '<nav><span data-pagefind-meta="where">Koper, Slovenia</span>')
    assert searchable_part(with_meta) == with_meta
    assert searchable_part(html("en", "A", "unmarked", marked=False)) == html("en", "A", "unmarked", marked=False)
    indexer = SearchIndexer()
    indexer.add_page("/koper/", with_meta)
    indexer.add_page("/trimmed/", page.replace("Koper", "Piran"))
    by_url = {fragment["url"]: fragment for fragment in fragments_of(indexer.write(tmp_path))}
    assert by_url["/koper/"]["meta"]["where"] == "Koper, Slovenia"
    assert by_url["/trimmed/"]["meta"]["title"] == "Piran" and "coordination body" in by_url["/trimmed/"]["content"]
    assert "Countries" not in by_url["/koper/"]["content"] + by_url["/trimmed/"]["content"]


def test_a_stopped_pagefind_is_a_clear_error_not_a_hang(tmp_path):
    indexer = SearchIndexer()
    indexer.add_page("/a/", html("en", "A", "words"))
    indexer.close()
    with pytest.raises(SearchIndexError, match="Pagefind"):
        indexer.write(tmp_path)


def test_a_pagefind_started_after_the_last_index_is_written_keeps_the_pages_added_while_it_waited(tmp_path):
    # As a build of every language does: one language's index is written while the next is built,
    # whose Pagefind starts once that write is done, its pages queued until then.
    first = SearchIndexer()
    first.add_page("/practices/koper/", html("en", "Koper", "coordination body"))
    first.start_writing(tmp_path / "en")
    may_write = threading.Event()
    written: list[list[str]] = []

    def write_first() -> None:
        may_write.wait(30)
        written.append([fragment["url"] for fragment in fragments_of(first.write(tmp_path / "en"))])

    second = SearchIndexer(start_after=write_first)
    second.add_page("/sk/practices/koper/", html("sk", "Koper", "koordinačný orgán"))
    second.add_page("/sk/practices/piran/", html("sk", "Piran", "medkultúrna mediácia"))
    assert written == []  # the second's pages are queued, the first not written yet
    may_write.set()
    output = second.write(tmp_path / "sk")
    assert written == [["/practices/koper/"]]
    assert sorted(fragment["url"] for fragment in fragments_of(output)) == ["/sk/practices/koper/", "/sk/practices/piran/"]


def test_an_index_stopped_before_its_pagefind_started_is_a_clear_error_not_a_hang(tmp_path):
    release = threading.Event()
    indexer = SearchIndexer(start_after=lambda: release.wait(30))
    indexer.add_page("/a/", html("en", "A", "words"))
    indexer.close()  # a failed build, while the last language's index is still being written
    release.set()
    with pytest.raises(SearchIndexError, match="stopped before it started"):
        indexer.write(tmp_path)
