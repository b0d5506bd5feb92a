"""SiteBuild: one language's build, as the plugin (plugin.py) drives it: generated pages become MkDocs files."""
from __future__ import annotations

import json
import logging
import time
from pathlib import Path, PurePosixPath
from typing import Any
from urllib.parse import urlsplit

from jinja2 import BytecodeCache, FileSystemBytecodeCache
from markupsafe import Markup, escape
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import PluginError
from mkdocs.structure.files import File, Files
from mkdocs.structure.pages import Page
from mkdocs.structure.toc import get_toc

from . import language_builds as site_languages_
from ..exports.downloads import download_files, qr_addresses
from ..model.explore import INDEX_PATH, explore_index, explore_index_text, facet_legends
from ..model.model import KnowledgeBase, Practice
from ..pages.pages import HOME_PAGE, SCHEMA_PATH, GeneratedPage, SiteSettings, markdown_text, render_home_lists, render_pages
from ..checks.validate import practice_validator_schema
from ..model.pipeline import ProjectPaths, knowledge_base
from ..core.languages import kb_settings, language_name, language_prefix, translation_of
from .language_builds import THEME_TEXTS, escaped_nav, plain_text_of
from ..core.problems import ProblemsFound
from .htmlcache import HtmlCache, conversion_fingerprint
from .prerender import MarkdownBatch
from ..exports.qrfiles import write_qr_codes as publish_qr_codes
from ..exports.searchindex import SearchIndexError, SearchIndexer
from ..exports.cardfiles import CardBatch
from ..exports.linkpreview import card_jobs, meta_tags, page_preview, places, practice_preview
from ..exports.redirects import redirects
from ..exports.robots import ROBOTS_PATH, robots_txt
from ..pages.sanitize import clean_html, clean_text
from ..checks.translations import PAGE_FIELDS, valid_hide

log = logging.getLogger("mkdocs.plugins.practicekb")
PLUGIN_NAME = "practicekb"  # its entry point (pyproject.toml) and its name in mkdocs.yml


def escape_theme_texts(config: MkDocsConfig) -> None:
    """Material writes the site name, description, copyright, navigation titles and palette toggles
    into pages as they are, and other languages' come from translation files: give the theme them
    escaped, and keep the plain texts (extra.kb.plain_texts) for the feed, cards and data. Another
    language's build gets both from language_builds.language_config."""
    settings = config.extra.setdefault("kb", {})
    if "plain_texts" in settings:
        return
    settings["plain_texts"] = {key: config[key] or "" for key in THEME_TEXTS}
    settings["plain_nav"] = json.loads(json.dumps(config.nav)) if config.nav else None
    for key in THEME_TEXTS:
        if config[key]:
            config[key] = escape(config[key])
    config.nav = escaped_nav(config.nav)
    palette = config.theme.get("palette") if "palette" in config.theme else None
    for scheme in palette if isinstance(palette, list) else [palette] if isinstance(palette, dict) else []:
        if isinstance(scheme.get("toggle"), dict) and isinstance(scheme["toggle"].get("name"), str):
            scheme["toggle"]["name"] = escape(scheme["toggle"]["name"])


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
    return SiteSettings(repo.rstrip("/") if urlsplit(repo).scheme else "", branch, config.use_directory_urls,
                        **publication(config), site_root=site_languages_.site_root(config))


class PrerenderedPage(Page):
    """A generated page whose HTML comes from prerender.py (the cache, the worker or this process):
    MkDocs is given its Markdown empty (skip_converted_markdown), and this skips even converting
    that, a new Python-Markdown instance per page; fill_converted_page puts the HTML in before the
    theme. Set as the file's page in on_files, which MkDocs allows (File.page)."""

    def __init__(self, file: File, config: MkDocsConfig, converted: MarkdownBatch):
        super().__init__(None, file, config)
        self.converted = converted

    def render(self, config: MkDocsConfig, files: Files) -> None:
        if self.markdown or self.file.src_uri not in self.converted:
            super().render(config, files)
            return
        self.content, self.toc, self.present_anchor_ids = "", get_toc([]), set()  # the title: from the page's meta or nav


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


