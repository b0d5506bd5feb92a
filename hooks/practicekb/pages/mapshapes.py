"""The shapes the maps drew (pages/maps.py: each framed map's countries and land as SVG path data), as
plain data to keep between builds: they depend only on the boundaries, the frame and the drawing code,
and drawing them is most of a small site's build (about a second), so a build draws only new frames."""
from __future__ import annotations

import hashlib
from functools import lru_cache
from pathlib import Path

from . import maps
from ..source.boundaries import Boundaries


def shapes_fingerprint(boundaries_file: Path) -> str:
    """Changes with the drawing code or the boundary data, so kept shapes are always what draw() makes now;
    worked out once per version of the files (every language's build and every `mkdocs serve` rebuild asks)."""
    code, data = Path(maps.__file__).stat(), boundaries_file.stat()
    return _fingerprint(boundaries_file, (code.st_mtime_ns, code.st_size, data.st_mtime_ns, data.st_size))


@lru_cache(maxsize=4)
def _fingerprint(boundaries_file: Path, versions: tuple) -> str:
    digest = hashlib.sha256(Path(maps.__file__).read_bytes())
    digest.update(boundaries_file.read_bytes())
    return digest.hexdigest()


def used_frames(boundaries: Boundaries) -> set:
    """The frames this process's maps have used (maps.draw records each)."""
    return boundaries.drawn.get("used", set())


def drawn_shapes(boundaries: Boundaries) -> list:
    """Every frame the maps used with its shapes: [[x0, y0, scale, width, height, [codes]], [[code, path]], land].
    Frames restored but not used (a country no practice names any more) are left out."""
    used = used_frames(boundaries)
    frames = [(key, shapes) for key, shapes in boundaries.drawn.items() if isinstance(key, tuple) and key in used]
    return [[[*key[:5], list(key[5])], [list(shape) for shape in own], land] for key, (own, land) in frames]


def restore_shapes(boundaries: Boundaries, kept: object) -> set:
    """Give the boundaries the shapes an earlier build drew (what drawn_shapes returned, read back);
    returns the frames it took, none for anything malformed."""
    restored = {}
    try:
        for (x0, y0, scale, width, height, codes), own, land in kept:
            key = (float(x0), float(y0), float(scale), float(width), float(height), tuple(str(c) for c in codes))
            restored[key] = (tuple((str(code), str(path)) for code, path in own), str(land))
    except (TypeError, ValueError):
        return set()
    boundaries.drawn.update(restored)
    return set(restored)
