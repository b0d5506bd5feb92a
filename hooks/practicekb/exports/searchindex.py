"""The site's search index: Pagefind, fed every page as MkDocs writes it, written to <site>/pagefind/.

Pagefind ships as a binary inside the `pagefind[bin]` wheel and runs offline. Run over the finished
site, it added about two seconds to a build of 1,000 practices. Instead the build starts Pagefind
as a service (`pagefind --service`, the protocol its own Python and Node wrappers speak: base64
JSON messages, each followed by a comma) and hands it each page's HTML the moment the page is
written, so Pagefind indexes on another core while MkDocs renders the next pages. Writing the
index starts when the build reaches the lists of practices, which come last and are not searched
(start_writing), so it goes on while they, the QR codes and the social cards are written.
(The `pagefind` package's own async wrapper polls for every answer with a 0.1 s sleep, which
made 1,000 pages take over a minute.)

Only pages marked data-pagefind-body are sent (practices and hand-written pages; list pages are
not), and of each only what Pagefind reads (searchable_part). The browser downloads the index in
small pieces, only those a query needs.

The index comes back in Pagefind's answer (GetFiles) and this module writes its files: asked to
write them itself (WriteFiles), Pagefind answers before its writes are done (tokio's files are not
flushed) and exits the moment its input closes, which left files cut short under load (a 45 KB
pagefind.js of 32 KB, and search broken, in a test run).
"""
from __future__ import annotations

import base64
import json
import queue
import subprocess
import threading
from collections.abc import Callable
from pathlib import Path

from .searchfiles import SearchFilesError, indexed_page_count, write_index

OUTPUT = "pagefind"
NOT_STARTED = "Pagefind was stopped before it started"  # close() came first (a failed build)
BODY_MARK = "data-pagefind-body"
WRITE_TIMEOUT = 600  # seconds for Pagefind to make the index once every page is in
FILES_REQUEST = {"type": "GetFiles"}  # the index's files, in the answer (exports/searchfiles.py writes them)


def searchable_part(html: str) -> str:
    """The page without what lies between <body> and the element marked data-pagefind-body: the
    header, navigation and tabs, two thirds of a practice page, which Pagefind would parse only to
    skip (outside the marked element Pagefind indexes no text; it reads the head and data-pagefind-*
    attributes). The page is kept whole if that stretch has any such attribute."""
    body = html.find("<body")
    mark = html.find(BODY_MARK)
    if body < 0 or mark < 0:
        return html
    body_end = html.find(">", body) + 1
    start = html.rfind("<", 0, mark)
    if start < body_end or "data-pagefind" in html[body_end:start]:
        return html
    return html[:body_end] + html[start:]


class SearchIndexError(RuntimeError):
    """Pagefind is missing or failed; the message says what to do."""


def pagefind_executable() -> str:
    try:
        from pagefind_bin import get_executable
    except ImportError:
        raise SearchIndexError("Pagefind is not installed: run `.venv/bin/pip install -e .` "
                               "(it installs the 'pagefind[bin]' package).") from None
    return str(get_executable())


