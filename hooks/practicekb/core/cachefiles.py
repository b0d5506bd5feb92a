"""The build's one file cache (.cache/<kind>/<language>/): files named by what decides their bytes.

HTML of converted pages, social cards and QR codes are all kept the same way: a file's name is a
hash of a fingerprint (the code and settings that make it) and its inputs, so a file is never
changed, only added or dropped, and a hard link from the site keeps its bytes. Two builds of one
project may run at once (`mkdocs serve` and `make build`), and a build may be stopped mid-write;
a file is therefore written under a name of its own process's and renamed over the old one, so a
reader finds the old file or the new one, never half of one. A cache that cannot be read or
written only costs the next build time: it never fails this one.
"""
from __future__ import annotations

import hashlib
import json
import os
import shutil
from pathlib import Path


def write_atomically(target: Path, data: bytes) -> None:
    partial = target.with_suffix(f".{os.getpid()}.tmp")
    partial.write_bytes(data)
    os.replace(partial, target)


def link_or_copy(source: Path, target: Path) -> None:
    """A hard link where the file system allows one (no bytes copied), else a copy."""
    try:
        if os.path.samefile(source, target):  # linked by an earlier build into the same folder (make serve)
            return
    except OSError:
        pass
    target.unlink(missing_ok=True)
    try:
        os.link(source, target)
    except OSError:
        shutil.copyfile(source, target)


class FileCache:
    """Files of one kind in `folder`, named by `key(inputs)`; prune() drops the ones this build did not use."""

    def __init__(self, folder: Path, fingerprint: str, suffix: str):
        self.folder = folder
        self.fingerprint = fingerprint
        self.suffix = suffix
        self._used: set[str] = set()
        self._made = False  # the folder was made by ready()

    def key(self, *inputs: object) -> str:
        payload = json.dumps([self.fingerprint, *inputs], ensure_ascii=False, default=str)
        return hashlib.sha256(payload.encode("utf-8", "surrogatepass")).hexdigest()[:32]

    def path(self, key: str) -> Path:
        return self.folder / f"{key}{self.suffix}"

    def ready(self) -> bool:
        """Whether files can be written into the folder (made if need be, once: a build puts a
        thousand files, and a system call each costs a second on a slow disk)."""
        if not self._made:
            try:
                self.folder.mkdir(parents=True, exist_ok=True)
            except OSError:
                return False
            self._made = True
        return True

    def get(self, key: str) -> bytes | None:
        try:
            data = self.path(key).read_bytes()
        except OSError:
            return None
        self._used.add(key)
        return data

    def mark_used(self, key: str) -> None:
        """A file of `key` was written by another process: prune() keeps it."""
        self._used.add(key)

    def has(self, key: str) -> bool:
        if self.path(key).is_file():
            self._used.add(key)
            return True
        return False

    def put(self, key: str, data: bytes) -> bool:
        """Keep `data` under `key`; False if the cache cannot be written."""
        self._used.add(key)
        if not self.ready():
            return False
        try:
            write_atomically(self.path(key), data)
        except OSError:
            return False
        return True

    def publish(self, key: str, data: bytes | None, target: Path) -> None:
        """Put the file at `target` in the site: linked from the cache when it is there (or can be
        put there), else written."""
        target.parent.mkdir(parents=True, exist_ok=True)
        if self.has(key) or (data is not None and self.put(key, data)):
            link_or_copy(self.path(key), target)
        elif data is not None:
            target.write_bytes(data)
        else:
            raise FileNotFoundError(self.path(key))

    def prune(self) -> None:
        """Drop the files of this kind that this build did not use, and what stopped writes left."""
        try:
            for entry in self.folder.iterdir():
                if entry.name.endswith(".tmp") or (entry.name.endswith(self.suffix)
                                                   and entry.name.removesuffix(self.suffix) not in self._used):
                    entry.unlink(missing_ok=True)
        except OSError:
            pass
