"""`make serve`'s rebuilds. MkDocs rebuilds the whole site on every change it sees (ten seconds at
1,000 practices). A preview keeps what its builds read and rendered (PreviewMemory); when only
files in practices/ changed, its next build is MkDocs' dirty build, in which a page is written
again only if its content changed (ServedFile), and the practice files read again are the edited
ones. Any other change (a vocabulary, a template, a hand-written page, mkdocs.yml) rebuilds
everything, as MkDocs does."""
from __future__ import annotations

import hashlib
import logging
import os
import threading
from collections.abc import Callable
from pathlib import Path

from mkdocs.commands.build import build
from mkdocs.config import load_config
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import PluginError
from mkdocs.structure.files import File, Files

from ..exports.opendata import KeptRows
from ..pages.keptpages import KeptPages
from ..source.load import KeptReads
from .pageoutput import IconSprite
from .search import IndexWrites, SiteSearch

log = logging.getLogger("mkdocs.plugins.practicekb")
DIRTY_WARNING = "A 'dirty' build is being performed"  # MkDocs' warning, true of a dirty build in general


class ServedFile(File):
    """A file of a preview's build that MkDocs' dirty build writes only if `modified`."""

    modified = True

    def is_modified(self) -> bool:
        return self.modified


def served_copy(file: File, config: MkDocsConfig) -> ServedFile:
    """A hand-written page as a file a dirty build writes every time (its lists of practices, or a
    macro's counts, may have changed with an edited practice): there are a few dozen."""
    if file.generated_by is None:
        copy = ServedFile(file.src_uri, file.src_dir, file.dest_dir, file.use_directory_urls, inclusion=file.inclusion)
    else:
        copy = ServedFile.generated(config, file.src_uri, abs_src_path=file.abs_src_path, inclusion=file.inclusion)
    copy.edit_uri = file.edit_uri
    return copy


def input_files(config: MkDocsConfig) -> dict[str, tuple[int, int]]:
    """Every file a build reads that MkDocs watches (docs/, mkdocs.yml, its `watch` folders), by
    modification time and size."""
    paths: list[str] = []
    for root in {config.docs_dir, config.config_file_path, *config.watch}:
        if os.path.isdir(root):
            paths += [os.path.join(folder, name) for folder, _, names in os.walk(root) for name in names]
        else:
            paths.append(root)
    found: dict[str, tuple[int, int]] = {}
    for path in paths:
        try:
            stat = os.stat(path)
        except OSError:
            continue
        found[os.path.abspath(path)] = (stat.st_mtime_ns, stat.st_size)
    return found


