"""Reading a built site the way a browser would: pages, links, and the facts they show."""
from __future__ import annotations

import posixpath
from pathlib import Path
from urllib.parse import urlsplit

import yaml
from bs4 import BeautifulSoup


def page(site: Path, url_path: str) -> BeautifulSoup:
    path = site / url_path.strip("/") / "index.html" if not url_path.endswith(".html") else site / url_path
    return BeautifulSoup(path.read_text(encoding="utf-8"), "html.parser")


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
