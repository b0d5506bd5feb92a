"""A written page made light before it is saved: Material's inline icons become references to one
icon file of the whole site, and the HTML is minified.

Material writes each icon as an inline <svg> wherever it is shown: a practice page carried 14 of
them (5 KB, the same in every page). Each becomes <svg viewBox=…><use href="…/assets/kb-icons.svg#…">,
so Material's styles, which size and colour `svg` elements, apply as before, and the icons are
downloaded once. Only Material's icon markup is replaced (an <svg> of paths only, exactly as its
.icons files write it): contributor HTML never holds an <svg> (pages/sanitize.py removes it).
Then minify-html (a maintained Rust minifier) drops the templates' indentation and what HTML
does not need, keeping closing tags so that every parser reads the page alike.
"""
from __future__ import annotations

import hashlib
import re
from pathlib import Path

import minify_html

ICONS_PATH = "assets/kb-icons.svg"  # from the whole site's root
SVG_NS = "http://www.w3.org/2000/svg"
# Material's icon files: <svg xmlns=… viewBox="0 0 24 24"><path d="…"/></svg> (some with several paths).
ICON = re.compile(r'<svg xmlns="http://www\.w3\.org/2000/svg" viewBox="([0-9. ]+)">'
                  r'((?:<path(?: [a-z-]+="[^"<>]*")+/>)+)</svg>')


def minified(html: str) -> str:
    """The page without blank indentation and what HTML does not need; closing tags and the
    <html> and <head> tags are kept."""
    return minify_html.minify(html, keep_closing_tags=True, keep_html_and_head_opening_tags=True,
                              minify_css=False, minify_js=False)


class IconSprite:
    """The icons of every page of the site (every language's build adds to it), written once as
    one SVG file of <symbol>s after the last page."""

    def __init__(self) -> None:
        self.symbols: dict[str, tuple[str, str]] = {}  # id -> (viewBox, paths)

    def by_reference(self, html: str, to_root: str) -> str:
        """`html` with each of Material's inline icons replaced by a reference into the icon file;
        `to_root` leads from the page to the whole site's root."""
        def reference(match: re.Match) -> str:
            view_box, paths = match[1], match[2]
            key = "i" + hashlib.sha256(f"{view_box}|{paths}".encode("utf-8")).hexdigest()[:10]
            self.symbols.setdefault(key, (view_box, paths))
            return f'<svg viewBox="{view_box}" aria-hidden="true"><use href="{to_root}{ICONS_PATH}#{key}"/></svg>'
        return ICON.sub(reference, html)

    def text(self) -> str:
        symbols = "".join(f'<symbol id="{key}" viewBox="{view_box}">{paths}</symbol>'
                          for key, (view_box, paths) in sorted(self.symbols.items()))
        return f'<svg xmlns="{SVG_NS}">{symbols}</svg>\n'

    def write(self, site_root: Path) -> None:
        """Into the whole site's root folder (the default language's site_dir)."""
        if not self.symbols:
            return
        target = site_root / ICONS_PATH
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_text(self.text(), encoding="utf-8")


def to_site_root(page_url: str, build_root: str) -> str:
    """From a page at `page_url` (MkDocs' url, relative to its build's root) to the whole site's
    root: up its folders, then `build_root` (from the build's root to the site's: '' or '../')."""
    return "../" * page_url.count("/") + build_root


def lighter_page(html: str, icons: IconSprite, page_url: str, build_root: str) -> str:
    """A written page with Material's icons by reference, minified."""
    return minified(icons.by_reference(html, to_site_root(page_url, build_root)))
