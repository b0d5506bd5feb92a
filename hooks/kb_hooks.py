"""MkDocs hooks: wire build events to the practicekb package, and nothing else.

Every module-level function named on_* is an MkDocs event, so helpers live in
the package, never here.
"""
from jinja2 import Environment
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.plugins import event_priority
from mkdocs.structure.files import Files
from mkdocs.structure.nav import Navigation
from mkdocs.structure.pages import Page

from practicekb import mkdocs_site
from practicekb.partialcache import cached_partial


def on_config(config: MkDocsConfig) -> MkDocsConfig:
    mkdocs_site.escape_theme_texts(config)
    return config


def on_pre_build(config: MkDocsConfig) -> None:
    mkdocs_site.start_build(config)


def on_files(files: Files, config: MkDocsConfig) -> Files:
    files = mkdocs_site.add_generated_files(files, config)
    return mkdocs_site.add_link_files(files, config)


@event_priority(100)  # before mkdocs-macros: it decides which pages may render macros
def on_page_markdown(markdown: str, page: Page, config: MkDocsConfig, files: Files) -> str:
    mkdocs_site.guard_page_meta(page, config)
    mkdocs_site.date_practice_page(page)
    return mkdocs_site.skip_converted_markdown(markdown, page)


def on_env(env: Environment, config: MkDocsConfig, files: Files) -> Environment:
    env.bytecode_cache = mkdocs_site.compiled_templates(config)
    env.globals.update(mkdocs_site.template_globals(config))
    env.globals["kb_partial"] = cached_partial(env)
    return env


def on_page_content(html: str, page: Page, config: MkDocsConfig, files: Files) -> str:
    mkdocs_site.mark_untranslated(page, config)
    return mkdocs_site.insert_page_fragments(html, page)


def on_page_context(context: dict, page: Page, config: MkDocsConfig, nav: Navigation) -> dict:
    mkdocs_site.start_writing_search_index(config, page)
    mkdocs_site.fill_converted_page(page)
    return mkdocs_site.add_link_preview(context, page, config)


def on_post_page(output: str, page: Page, config: MkDocsConfig) -> str:
    mkdocs_site.add_to_search_index(output, page, config)
    return output


def on_post_build(config: MkDocsConfig) -> None:
    mkdocs_site.stop_converting(keep=True)
    mkdocs_site.start_writing_search_index(config)
    mkdocs_site.write_qr_codes(config)
    mkdocs_site.write_social_cards()
    mkdocs_site.index_site(config)


def on_build_error(error: Exception) -> None:
    mkdocs_site.reset()  # stops the QR code and Markdown workers of a failed build
    mkdocs_site.stop_search_index()
