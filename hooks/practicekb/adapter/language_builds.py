"""One MkDocs build per language: the default language's build, when it is done, builds every other
language into <site>/<code>/ from the same mkdocs.yml with a few settings changed.

Why this design (and not mkdocs-static-i18n): the plugin fails on pages generated in memory
(File.generated with content), and every practice, term and overview page is one. A build per
language also gives Material its own interface strings (theme.language), <html lang>, a search
index per language, and needs nothing but MkDocs itself, so `mkdocs build`, `mkdocs serve` and CI
all produce every language.
"""
from __future__ import annotations

from collections.abc import Callable

import copy
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from mkdocs.commands.build import build
from mkdocs.config import load_config
from mkdocs.config.defaults import MkDocsConfig
from markupsafe import escape
from mkdocs.structure.pages import Page

from ..checks.catalogue import Catalogue
from ..pages.addresses import root_of
from ..core.languages import DEFAULT_LANGUAGES, autonym, configured_languages, language_prefix


def site_languages(config: MkDocsConfig) -> tuple[str, ...]:
    """The languages in mkdocs.yml (the plugin's languages), the default first; checked by the pipeline."""
    value = configured_languages(config)
    return tuple(value) if isinstance(value, list) and value and all(isinstance(v, str) for v in value) \
        else DEFAULT_LANGUAGES


PLUGIN_NAME = "practicekb"  # its entry point (pyproject.toml) and its name in mkdocs.yml


@dataclass(frozen=True)
class LanguageBuild:
    """What a build knows of its place among the languages' builds; the default language's build
    hands each other one its own (language_config), on that build's plugin."""

    language: str | None = None  # None: the default language's build
    root_url: str = ""  # the whole site's published address
    plain_texts: dict[str, Any] = field(default_factory=dict)  # mkdocs.yml's texts before escaping, translated
    plain_nav: Any = None  # mkdocs.yml's navigation before it was translated and escaped


def handed(config: MkDocsConfig) -> LanguageBuild:
    """This build's LanguageBuild, kept on its plugin (plugin.KnowledgeBasePlugin.language_build)."""
    plugins = getattr(config, "plugins", None)
    plugin = plugins.get(PLUGIN_NAME) if plugins is not None else None
    return getattr(plugin, "language_build", None) or LanguageBuild()


def build_language(config: MkDocsConfig) -> str:
    """The language this build is in."""
    return handed(config).language or site_languages(config)[0]


def is_default_build(config: MkDocsConfig) -> bool:
    return handed(config).language is None


def site_root(config: MkDocsConfig) -> str:
    """From this build's root to the whole site's root ('' or '../')."""
    languages = site_languages(config)
    return root_of(language_prefix(build_language(config), languages))


def root_url(config: MkDocsConfig) -> str:
    """The whole site's published address (the default language's site_url)."""
    return handed(config).root_url if not is_default_build(config) else (config.site_url or "")


THEME_TEXTS = ("site_name", "site_description", "copyright")  # texts of mkdocs.yml that Material shows


def plain_text_of(config: MkDocsConfig, key: str) -> str:
    """A text of mkdocs.yml in this build's language, unescaped (the theme has it escaped)."""
    return str(handed(config).plain_texts.get(key, config[key] or ""))


def escaped_nav(nav: Any) -> Any:
    """The navigation with every title escaped, as Material writes titles into pages as they are."""
    if isinstance(nav, list):
        return [escaped_nav(item) for item in nav]
    if isinstance(nav, dict):
        return {str(escape(title)): escaped_nav(value) for title, value in nav.items()}
    return nav


def translated_nav(nav: Any, catalogue: Catalogue) -> Any:
    """The navigation with every title in the catalogue's language; the pages stay the same."""
    if isinstance(nav, list):
        return [translated_nav(item, catalogue) for item in nav]
    if isinstance(nav, dict):
        return {catalogue.config_text(" ".join(title.split())): translated_nav(value, catalogue)
                for title, value in nav.items()}
    return nav


