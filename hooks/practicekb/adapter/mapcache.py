"""The maps' shapes kept in .cache/maps/ between builds (pages/mapshapes.py), in the build's one file
cache: a build, a `mkdocs serve` rebuild or a test's build draws only the frames no earlier build drew."""
from __future__ import annotations

import json
from pathlib import Path

from ..core.cachefiles import FileCache
from ..source.boundaries import Boundaries
from ..pages.mapshapes import drawn_shapes, restore_shapes, shapes_fingerprint


class MapShapes:
    """One file of every frame drawn with these boundaries and this drawing code."""

    def __init__(self, folder: Path, boundaries_file: Path):
        self.files = FileCache(folder, shapes_fingerprint(boundaries_file), ".json")
        self.key = self.files.key("shapes")
        self.kept = 0

    def restore(self, boundaries: Boundaries) -> None:
        """Before the pages are drawn (once: every language's build shares the boundaries)."""
        if not drawn_shapes(boundaries):
            data = self.files.get(self.key)
            try:
                self.kept = restore_shapes(boundaries, json.loads(data)) if data else 0
            except ValueError:  # a damaged file costs a drawing, never the build
                self.kept = 0

    def keep(self, boundaries: Boundaries) -> None:
        """After the pages are drawn: write the file again only when this build drew a new frame."""
        shapes = drawn_shapes(boundaries)
        if len(shapes) > self.kept:
            self.files.put(self.key, json.dumps(shapes, separators=(",", ":")).encode("utf-8"))
            self.kept = len(shapes)
        self.files.prune()
