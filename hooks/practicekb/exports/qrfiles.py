"""The practices' QR codes in the built site, each made once per address, ever.

A practice's address does not change, so its code is made the first time (about 0.6 ms) and kept
in the cache (the build uses .cache/qr/<language>/, cachefiles.FileCache) under a name from the
address, qrcodes.py and the versions of zxing-cpp and zlib; every later build links it into the site. Many new
codes (a first build) are made in a worker process while the build writes its pages (filebatch.py).
"""
from __future__ import annotations

import hashlib
import zlib
from functools import lru_cache
from importlib.metadata import version
from pathlib import Path

from ..core.cachefiles import FileCache
from ..core.filebatch import FileBatch, FileJob
from ..pages import qrcodes
from ..pages.qrcodes import qr_png

PARALLEL_FROM = 300  # codes to make before a worker process pays for its start (a code is 0.6 ms)


@lru_cache(maxsize=1)
def maker_fingerprint() -> str:
    """Changes with qrcodes.py and the versions of zxing-cpp and zlib, so a cached code is always what qr_png makes now."""
    digest = hashlib.sha256(Path(qrcodes.__file__).read_bytes())
    digest.update(version("zxing-cpp").encode("utf-8"))
    digest.update(zlib.ZLIB_RUNTIME_VERSION.encode("utf-8"))
    return digest.hexdigest()


def make_qr_codes(addresses: list[str]) -> list[bytes]:
    return [qr_png(address) for address in addresses]


def qr_batch(wanted: dict[str, str], site: Path, cache: Path | None, workers: int | None = None,
             parallel_from: int = PARALLEL_FROM, in_site: dict[Path, str] | None = None) -> FileBatch:
    """The code of each address in `wanted` (published path -> address), for `site`; finish() puts
    them there and drops the cached codes no longer wanted."""
    files = FileCache(cache, maker_fingerprint(), ".png") if cache is not None else None
    return FileBatch("kb-qr-codes", make_qr_codes,
                     [FileJob((address,), address, site / path) for path, address in wanted.items()],
                     files, parallel_from, workers=workers, in_site=in_site)
