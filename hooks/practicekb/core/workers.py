"""Worker processes for the build's slow, independent jobs (Markdown of generated pages, social
cards), so they run on the cores MkDocs leaves idle."""
from __future__ import annotations

import multiprocessing
import os
from collections.abc import Callable
from concurrent.futures import Future, ProcessPoolExecutor


def _start_worker(name: str, niceness: int) -> None:
    """A worker's first step: its name, so that `ps`, `top` and the build benchmark (which sums CPU
    by process name) tell the workers' jobs apart, and its priority."""
    try:
        with open("/proc/self/comm", "w", encoding="ascii") as comm:  # Linux; 15 characters at most
            comm.write(name[:15])
    except OSError:
        pass
    if niceness and hasattr(os, "nice"):
        os.nice(niceness)


def available_cores() -> int:
    """The cores this process may run on (a container or CI runner may allow fewer than the machine has)."""
    return len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else (os.cpu_count() or 1)


class BackgroundBatch:
    """`function(chunk, *arguments)` for each chunk, in `workers` spawned processes (spawn, not fork:
    `mkdocs serve` runs threads, and forking a threaded process is unsafe) named `name` (kb-…), at a
    lower priority by `niceness`; results by chunk number, in any order asked for. cancel() drops
    what has not started."""

    def __init__(self, name: str, function: Callable, chunks: list[list], arguments: tuple = (), workers: int = 1,
                 niceness: int = 0):
        self._pool: ProcessPoolExecutor | None = ProcessPoolExecutor(
            max_workers=workers, mp_context=multiprocessing.get_context("spawn"),
            initializer=_start_worker, initargs=(name, niceness))
        self._function, self._arguments = function, arguments
        self._tasks: list[Future] = [self._pool.submit(function, chunk, *arguments) for chunk in chunks]

    def add(self, chunk: list) -> int:
        """One more chunk of work, after the first ones; returns its number."""
        self._tasks.append(self._pool.submit(self._function, chunk, *self._arguments))
        return len(self._tasks) - 1

    def result(self, chunk: int) -> list:
        """The chunk's results, waiting for its worker if they are not there yet."""
        return self._tasks[chunk].result()

    def release(self) -> None:
        """Once every chunk's results are in: the workers exit now, not when the build ends (their
        memory counts in the build's peak), and the results stay readable. Nothing can be added after."""
        if self._pool is not None and all(task.done() for task in self._tasks):
            self._pool.shutdown(wait=False)
            self._pool = None

    def cancel(self) -> None:
        if self._pool is not None:
            self._pool.shutdown(wait=False, cancel_futures=True)
            self._pool = None
