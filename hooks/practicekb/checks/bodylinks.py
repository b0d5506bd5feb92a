"""Links and images in practice bodies that point inside the site must lead to one of its pages or files.

A practice is published from the page practices/<slug>.md, whatever folder its file is in, so its
body links to another practice as `other-slug.md`, to a term page as `../themes/employment.md`
and to a hand-written page as `../contribute.md`. MkDocs checks such Markdown links only when it
builds, naming the generated page rather than the file and line, and never checks HTML ones; a
picture put beside a practice file is never published. Checked here instead, with file and line,
like every other problem, so `kb check` and the build agree.
"""
from __future__ import annotations

import difflib
import posixpath
import re
from collections.abc import Iterable
from html.parser import HTMLParser
from urllib.parse import unquote, urlsplit

from ..core.problems import Problem
from .safety import blank_code, markdown_addresses
from ..core.taxonomies import TAXONOMIES

PAGE_FOLDER = "practices"  # where every practice page is, as MkDocs sees it
GENERATED_PAGES = ("explore/index.md", "contribute/fields.md")
SCHEME = re.compile(r"^[a-zA-Z][a-zA-Z0-9+.-]*:")


class _HtmlAddresses(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.found: list[tuple[int, bool, str]] = []  # (line, is an image, address)

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        for name, value in attrs:
            if value and ((tag == "a" and name == "href") or (tag in ("img", "source") and name == "src")):
                self.found.append((self.getpos()[0] - 1, tag != "a", value))

    handle_startendtag = handle_starttag


def site_files(slugs: Iterable[str], term_pages: Iterable[str], docs: Iterable[str]) -> set[str]:
    """Every page and file of a language's site, as paths from the docs root (MkDocs' src_uri);
    `docs`: the files of docs/ (source.load.docs_files)."""
    files = {f"{PAGE_FOLDER}/{slug}.md" for slug in slugs} | set(term_pages) | set(GENERATED_PAGES)
    return files | {f"{taxonomy.key}/index.md" for taxonomy in TAXONOMIES} | set(docs)


def target_of(address: str) -> str | None:
    """The file a relative address leads to from a practice page; None for anything else
    (another site, an anchor on the same page, an address from the site's root)."""
    parts = urlsplit(address.strip())
    if SCHEME.match(address.strip()) or parts.netloc or not parts.path or parts.path.startswith("/"):
        return None
    return posixpath.normpath(posixpath.join(PAGE_FOLDER, unquote(parts.path)))


def leads_somewhere(target: str, files: set[str]) -> bool:
    if target in files:
        return True
    folder = target.rstrip("/")  # a page's address rather than its file: ../themes/employment/
    return f"{folder}.md" in files or f"{folder}/index.md" in files


def body_link_problems(path: str, body: str, body_line: int, files: set[str]) -> list[Problem]:
    """Every link or image in one body that leads to no page or file of `files`, and every address
    inside the site written in HTML (MkDocs neither checks nor rewrites those, so they break)."""
    text = blank_code(body)
    found = [(line, is_image, address, False) for line, is_image, address in markdown_addresses(text)]
    if "<" in text:
        html = _HtmlAddresses()
        html.feed(text)
        html.close()
        found += [(line, is_image, address, True) for line, is_image, address in html.found]
    problems = []
    for line, is_image, address, in_html in sorted(found):
        target = target_of(address)
        if target is None or (not in_html and leads_somewhere(target, files)):
            continue
        if is_image:
            problems.append(Problem(path, body_line + line, "image", f"'{address}' is not part of the site: "
                                    "pictures beside practice files are not published",
                                    "leave the image out, or link to the page that shows it"))
        elif in_html:
            problems.append(Problem(path, body_line + line, "<a href>", f"'{address}' is a link inside the site "
                                    "written in HTML, which the build can neither check nor point at the page",
                                    f"write it in Markdown: [text]({address})"))
        else:
            problems.append(Problem(path, body_line + line, "link", f"'{address}' leads to no page of the site",
                                    missing_page_hint(target, files)))
    return problems


def missing_page_hint(target: str, files: set[str]) -> str:
    slugs = sorted(name[len(PAGE_FOLDER) + 1:-3] for name in files
                   if name.startswith(PAGE_FOLDER + "/") and name.endswith(".md"))
    near = difflib.get_close_matches(posixpath.basename(target).removesuffix(".md"), slugs, n=1)
    return f"did you mean '{near[0]}.md'?" if near else (
        "link another practice by its file name, e.g. [Koper](koper-coordination-body-for-migrant-inclusion.md), "
        "and other sites by their full address starting with https://")