class SiteBuild:
    """What one language's build knows and does: every MkDocs event of the plugin (plugin.py)
    delegates here. A build of another language has its own SiteBuild, handed the knowledge base as
    written and the search indexer by the default language's (hand_over)."""

    def __init__(self) -> None:
        self.kb: KnowledgeBase | None = None  # in this build's language (KnowledgeBase.in_language)
        self.source_kb: KnowledgeBase | None = None  # as written, with every translation
        self.shared_source: KnowledgeBase | None = None  # given by the default language's build
        self.indexer: SearchIndexer | None = None  # the whole site's search index, fed by every language
        self.owns_indexer = False  # the default language's build starts and writes it
        self.pages: dict[str, GeneratedPage] = {}
        self.untranslated: dict[str, str] = {}  # hand-written page -> the language it is shown in, lacking a translation
        self.translated: set[str] = set()  # hand-written pages shown in a contributor's translation
        self.qr_codes: dict[str, str] | None = None  # published path -> address, written after the pages
        self.cards: CardBatch | None = None  # social cards, drawn while MkDocs writes the pages
        self.converted: MarkdownBatch | None = None  # generated pages' HTML, converted outside MkDocs
        self.first_listing: str | None = None  # the first list page MkDocs builds: every searched page comes before it
        self.home_lists = ""  # the home page's counts and entry points (overrides/kb/home.html)

    def start_build(self, config: MkDocsConfig) -> None:
        """Forget the last build; the default language's build also starts the search indexer
        (Pagefind), which the other languages' builds are handed (hand_over)."""
        self.reset()
        if site_languages_.is_default_build(config):
            self.stop_search_index()
            try:
                self.indexer = SearchIndexer(keep_index_url=not config.use_directory_urls)
            except SearchIndexError as error:
                raise PluginError(str(error)) from None
            self.owns_indexer = True

    def stop_search_index(self) -> None:
        indexer, self.indexer = self.indexer, None
        if indexer is not None and self.owns_indexer:
            indexer.close()
        self.owns_indexer = False

    def hand_over(self, other: SiteBuild) -> None:
        """Give another language's build what is read and started once for all languages: the
        knowledge base as written (read and checked here) and the site's search indexer."""
        other.shared_source = self.source_kb
        other.indexer = self.indexer

    def reset(self) -> None:
        self.kb = None
        self.source_kb = None
        self.pages = {}
        self.untranslated = {}
        self.translated = set()
        self.first_listing = None
        self.home_lists = ""
        self.qr_codes = None
        if self.cards is not None:
            self.cards.cancel()
            self.cards = None
        self.stop_converting()

    def stop_converting(self, keep: bool = False) -> None:
        """Once every page is built (or the build failed), the Markdown worker is not needed; `keep`
        (every page built) saves the converted pages for the next build."""
        if self.converted is not None:
            if keep:
                self.converted.save()
            self.converted.cancel()
            self.converted = None

    def load_knowledge_base(self, config: MkDocsConfig) -> KnowledgeBase:
        """The knowledge base in this build's language (checked once, by the default language's build)."""
        source = self.shared_source if not site_languages_.is_default_build(config) else None
        if source is None:
            try:
                source = knowledge_base(project_paths(config))
            except ProblemsFound as problems:
                raise PluginError("The practices cannot be built:\n" + str(problems)) from None
        self.source_kb = source
        self.kb = source.in_language(site_languages_.build_language(config))
        return self.kb

    def use_page_translations(self, files: Files, config: MkDocsConfig) -> dict[str, str]:
        """docs/<page>.<code>.md is never a page of its own: in its language's build it takes the place
        of docs/<page>.md. Returns the hand-written pages this build shows untranslated, with their language."""
        languages = site_languages_.site_languages(config)
        language = site_languages_.build_language(config)
        translations: dict[str, File] = {}
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
                self.translated.add(file.src_uri)
            elif language != languages[0]:
                untranslated[file.src_uri] = languages[0]
        return untranslated

    def add_generated_files(self, files: Files, config: MkDocsConfig) -> Files:
        """Add every practice, term and overview page as an in-memory file."""
        kb = self.load_knowledge_base(config)
        self.start_social_cards(config, kb)
        self.untranslated = self.use_page_translations(files, config)
        templates = Path(config.theme.custom_dir or "overrides") / "kb"
        settings = site_settings(config)
        schema = practice_validator_schema(kb.vocabularies)
        clashes = [path for path in (SCHEMA_PATH, INDEX_PATH) if files.get_file_from_path(path) is not None]
        files.append(File.generated(config, SCHEMA_PATH, content=published_schema_text(schema)))
        files.append(File.generated(config, INDEX_PATH, content=explore_index_text(explore_index(kb))))
        clashes += self.add_download_files(files, config, kb, settings)
        # Lists of practices last: MkDocs builds pages in this order, and once it reaches them every
        # page the site search holds is in the index, so Pagefind writes it while they are built.
        pages = sorted(render_pages(kb, templates, settings, schema, compiled_templates(config)),
                       key=lambda page: page.listing)
        self.first_listing = next((page.src_uri for page in pages if page.listing), None)
        self.home_lists = render_home_lists(kb, templates, settings, compiled_templates(config))
        for page in pages:
            if files.get_file_from_path(page.src_uri) is not None:
                clashes.append(page.src_uri)
                continue
            self.pages[page.src_uri] = page
            file = File.generated(config, page.src_uri, content=page.content)
            # Point "edit this page" at the practice file, not at a docs/ file that does not exist.
            file.edit_uri = f"../{page.source_path}" if page.source_path else None
            files.append(file)
        if clashes:
            raise PluginError("These pages are generated from practices/ and vocabularies/, but docs/ also has them; "
                              "remove them from docs/: " + ", ".join(sorted(clashes)))
        self.register_macros_variables(config, kb)
        self.start_converting(files, config)
        return files

    def start_converting(self, files: Files, config: MkDocsConfig) -> None:
        """Take the generated pages' HTML from the last build's cache and hand the rest of their Markdown
        to prerender.py (a worker, in the order MkDocs builds them, or this process), which keeps what it
        converts in the cache (htmlcache.py)."""
        extensions = list(config.markdown_extensions)
        if all(isinstance(extension, str) for extension in extensions):  # a worker needs them by name
            extension_configs = dict(config.mdx_configs or {})
            secrets = {page.nonce for page in self.pages.values()}  # one per build
            cache = HtmlCache(cache_folder(config, "html"), conversion_fingerprint(extensions, extension_configs),
                              secrets.pop()) if len(secrets) == 1 else None
            self.converted = MarkdownBatch({uri: page.content for uri, page in self.pages.items()},
                                            extensions, extension_configs, cache)
            in_nav = site_languages_.nav_titles(config.nav)  # MkDocs gives those their title from the nav
            for uri in self.pages:
                file = files.get_file_from_path(uri)
                if uri in self.converted and uri not in in_nav and file is not None:
                    PrerenderedPage(file, config, self.converted)  # becomes file.page, which MkDocs then uses

    def converted_by_prerender(self, page: Page) -> bool:
        return self.converted is not None and page.file.src_uri in self.converted

    def skip_converted_markdown(self, markdown: str, page: Page) -> str:
        """A page prerender.py converts is given to MkDocs' own Markdown step empty."""
        return "" if self.converted_by_prerender(page) else markdown

    def fill_converted_page(self, page: Page) -> None:
        """Before the theme renders a page prerender.py converts (from the cache, by the worker or now):
        its HTML, table of contents and anchors."""
        if not self.converted_by_prerender(page):
            return
        try:
            converted = self.converted.result(page.file.src_uri)
        except Exception as error:  # the conversion's own failure (an extension's error, a killed worker)
            raise PluginError(f"Converting the Markdown of {page.file.src_uri} failed: {error!r}") from None
        page.content = self.insert_fragments(converted.html, page.file.src_uri)
        page.toc = get_toc(converted.toc_tokens)
        clean_toc(page.toc)
        page.title = clean_text(page.title or "")
        page.present_anchor_ids = set(converted.anchor_ids)

    def add_download_files(self, files: Files, config: MkDocsConfig, kb: KnowledgeBase, settings: SiteSettings) -> list[str]:
        """Publish the feed and the open data, and give the QR codes their addresses; return the paths docs/ already has."""
        qr_codes = qr_addresses(kb, settings)
        clashes = [path for path in qr_codes if files.get_file_from_path(path) is not None]
        for path, content in download_files(kb, settings).items():
            if files.get_file_from_path(path) is not None:
                clashes.append(path)
                continue
            files.append(File.generated(config, path, content=content))
        self.qr_codes = None if clashes else qr_codes  # with clashes, the build stops, naming them
        return clashes

    def write_qr_codes(self, config: MkDocsConfig) -> None:
        """Write the QR codes into the built site, once MkDocs has written the pages (it cleans the
        site folder first): linked from .cache/qr/ like the social cards (qrfiles.py)."""
        wanted, self.qr_codes = self.qr_codes, None
        if wanted is not None:
            publish_qr_codes(wanted, Path(config.site_dir), cache_folder(config, "qr"))

    def register_macros_variables(self, config: MkDocsConfig, kb: KnowledgeBase) -> None:
        """Hand-written pages in docs/ read counts through mkdocs-macros as `kb`."""
        macros = config.plugins.get("macros")
        if macros is not None:
            macros.variables["kb"] = kb
            macros.variables["language"] = site_languages_.build_language(config)
            macros.variables["t"] = self.interface_words(config).t
            macros.env.filters["md"] = markdown_text  # practice titles and term labels shown as text

    def insert_page_fragments(self, html: str, page: Page) -> str:
        """After MkDocs' Markdown step: fragments back in (unless prerender.py converts the page: then
        fill_converted_page does it)."""
        if self.converted_by_prerender(page):
            return html
        if self.contributor_page(page.file.src_uri):
            clean_toc(page.toc)
            page.title = clean_text(page.title or "")
        return self.insert_fragments(html, page.file.src_uri)

    def contributor_page(self, src_uri: str) -> bool:
        """A page made from files that contributors send: generated from practices and vocabularies, or
        a translation of a hand-written page. Its HTML passes the sanitizer."""
        return src_uri in self.pages or src_uri in self.translated

    def insert_fragments(self, html: str, src_uri: str) -> str:
        """Clean the HTML Markdown made of contributor text (sanitize.py), then put template-rendered
        HTML back into a generated page (its placeholders are plain paragraphs, which the sanitizer
        keeps); mark an untranslated hand-written page's text with the language it is in."""
        page = self.pages.get(src_uri)
        if src_uri in self.untranslated:
            return f'<div lang="{self.untranslated[src_uri]}">\n{html}\n</div>'
        if self.contributor_page(src_uri):
            html = clean_html(html)
        if src_uri == HOME_PAGE:
            html = f"{html}\n{self.home_lists}"
        return page.with_fragments(html) if page is not None and page.fragments else html

    def guard_page_meta(self, page: Page, config: MkDocsConfig) -> None:
        """Before the macros plugin sees a page. mkdocs-macros evaluates a page's Jinja with access to
        the whole Python runtime, and a page's own front matter can ask for it: only the maintainers'
        pages named in extra.kb.macro_pages may have it, never a translation or a generated page. A
        translation's front matter keeps only its words (checked in translations.PAGE_FIELDS), as text."""
        allowed = kb_settings(config).get("macro_pages") or []
        src_uri = page.file.src_uri
        own = src_uri in allowed and src_uri not in self.translated and src_uri not in self.pages
        if src_uri in self.translated:
            kept = {key: page.meta[key] for key in PAGE_FIELDS if key in page.meta}
            page.meta.clear()
            page.meta.update({key: clean_text(str(value)) if isinstance(value, str) else value
                              for key, value in kept.items() if key != "hide" or valid_hide(value)})
        page.meta["render_macros"] = bool(own and page.meta.get("render_macros") is True)

    def interface_words(self, config: MkDocsConfig):
        """This build's catalogue of interface strings."""
        return self.source_kb.interface.catalogues[site_languages_.build_language(config)]

    def mark_untranslated(self, page: Page, config: MkDocsConfig) -> None:
        """A hand-written page shown in another language than the build's: the notice (overrides/partials/
        kb-notice.html) says so and links to the new translation file on GitHub."""
        language = self.untranslated.get(page.file.src_uri)
        if language is None:
            return
        page.meta["kb_text_language"] = language
        # Its title in the browser tab and header: the navigation's, which is in the build's language.
        title = site_languages_.nav_titles(config.nav).get(page.file.src_uri)
        if title:
            page.title = page.meta["title"] = title
        root, docs = Path(config.config_file_path).parent, Path(config.docs_dir)
        folder = docs.relative_to(root).as_posix() if docs.is_relative_to(root) else "docs"
        source = PurePosixPath(folder) / page.file.src_uri
        name = f"{source.stem}.{site_languages_.build_language(config)}.md"
        page.meta["kb_translate_url"] = site_settings(config).new_file_url(str(source.parent), name)

    def template_globals(self, config: MkDocsConfig) -> dict:
        """What Material's templates and the overrides use to speak this build's language."""
        words = self.interface_words(config)
        kb = self.kb
        last: dict[str, Any] = {}

        def alternates(page: Page | None = None) -> list:
            """The head (hreflang) and the header (language switcher) both ask, for the same page."""
            if "page" not in last or last["page"] is not page:
                last.update(page=page, alternates=site_languages_.alternates(config, page))
            return last["alternates"]

        return {
            "kb_t": words.t,
            "kb_language": site_languages_.build_language(config),
            "kb_site_root": site_languages_.site_root(config),
            "kb_alternates": alternates,
            "kb_script_messages": lambda *prefixes: json.dumps(words.for_script(*prefixes), ensure_ascii=False,
                                                               sort_keys=True),
            "kb_facet_legends": json.dumps(facet_legends(kb), ensure_ascii=False),
            "kb_language_name": lambda code: language_name(code, site_languages_.build_language(config)),
        }

    def index_site(self, config: MkDocsConfig) -> None:
        """In the default language's build: build every other language, then write the site search index,
        which every language's pages went into as they were written (mkdocs build and every serve
        rebuild). Other languages' builds do neither."""
        if not site_languages_.is_default_build(config):
            return
        site_languages_.build_other_languages(config, self.source_kb.interface.catalogues,
                                              lambda other: self.hand_over(other.plugins[PLUGIN_NAME].site))
        indexer, self.indexer, self.owns_indexer = self.indexer, None, False
        if indexer is None:
            return
        try:
            indexer.write(Path(config.site_dir))
        except SearchIndexError as error:
            raise PluginError(str(error)) from None

    def start_writing_search_index(self, config: MkDocsConfig, page: Page | None = None) -> None:
        """In the last language's build, from its first list of practices on (or after its pages),
        every page the search holds is in the index: Pagefind writes it while this build goes on
        (index_site waits for it)."""
        if page is not None and page.file.src_uri != self.first_listing:
            return
        if self.indexer is None or site_languages_.build_language(config) != site_languages_.site_languages(config)[-1]:
            return
        try:
            self.indexer.start_writing(Path(config.site_dir) / site_languages_.site_root(config))
        except SearchIndexError as error:
            raise PluginError(str(error)) from None

    def add_to_search_index(self, html: str, page: Page, config: MkDocsConfig) -> None:
        """Hand a written page to the search indexer, at its address from the whole site's root."""
        if self.indexer is None or page.url is None:
            return
        prefix = language_prefix(site_languages_.build_language(config), site_languages_.site_languages(config))
        try:
            self.indexer.add_page("/" + prefix + page.url, html)
        except SearchIndexError as error:
            raise PluginError(str(error)) from None

    def add_link_files(self, files: Files, config: MkDocsConfig) -> Files:
        """A redirect page at every former address of a practice, and robots.txt naming the sitemap."""
        kb = self.kb or self.load_knowledge_base(config)
        site_url = config.site_url or ""
        generated = {page.path: page.content for page in redirects(kb, site_url, config.use_directory_urls)}
        if site_languages_.is_default_build(config):  # one robots.txt, at the root, naming every language's sitemap
            languages = site_languages_.site_languages(config)
            generated[ROBOTS_PATH] = robots_txt(site_url, tuple(language_prefix(code, languages) for code in languages))
        clashes = sorted(path for path in generated if files.get_file_from_path(path) is not None)
        if clashes:
            raise PluginError("These files are generated (former addresses of practices, robots.txt), "
                              "but docs/ also has them; remove them from docs/: " + ", ".join(clashes))
        for path, content in generated.items():
            files.append(File.generated(config, path, content=content))
        return files

    def date_practice_page(self, page: Page) -> None:
        """A practice page was last updated when its facts were last verified: the sitemap's <lastmod>."""
        practice = self.practice_of(page)
        if practice is not None:
            page.update_date = str(practice.data["last_verified"])

    def practice_of(self, page: Page) -> Practice | None:
        if self.kb is None or page.meta.get("kb_kind") != "practice":
            return None
        return self.kb.practices.get(str(page.meta.get("kb_slug")))

    def add_link_preview(self, context: dict, page: Page, config: MkDocsConfig) -> dict:
        """The Open Graph and Twitter card tags of a page, for overrides/partials/kb-link-preview.html."""
        site_url, url = config.site_url or "", page.canonical_url or ""
        practice = self.practice_of(page)
        if practice is not None:
            preview = practice_preview(practice, places(self.kb, practice), url, site_url,
                                       plain_text_of(config, "site_name"))
        else:
            # A page's title and description are HTML to MkDocs and Material (generated pages escape them).
            description = plain_text(page.meta.get("description") or plain_text_of(config, "site_description"))
            preview = page_preview(plain_text(page.title or ""), description, url, site_url, plain_text_of(config, "site_name"),
                                   str(config.theme.get("language") or "en"))
        context["kb_link_preview"] = meta_tags(preview)
        return context

    def start_social_cards(self, config: MkDocsConfig, kb: KnowledgeBase) -> None:
        """Start drawing the social cards that .cache/cards/<language>/ does not have (cardfiles.py)."""
        jobs = card_jobs(kb, Path(config.site_dir), plain_text_of(config, "site_name"),
                         plain_text_of(config, "site_description"))
        try:
            self.cards = CardBatch(jobs, cache_folder(config, "cards"))
        except OSError as error:
            raise PluginError(f"The social cards cannot be written: {error}") from None

    def write_social_cards(self) -> None:
        """A 1200×630 card per practice and one for the site, once the workers have drawn them."""
        batch, self.cards = self.cards, None
        if batch is None:
            return
        waited = time.perf_counter()
        try:
            stats = batch.finish()
        except (OSError, RuntimeError) as error:
            raise PluginError(f"The social cards cannot be written: {error}") from None
        log.info(f"Social cards: {stats.drawn} drawn, {stats.cached} from the cache, "
                 f"{time.perf_counter() - waited:.2f} seconds after the pages")
