"""The practices' QR codes in the built site, each made once per address, ever.

A practice's address does not change, so its code is made the first time (about 0.6 ms) and kept
in the cache (the build uses .cache/qr/<language>/, cachefiles.FileCache) under a name from the
address, qrcodes.py and zxing-cpp's version; every later build links it into the site.
"""
from __future__ import annotations

import hashlib
from functools import lru_cache
from importlib.metadata import version
from pathlib import Path

from ..pages import qrcodes
from ..core.cachefiles import FileCache
from ..pages.qrcodes import qr_svg


@lru_cache(maxsize=1)
def maker_fingerprint() -> str:
    """Changes with qrcodes.py and zxing-cpp's version, so a cached code is always what qr_svg makes now."""
    digest = hashlib.sha256(Path(qrcodes.__file__).read_bytes())
    digest.update(version("zxing-cpp").encode("utf-8"))
    return digest.hexdigest()


def write_qr_codes(wanted: dict[str, str], site: Path, cache: Path | None) -> int:
    """Put the code of each address in `wanted` (published path -> address) into `site`; return
    how many were made (the rest came from the cache). Codes no longer wanted leave the cache."""
    files = FileCache(cache, maker_fingerprint(), ".svg") if cache is not None else None
    made = 0
    for path, address in wanted.items():
        target = site / path
        if files is None:
            target.parent.mkdir(parents=True, exist_ok=True)
            target.write_text(qr_svg(address), encoding="utf-8")
            made += 1
            continue
        key = files.key(address)
        svg = None if files.has(key) else qr_svg(address).encode("utf-8")
        made += svg is not None
        files.publish(key, svg, target)
    if files is not None:
        files.prune()
    return made
