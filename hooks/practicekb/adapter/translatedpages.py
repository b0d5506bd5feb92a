"""Hand-written pages in the build's language: docs/<page>.<code>.md takes the place of docs/<page>.md
in its language's build; a page without one is shown in the default language, with a notice."""
from __future__ import annotations

from collections.abc import Collection
from pathlib import Path, PurePosixPath

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.structure.files import File, Files
from mkdocs.structure.pages import Page

from . import language_builds as site_languages_
from ..checks.translations import PAGE_FIELDS, valid_hide
from ..core.languages import kb_settings, language_name, translation_of
from ..pages.sanitize import clean_text
from .settings import site_settings


def use_page_translations(files: Files, config: MkDocsConfig) -> tuple[dict[str, str], set[str]]:
    """docs/<page>.<code>.md is never a page of its own: in its language's build it takes the place
    of docs/<page>.md. Returns the hand-written pages this build shows untranslated, with their
    language, and those it shows in a contributor's translation."""
    languages = site_languages_.site_languages(config)
    language = site_languages_.build_language(config)
    translations: dict[str, File] = {}
    translated: set[str] = set()
    for file in list(files):
        named = translation_of(PurePosixPath(file.src_uri).name) if file.src_uri.endswith(".md") else None
        if named and named[1] in languages:
            files.remove(file)
            original = str(PurePosixPath(file.src_uri).with_name(named[0] + ".md"))
            if named[1] == language:
                translations[original] = file
    untranslated: dict[str, str] = {}
    for file in list(files.documentation_pages()):
        translation = translations.get(file.src_uri)
        if translation is not None:
            files.remove(file)
            page = File.generated(config, file.src_uri, abs_src_path=translation.abs_src_path)
            page.edit_uri = translation.src_uri
            files.append(page)
            translated.add(file.src_uri)
        elif language != languages[0]:
            untranslated[file.src_uri] = languages[0]
    return untranslated, translated


def mark_untranslated(page: Page, config: MkDocsConfig, untranslated: dict[str, str]) -> None:
    """A hand-written page shown in another language than the build's: the notice (overrides/partials/
    kb-notice.html) says so and links to the new translation file on GitHub."""
    language = untranslated.get(page.file.src_uri)
    if language is None:
        return
    page.meta["kb_text_language"] = language
    page.meta["kb_text_language_name"] = language_name(language, site_languages_.build_language(config))
    # Its title in the browser tab and header: the navigation's, which is in the build's language.
    title = site_languages_.nav_titles(config.nav).get(page.file.src_uri)
    if title:
        page.title = page.meta["title"] = title
    root, docs = Path(config.config_file_path).parent, Path(config.docs_dir)
    folder = docs.relative_to(root).as_posix() if docs.is_relative_to(root) else "docs"
    source = PurePosixPath(folder) / page.file.src_uri
    name = f"{source.stem}.{site_languages_.build_language(config)}.md"
    page.meta["kb_translate_url"] = site_settings(config).new_file_url(str(source.parent), name)


def guard_page_meta(page: Page, config: MkDocsConfig, translated: Collection[str], generated: Collection[str]) -> None:
    """Before the macros plugin sees a page. mkdocs-macros evaluates a page's Jinja with access to
    the whole Python runtime, and a page's own front matter can ask for it: only the maintainers'
    pages named in the plugin's macro_pages may have it, never a translation or a generated page. A
    translation's front matter keeps only its words (checked in translations.PAGE_FIELDS), as text."""
    allowed = kb_settings(config).get("macro_pages") or []
    src_uri = page.file.src_uri
    own = src_uri in allowed and src_uri not in translated and src_uri not in generated
    if src_uri in translated:
        kept = {key: page.meta[key] for key in PAGE_FIELDS if key in page.meta}
        page.meta.clear()
        page.meta.update({key: clean_text(str(value)) if isinstance(value, str) else value
                          for key, value in kept.items() if key != "hide" or valid_hide(value)})
    page.meta["render_macros"] = bool(own and page.meta.get("render_macros") is True)
