"""Where pages are: the site's settings (published address, repository) and, in one place, how a
page's source file maps to its address and how one page links to another."""
from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache
import re
from urllib.parse import quote, urlencode, urljoin, urlsplit

from ..model.model import Practice


@dataclass(frozen=True)
class SiteSettings:
    """What pages need to know about where the site and its sources live."""

    repo_url: str = ""  # e.g. https://github.com/org/repo
    branch: str = "main"
    directory_urls: bool = True  # MkDocs' use_directory_urls
    site_url: str = ""  # the published address, ending in "/": QR codes, citations, feed and data give it
    site_name: str = ""
    site_root: str = ""  # from this language's root to the site's root: "" for the default language, "../" for others
    maintainers: str = ""  # who maintains the site (the practicekb plugin's maintainers.name in mkdocs.yml)
    maintainers_email: str = ""  # their public address, where proposals may be sent (maintainers.email)
    # "Suggest a correction"'s issue title in the page's language, with {title} (translations/<lang>.yml,
    # correction.title); assets/share.js adds the body (correction.file and correction.question)
    correction_title: str | None = None

    def new_file_url(self, folder: str, name: str) -> str:
        """GitHub's page for adding a file (a translation) named `name` to `folder`."""
        if not self.repo_url:
            return ""
        query = urlencode({"filename": name})
        return f"{self.repo_url.rstrip('/')}/new/{self.branch}/{quote(folder)}?{query}"

    def page_address(self, src_uri: str) -> str:
        """The absolute, published address of the page built from `src_uri`."""
        return self.site_url + page_url(src_uri, self.directory_urls)

    def edit_url(self, path: str) -> str:
        return f"{self.repo_url.rstrip('/')}/edit/{self.branch}/{quote(path)}" if self.repo_url else ""

    def source_url(self, path: str) -> str:
        return f"{self.repo_url.rstrip('/')}/blob/{self.branch}/{quote(path)}" if self.repo_url else ""

    def correction_url(self, practice: Practice) -> str:
        """A new issue about the practice, titled in the page's language (correction_title)."""
        if not self.repo_url or self.correction_title is None:
            return ""
        query = urlencode({"title": self.correction_title.replace("{title}", practice.title), "labels": "correction"})
        return f"{self.repo_url.rstrip('/')}/issues/new?{query}"


def page_url(src_uri: str, directory_urls: bool = True) -> str:
    """The address of the page built from `src_uri`, as MkDocs gives it (themes/x.md -> themes/x/)."""
    stem = src_uri.removesuffix(".md")
    if not directory_urls:
        return stem + ".html"
    if stem == "index" or stem.endswith("/index"):
        return stem.removesuffix("index")
    return stem + "/"


def relative_url(to: str, start: str) -> str:
    """The link from the page at address `start` to address `to`, both from the site's root: the
    equivalent of mkdocs.utils.get_relative_url (this stage knows no generator; a test compares the two).
    Every link between pages is made here."""
    folder, _, name = start.rpartition("/")
    start_parts, to_parts = _parts(folder if "." in name else start), _parts(to)
    common = 0
    for a, b in zip(start_parts, to_parts):
        if a != b:
            break
        common += 1
    link = "/".join([".."] * (len(start_parts) - common) + to_parts[common:]) or "."
    return link + "/" if to.endswith("/") else link


def _parts(address: str) -> list[str]:
    parts: list[str] = []
    for part in address.split("/"):
        if part == "..":
            if parts:
                parts.pop()
        elif part not in ("", "."):
            parts.append(part)
    return parts


@lru_cache(maxsize=None)
def root_of(address: str) -> str:
    """From the page at `address` up to the site's root ('' or '../../'): a page links to another by
    putting this before the other's address from the root, so a list entry is the same on every page
    as deep, and is made once."""
    up = relative_url("", address)
    return "" if up == "." else up + "/"


LINK_START = re.compile(r'<a href="([^"]*)"')


def with_print_addresses(html: str, address: str, practices_address: str) -> str:
    """Give every link of a page (published at `address`) to a practice page (an address just under
    `practices_address`) its full address in data-kb-print-href, which the print style sheet prints
    after the link: on paper a relative link leads nowhere."""
    def mark(match: re.Match[str]) -> str:
        href = match[1].replace("&amp;", "&")
        parts = urlsplit(href)
        if parts.scheme or parts.netloc or href.startswith(("#", "/")) or not parts.path:
            return match[0]
        target = urljoin(address, parts.path)
        slug = target.removeprefix(practices_address)
        if target == address or slug == target or not slug.strip("/") or "/" in slug.strip("/"):
            return match[0]
        return f'{match[0]} data-kb-print-href="{target}"'
    return LINK_START.sub(mark, html)
