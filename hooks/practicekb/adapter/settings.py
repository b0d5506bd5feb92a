"""The build's settings, read from the generator's configuration: the project's folders, the
published address and repository, the caches' folders, and the theme's texts escaped."""
from __future__ import annotations

import json
from dataclasses import replace
from pathlib import Path
from urllib.parse import urlsplit

from jinja2 import BytecodeCache, FileSystemBytecodeCache
from markupsafe import Markup, escape
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import PluginError

from . import language_builds as site_languages_
from ..core.languages import kb_settings
from ..checks.catalogue import Catalogue
from ..model.model import KnowledgeBase
from ..model.pipeline import ProjectPaths
from ..pages.addresses import SiteSettings
from ..pages.pages import markdown_text
from ..pages.sanitize import clean_text
from .language_builds import THEME_TEXTS, LanguageBuild, escaped_nav, plain_text_of


def escape_theme_texts(config: MkDocsConfig, own: LanguageBuild) -> LanguageBuild:
    """Material writes the site name, description, copyright, navigation titles and palette toggles
    into pages as they are, and other languages' come from translation files: give the theme them
    escaped, and keep the plain texts (LanguageBuild.plain_texts) for the feed, cards and data. Another
    language's build is handed both by language_builds.language_config."""
    if own.plain_texts:
        return own
    own = replace(own, plain_texts={key: config[key] or "" for key in THEME_TEXTS},
                  plain_nav=json.loads(json.dumps(config.nav)) if config.nav else None)
    for key in THEME_TEXTS:
        if config[key]:
            config[key] = escape(config[key])
    config.nav = escaped_nav(config.nav)
    palette = config.theme.get("palette") if "palette" in config.theme else None
    for scheme in palette if isinstance(palette, list) else [palette] if isinstance(palette, dict) else []:
        if isinstance(scheme.get("toggle"), dict) and isinstance(scheme["toggle"].get("name"), str):
            scheme["toggle"]["name"] = escape(scheme["toggle"]["name"])
    return own


def project_paths(config: MkDocsConfig) -> ProjectPaths:
    root = Path(config.config_file_path).parent
    settings = kb_settings(config)
    return ProjectPaths.at(root, root / settings.get("practices", "practices"),
                           root / settings.get("vocabularies", "vocabularies"), config.config_file_path)


def site_settings(config: MkDocsConfig) -> SiteSettings:
    """Repository address and branch, from repo_url and edit_uri (edit/<branch>/docs/)."""
    parts = [p for p in (config.edit_uri or "").split("/") if p]
    branch = parts[1] if len(parts) > 1 and parts[0] == "edit" else "main"
    repo = config.repo_url or ""
    maintainers = kb_settings(config).get("maintainers") or {}
    return SiteSettings(repo.rstrip("/") if urlsplit(repo).scheme else "", branch, config.use_directory_urls,
                        **publication(config), site_root=site_languages_.site_root(config),
                        maintainers=str(maintainers.get("name") or ""), maintainers_email=str(maintainers.get("email") or ""))


def compiled_templates(config: MkDocsConfig) -> BytecodeCache:
    """Jinja compiles every template (Material's, overrides/) anew in each build, 0.3–0.5 s; their
    compiled code is kept in .cache/jinja/ under a hash of the template's text, so a build compiles
    only the templates that changed."""
    folder = Path(config.config_file_path).parent / ".cache" / "jinja"
    folder.mkdir(parents=True, exist_ok=True)
    return FileSystemBytecodeCache(str(folder))


def cache_folder(config: MkDocsConfig, kind: str) -> Path:
    """Where this build keeps what it can reuse next time (social cards, QR codes): .cache/<kind>/<language>/.
    One folder per language, because each language's build drops what it no longer uses."""
    return Path(config.config_file_path).parent / ".cache" / kind / site_languages_.build_language(config)


def publication(config: MkDocsConfig) -> dict[str, str]:
    """The published address and name: QR codes, citations, the feed and the open data give
    absolute addresses, so a build without a usable site_url stops here, saying what to set."""
    site_url = config.site_url or ""
    parts = urlsplit(site_url)
    if parts.scheme not in ("http", "https") or not parts.netloc:
        raise PluginError(
            f"mkdocs.yml: site_url: {'is not set' if not site_url else repr(site_url) + ' is not an http(s) address'} "
            "(set it to the address the site is published at, e.g. https://example.org/knowledge-base/: "
            "the QR codes, citations, feed and open data give every practice's full address)")
    return {"site_url": site_url.rstrip("/") + "/", "site_name": plain_text_of(config, "site_name")}


def published_schema_text(schema: dict) -> str:
    """The JSON Schema as served to editors and tools; sorted keys keep the build byte-identical."""
    return json.dumps(schema, ensure_ascii=False, indent=2, sort_keys=True) + "\n"


def clean_toc(toc) -> None:
    """A table of contents entry is text: Material writes its title and anchor into the page as
    they are, so contributor headings become escaped text (and anchors attribute-safe)."""
    for item in toc:
        item.title = clean_text(item.title)
        item.id = clean_text(item.id)
        clean_toc(item.children)


def plain_text(html_text: object) -> str:
    return Markup(str(html_text)).striptags()


def templates_folder(config: MkDocsConfig) -> Path:
    """The generated pages' templates: overrides/kb/ (the theme's custom folder)."""
    return Path(config.theme.custom_dir or "overrides") / "kb"


def register_macros_variables(config: MkDocsConfig, kb: KnowledgeBase, words: Catalogue) -> None:
    """Hand-written pages in docs/ (the maintainers' macro pages) read counts through mkdocs-macros as `kb`."""
    macros = config.plugins.get("macros")
    if macros is not None:
        macros.variables["kb"] = kb
        macros.variables["language"] = site_languages_.build_language(config)
        macros.variables["t"] = words.t
        macros.variables["data_url"] = site_languages_.root_url(config) + "data/"  # one open data for all languages
        macros.env.filters["md"] = markdown_text  # practice titles and term labels shown as text
