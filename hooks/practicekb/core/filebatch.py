"""Files the site needs, made from their inputs and kept in the file cache: social cards and QR
codes. Only the files the cache lacks are made, in worker processes while the build writes its pages
when there are many (BackgroundBatch: the workers write them into the cache themselves), and every
file is put into the site after the pages."""
from __future__ import annotations

from collections.abc import Callable, Hashable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from .cachefiles import FileCache, write_atomically
from .workers import BackgroundBatch, available_cores


@dataclass(frozen=True)
class FileJob:
    key_parts: tuple[Hashable, ...]  # everything the file shows: its name in the cache
    source: Any  # what `make` is given for it (picklable: it may go to a worker)
    target: Path  # where it goes in the built site


def made_into_cache(chunk: list[tuple[Any, str]], make: Callable[[list], list[bytes]]) -> list[bytes | None]:
    """A worker's job: make each file and write it into the cache at its path itself, so that the build's
    process only links it (creating thousands of files is a good part of a cold build); a file it could
    not write comes back as bytes."""
    made: list[bytes | None] = []
    for (_, path), data in zip(chunk, make([source for source, _ in chunk])):
        try:
            write_atomically(Path(path), data)
            made.append(None)
        except OSError:
            made.append(data)
    return made


@dataclass
class FileStats:
    made: int = 0
    cached: int = 0


class FileBatch:
    """Started when the build starts, finished (waited for, put into the site) after the pages are
    written: the site folder is cleaned before this starts. `make`: a module-level function, a list
    of sources -> their files' bytes."""

    def __init__(self, name: str, make: Callable[[list], list[bytes]], jobs: list[FileJob], cache: FileCache | None,
                 parallel_from: int, chunk: int = 50, workers: int | None = None, niceness: int = 10,
                 in_site: dict[Path, str] | None = None):
        """`name`: the workers' (core/workers.py). `in_site`: what a preview's last build put into the
        site (target -> cache key): a file still the same is not put there again; updated by finish()."""
        self._make, self._cache, self._chunk, self._in_site = make, cache, chunk, in_site
        self._jobs = [(job, cache.key(*job.key_parts) if cache else "") for job in jobs]
        self._work = [(job, key) for job, key in self._jobs if not (cache and cache.has(key))]
        workers = workers if workers is not None else min(4, available_cores())  # low priority: only idle cores
        self._batch: BackgroundBatch | None = None
        if workers >= 1 and len(self._work) >= parallel_from:
            parts = [self._work[i:i + chunk] for i in range(0, len(self._work), chunk)]
            if cache is not None and cache.ready():  # the workers write the files into the cache
                chunks = [[(job.source, str(cache.path(key))) for job, key in part] for part in parts]
                self._batch = BackgroundBatch(name, made_into_cache, chunks, (make,), workers=workers,
                                              niceness=niceness)
            else:
                self._batch = BackgroundBatch(name, make, [[job.source for job, _ in part] for part in parts],
                                              workers=workers, niceness=niceness)

    def finish(self) -> FileStats:
        """Every file in the site; cached files this site no longer uses are dropped."""
        made: dict[int, bytes] = {}
        try:
            for start in range(0, len(self._work), self._chunk):
                part = self._work[start:start + self._chunk]
                files = self._batch.result(start // self._chunk) if self._batch \
                    else self._make([job.source for job, _ in part])
                made.update(zip(range(start, start + len(part)), files))
        finally:
            self.cancel()
        new = {id(job): made[n] for n, (job, _) in enumerate(self._work)}
        for job, key in self._jobs:
            if self._cache is None:
                job.target.parent.mkdir(parents=True, exist_ok=True)
                job.target.write_bytes(new[id(job)])
            elif self._in_site is None or self._in_site.get(job.target) != key or id(job) in new:
                self._cache.publish(key, new.get(id(job)), job.target)
                if self._in_site is not None:
                    self._in_site[job.target] = key
        if self._cache is not None:
            self._cache.prune()
        return FileStats(made=len(self._work), cached=len(self._jobs) - len(self._work))

    def cancel(self) -> None:
        """Stop the workers (a failed build, or a new one)."""
        if self._batch is not None:
            self._batch.cancel()
            self._batch = None
