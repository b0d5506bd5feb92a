"""Many QR codes, made in a worker process while the build reads the practices.

A QR code takes about 0.6 ms, so 5,000 practices would add three seconds to a build that is
otherwise single-threaded. A batch starts with the build, on the addresses the practices' file
names give (expect() corrects the guess once they are read), and is collected after MkDocs has
written the pages, so on a machine with two or more cores the codes are made while the build
reads the practices, when it uses one core. Small batches, and machines with one core, make them
in the build's own process. Codes already made stay in memory for `mkdocs serve`'s rebuilds, and
on disk (the build uses .cache/qr/<language>/) for the next build: a practice's address does not
change, so after the first build its code costs nothing.
"""
from __future__ import annotations

import hashlib
import json
from concurrent.futures import Future, ProcessPoolExecutor
from functools import lru_cache
from importlib.metadata import version
from pathlib import Path

from . import qrcodes
from .cachefiles import write_atomically
from .qrcodes import qr_svg
from .workers import available_cores, worker_pool

PARALLEL_FROM = 500  # fewer codes than this take less time than starting a worker process
CHUNK = 50  # codes per task: small enough that cancelling a batch waits at most half a second
MADE: dict[str, str] = {}  # address -> SVG, kept between rebuilds
MADE_LIMIT = 50_000


def _make(addresses: list[str]) -> list[str]:
    return [qr_svg(address) for address in addresses]


def worker_count() -> int:
    """Every core but the one MkDocs builds on."""
    return available_cores() - 1


@lru_cache(maxsize=1)
def maker_fingerprint() -> str:
    """Changes with qrcodes.py and zxing-cpp's version, so a cached code is always what qr_svg makes now."""
    digest = hashlib.sha256(Path(qrcodes.__file__).read_bytes())
    digest.update(version("zxing-cpp").encode("utf-8"))
    return digest.hexdigest()


def cache_name(address: str) -> str:
    payload = json.dumps([maker_fingerprint(), address], ensure_ascii=False)
    return hashlib.sha256(payload.encode("utf-8")).hexdigest()[:32] + ".svg"


class QrBatch:
    """The QR codes of `wanted` (published path -> address), started now, collected with files().
    With a `cache` folder, codes made by earlier builds are read from it and new ones added to it;
    codes no longer wanted are dropped from it."""

    def __init__(self, wanted: dict[str, str], cache: Path | None = None):
        self.wanted = wanted
        self.cache = cache
        self._pool: ProcessPoolExecutor | None = None
        self._tasks: list[tuple[list[str], Future]] = []
        if len(MADE) > MADE_LIMIT:
            MADE.clear()
        self._from_cache(set(wanted.values()) - MADE.keys())
        todo = sorted(set(wanted.values()) - MADE.keys())
        self._new = set(todo)
        workers = worker_count()
        if len(todo) >= PARALLEL_FROM and workers >= 1:
            self._pool = worker_pool(workers)
            chunks = [todo[i:i + CHUNK] for i in range(0, len(todo), CHUNK)]
            self._tasks = [(chunk, self._pool.submit(_make, chunk)) for chunk in chunks]

    def expect(self, wanted: dict[str, str]) -> None:
        """The codes the site turned out to need, when the batch was started on a guess (the
        practices' file names, before reading them): the ones not guessed are read from the cache
        or made by files(); the ones guessed but not needed are left out of the site and the cache."""
        self._from_cache(set(wanted.values()) - MADE.keys() - set(self.wanted.values()))
        self.wanted = wanted

    def files(self) -> dict[str, str]:
        """Wait for the workers, make what is left here, and give published path -> SVG."""
        try:
            for chunk, task in self._tasks:
                MADE.update(zip(chunk, task.result()))
        finally:
            self.cancel()
        for address in set(self.wanted.values()) - MADE.keys():
            MADE[address] = qr_svg(address)
            self._new.add(address)
        self._to_cache()
        return {path: MADE[address] for path, address in self.wanted.items()}

    def cached_file(self, address: str) -> Path | None:
        """The cache's file of a code (after files()), to link into the site instead of writing it
        again: a file replaces a cached code, never changes it, so a link keeps its bytes."""
        if self.cache is None:
            return None
        path = self.cache / cache_name(address)
        return path if path.is_file() else None

    def _from_cache(self, addresses: set[str]) -> None:
        if self.cache is None or not self.cache.is_dir():
            return
        for address in addresses:
            try:
                MADE[address] = (self.cache / cache_name(address)).read_text(encoding="utf-8")
            except (OSError, UnicodeDecodeError):
                pass  # not made yet, or unreadable: made again

    def _to_cache(self) -> None:
        """Add the codes made now; drop the ones no longer wanted. A cache that cannot be written only
        costs the next build time, so it never fails this one."""
        if self.cache is None:
            return
        try:
            self.cache.mkdir(parents=True, exist_ok=True)
            for address in self._new & set(self.wanted.values()):
                write_atomically(self.cache / cache_name(address), MADE[address].encode("utf-8"))
            keep = {cache_name(address) for address in self.wanted.values()}
            for entry in self.cache.iterdir():
                if entry.name not in keep:
                    entry.unlink(missing_ok=True)
        except OSError:
            pass

    def cancel(self) -> None:
        """Stop the workers (a failed build, or a new one): tasks not started are dropped."""
        if self._pool is not None:
            self._pool.shutdown(wait=False, cancel_futures=True)
            self._pool = None
            self._tasks = []
