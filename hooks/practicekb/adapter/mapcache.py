"""The maps' shapes kept in .cache/maps/ between builds (pages/mapshapes.py), in the build's one file
cache: a build, a `mkdocs serve` rebuild or a test's build draws only the frames no earlier build drew."""
from __future__ import annotations

import json
import logging
from pathlib import Path

from ..core.cachefiles import FileCache
from ..source.boundaries import Boundaries
from ..pages.mapshapes import drawn_shapes, restore_shapes, shapes_fingerprint, used_frames

log = logging.getLogger("mkdocs.plugins.practicekb")


class MapShapes:
    """One file of the frames the last build used, for these boundaries and this drawing code."""

    def __init__(self, folder: Path, boundaries_file: Path):
        self.files = FileCache(folder, shapes_fingerprint(boundaries_file), ".json")
        self.key = self.files.key("shapes")
        self.found: set = set()  # the frames the file holds

    def restore(self, boundaries: Boundaries) -> None:
        """Before the pages are drawn; once per process for all languages, whose builds share the boundaries
        (another language's build finds the file as the first one left it)."""
        if used_frames(boundaries):
            self.found = set(used_frames(boundaries))
            return
        data = self.files.get(self.key)
        try:
            self.found = restore_shapes(boundaries, json.loads(data)) if data else set()
        except ValueError:  # a damaged file costs a drawing, never the build
            self.found = set()

    def keep(self, boundaries: Boundaries) -> None:
        """After the pages are drawn: write the file again unless this build used exactly the frames it holds."""
        used = used_frames(boundaries)
        log.info(f"Maps: {len(used & self.found)} frames kept from an earlier build, {len(used - self.found)} drawn")
        if used != self.found:
            self.files.put(self.key, json.dumps(drawn_shapes(boundaries), separators=(",", ":")).encode("utf-8"))
            self.found = set(used)
            self.files.prune()  # another fingerprint's file
