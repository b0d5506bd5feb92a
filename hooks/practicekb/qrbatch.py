"""Many QR codes, made in worker processes while MkDocs builds the pages.

Choosing a QR code's mask takes segno about 10 ms, so 5,000 practices would add most of a
minute to a build that is otherwise single-threaded. A batch starts when the pages are
generated and is collected after MkDocs has written them, so on a machine with two or more
cores the codes cost almost no build time. Small batches, and machines with one core, make
them in the build's own process. Codes already made stay in memory for `mkdocs serve`'s rebuilds.
"""
from __future__ import annotations

import multiprocessing
import os
from concurrent.futures import Future, ProcessPoolExecutor

from .qrcodes import qr_svg

PARALLEL_FROM = 200  # fewer codes than this take less time than starting a worker process
CHUNK = 50  # codes per task: small enough that cancelling a batch waits at most half a second
MADE: dict[str, str] = {}  # address -> SVG, kept between rebuilds
MADE_LIMIT = 50_000


def _make(addresses: list[str]) -> list[str]:
    return [qr_svg(address) for address in addresses]


def worker_count() -> int:
    """Every core but the one MkDocs builds on."""
    cores = len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else (os.cpu_count() or 1)
    return cores - 1


class QrBatch:
    """The QR codes of `wanted` (published path -> address), started now, collected with files()."""

    def __init__(self, wanted: dict[str, str]):
        self.wanted = wanted
        self._pool: ProcessPoolExecutor | None = None
        self._tasks: list[tuple[list[str], Future]] = []
        if len(MADE) > MADE_LIMIT:
            MADE.clear()
        todo = sorted(set(wanted.values()) - MADE.keys())
        workers = worker_count()
        if len(todo) >= PARALLEL_FROM and workers >= 1:
            # spawn, not fork: `mkdocs serve` runs threads, and forking a threaded process is unsafe
            self._pool = ProcessPoolExecutor(max_workers=workers, mp_context=multiprocessing.get_context("spawn"))
            chunks = [todo[i:i + CHUNK] for i in range(0, len(todo), CHUNK)]
            self._tasks = [(chunk, self._pool.submit(_make, chunk)) for chunk in chunks]

    def files(self) -> dict[str, str]:
        """Wait for the workers, make what is left here, and give published path -> SVG."""
        try:
            for chunk, task in self._tasks:
                MADE.update(zip(chunk, task.result()))
        finally:
            self.cancel()
        for address in set(self.wanted.values()) - MADE.keys():
            MADE[address] = qr_svg(address)
        return {path: MADE[address] for path, address in self.wanted.items()}

    def cancel(self) -> None:
        """Stop the workers (a failed build, or a new one): tasks not started are dropped."""
        if self._pool is not None:
            self._pool.shutdown(wait=False, cancel_futures=True)
            self._pool = None
            self._tasks = []
