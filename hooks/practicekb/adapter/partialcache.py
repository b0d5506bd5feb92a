"""Material renders its whole navigation and its tabs into every page. For a page the navigation
does not list (every practice and term page: most of the site), nothing
in them is marked active, so they differ only in their relative links, which depend on the folder
the page is in. This renders each once per folder (practices/, countries/, …) and reuses it, which
saves a few milliseconds on every such page. The same holds for the parts of the header that do
not name the page: the palette toggle, the search box and the repository link.
Pages that the navigation lists are rendered as Material does, every time.

overrides/partials/nav.html and tabs.html call `kb_partial("material/partials/nav.html")` (or
tabs.html, or our own partials/kb-tabs-top.html): Material's partial is reached under the prefix
material/ because the override takes its name; overrides/partials/header.html calls it for its
parts. A partial rendered this way must depend on nothing of the page but its folder.
"""
from __future__ import annotations

import posixpath
from pathlib import Path
from typing import Callable

import material
from jinja2 import BaseLoader, ChoiceLoader, Environment, FileSystemLoader, PrefixLoader, pass_context
from jinja2.runtime import Context
from markupsafe import Markup

THEME_PREFIX = "material"
MATERIAL_TEMPLATES = Path(material.__file__).parent / "templates"


def with_material_prefix(loader: BaseLoader) -> BaseLoader:
    """The theme's loader, plus Material's own templates under material/ (overridden ones too)."""
    return ChoiceLoader([loader, PrefixLoader({THEME_PREFIX: FileSystemLoader(str(MATERIAL_TEMPLATES))})])


def cached_partial(environment: Environment) -> Callable[[Context, str], Markup]:
    """`kb_partial(name)` for the templates of one build (the cache lives as long as `environment`)."""
    environment.loader = with_material_prefix(environment.loader)
    rendered: dict[tuple[str, str], Markup] = {}

    @pass_context
    def kb_partial(context: Context, name: str) -> Markup:
        page, nav = context.get("page"), context.get("nav")
        key = None
        if page is not None and nav is not None and page not in nav.pages:
            key = (name, posixpath.dirname((page.url or "").rstrip("/")))  # links are relative to the folder
            if key in rendered:
                return rendered[key]
        html = Markup(context.environment.get_template(name).render(context.get_all()))
        if key is not None:
            rendered[key] = html
        return html

    return kb_partial
