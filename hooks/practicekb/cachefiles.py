"""Files in the build's caches (.cache/): written whole or not at all, and linked into the site.

Two builds of one project may run at once (`mkdocs serve` and `make build`), and a worker may be
stopped mid-write; a cache file is therefore written under a name of its own process's and then
renamed over the old one, so a reader finds the old file or the new one, never half of one. A
file is never changed in place afterwards, so a hard link from the site keeps its bytes.
"""
from __future__ import annotations

import os
import shutil
from collections.abc import Iterator
from pathlib import Path


def _partial(target: Path, pid: int) -> Path:
    return target.with_suffix(f".{pid}.tmp")


def write_atomically(target: Path, data: bytes) -> None:
    partial = _partial(target, os.getpid())
    partial.write_bytes(data)
    os.replace(partial, target)


def partial_files(folder: Path, pid: int) -> Iterator[Path]:
    """What a process stopped mid-write left in `folder`."""
    return folder.glob(_partial(Path("*"), pid).name)


def link_or_copy(source: Path, target: Path) -> None:
    """A hard link where the file system allows one (no bytes copied), else a copy."""
    target.unlink(missing_ok=True)
    try:
        os.link(source, target)
    except OSError:
        shutil.copyfile(source, target)
