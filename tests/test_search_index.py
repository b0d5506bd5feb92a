"""The search indexer speaks to Pagefind's service: pages go in while the site is built, the index
comes out at the end, split by language; unmarked pages stay out; a failure is a clear error."""
from __future__ import annotations

import gzip
import json

import pytest

from practicekb.searchindex import SearchIndexError, SearchIndexer


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
    fragments = [json.loads(gzip.decompress(path.read_bytes())[len(b"pagefind_dcd"):])
                 for path in (output / "fragment").iterdir()]
    assert sorted(fragment["url"] for fragment in fragments) == ["/practices/koper/", "/sk/practices/koper/"]


def test_a_stopped_pagefind_is_a_clear_error_not_a_hang(tmp_path):
    indexer = SearchIndexer()
    indexer.add_page("/a/", html("en", "A", "words"))
    indexer.close()
    with pytest.raises(SearchIndexError, match="Pagefind"):
        indexer.write(tmp_path)
