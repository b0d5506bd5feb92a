"""Material renders its whole navigation and its tabs into every page. For a page the navigation
does not list (every practice and term page: most of the site), nothing
in them is marked active, so they differ only in their relative links, which depend on the folder
the page is in. This renders each once per folder (practices/, countries/, …) and reuses it, which
saves a few milliseconds on every such page. The same holds for the parts of the header that do
not name the page (the logo, the icons, the palette toggle, the search box, the repository link)
and for Material's style sheets, footer, scripts and settings. Each include also copies the whole
page's context, so one fewer is worth having. Pages that the navigation lists are rendered as
Material does, every time.

overrides/partials/nav.html and tabs.html call `kb_partial("material/partials/nav.html")` (or
tabs.html, or our own partials/kb-tabs-top.html): Material's partial is reached under the prefix
material/ because the override takes its name; overrides/partials/header.html calls it for its
parts. overrides/main.html calls `kb_block("footer", super)` for Material's block of that name. A
partial or block rendered this way must depend on nothing of the page but its folder.
"""
from __future__ import annotations

import posixpath
from pathlib import Path
from typing import Callable

import material
from jinja2 import BaseLoader, ChoiceLoader, Environment, FileSystemLoader, PrefixLoader, pass_context
from jinja2.runtime import Context
from markupsafe import Markup
from mkdocs.structure.nav import Navigation
from mkdocs.structure.pages import Page

THEME_PREFIX = "material"
MATERIAL_TEMPLATES = Path(material.__file__).parent / "templates"


def with_material_prefix(loader: BaseLoader) -> BaseLoader:
    """The theme's loader, plus Material's own templates under material/ (overridden ones too)."""
    return ChoiceLoader([loader, PrefixLoader({THEME_PREFIX: FileSystemLoader(str(MATERIAL_TEMPLATES))})])


class FolderCache:
    """What a page the navigation does not list shares with the other such pages of its folder,
    rendered once per folder for the templates of one build (the cache lives as long as the
    environment it is made for)."""

    def __init__(self, environment: Environment) -> None:
        environment.loader = with_material_prefix(environment.loader)
        self.rendered: dict[tuple[str, str], Markup] = {}
        self.listed: tuple[Navigation | None, frozenset[int]] = (None, frozenset())  # a navigation, its pages' ids

    def listed_in(self, nav: Navigation, page: Page) -> bool:
        """Whether the navigation lists `page`: by identity, once per navigation (`page in nav.pages`
        compares each page with Page.__eq__, on every call)."""
        if self.listed[0] is not nav:
            self.listed = (nav, frozenset(id(listed) for listed in nav.pages))
        return id(page) in self.listed[1]

    def once(self, context: Context, name: str, render: Callable[[], str]) -> Markup:
        page, nav = context.get("page"), context.get("nav")
        if page is None or nav is None or self.listed_in(nav, page):
            return Markup(render())
        key = (name, posixpath.dirname((page.url or "").rstrip("/")))  # links are relative to the folder
        if key not in self.rendered:
            self.rendered[key] = Markup(render())
        return self.rendered[key]

    def template_globals(self) -> dict[str, Callable[..., Markup | bool]]:
        """`kb_partial(name)`: the template `name`; `kb_block(name, super)`: Material's block of
        that name (`super` in the overriding block), for the blocks that depend on nothing of the
        page but its folder (overrides/main.html); `kb_listed()`: whether the navigation lists the
        page (overrides/partials/nav.html and tabs.html)."""
        @pass_context
        def kb_partial(context: Context, name: str) -> Markup:
            return self.once(context, name, lambda: context.environment.get_template(name).render(context.get_all()))

        @pass_context
        def kb_block(context: Context, name: str, block: Callable[[], str]) -> Markup:
            return self.once(context, "block:" + name, block)

        @pass_context
        def kb_listed(context: Context) -> bool:
            return self.listed_in(context["nav"], context["page"])

        return {"kb_partial": kb_partial, "kb_block": kb_block, "kb_listed": kb_listed}
