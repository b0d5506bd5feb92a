"""Where pages are: the site's settings (published address, repository) and, in one place, how a
page's source file maps to its address and how one page links to another."""
from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache
from urllib.parse import quote, urlencode

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
    # "Suggest a correction"'s issue in the page's language: its title, and the body's practice, file and
    # question lines, with {title} and {path} (translations/<lang>.yml, correction.*)
    correction_texts: tuple[str, str, str, str] | None = None

    def new_file_url(self, folder: str, name: str, text: str = "") -> str:
        """GitHub's page for adding a file (a translation) to `folder`, with a first text to start from."""
        if not self.repo_url:
            return ""
        query = urlencode({"filename": name, **({"value": text} if text else {})})
        return f"{self.repo_url.rstrip('/')}/new/{self.branch}/{quote(folder)}?{query}"

    def page_address(self, src_uri: str) -> str:
        """The absolute, published address of the page built from `src_uri`."""
        return self.site_url + page_url(src_uri, self.directory_urls)

    def edit_url(self, path: str) -> str:
        return f"{self.repo_url.rstrip('/')}/edit/{self.branch}/{quote(path)}" if self.repo_url else ""

    def source_url(self, path: str) -> str:
        return f"{self.repo_url.rstrip('/')}/blob/{self.branch}/{quote(path)}" if self.repo_url else ""

    def correction_url(self, practice: Practice) -> str:
        """A new issue about the practice, its text in the page's language (correction_texts)."""
        if not self.repo_url or self.correction_texts is None:
            return ""
        title, named, file, question = (text.replace("{title}", practice.title).replace("{path}", practice.path)
                                        for text in self.correction_texts)
        query = urlencode({"title": title, "body": f"{named}\n{file}\n\n{question}\n", "labels": "correction"})
        return f"{self.repo_url.rstrip('/')}/issues/new?{query}"


def page_url(src_uri: str, directory_urls: bool = True) -> str:
    """The address of the page built from `src_uri`, as MkDocs gives it (themes/x.md -> themes/x/)."""
    stem = src_uri.removesuffix(".md")
    if not directory_urls:
        return stem + ".html"
    if stem == "index" or stem.endswith("/index"):
        return stem.removesuffix("index")
    return stem + "/"


def depth(src_uri: str, directory_urls: bool = True) -> int:
    """How many folders deep the page built from `src_uri` is served."""
    return page_url(src_uri, directory_urls).rstrip("/").count("/") + (1 if directory_urls and page_url(src_uri, directory_urls) else 0)


def url_via_root(from_src_uri: str, to_src_uri: str, directory_urls: bool = True) -> str:
    """A link that climbs to the site root first: the same from every page at one depth."""
    return link_at_depth(depth(from_src_uri, directory_urls), to_src_uri, directory_urls)


@lru_cache(maxsize=None)
def link_at_depth(levels: int, to_src_uri: str, directory_urls: bool = True) -> str:
    """Cached: a thousand practice pages at one depth link to the same few term pages."""
    return "../" * levels + page_url(to_src_uri, directory_urls)
