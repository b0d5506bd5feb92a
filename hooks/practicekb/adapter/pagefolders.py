"""The folders of the generated pages a build writes, made ahead of MkDocs' page loop in a thread.

MkDocs writes each page into a folder of its own (practices/<slug>/index.html) and makes the folder
just before (mkdocs.utils.write_file); on a disk busy with the build's other writers a new folder
took about half a millisecond, 11 s of a five-language build of 5,000 practices, all of it in the
build's one page loop. A thread makes them first (the system calls leave Python free meanwhile),
in the order the pages are built, so MkDocs finds each folder there. It makes only folders MkDocs
makes anyway: the site folder is cleaned before (the build's first step), and every page is written.
"""
from __future__ import annotations

import threading
from pathlib import Path


class PageFolders:
    """Makes `folders` (in that order) in a thread until done or stopped; any error stops it quietly
    (MkDocs then makes the rest itself, and reports what it cannot)."""

    def __init__(self, folders: list[Path]):
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._make, args=(folders,), name="kb-page-folders", daemon=True)
        self._thread.start()

    def _make(self, folders: list[Path]) -> None:
        made: set[Path] = set()
        for folder in folders:
            if self._stop.is_set():
                return
            if folder in made:
                continue
            try:
                folder.mkdir(parents=True, exist_ok=True)
            except OSError:
                return
            made.add(folder)

    def wait(self) -> None:
        self._thread.join()

    def stop(self) -> None:
        """Stop making folders and wait for the thread (the pages are written, or the build failed)."""
        self._stop.set()
        self._thread.join()
