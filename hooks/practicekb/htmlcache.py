"""Generated pages' HTML kept between builds, so a build converts only the Markdown that changed.

Converting Markdown is a pure function of the page's text, the site's Markdown settings and the
code of Python-Markdown and its extensions; at 1,000 practices it is about 3.5 s of CPU a build,
and from one build to the next (`mkdocs serve`, a second build, CI keeping .cache/) almost every
page is the same. Each converted page is kept under a hash of all of that, in one JSON file per
language (.cache/html/<language>/pages.json; JSON, not pickle: a cache restored from elsewhere
never runs code). A build keeps only the pages it used, so the file does not grow.

Generated pages carry placeholders with a secret that is new every build (pages.py,
fragment_placeholder); the cache keeps pages with the secret of the build that first stored
them, and translates between the two, so an unchanged page is found and gets this build's
placeholders back.
"""
from __future__ import annotations

import hashlib
import json
import os
import sys
from pathlib import Path

import markdown

from . import prerender
from .prerender import ConvertedPage

CACHE_FILE = "pages.json"


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
    Python-Markdown, of each extension's package and of prerender.py (a few milliseconds to read)."""
    md = markdown.Markdown(extensions=extensions, extension_configs=extension_configs)
    digest = hashlib.sha256()
    settings = json.dumps([extensions, extension_configs], sort_keys=True, default=repr)
    digest.update(f"{settings}\n{markdown.__version__}\n".encode())
    modules = {"markdown"} | {type(extension).__module__ for extension in md.registeredExtensions}
    files = {file for name in modules for file in _package_files(name)} | {Path(prerender.__file__)}
    for file in sorted(files):
        digest.update(f"{file.name}\n".encode() + file.read_bytes())
    return digest.hexdigest()


class HtmlCache:
    """Converted pages of the last build, by page key (page_key)."""

    def __init__(self, folder: Path, fingerprint: str, secret: str):
        """`secret`: this build's placeholder secret (GeneratedPage.nonce)."""
        self.path = folder / CACHE_FILE
        self.fingerprint = fingerprint
        self.secret = secret
        self.stored_secret = secret
        self._earlier: dict[str, list] = self._read()
        self._now: dict[str, list] = {}

    def _read(self) -> dict[str, list]:
        try:
            stored = json.loads(self.path.read_text(encoding="utf-8"))
        except (OSError, ValueError):
            return {}  # none yet, or unreadable: every page is converted again
        if not isinstance(stored, dict) or stored.get("fingerprint") != self.fingerprint:
            return {}
        pages, secret = stored.get("pages"), stored.get("secret")
        if not (isinstance(pages, dict) and isinstance(secret, str) and secret):
            return {}
        self.stored_secret = secret
        return pages

    def _stored(self, text: str) -> str:
        return text.replace(self.secret, self.stored_secret) if self.secret else text

    def page_key(self, source: str) -> str:
        return hashlib.sha256(self.fingerprint.encode() + self._stored(source).encode("utf-8", "surrogatepass")).hexdigest()

    def get(self, key: str) -> ConvertedPage | None:
        entry = self._earlier.get(key)
        if not (isinstance(entry, list) and len(entry) == 3):
            return None
        self._now[key] = entry
        html, toc_tokens, anchor_ids = entry
        if self.secret:
            html = html.replace(self.stored_secret, self.secret)
        return ConvertedPage(html, toc_tokens, frozenset(anchor_ids))

    def keep(self, key: str, page: ConvertedPage) -> None:
        self._now[key] = [self._stored(page.html), page.toc_tokens, sorted(page.anchor_ids)]

    def save(self) -> None:
        """Keep this build's pages for the next. A cache that cannot be written only costs the next
        build time, so it never fails this one."""
        stored = {"fingerprint": self.fingerprint, "secret": self.stored_secret, "pages": self._now}
        try:
            self.path.parent.mkdir(parents=True, exist_ok=True)
            partial = self.path.with_suffix(f".{os.getpid()}.tmp")
            partial.write_text(json.dumps(stored, ensure_ascii=False), encoding="utf-8")
            os.replace(partial, self.path)  # never a half-written cache
        except (OSError, ValueError):
            pass