class SearchIndexer:
    """One Pagefind index: the site builds one per language (adapter/search.py), so one language's
    pages are held at a time. Pages go in with add_page while the site is built; write() puts the
    index into the site and stops Pagefind."""

    def __init__(self, keep_index_url: bool = False, start_after: Callable[[], object] | None = None):
        """`start_after`: Pagefind is started once it returns (in a thread; pages added meanwhile wait
        in a queue), so the index the build wrote before, still being written by its own Pagefind,
        does not share the memory with this one; without it Pagefind starts now."""
        self._executable = pagefind_executable()
        self._process: subprocess.Popen | None = None
        self._answers: dict[int, dict] = {}  # message id -> answer, for the messages waited for
        self._answer_count = 0
        self._failures: list[dict] = []
        self._answered = threading.Condition()
        self._last_id = 0
        self._pages = 0
        self._config = {"exclude_selectors": [".headerlink"], "keep_index_url": keep_index_url}
        self._index_id: str | None = None
        # Pages are encoded and written to Pagefind by a thread of their own: writing to the pipe
        # waits whenever Pagefind is busy, and the build should not.
        self._outbox: queue.SimpleQueue[tuple[int, dict] | None] = queue.SimpleQueue()
        self._writer_error: SearchIndexError | None = None
        self._closed = False
        self._starting = threading.Lock()  # close() and a deferred start, one at a time
        self._sent = 0  # messages written to Pagefind, each answered in turn
        self._new_index = self._next_id()  # the first message, whenever Pagefind starts
        self._write_request: int | None = None  # the message asking for the index to be written
        self._output: Path | None = None
        if start_after is None:
            self._launch()
        self._writer = threading.Thread(target=self._write_pages, args=(start_after,), name="pagefind-pages",
                                        daemon=True)
        self._writer.start()

    def _launch(self) -> None:
        """Start Pagefind and its index (in the writer thread when the start waits for another index)."""
        with self._starting:
            if self._closed:
                raise SearchIndexError(NOT_STARTED)
            try:
                self._process = subprocess.Popen([self._executable, "--service"], stdin=subprocess.PIPE,
                                                 stdout=subprocess.PIPE, stderr=subprocess.DEVNULL)
            except OSError as error:
                raise SearchIndexError(f"Pagefind could not be started: {error}") from None
        threading.Thread(target=self._read_answers, name="pagefind-answers", daemon=True).start()
        self._write_message(self._new_index, {"type": "NewIndex", "config": self._config})
        self._index_id = self._answer(self._new_index, timeout=60)["index_id"]

    def add_page(self, url: str, html: str) -> None:
        """Index a page at `url` (from the site's root, e.g. /sk/practices/x/) unless it is not
        marked for search. Does not wait: Pagefind answers while the build goes on."""
        if BODY_MARK not in html:
            return
        self._post({"type": "AddFile", "url": url, "file_contents": searchable_part(html), "file_path": None})
        self._pages += 1

    def start_writing(self, site_dir: Path) -> None:
        """Once every page to be searched is in (pages MkDocs builds later are lists, left out of
        the index): ask Pagefind for the index of `site_dir`/pagefind, and return while it makes
        it (a second or two at 1,000 practices), so the build goes on meanwhile; write() waits
        for it. A page added after all the same is not lost: write() asks again."""
        if self._write_request is not None:
            return
        self._output = Path(site_dir).resolve() / OUTPUT
        self._write_request = self._post(FILES_REQUEST)

    def write(self, site_dir: Path) -> Path:
        """Wait for every page to be indexed, stop Pagefind, and write the index into
        `site_dir`/pagefind (asked for now unless start_writing did)."""
        try:
            self.start_writing(site_dir)
            self._finish_pages()
            files = self._answer(self._write_request, timeout=WRITE_TIMEOUT)["files"]  # every page's answer came before
            # Fewer pages in the index than were sent: pages added after the request, or (should Pagefind
            # ever handle messages at once rather than in turn) pages it had not finished when it
            # answered. Every page has been indexed by now: ask again, with all of them.
            if not self._failures and indexed_page_count(files) < self._pages:
                files = self._answer(self._send(FILES_REQUEST), timeout=WRITE_TIMEOUT)["files"]
            if self._failures:
                raise SearchIndexError(f"Pagefind could not index {len(self._failures)} page(s): "
                                       f"{self._failures[0].get('message', self._failures[0])}")
        finally:
            self.close()
        if not any(file["path"] == "pagefind.js" for file in files):
            raise SearchIndexError(f"Pagefind gave no index for {self._output}")
        try:
            write_index(files, self._output)
        except SearchFilesError as error:
            raise SearchIndexError(str(error)) from None
        return self._output

    @property
    def page_count(self) -> int:
        return self._pages

    def close(self) -> None:
        """Stop Pagefind (also when a build fails or is replaced by a newer one)."""
        with self._starting:
            self._closed = True  # a Pagefind not started yet is not started
        self._outbox.put(None)
        if self._process is not None and self._process.poll() is None:
            try:
                self._process.stdin.close()
            except OSError:
                pass
            self._process.terminate()
            self._process.wait()
        with self._answered:  # a write() waiting in another thread sees Pagefind has stopped
            self._answered.notify_all()

    def _next_id(self) -> int:
        self._last_id += 1
        return self._last_id

    def _post(self, payload: dict) -> int:
        """Queue a message for the writer thread (messages keep their order)."""
        message_id = self._next_id()
        self._outbox.put((message_id, payload))
        return message_id

    def _write_pages(self, start_after: Callable[[], object] | None) -> None:
        if start_after is not None:
            try:
                start_after()
                self._launch()
            except SearchIndexError as error:
                self._writer_error = error
        while (message := self._outbox.get()) is not None:
            if self._writer_error is None:
                try:
                    self._write_message(*message, flush=self._outbox.empty())  # Pagefind can start on what it has
                except SearchIndexError as error:
                    self._writer_error = error  # reported by write(); later pages are dropped

    def _finish_pages(self) -> None:
        """Until every page added has been handed to Pagefind."""
        self._outbox.put(None)
        self._writer.join()
        if self._writer_error is not None:
            raise self._writer_error

    def _send(self, payload: dict) -> int:
        """Send a message now (only while the writer thread has nothing to send)."""
        message_id = self._next_id()
        self._write_message(message_id, payload)
        return message_id

    def _write_message(self, message_id: int, payload: dict, flush: bool = False) -> None:
        if payload["type"] != "NewIndex":
            payload = {**payload, "index_id": self._index_id}  # known once Pagefind has started
        message = {"message_id": message_id, "payload": payload}
        self._to_pagefind(base64.b64encode(json.dumps(message).encode("utf-8")) + b",", flush)
        self._sent += 1

    def _to_pagefind(self, data: bytes, flush: bool) -> None:
        """Write to Pagefind's input: a closed pipe means Pagefind has stopped."""
        if self._process is None:
            raise SearchIndexError(NOT_STARTED)
        try:
            self._process.stdin.write(data)
            if flush:
                self._process.stdin.flush()
        except (BrokenPipeError, ValueError):
            raise SearchIndexError("Pagefind stopped while the site was being indexed") from None

    def _wait_for_all(self, timeout: float) -> None:
        """Until Pagefind has answered every message sent so far (or has stopped)."""
        self._to_pagefind(b"", flush=True)
        last = self._sent
        with self._answered:
            if not self._answered.wait_for(lambda: self._answer_count >= last or self._process.poll() is not None,
                                           timeout=timeout):
                raise SearchIndexError(f"Pagefind gave no answer in {timeout} seconds")

    def _answer(self, message_id: int, timeout: float) -> dict:
        """Wait for the answer to a message sent."""
        self._wait_for_all(timeout)
        answer = self._answers.pop(message_id, None)
        if answer is None:
            failure = self._failures[-1].get("message") if self._failures else \
                f"it stopped unexpectedly (exit {self._process.returncode})"
            raise SearchIndexError(f"Pagefind failed: {failure}")
        return answer

    def _read_answers(self) -> None:
        """Answers, each base64 JSON ended by a comma. The index's answer runs to tens of megabytes
        at 5,000 practices: a chunk read is searched for commas alone, not what came before it, and
        each answer is decoded as soon as it is whole, its text let go before it is parsed."""
        pending = bytearray()
        stream = self._process.stdout
        while chunk := stream.read1(1 << 16):
            start = 0
            while (comma := chunk.find(b",", start)) >= 0:
                pending += chunk[start:comma]
                start = comma + 1
                decoded = base64.b64decode(pending)
                pending = bytearray()
                self._take(json.loads(decoded))
                del decoded
            pending += chunk[start:]
        with self._answered:
            self._answered.notify_all()

    def _take(self, answer: dict) -> None:
        """Count an answer; keep it if it is one a caller waits for (not a page's), or a failure."""
        payload = answer.get("payload") or {}
        with self._answered:
            self._answer_count += 1
            if payload.get("type") == "Error":
                self._failures.append(payload)
            elif payload.get("type") != "IndexedFile":  # page answers are not needed, only counted
                self._answers[answer.get("message_id")] = payload
            self._answered.notify_all()
