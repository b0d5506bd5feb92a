"""The Markdown of generated pages (practices first, then term and overview pages), converted to
HTML outside MkDocs: taken from the last build's cache (htmlcache.py), or converted in a worker
process while MkDocs works on the other pages.

MkDocs converts every page's Markdown in its one process, one page after another; at 1,000
practices that is about 3 s of a build that leaves the machine's other cores idle. A generated
page's Markdown is known as soon as the pages are generated (on_files), so from PARALLEL_FROM
pages on a worker converts it with the site's own Markdown settings, in the order MkDocs will
build the pages, and MkDocs is given an empty page to convert instead. The HTML, table of
contents and anchor ids are collected when MkDocs renders the page into the theme, by which time
the worker is well ahead. Fewer pages (or a single core) are converted the same way in the
build's own process, when MkDocs renders them, so that they are kept in the cache too.

Only pages whose every link and image is an absolute http(s) or mailto address are converted
here: MkDocs rewrites and checks relative links (to other pages, to anchors), and a page with one
is left for MkDocs to convert as usual. Plugins that change a page's Markdown do not see the pages
converted here; the generated pages are not meant for them (mkdocs-macros is off for them).
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Iterator

import markdown
import markdown.htmlparser
from mkdocs.utils import meta

from ..core.workers import BackgroundBatch, available_cores
from ..pages.sanitize import clean_html

if TYPE_CHECKING:
    from .htmlcache import CacheEntries, HtmlCache

PARALLEL_FROM = 200  # fewer pages than this convert faster than a worker process starts (mkdocs.yml can say otherwise)
CHUNK = 25  # pages per task: the first ones are ready soon after the worker starts

# Anything that could be a link or image address in Markdown or HTML. A pattern per kind, each
# found by what it starts with: one pattern of all four, tried at every character, took 0.3 s at
# 1,000 practices.
INLINE_LINK = re.compile(r"\]\s*\(\s*<?([^)\s>]*)")
AUTOLINK = re.compile(r"<([a-z][a-z0-9+.-]*:[^>\s]*)>", re.IGNORECASE)
REFERENCE = re.compile(r"^\s{0,3}\[[^\]]+\]:\s*<?(\S*)", re.MULTILINE)
ATTRIBUTE_NAME = re.compile(r"(?:href|src|srcset)\s*$", re.IGNORECASE)  # just before an "="
ATTRIBUTE_VALUE = re.compile(r"\s*[\"']?([^\"'\s>]*)")
ABSOLUTE = re.compile(r"(?:https?://|mailto:)", re.IGNORECASE)


@dataclass(frozen=True)
class ConvertedPage:
    html: str  # sanitized (pages/sanitize.py): in the worker, once, and so kept in the cache
    toc_tokens: list  # Python-Markdown's toc extension's tokens, for mkdocs.structure.toc.get_toc
    anchor_ids: frozenset[str]  # every id (and <a name>) in the page, as MkDocs collects them


def only_absolute_links(markdown_text: str) -> bool:
    """True when nothing in the text is a relative address MkDocs would rewrite or check.
    Errs on the side of False: such a page is simply converted by MkDocs."""
    return all(ABSOLUTE.match(address) for address in addresses(markdown_text))


def addresses(text: str) -> Iterator[str]:
    """Every address in links, images, autolinks, reference definitions and href/src attributes."""
    for pattern in (INLINE_LINK, AUTOLINK):
        for match in pattern.finditer(text):
            yield match.group(1)
    if "]:" in text:
        for match in REFERENCE.finditer(text):
            yield match.group(1)
    equals = text.find("=")
    while equals != -1:
        if ATTRIBUTE_NAME.search(text, max(0, equals - 64), equals):
            yield ATTRIBUTE_VALUE.match(text, equals + 1).group(1)
        equals = text.find("=", equals + 1)


class _RawHtmlAnchors(markdown.preprocessors.Preprocessor):
    """The ids in a page's raw HTML, found in its source as MkDocs finds them (mkdocs.structure.pages)."""

    ids: set  # set by Converter.page() for each page

    def run(self, lines: list[str]) -> list[str]:
        parser = _StartTags()
        parser.feed("\n".join(lines))
        parser.close()
        self.ids = parser.ids
        return lines


