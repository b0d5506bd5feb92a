"""Parsed YAML kept in .cache/yaml/ (hooks/practicekb/yamlcache.py) gives back exactly what the
parser gives: data, the line of every value and repeated keys; what JSON cannot keep is parsed
every time; a damaged cache is ignored."""
from __future__ import annotations

import pytest

from conftest import REPO
from practicekb import yamlcache
from practicekb.yamlsource import YamlSyntaxError, parse_yaml

EDGE_CASES = [
    ("title: Koper\ncountries: [SI]\nstart: 2019\nend: ongoing\nmainstreamed: true\ncontact:\n", 2),
    ("sources:\n  - url: https://example.org\n    title: A\n  - url: https://example.org/b\n    title: B\n", 2),
    ("title: one\ntitle: two\nnested:\n  a: 1\n  a: 2\n", 1),  # repeated keys, reported with their lines
    ("share: 0.5\nmissing: null\nno: NO\nflag: false\nbig: 123456789012345678901234567890\n", 1),
    ("- a\n- [b, c]\n- {d: e}\n", 1),
    ("", 1),
]
NOT_KEPT = ["2019: a year as a key\n", "null: no key\ntrue: a true key\n"]


def documents() -> list[tuple[str, int]]:
    """Real front matter and vocabularies, and edge cases."""
    texts = list(EDGE_CASES)
    for path in sorted((REPO / "practices").glob("*.md"))[:12]:
        front = path.read_text(encoding="utf-8").split("---\n")[1]
        texts.append((front, 2))
    texts += [(path.read_text(encoding="utf-8"), 1) for path in sorted((REPO / "vocabularies").glob("*.yml"))]
    return texts


def shape(document) -> tuple:
    return document.data, document.lines, document.duplicates


def test_documents_from_the_cache_are_what_the_parser_gives(tmp_path):
    texts = documents()
    with yamlcache.kept_in(tmp_path) as first:
        parsed = [shape(yamlcache.parse(text, line)) for text, line in texts]
    assert parsed == [shape(parse_yaml(text, line)) for text, line in texts]
    assert len(first.used) == len({(text, line) for text, line in texts}) and not first.stored
    with yamlcache.kept_in(tmp_path) as second:
        again = [shape(yamlcache.parse(text, line)) for text, line in texts]
    assert again == parsed
    assert second.stored.keys() == second.used.keys() == first.used.keys()  # every one came from the file
    assert any(duplicates for _, _, duplicates in again) and any(isinstance(data, list) for data, _, _ in again)


def test_what_json_cannot_keep_is_parsed_each_time_and_errors_are_not_kept(tmp_path):
    with yamlcache.kept_in(tmp_path) as cache:
        for text in NOT_KEPT:
            assert shape(yamlcache.parse(text)) == shape(parse_yaml(text))
        with pytest.raises(YamlSyntaxError):
            yamlcache.parse("title: [unclosed\n")
    assert cache.used == {}
    assert 2019 in yamlcache.parse(NOT_KEPT[0]).data  # the key stays a number


def test_a_damaged_or_other_parsers_cache_is_not_used(tmp_path):
    text, line = EDGE_CASES[0]
    with yamlcache.kept_in(tmp_path) as cache:
        yamlcache.parse(text, line)
    cache.path.write_text('{"' + next(iter(cache.used)) + '": "not an entry"}', encoding="utf-8")
    (tmp_path / "another-parser.json").write_text("{}", encoding="utf-8")
    with yamlcache.kept_in(tmp_path) as damaged:
        assert shape(yamlcache.parse(text, line)) == shape(parse_yaml(text, line))
    assert len(damaged.used) == 1  # parsed anew and kept again
    assert [path.name for path in tmp_path.iterdir()] == [cache.path.name]
    cache.path.write_text("not json", encoding="utf-8")
    with yamlcache.kept_in(tmp_path):
        assert shape(yamlcache.parse(text, line)) == shape(parse_yaml(text, line))