def nav_titles(nav: Any) -> dict[str, str]:
    """Page source -> its title in the navigation."""
    titles: dict[str, str] = {}
    for item in nav if isinstance(nav, list) else []:
        if isinstance(item, dict):
            for title, value in item.items():
                if isinstance(value, str):
                    titles[value] = title
                else:
                    titles.update(nav_titles(value))
    return titles


def language_config(config: MkDocsConfig, language: str, catalogue: Catalogue) -> MkDocsConfig:
    """The same mkdocs.yml for another language: its folder and address, Material's language,
    and the texts of mkdocs.yml (site name, navigation, palette toggles) translated."""
    base = config.site_url or ""
    own = handed(config)
    english = own.plain_texts or {key: config[key] for key in THEME_TEXTS}
    plain = {key: catalogue.config_text(" ".join(value.split())) if isinstance(value, str) else value
             for key in THEME_TEXTS for value in [english.get(key)]}
    plain_nav = own.plain_nav if own.plain_nav is not None else config.nav
    nav = escaped_nav(translated_nav(copy.deepcopy(plain_nav), catalogue))
    other = load_config(config_file=config.config_file_path, site_dir=str(Path(config.site_dir) / language),
                        site_url=f"{base.rstrip('/')}/{language}/" if base else None, strict=config.strict,
                        use_directory_urls=config.use_directory_urls, nav=nav,
                        **{key: escape(value) if isinstance(value, str) else value for key, value in plain.items()})
    other.plugins[PLUGIN_NAME].language_build = LanguageBuild(language, base, plain, plain_nav)
    other.theme["language"] = language
    toc = other.mdx_configs.setdefault("toc", {})
    if toc.get("permalink"):
        toc["permalink_title"] = catalogue.text("page.permalink")
    palette = copy.deepcopy(other.theme.get("palette")) if "palette" in other.theme else None
    for scheme in palette if isinstance(palette, list) else [palette] if isinstance(palette, dict) else []:
        if isinstance(scheme.get("toggle"), dict) and isinstance(scheme["toggle"].get("name"), str):
            scheme["toggle"]["name"] = escape(catalogue.config_text(str(scheme["toggle"]["name"])))
    if palette is not None:
        other.theme["palette"] = palette
    return other


def build_other_languages(config: MkDocsConfig, catalogues: dict[str, Catalogue],
                          prepare: Callable[[MkDocsConfig], None]) -> None:
    """Build every language but the default into <site_dir>/<code>/ (a failure stops the whole build),
    each from its own configuration, given to `prepare` once its plugins exist, before it builds."""
    for language in site_languages(config)[1:]:
        other = language_config(config, language, catalogues[language])
        prepare(other)
        build(other)


def page_path(page: Page | None) -> str:
    return page.url if page is not None and page.url is not None else ""


def alternates(config: MkDocsConfig, page: Page | None) -> list[dict[str, Any]]:
    """The page in every language, for the switcher and hreflang links: every page exists in each (a
    page without a translation is shown in its original language there, with a notice), so the
    switcher keeps the reader on it. Each: code, name (in itself), href (relative to the page), url
    (absolute; "" without site_url) and current."""
    languages = site_languages(config)
    path = page_path(page)
    current = build_language(config)
    up = root_of(language_prefix(current, languages) + path)
    base = root_url(config).rstrip("/")
    result = []
    for code in languages:
        url = f"{base}/{language_prefix(code, languages)}{path}" if base else ""
        # A page without a place of its own (404) is served at any address: link absolutely there.
        href = url if page is None and url else (up + language_prefix(code, languages) + path) or "./"
        result.append({"code": code, "name": autonym(code), "href": href, "url": url, "current": code == current})
    return result


def link_open_data(markdown: str, page: Page, config: MkDocsConfig) -> str:
    """The open data is published once, at the root (exports/downloads.py): in another language's
    build, a page's links to data/… (a translation of data.md writes them as the original does)
    lead there."""
    root = root_url(config)
    if is_default_build(config) or not root or page.file.src_uri != "data.md":
        return markdown
    return markdown.replace("](data/", f"]({root}data/")
