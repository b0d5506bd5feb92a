"""The search index's files, as Pagefind's service hands them over (GetFiles: each file's path in
the index and its bytes in base64), written into the site by the build (exports/searchindex.py)."""
from __future__ import annotations

import base64
import json
import shutil
from pathlib import Path, PurePosixPath

# Pagefind's own ready-made interfaces: the site has its own, so these are never loaded.
UNUSED = ("pagefind-ui.js", "pagefind-ui.css", "pagefind-component-ui.js", "pagefind-component-ui.css",
          "pagefind-modular-ui.js", "pagefind-modular-ui.css", "pagefind-highlight.js")
ENTRY = "pagefind-entry.json"  # the index's table of contents: its languages and their page counts


class SearchFilesError(RuntimeError):
    """A file Pagefind named lies outside its index."""


def write_index(files: list[dict], output: Path) -> None:
    """Pagefind's files (GetFiles: paths relative to the index, base64 contents) into `output`, each
    written whole before this returns; its ready-made interfaces are left out (UNUSED)."""
    shutil.rmtree(output, ignore_errors=True)
    for file in files:
        relative = PurePosixPath(file["path"])
        if relative.is_absolute() or ".." in relative.parts or not relative.parts:
            raise SearchFilesError(f"Pagefind named a file outside its index: {file['path']!r}")
        if relative.name in UNUSED:
            continue
        target = output.joinpath(*relative.parts)
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_bytes(base64.b64decode(file["content"]))


def indexed_page_count(files: list[dict]) -> int:
    """How many pages an index holds (its pagefind-entry.json counts them by language)."""
    try:
        entry = json.loads(base64.b64decode(next(file["content"] for file in files if file["path"] == ENTRY)))
        return sum(language.get("page_count", 0) for language in entry.get("languages", {}).values())
    except (StopIteration, ValueError, AttributeError, TypeError, KeyError):
        return 0
