"""Generated pages' HTML kept between builds, so a build converts only the Markdown that changed.

Converting Markdown is a pure function of the page's text, the site's Markdown settings and the
code of Python-Markdown and its extensions; at 1,000 practices it is about 3.5 s of CPU a build,
and from one build to the next (`mkdocs serve`, a second build, CI keeping .cache/) almost every
page is the same. Each converted page is kept in .cache/html/<language>/ (cachefiles.FileCache: the
settings and code, in the name) under a hash of its text (without its front matter), as one file: a
line of JSON (table of contents, anchor ids), then the HTML, so reading a page costs little more than
reading its HTML. A build writes only the pages it converted and removes the ones it no longer has.

A page's text is the same in every language that shows a practice untranslated (headingwords.py), so
a page another language's build converted is taken from that language's folder: linked into this
one, which keeps it, as each language's build drops only from its own folder what it did not use.

Generated pages carry placeholders with a secret that is new every build (pages.py,
fragment_placeholder); the cache keeps pages with the secret of the build that first stored
them (in the `secret` file of .cache/html/, one for every language) and translates between the two,
so an unchanged page is found and gets this build's placeholders back.
"""
from __future__ import annotations

import hashlib
import importlib.metadata
import json
import re
import sys
from dataclasses import dataclass
from pathlib import Path

import markdown
from mkdocs.utils import meta

from . import prerender
from ..pages import sanitize
from ..core.cachefiles import FileCache, link_or_copy, write_atomically
from .prerender import ConvertedPage

SECRET_FILE = "secret"
SECRET = re.compile(r"[0-9a-f]{16,64}")  # as pages.py makes them


def _package_files(module_name: str) -> list[Path]:
    """The files of the package a module belongs to (an upgrade changes some of them)."""
    module = sys.modules.get(module_name.split(".")[0])
    file = getattr(module, "__file__", None)
    if not file:
        return []
    path = Path(file)
    return sorted(path.parent.rglob("*.py")) if path.name == "__init__.py" else [path]


def conversion_fingerprint(extensions: list[str], extension_configs: dict) -> str:
    """What every page's conversion depends on besides its text: the settings, and the code of
    Python-Markdown, of each extension's package, of prerender.py and of the sanitizer (the HTML
    is kept sanitized; a few milliseconds to read)."""
    md = markdown.Markdown(extensions=extensions, extension_configs=extension_configs)
    digest = hashlib.sha256()
    settings = json.dumps([extensions, extension_configs], sort_keys=True, default=repr)
    digest.update(f"{settings}\n{markdown.__version__}\n{importlib.metadata.version('nh3')}\n".encode())
    modules = {"markdown"} | {type(extension).__module__ for extension in md.registeredExtensions}
    files = {file for name in modules for file in _package_files(name)} | {Path(prerender.__file__), Path(sanitize.__file__)}
    for file in sorted(files):
        digest.update(f"{file.name}\n".encode() + file.read_bytes())
    return digest.hexdigest()


@dataclass(frozen=True)
class CacheEntries:
    """How a converted page is stored: a line of JSON, then the HTML with the folder's secret in place of
    this build's. Picklable, so the worker that converts pages writes them into the cache itself."""

    secret: str  # this build's placeholder secret
    stored_secret: str  # the folder's

    def stored(self, text: str) -> str:
        return text.replace(self.secret, self.stored_secret) if self.secret else text

    def encode(self, page: ConvertedPage) -> bytes:
        header = json.dumps([page.toc_tokens, sorted(page.anchor_ids)], ensure_ascii=False)
        return self.stored(f"{header}\n{page.html}").encode("utf-8", "surrogatepass")

    def write(self, path: Path, page: ConvertedPage) -> bool:
        """Whether the page could be written at `path` (else the build's process keeps it)."""
        try:
            write_atomically(path, self.encode(page))
        except OSError:
            return False
        return True


class HtmlCache:
    """Converted pages of earlier builds with the same fingerprint, by page key (page_key)."""

    def __init__(self, folder: Path, fingerprint: str, secret: str):
        """`folder`: this language's, .cache/html/<language>; `secret`: this build's placeholder
        secret (GeneratedPage.nonce)."""
        self.files = FileCache(folder, fingerprint, ".html")
        self.secret = secret
        self.secret_file = folder.parent / SECRET_FILE  # every language's folder keeps pages with the same secret
        try:
            stored = self.secret_file.read_text(encoding="ascii").strip()
        except (OSError, ValueError):
            stored = ""
        try:  # the other languages' folders, whose pages this one may take
            self.others = [entry for entry in folder.parent.iterdir() if entry.is_dir() and entry != folder] \
                if SECRET.fullmatch(stored) else []
        except OSError:
            self.others = []
        self._readable = SECRET.fullmatch(stored) is not None and SECRET.fullmatch(secret) is not None
        # pages of a new folder (or one with no usable secret) are stored with this build's secret
        self.stored_secret = stored if self._readable else secret
        self.entries = CacheEntries(secret, self.stored_secret)
        self._new: dict[str, ConvertedPage] = {}
        self.from_other_languages = 0  # pages taken from another language's folder

    def page_key(self, source: str) -> str:
        """The key of a page's source: its text as Markdown converts it, without its front matter
        (which names the page's language). A generated page's front matter is always a mapping (its
        template writes it), which mkdocs.utils.meta.get_data strips: the same rule, without reading
        the YAML again (MkDocs reads it for the page)."""
        match = meta.YAML_RE.match(source)
        text = source[match.end():].lstrip("\n") if match else meta.get_data(source)[0]
        return self.files.key(self.entries.stored(text))

    def entry_path(self, key: str) -> Path | None:
        """Where a worker may write the page of `key` itself (written() then tells), None if nowhere."""
        return self.files.path(key) if self.files.ready() else None

    def written(self, key: str) -> None:
        """A worker wrote the page of `key` into the cache: this build keeps it."""
        self.files.mark_used(key)

    def get(self, key: str) -> ConvertedPage | None:
        if not self._readable:
            return None
        data = self.files.get(key)
        if data is None:
            data = self._from_other_language(key)
        try:
            text = data.decode("utf-8", "surrogatepass").replace(self.stored_secret, self.secret)
            header, _, html = text.partition("\n")
            toc_tokens, anchor_ids = json.loads(header)
        except (AttributeError, ValueError):
            return None  # not converted yet, or unreadable: converted again
        if not (isinstance(toc_tokens, list) and isinstance(anchor_ids, list)):
            return None
        return ConvertedPage(html, toc_tokens, frozenset(anchor_ids))

    def _from_other_language(self, key: str) -> bytes | None:
        """The page of `key` from another language's folder, linked into this one (so kept), or None."""
        name = self.files.path(key).name
        for folder in self.others:
            other = folder / name
            if other.is_file() and self.files.ready():
                try:
                    link_or_copy(other, self.files.path(key))
                except OSError:
                    return None
                self.from_other_languages += 1
                return self.files.get(key)
        return None

    def keep(self, key: str, page: ConvertedPage) -> None:
        self._new[key] = page

    def save(self) -> None:
        """Add the pages converted now and drop the ones this build did not use."""
        if not self._readable:
            try:
                self.files.folder.mkdir(parents=True, exist_ok=True)
                write_atomically(self.secret_file, self.stored_secret.encode("ascii"))
            except OSError:
                return
        for key, page in self._new.items():
            self.files.put(key, self.entries.encode(page))
        self.files.prune()
