"""Parsed YAML kept between builds, in .cache/yaml/: parsing is half of reading 1,000 practice files.

A document is found by a hash of its text and its first line, in a file named by a fingerprint
of the parser (yamlsource.py, PyYAML's version, libyaml or not), so a changed file or a changed
parser is parsed anew. Entries are JSON, not pickle, so a cache restored in CI never runs code;
a document JSON cannot give back exactly (a key that is not text) is not kept. A cache that
cannot be read is ignored and one that cannot be written never fails the build.
"""
from __future__ import annotations

import hashlib
import json
from collections.abc import Iterator
from contextlib import contextmanager
from functools import lru_cache
from pathlib import Path
from typing import Any

import yaml

from . import yamlsource
from .cachefiles import write_atomically
from .yamlsource import YamlDocument, parse_yaml

_ACTIVE: list[ParsedYaml] = []


@lru_cache(maxsize=1)
def parser_fingerprint() -> str:
    digest = hashlib.sha256(Path(yamlsource.__file__).read_bytes())
    digest.update(f"{yaml.__version__} {yamlsource._BaseLoader.__name__}".encode())
    return digest.hexdigest()[:32]


class ParsedYaml:
    """The documents of one folder's cache file: those read from it, and those used this time."""

    def __init__(self, folder: Path):
        self.folder = folder
        self.path = folder / f"{parser_fingerprint()}.json"
        try:
            stored = json.loads(self.path.read_text(encoding="utf-8"))
            self.stored: dict[str, list] = stored if isinstance(stored, dict) else {}
        except (OSError, ValueError):
            self.stored = {}
        self.used: dict[str, list] = {}

    def parse(self, text: str, first_line: int) -> YamlDocument:
        key = hashlib.sha256(f"{first_line}\n{text}".encode("utf-8", "surrogatepass")).hexdigest()
        entry = self.stored.get(key)
        if entry is not None:
            document = _from_entry(entry)
            if document is not None:
                self.used[key] = entry
                return document
        document = parse_yaml(text, first_line)  # a syntax error is raised, and not kept
        if _json_keeps(document.data):
            self.used[key] = [document.data, [[list(path), line] for path, line in document.lines.items()],
                              [[list(path), line] for path, line in document.duplicates]]
        return document

    def save(self) -> None:
        """Keep exactly the documents used this time, and drop other parsers' files."""
        try:
            if self.used.keys() != self.stored.keys():
                self.folder.mkdir(parents=True, exist_ok=True)
                write_atomically(self.path, json.dumps(self.used, ensure_ascii=False).encode("utf-8"))
            for other in self.folder.glob("*.json"):
                if other != self.path:
                    other.unlink()
        except OSError:
            pass


def _from_entry(entry: Any) -> YamlDocument | None:
    try:
        data, lines, duplicates = entry
        return YamlDocument(data, {tuple(path): line for path, line in lines},
                            [(tuple(path), line) for path, line in duplicates])
    except (TypeError, ValueError):
        return None


def _json_keeps(value: Any) -> bool:
    """JSON gives this value back as it is: mappings with text keys, lists, text, numbers, true/false/null."""
    if isinstance(value, dict):
        return all(isinstance(key, str) and _json_keeps(item) for key, item in value.items())
    if isinstance(value, list):
        return all(_json_keeps(item) for item in value)
    return value is None or isinstance(value, (str, int, float, bool))


@contextmanager
def kept_in(folder: Path) -> Iterator[ParsedYaml]:
    """Parse with the documents kept in `folder` (parse() uses them) and keep this time's there."""
    cache = ParsedYaml(folder)
    _ACTIVE.append(cache)
    try:
        yield cache
    finally:
        _ACTIVE.remove(cache)
    cache.save()


def parse(text: str, first_line: int = 1) -> YamlDocument:
    """yamlsource.parse_yaml, through the cache of the build under way if there is one."""
    return _ACTIVE[-1].parse(text, first_line) if _ACTIVE else parse_yaml(text, first_line)