class _StartTags(markdown.htmlparser.htmlparser.HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.ids: set = set()

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        for name, value in attrs:
            if name == "id" or (name == "name" and tag == "a"):
                self.ids.add(value)


class _TreeAnchors(markdown.treeprocessors.Treeprocessor):
    """The ids of a page's elements (headings, attribute lists, <a name>), as MkDocs collects them."""

    ids: set  # set by Converter.page() for each page

    def run(self, root) -> None:
        for element in root.iter():
            if anchor := element.get("id"):
                self.ids.add(anchor)
            if element.tag == "a" and (anchor := element.get("name")):
                self.ids.add(anchor)


class Converter:
    """The site's Markdown settings in one Markdown instance, reset between pages (Python-Markdown's
    way to convert many documents; the same HTML as an instance per page, in a tenth less time),
    collecting each page's anchor ids as MkDocs does."""

    def __init__(self, extensions: list, extension_configs: dict):
        self.md = markdown.Markdown(extensions=extensions, extension_configs=extension_configs)
        self.raw_html, self.tree = _RawHtmlAnchors(self.md), _TreeAnchors(self.md)
        self.md.preprocessors.register(self.raw_html, "kb_raw_html_anchors", priority=21)  # MkDocs' priorities
        self.md.treeprocessors.register(self.tree, "kb_extract_anchors", priority=5)

    def page(self, source: str) -> ConvertedPage:
        """A page's source (front matter and Markdown, as MkDocs reads them) as MkDocs converts it."""
        text, _ = meta.get_data(source)
        self.md.reset()
        self.raw_html.ids, self.tree.ids = set(), set()
        html = clean_html(self.md.convert(text))  # generated pages are made of contributors' text
        return ConvertedPage(html, getattr(self.md, "toc_tokens", []), frozenset(self.tree.ids | self.raw_html.ids))


def convert(sources: list[str], extensions: list, extension_configs: dict) -> list[ConvertedPage]:
    """A worker's task: page sources converted with the site's extensions."""
    converter = Converter(extensions, extension_configs)
    return [converter.page(source) for source in sources]


def convert_into_cache(chunk: list[tuple[str, str]], extensions: list, extension_configs: dict,
                       entries: CacheEntries) -> list[tuple[ConvertedPage, bool]]:
    """A worker's task when there is a cache: (source, path in the cache) -> each page converted and
    written into the cache at its path by the worker (a thousand files are a second of the build's
    process otherwise), with whether it could be written."""
    converter = Converter(extensions, extension_configs)
    pages = [(converter.page(source), path) for source, path in chunk]
    return [(page, entries.write(Path(path), page)) for page, path in pages]


def worker_count() -> int:
    """One worker: the build's own process and Pagefind take the other cores."""
    return 1 if available_cores() >= 2 else 0


class MarkdownBatch:
    """Pages (src_uri -> source) converted outside MkDocs: taken from the cache of earlier builds
    (htmlcache.py), or converted by a worker in the given order when enough are left, or else in
    this process when asked for (only worth it with a cache to keep them in); pages with relative
    links are left to MkDocs."""

    def __init__(self, sources: dict[str, str], extensions: list, extension_configs: dict,
                 cache: HtmlCache | None = None, workers: int | None = None, parallel_from: int = PARALLEL_FROM):
        """`workers`: processes to convert in (None: worker_count()); from `parallel_from` pages on."""
        self._batch: BackgroundBatch | None = None
        self._cache = cache
        self._settings = (extensions, extension_configs)
        self._cached: dict[str, ConvertedPage] = {}
        self._chunk_of: dict[str, tuple[int, int]] = {}
        self._here: dict[str, str] = {}  # src_uri -> source, converted here when asked for
        self._converter: Converter | None = None  # for the pages converted here
        self._worker_writes = False  # the worker writes the pages it converts into the cache
        self._key_of: dict[str, str] = {}
        self._taken: set[str] = set()  # pages the worker converted whose HTML was asked for
        wanted = []
        for uri, source in sources.items():
            key = cache.page_key(source) if cache is not None else ""
            page = cache.get(key) if cache is not None else None
            if page is not None:  # only pages with absolute links are ever kept
                self._cached[uri] = page
            elif only_absolute_links(source):
                self._key_of[uri] = key
                wanted.append((uri, source))
        workers = worker_count() if workers is None else workers
        if len(wanted) < parallel_from or workers < 1:
            if cache is not None:
                self._here = dict(wanted)
            return
        chunks = [wanted[start:start + CHUNK] for start in range(0, len(wanted), CHUNK)]
        for number, chunk in enumerate(chunks):
            for offset, (uri, _) in enumerate(chunk):
                self._chunk_of[uri] = (number, offset)
        paths = {uri: cache.entry_path(self._key_of[uri]) for uri, _ in wanted} if cache is not None else {}
        self._worker_writes = bool(paths) and None not in paths.values()
        if self._worker_writes:
            self._batch = BackgroundBatch("kb-markdown", convert_into_cache,
                                          [[(source, str(paths[uri])) for uri, source in chunk] for chunk in chunks],
                                          (extensions, extension_configs, cache.entries), workers=workers)
        else:
            self._batch = BackgroundBatch("kb-markdown", convert, [[source for _, source in chunk] for chunk in chunks],
                                          (extensions, extension_configs), workers=workers)

    def __contains__(self, src_uri: str) -> bool:
        return src_uri in self._cached or src_uri in self._chunk_of or src_uri in self._here

    def from_cache(self, src_uri: str) -> bool:
        return src_uri in self._cached

    def counts(self) -> dict[str, int]:
        """How many pages came from the cache, went to a worker, or are converted in this process."""
        return {"cache": len(self._cached), "worker": len(self._chunk_of), "here": len(self._here)}

    def from_other_languages(self) -> int:
        """How many of the pages from the cache another language's build converted (htmlcache.py)."""
        return self._cache.from_other_languages if self._cache is not None else 0

    def result(self, src_uri: str) -> ConvertedPage:
        """The page's HTML, waiting for the worker if it is not there yet."""
        if src_uri in self._cached:
            return self._cached[src_uri]
        if src_uri in self._here:
            if self._converter is None:
                self._converter = Converter(*self._settings)
            page = self._converter.page(self._here[src_uri])
        else:
            task, offset = self._chunk_of[src_uri]
            page = self._batch.result(task)[offset]
            self._taken.add(src_uri)
            if len(self._taken) == len(self._chunk_of):  # the worker's last page: let it go
                self._batch.release()
            if self._worker_writes:
                page, written = page
                if written:
                    self._cache.written(self._key_of[src_uri])
                    return page
        if self._cache is not None:
            self._cache.keep(self._key_of[src_uri], page)
        return page

    def save(self) -> None:
        """Keep the pages of this build (every one was asked for) for the next."""
        if self._cache is not None:
            self._cache.save()

    def cancel(self) -> None:
        """Stop the worker (the build is done, failed or replaced): tasks not started are dropped."""
        if self._batch is not None:
            self._batch.cancel()
            self._batch = None