class PreviewMemory:
    """What one preview keeps between its builds: the files read, the pages rendered, the digest of
    every generated file as last written, every page's HTML as last given to the search, the icons."""

    def __init__(self) -> None:
        self.reads = KeptReads()
        self.pages = KeptPages()
        self.icons = IconSprite()
        self.inputs: dict[str, tuple[int, int]] | None = None  # as the last build read them
        self.incremental = False  # this build writes only the files whose content changed
        # generated path -> (digest, where it is written, what the digest is of if not its content)
        self.written: dict[str, tuple[str, str, object]] = {}
        self.writing: dict[str, tuple[str, str, object]] = {}  # the same, this build
        self.in_site: dict[Path, str] = {}  # cards and QR codes in the site -> their cache keys (FileBatch)
        self.data_rows: KeptRows = {}  # each practice's line in the open data (opendata.practice_lines)
        self.searched: dict[str, str] = {}  # page address -> its HTML, as the search was last given it
        self.page_urls: set[str] = set()  # this build's pages, as the search names them
        self.search_writing: tuple[threading.Thread, object] | None = None  # and its Pagefind
        self.search_cancelled = False

    def start(self, inputs: dict[str, tuple[int, int]], incremental: bool) -> None:
        """Before a build that reads `inputs` (input_files), incremental or not."""
        self.incremental = incremental and bool(self.written)
        self.writing = {}
        if not self.incremental:
            self.pages.forget()  # a template or vocabulary may have changed what every page shows
            self.in_site = {}  # MkDocs empties the site's folder
            self.data_rows = {}  # the vocabularies' labels may have changed
        self.inputs = inputs

    def file(self, config: MkDocsConfig, path: str, content: str | bytes, digest_of: object = None) -> File:
        """A generated file, which an incremental build writes only if it differs from the last build's."""
        file = ServedFile.generated(config, path, content=content)
        last = self.written.get(path)
        if digest_of is not None and last is not None and last[2] is digest_of:  # a page kept as it was rendered
            digest = last[0]
        else:
            data = content if digest_of is None else repr(digest_of)
            digest = hashlib.blake2b(data.encode("utf-8", "surrogatepass") if isinstance(data, str) else data,
                                     digest_size=16).hexdigest()
        self.writing[path] = (digest, file.abs_dest_path, digest_of)
        file.modified = not self.incremental or last is None or last[0] != digest
        return file

    def hand_written(self, files: Files, config: MkDocsConfig) -> None:
        """In an incremental build, every page not generated here is written again (served_copy)."""
        if not self.incremental:
            return
        for file in list(files.documentation_pages()):
            # (a page another plugin made in memory is written every time anyway)
            if not isinstance(file, ServedFile) and file.abs_src_path is not None:
                files.remove(file)
                files.append(served_copy(file, config))

    def kept_search(self) -> dict[str, str]:
        """The pages an incremental build did not write, as the search was last given them."""
        return {url: html for url, html in self.searched.items() if url in self.page_urls} if self.incremental else {}

    def commit(self) -> None:
        """After a build: what it wrote is what there is (a practice's page removed since goes)."""
        for path, (_, target, _) in self.written.items():
            if path not in self.writing and self.incremental:
                Path(target).unlink(missing_ok=True)
        self.written, self.writing = self.writing, {}
        self.searched = {url: html for url, html in self.searched.items() if url in self.page_urls}

    def forget(self) -> None:
        """After a failed build: the next one rebuilds everything."""
        self.written, self.writing = {}, {}

    def write_search_later(self, search: SiteSearch, config: MkDocsConfig) -> None:
        """An incremental build's search index is written while the page is already served."""
        indexer = search.indexer

        def write() -> None:
            try:
                search.write(config, IndexWrites(background=False))
            except PluginError as error:
                if not self.search_cancelled:
                    log.error(str(error))

        self.search_cancelled = False
        self.search_writing = (threading.Thread(target=write, daemon=True), indexer)
        self.search_writing[0].start()

    def stop_search_writing(self) -> None:
        """A new build writes the whole index again: the last one's Pagefind, if still writing, is stopped."""
        if self.search_writing is not None:
            thread, indexer = self.search_writing
            if thread.is_alive() and indexer is not None:
                self.search_cancelled = True
                indexer.close()
            thread.join()
            self.search_writing = None


class DirtyWarning(logging.Filter):
    """MkDocs warns that a dirty build's navigation may be wrong: a preview builds dirty only when
    practice files alone changed, which change no navigation (practices are not in it)."""

    def filter(self, record: logging.LogRecord) -> bool:
        return not record.getMessage().startswith(DIRTY_WARNING)


class PreviewSession:
    """`mkdocs serve`'s builder for the rest of a preview (plugin.on_serve): each rebuild loads the
    configuration as serve does, hands the plugin the preview's memory and builds, dirty when only
    practice files changed."""

    def __init__(self, config: MkDocsConfig, memory: PreviewMemory, plugin_name: str,
                 practices: Path, rebuild_all: Callable[[], None]):
        self.config_file = config.config_file_path
        self.site_dir, self.site_url = config.site_dir, config.site_url
        self.overrides = {"dev_addr": str(config.dev_addr), "strict": config.strict,
                          "use_directory_urls": config.use_directory_urls}
        self.memory, self.plugin_name = memory, plugin_name
        self.practices = str(practices.resolve()) + os.sep
        self.rebuild_all = rebuild_all  # serve's own builder, for the cases this one does not know

    def only_practices_changed(self, before: dict[str, tuple[int, int]] | None, now: dict[str, tuple[int, int]]) -> bool:
        """Whether every file added, removed or changed since the last build is in practices/."""
        if before is None:  # nothing known of the last build
            return False
        changed = (path for path in before.keys() | now.keys() if before.get(path) != now.get(path))
        return all(path.startswith(self.practices) for path in changed)

    def rebuild(self) -> None:
        self.memory.stop_search_writing()
        config = load_config(config_file=self.config_file, site_dir=self.site_dir, **self.overrides)
        config.site_url = self.site_url
        plugin = config.plugins.get(self.plugin_name)
        if plugin is None:  # the plugin was taken out of mkdocs.yml
            self.rebuild_all()
            return
        plugin.memory = self.memory
        inputs = input_files(config)
        self.memory.start(inputs, self.only_practices_changed(self.memory.inputs, inputs))
        quiet = DirtyWarning()
        loggers = [logging.getLogger(name) for name in ("mkdocs.commands.build", "properdocs.commands.build")]
        for logger in loggers:
            logger.addFilter(quiet)
        try:
            build(config, serve_url=self.site_url, dirty=self.memory.incremental)
        finally:
            for logger in loggers:
                logger.removeFilter(quiet)
