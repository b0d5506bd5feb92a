"""Worker processes for the build's slow, independent jobs (QR codes, Markdown of generated pages),
so they run on the cores MkDocs leaves idle."""
from __future__ import annotations

import multiprocessing
import os
from concurrent.futures import ProcessPoolExecutor


def available_cores() -> int:
    """The cores this process may run on (a container or CI runner may allow fewer than the machine has)."""
    return len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else (os.cpu_count() or 1)


def worker_pool(workers: int) -> ProcessPoolExecutor:
    # spawn, not fork: `mkdocs serve` runs threads, and forking a threaded process is unsafe
    return ProcessPoolExecutor(max_workers=workers, mp_context=multiprocessing.get_context("spawn"))
