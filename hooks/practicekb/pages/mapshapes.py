"""The shapes the maps drew (pages/maps.py: each framed map's countries and land as SVG path data), as
plain data to keep between builds: they depend only on the boundaries, the frame and the drawing code,
and drawing them is most of a small site's build (about a second), so a build draws only new frames."""
from __future__ import annotations

import hashlib
from pathlib import Path

from . import maps
from ..source.boundaries import Boundaries


def shapes_fingerprint(boundaries_file: Path) -> str:
    """Changes with the drawing code or the boundary data, so kept shapes are always what draw() makes now."""
    digest = hashlib.sha256(Path(maps.__file__).read_bytes())
    digest.update(boundaries_file.read_bytes())
    return digest.hexdigest()


def drawn_shapes(boundaries: Boundaries) -> list:
    """Every frame drawn so far with its shapes: [[x0, y0, scale, width, height, [codes]], [[code, path]], land]."""
    frames = [(key, shapes) for key, shapes in boundaries.drawn.items() if isinstance(key, tuple)]
    return [[[*key[:5], list(key[5])], [list(shape) for shape in own], land] for key, (own, land) in frames]


def restore_shapes(boundaries: Boundaries, kept: object) -> int:
    """Give the boundaries the shapes an earlier build drew (what drawn_shapes returned, read back);
    returns how many frames it took, 0 for anything malformed."""
    restored = {}
    try:
        for (x0, y0, scale, width, height, codes), own, land in kept:
            key = (float(x0), float(y0), float(scale), float(width), float(height), tuple(str(c) for c in codes))
            restored[key] = (tuple((str(code), str(path)) for code, path in own), str(land))
    except (TypeError, ValueError):
        return 0
    boundaries.drawn.update(restored)
    return len(restored)
