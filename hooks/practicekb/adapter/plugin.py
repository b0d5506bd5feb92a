"""The knowledge base as an MkDocs (and ProperDocs) plugin: each event delegates to this build's SiteBuild.

Registered as the entry point `practicekb` (pyproject.toml) and named in mkdocs.yml's plugins
after `macros`. MkDocs makes a plugin instance per configuration it loads, so every language's
build, and every rebuild of `mkdocs serve`, has its own SiteBuild and nothing is kept in modules.
(It has no on_startup on purpose: MkDocs keeps one instance of such a plugin for every configuration
it loads, which would give every language's build the same SiteBuild.)
"""
from __future__ import annotations

import os

from jinja2 import Environment
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.config import base, config_options as c
from mkdocs.plugins import BasePlugin, event_priority
from mkdocs.structure.files import Files
from mkdocs.structure.nav import Navigation
from mkdocs.structure.pages import Page

from .conversion import ConversionOptions
from .prerender import PARALLEL_FROM
from .settings import compiled_templates, escape_theme_texts, project_paths
from .language_builds import PLUGIN_NAME, LanguageBuild, link_open_data
from .site import SiteBuild
from .templatedata import page_context, template_globals
from .pageoutput import minified
from .themewords import GLOBAL_NAME as THEME_WORDS, ThemeWords
from .partialcache import FolderCache
from .serving import PreviewMemory, PreviewSession, input_files
from .translatedpages import guard_page_meta, mark_untranslated


class MaintainersConfig(base.Config):
    """Who maintains the site and their public address: the About page names them in every language,
    and the proposal form offers to send a practice there by e-mail."""

    name = c.Type(str, default="")
    email = c.Type(str, default="")

DEFAULT_LANGUAGE_ONLY = "KB_DEFAULT_LANGUAGE_ONLY"  # the environment's switch (make serve)


class KnowledgeBaseConfig(base.Config):
    """The plugin's settings in mkdocs.yml (plugins: - practicekb:): the project's folders and
    languages, the pages that may render macros, and how generated pages' Markdown is converted."""

    practices = c.Type(str, default="practices")  # the folder of practice files
    vocabularies = c.Type(str, default="vocabularies")  # the folder of vocabulary files
    languages = c.Type(list, default=["en"])  # the site's languages, the default first (checked by kb check)
    macro_pages = c.Type(list, default=[])  # the only pages mkdocs-macros may render: the maintainers' own
    maintainers = c.SubConfig(MaintainersConfig)  # who maintains the site, and their public contact address
    prerender = c.Type(bool, default=True)  # convert generated pages outside MkDocs' Markdown step
    markdown_workers = c.Optional(c.Type(int))  # worker processes (Markdown, minifying); default: one where there are two cores
    markdown_parallel_from = c.Type(int, default=PARALLEL_FROM)  # fewer pages: converted in the build's process
    # Build the default language only, so an edit shows in seconds; also when the environment has
    # KB_DEFAULT_LANGUAGE_ONLY=true, as `make serve` sets it (`make serve-all` and `make build` do not).
    default_language_only = c.Type(bool, default=False)


class KnowledgeBasePlugin(BasePlugin[KnowledgeBaseConfig]):
    def __init__(self) -> None:
        self.site = SiteBuild()
        # Which language this build is in, and what the default language's build handed it (language_builds).
        self.language_build = LanguageBuild()
        # What a preview keeps between its builds (serving.py): made by the first build of the default
        # language alone, handed to each later one by the preview's builder (on_serve).
        self.memory: PreviewMemory | None = None

    def on_config(self, config: MkDocsConfig) -> MkDocsConfig:
        self.language_build = escape_theme_texts(config, self.language_build)
        return config

    def on_pre_build(self, config: MkDocsConfig) -> None:
        self.site.default_language_only = (self.config.default_language_only
                                           or os.environ.get(DEFAULT_LANGUAGE_ONLY, "").lower() == "true")
        if self.site.default_language_only and self.memory is None:
            self.memory = PreviewMemory()
            self.memory.start(input_files(config), incremental=False)
        self.site.memory = self.memory
        if self.memory is not None:
            self.site.icons = self.memory.icons  # an incremental build sees only the pages it writes
        self.site.start_build(config, ConversionOptions(self.config.prerender, self.config.markdown_workers,
                                                        self.config.markdown_parallel_from))

    def on_files(self, files: Files, config: MkDocsConfig) -> Files:
        files = self.site.add_generated_files(files, config)
        return self.site.add_link_files(files, config)

    @event_priority(100)  # before mkdocs-macros: it decides which pages may render macros
    def on_page_markdown(self, markdown: str, page: Page, config: MkDocsConfig, files: Files) -> str:
        guard_page_meta(page, config, self.site.translated, self.site.pages)
        self.site.date_practice_page(page)
        markdown = link_open_data(markdown, page, config)
        return self.site.conversion.skip_markdown(markdown, page, self.site.pages.get(page.file.src_uri))

    def on_env(self, env: Environment, config: MkDocsConfig, files: Files) -> Environment:
        env.bytecode_cache = compiled_templates(config)
        env.globals.update(template_globals(self.site, config))
        env.globals.update(FolderCache(env).template_globals())
        env.globals[THEME_WORDS] = ThemeWords(env, config, self.site.interface_words(config))
        return env

    def on_page_content(self, html: str, page: Page, config: MkDocsConfig, files: Files) -> str:
        mark_untranslated(page, config, self.site.untranslated)
        return self.site.insert_page_fragments(html, page)

    def on_page_context(self, context: dict, page: Page, config: MkDocsConfig, nav: Navigation) -> dict:
        self.site.search.start_writing(config, page, self.site.first_listing)
        self.site.conversion.fill(page, self.site.pages.get(page.file.src_uri), self.site.insert_fragments)
        page_context(self.site, context, page, config)
        return context

    def on_post_page(self, output: str, page: Page, config: MkDocsConfig) -> str:
        output = self.site.icons.by_reference(output)
        self.site.search.add_page(output, page, config)
        if self.memory is not None and page.url is not None:
            self.memory.searched["/" + page.url] = output
        return self.site.minifier.page(output, page.file.abs_dest_path)

    def on_post_template(self, output_content: str, template_name: str, config: MkDocsConfig) -> str:
        """The theme's own pages (404.html; not sitemap.xml) as light as every other page."""
        if not template_name.endswith(".html"):
            return output_content
        return minified(self.site.icons.by_reference(output_content))

    def on_post_build(self, config: MkDocsConfig) -> None:
        self.site.stop_folders()
        self.site.conversion.stop(keep=True)
        if self.memory is not None:
            self.site.search.add_kept(self.memory.kept_search())
        self.site.search.start_writing(config, None, self.site.first_listing)
        self.site.write_qr_codes(config)
        self.site.index_site(config)  # and the social cards
        self.site.minifier.finish()
        if self.memory is not None:
            self.memory.commit()
        if self.memory is None:  # a preview keeps its pages for the next rebuild (serving.py)
            self.site.release_pages()

    def on_serve(self, server, config: MkDocsConfig, builder):
        """A preview of the default language alone: its rebuilds keep what they can (serving.py)."""
        if self.memory is not None:
            server.builder = PreviewSession(config, self.memory, PLUGIN_NAME, project_paths(config).practices,
                                            builder).rebuild
        return server

    def on_build_error(self, error: Exception) -> None:
        self.site.reset()  # stops the Markdown and card workers of a failed build
        self.site.index_writes.cancel()  # the indexes still being written
        if self.memory is not None:
            self.memory.forget()
        self.site.search.stop()
