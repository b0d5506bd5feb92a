"""Reading a built site the way a browser would: pages, links, and the facts they show."""
from __future__ import annotations

import posixpath
from functools import lru_cache
from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import urlsplit

import lxml.html
import yaml
from bs4 import BeautifulSoup


def page_file(site: Path, url_path: str) -> Path:
    """The file of a page's address below the site (practices/x/ or a file ending .html)."""
    return site / url_path if url_path.endswith(".html") else site / url_path.strip("/") / "index.html"


def page(site: Path, url_path: str) -> BeautifulSoup:
    """A built page, parsed once per test session (a file written again is parsed again); read it,
    never change it: other tests get the same tree."""
    path = page_file(site, url_path)
    stat = path.stat()
    return _parsed(path, stat.st_mtime_ns, stat.st_size)


@lru_cache(maxsize=2000)  # every page a test session asks for is parsed once (tree() reads whole sites)
def _parsed(path: Path, mtime_ns: int, size: int) -> BeautifulSoup:
    # lxml's HTML parser (libxml2) reads a page about seven times faster than Python's html.parser;
    # the pages are valid HTML (test_validity.py), which both read alike.
    return BeautifulSoup(path.read_bytes(), "lxml", from_encoding="utf-8")


def tree(site: Path, url_path: str) -> lxml.html.HtmlElement:
    """A built page as lxml's element tree, for tests that read every page of the site: lxml alone
    reads the site's 900 pages in a quarter of a second, BeautifulSoup on top of it in some five."""
    path = page_file(site, url_path)
    stat = path.stat()
    return _tree(path, stat.st_mtime_ns, stat.st_size)


@lru_cache(maxsize=2000)
def _tree(path: Path, mtime_ns: int, size: int) -> lxml.html.HtmlElement:
    return lxml.html.document_fromstring(path.read_bytes())


def text_parent(text) -> lxml.html.HtmlElement:
    """The element a text node (from xpath('//text()')) is shown in: a tail's is its element's parent."""
    return text.getparent().getparent() if text.is_tail else text.getparent()


def resolve(site: Path, page_url: str, href: str) -> Path | None:
    """The file a relative link on `page_url` leads to, or None for an outside link."""
    parts = urlsplit(href)
    if parts.scheme or parts.netloc:
        return None
    target = posixpath.normpath(posixpath.join("/" + page_url.strip("/") + "/", parts.path)) if parts.path else "/" + page_url
    file = site / target.lstrip("/")
    return file / "index.html" if not target.endswith(".html") and not file.is_file() else file


def front_matter(path: Path) -> dict:
    """A practice's facts read independently of the project's loader (every scalar as text)."""
    text = path.read_text(encoding="utf-8")
    return yaml.load(text.split("---\n")[1], Loader=yaml.BaseLoader)


def listed_practices(soup: BeautifulSoup) -> list[str]:
    """Slugs linked in the 'Practices (N)' section of a term page."""
    heading = soup.find("h2", id=lambda i: i and i.startswith("practices"))
    slugs = []
    for sibling in heading.find_next_siblings():
        if sibling.name == "h2":
            break
        for link in sibling.find_all("a", href=True):
            if "/practices/" in link["href"] or link["href"].startswith("../../practices/"):
                slugs.append(link["href"].rstrip("/").split("/")[-1])
    return slugs


VOID = {"area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "source", "track", "wbr"}
SHOWN_ATTRIBUTES = ("title", "aria-label", "placeholder", "alt", "label")


class _InterfaceTexts(HTMLParser):
    """Text and readable attributes of a page, leaving out what is marked as another language
    (lang="…" on an element: a practice or page shown untranslated, an English description)
    and what is not prose (scripts, styles, icons, code: values a contributor types)."""

    def __init__(self, language: str):
        super().__init__(convert_charrefs=True)
        self.language = language
        self.stack: list[tuple[str, bool]] = []  # (tag, inside another language or unshown)
        self.texts: list[str] = []

    @property
    def skipping(self) -> bool:
        return bool(self.stack) and self.stack[-1][1]

    def handle_starttag(self, tag, attrs):
        values = dict(attrs)
        skip = self.skipping or tag in ("script", "style", "svg", "noscript", "code") or (
            tag != "html" and values.get("lang") not in (None, self.language))
        if not skip:
            self.texts += [values[name].strip() for name in SHOWN_ATTRIBUTES if values.get(name)]
        if tag not in VOID:
            self.stack.append((tag, skip))

    def handle_startendtag(self, tag, attrs):
        if not self.skipping:
            values = dict(attrs)
            self.texts += [values[name].strip() for name in SHOWN_ATTRIBUTES if values.get(name)]

    def handle_endtag(self, tag):
        for depth in range(len(self.stack) - 1, -1, -1):
            if self.stack[depth][0] == tag:
                del self.stack[depth:]
                break

    def handle_data(self, data):
        if not self.skipping and data.strip():
            self.texts.append(" ".join(data.split()))


def interface_texts(html: str, language: str) -> list[str]:
    parser = _InterfaceTexts(language)
    parser.feed(html)
    return parser.texts
