"""SiteBuild: one language's build, as the plugin (plugin.py) drives it: generated pages become MkDocs files."""
from __future__ import annotations

from dataclasses import replace
from pathlib import Path

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import PluginError
from mkdocs.structure.files import File, Files
from mkdocs.structure.pages import Page

from . import language_builds as site_languages_
from .language_builds import PLUGIN_NAME
from ..exports.downloads import download_files, qr_addresses
from ..source.boundaries import MISSING as BOUNDARIES_MISSING
from ..model.explore import INDEX_PATH, explore_index, explore_index_text, facet_legends
from ..model.model import KnowledgeBase
from ..pages.addresses import SiteSettings
from ..pages.pages import (HOME_PAGE, SCHEMA_PATH, GeneratedPage, render_explore_files, render_home_lists, render_pages,
                           translation_skeleton)
from ..checks.validate import practice_validator_schema
from ..model.pipeline import knowledge_base
from ..core.languages import language_prefix
from ..core.problems import ProblemsFound
from .conversion import Conversion, ConversionOptions
from .mapcache import MapShapes
from .minifier import PageMinifier
from .pagefolders import PageFolders
from .pageoutput import IconSprite
from .previews import SocialCards, practice_of
from .search import IndexWrites, SiteSearch
from .serving import PreviewMemory
from .translatedpages import use_page_translations
from ..core.filebatch import FileBatch
from ..exports.qrfiles import qr_batch
from ..exports.redirects import redirects
from ..exports.robots import ROBOTS_PATH, robots_txt
from ..pages.propose import render_contributor_parts
from ..pages.scripttexts import SCRIPT_TEXTS_PATH, script_texts
from ..pages.sanitize import clean_html, clean_text
from .settings import (cache_folder, clean_toc, compiled_templates, project_paths, published_schema_text,
                       register_macros_variables, site_settings, templates_folder)


class SiteBuild:
    """What one language's build knows and does: every MkDocs event of the plugin (plugin.py) delegates
    here. Another language's build has its own, handed what is shared by the default's (hand_over)."""

    def __init__(self) -> None:
        self.kb: KnowledgeBase | None = None  # in this build's language (KnowledgeBase.in_language)
        self.source_kb: KnowledgeBase | None = None  # as written, with every translation
        self.shared_source: KnowledgeBase | None = None  # given by the default language's build
        self.search = SiteSearch()  # this language's search index (Pagefind)
        self.index_writes = IndexWrites(background=False)  # the languages' indexes, shared by their builds
        self.icons = IconSprite()  # the whole site's icons, one file (pageoutput.py), fed by every language
        self.conversion = Conversion()  # generated pages' HTML, converted outside MkDocs
        self.conversion_options = ConversionOptions()
        self.pages: dict[str, GeneratedPage] = {}
        self.files: list[File] = []  # the files made here (generated_file), emptied once written (release_pages)
        self.untranslated: dict[str, str] = {}  # hand-written page -> the language it is shown in, lacking a translation
        self.translated: set[str] = set()  # hand-written pages shown in a contributor's translation
        self.qr_codes: FileBatch | None = None  # made while MkDocs writes the pages, written after them
        self.cards = SocialCards()  # drawn while MkDocs writes the pages
        self.minifier = PageMinifier(0, ConversionOptions())  # the written pages minified (minifier.py): add_generated_files sets it
        self.folders: PageFolders | None = None  # the generated pages' folders, made ahead of MkDocs' page loop
        self.first_listing: str | None = None  # the first list page MkDocs builds: every searched page comes before it
        self.home_lists = ""  # the home page's counts and entry points (overrides/kb/home.html)
        self.page_parts: dict[str, str] = {}  # hand-written page -> what follows its words (pages/propose.py)
        self.default_language_only = False  # the plugin's setting: no other language built (make serve)
        self.memory: PreviewMemory | None = None  # what a preview (make serve) keeps between builds (serving.py)

    def start_build(self, config: MkDocsConfig, conversion: ConversionOptions) -> None:
        """Forget the last build; start this language's Pagefind once the last language's is done."""
        self.reset()
        self.conversion_options = conversion
        if site_languages_.is_default_build(config):
            self.index_writes.cancel()  # a failed build's writes, never waited for
            self.index_writes = IndexWrites(background=not self.default_language_only and self.memory is None)
        self.search.start(config, after=self.index_writes)

    def hand_over(self, other: SiteBuild, root_url: str) -> None:
        """What is read once for all languages: the knowledge base as written, the icons, the cards drawn."""
        other.shared_source = self.source_kb
        other.icons = self.icons
        other.index_writes = self.index_writes
        self.cards.hand_over(other.cards, root_url)

    def reset(self) -> None:  # the handed-over parts (shared_source, icons, cards' default) stay
        self.kb = None
        self.source_kb = None
        self.pages = {}
        self.files = []
        self.untranslated = {}
        self.translated = set()
        self.first_listing = None
        self.home_lists = ""
        if self.qr_codes is not None:
            self.qr_codes.cancel()
        self.page_parts = {}
        self.qr_codes = None
        self.cards.cancel()
        self.conversion.stop()
        self.minifier.cancel()
        self.stop_folders()

    def stop_folders(self) -> None:
        if self.folders is not None:
            self.folders.stop()
            self.folders = None

    def load_knowledge_base(self, config: MkDocsConfig) -> KnowledgeBase:
        """The knowledge base in this build's language (checked once, by the default language's build)."""
        source = self.shared_source if not site_languages_.is_default_build(config) else None
        if source is None:
            try:
                source = knowledge_base(project_paths(config), kept=self.memory.reads if self.memory else None)
            except ProblemsFound as problems:
                raise PluginError("The practices cannot be built:\n" + str(problems)) from None
            if source.boundaries is None:  # kb check runs without them; the site draws its map with them
                raise PluginError(BOUNDARIES_MISSING)
        self.source_kb = source
        self.kb = source.in_language(site_languages_.build_language(config))
        return self.kb

    def add_generated_files(self, files: Files, config: MkDocsConfig) -> Files:
        """Add every practice, term and overview page as an in-memory file."""
        kb = self.load_knowledge_base(config)
        self.cards.start(config, kb, self.memory.in_site if self.memory else None)
        # Before anything draws a map (Explore's is among the published files): a frame drawn already is
        # taken to be this process's, and the kept file is not read for it.
        shapes = MapShapes(Path(config.config_file_path).parent / ".cache" / "maps", project_paths(config).boundaries)
        shapes.restore(kb.boundaries)
        self.untranslated, self.translated = use_page_translations(files, config)
        templates = templates_folder(config)
        language = site_languages_.build_language(config)
        settings = replace(site_settings(config), correction_title=self.interface_words(config).text("correction.title"))
        schema = practice_validator_schema(kb.vocabularies)
        published = {SCHEMA_PATH: published_schema_text(schema), INDEX_PATH: explore_index_text(explore_index(kb)),
                     SCRIPT_TEXTS_PATH: script_texts(self.interface_words(config), facet_legends(kb), language,
                                                     translation_skeleton(templates, language, compiled_templates(config))),
                     **render_explore_files(kb, templates, settings, compiled_templates(config))}
        clashes = [path for path in published if files.get_file_from_path(path) is not None]
        for path, content in published.items():
            files.append(self.generated_file(config, path, content))
        clashes += self.add_download_files(files, config, kb, settings)
        # Lists of practices last: MkDocs builds pages in this order, and once it reaches them every
        # page the site search holds is in the index, so Pagefind writes it while they are built.
        pages = sorted(render_pages(kb, templates, settings, schema, compiled_templates(config),
                                    self.memory.pages if self.memory else None), key=lambda page: page.listing)
        incremental = self.memory is not None and self.memory.incremental  # the search is written after the pages
        self.first_listing = None if incremental else next((page.src_uri for page in pages if page.listing), None)
        self.home_lists = render_home_lists(kb, templates, settings, compiled_templates(config))
        self.page_parts = render_contributor_parts(kb, templates, settings, compiled_templates(config))
        shapes.keep(kb.boundaries)
        for page in pages:
            if files.get_file_from_path(page.src_uri) is not None:
                clashes.append(page.src_uri)
                continue
            self.pages[page.src_uri] = page
            file = self.generated_file(config, page.src_uri, page.content, page)
            # Point "edit this page" at the practice file, not at a docs/ file that does not exist.
            file.edit_uri = f"../{page.source_path}" if page.source_path else None
            files.append(file)
        if clashes:
            raise PluginError("These pages are generated from practices/ and vocabularies/, but docs/ also has them; "
                              "remove them from docs/: " + ", ".join(sorted(clashes)))
        register_macros_variables(config, kb, self.interface_words(config))
        written_files = [file for file in map(files.get_file_from_path, self.pages) if file.is_modified()]
        written = {file.src_uri: self.pages[file.src_uri] for file in written_files}
        self.folders = PageFolders([Path(file.abs_dest_path).parent for file in written_files])
        self.conversion.start(written, files, config, self.conversion_options)
        self.minifier = PageMinifier(len(files.documentation_pages()) - len(self.pages) + len(written), self.conversion_options)
        return files

    def generated_file(self, config: MkDocsConfig, path: str, content: str, page: GeneratedPage | None = None) -> File:
        """A file made here; a preview's incremental build writes it only if it changed (serving.py)."""
        if self.memory is None:
            self.files.append(File.generated(config, path, content=content))
            return self.files[-1]
        return self.memory.file(config, path, content, page)

    def add_download_files(self, files: Files, config: MkDocsConfig, kb: KnowledgeBase, settings: SiteSettings) -> list[str]:
        """Publish the feed (and, in the default language's build, the site's open data), and give the QR
        codes their addresses; return the paths docs/ already has."""
        qr_codes = qr_addresses(kb, settings)
        clashes = [path for path in qr_codes if files.get_file_from_path(path) is not None]
        default = site_languages_.is_default_build(config)  # the open data: once, at the root
        for path, content in download_files(kb, settings, self.source_kb if default else None,
                                            site_languages_.site_languages(config),
                                            self.memory.data_rows if self.memory else None).items():
            if files.get_file_from_path(path) is not None:
                clashes.append(path)
                continue
            files.append(self.generated_file(config, path, content))
        if not clashes:  # with clashes, the build stops, naming them
            self.qr_codes = qr_batch(qr_codes, Path(config.site_dir), cache_folder(config, "qr"),
                                     in_site=self.memory.in_site if self.memory else None)
        return clashes

    def write_qr_codes(self, config: MkDocsConfig) -> None:
        """Into the built site once MkDocs has written the pages (it cleans the site folder first): qrfiles.py."""
        batch, self.qr_codes = self.qr_codes, None
        if batch is not None:
            batch.finish()

    def insert_page_fragments(self, html: str, page: Page) -> str:
        """After MkDocs' Markdown step: fragments back in (unless prerender.py converts the page: then fill() does)."""
        if self.conversion.converts(page):
            return html
        clean_toc(page.toc)
        page.title = clean_text(page.title or "")
        return self.insert_fragments(html, page.file.src_uri)

    def insert_fragments(self, html: str, src_uri: str, cleaned: bool = False) -> str:
        """Clean the HTML Markdown made of any page (sanitize.py) unless `cleaned` (prerender.py cleans
        what it converts): contributors write practices, vocabularies and page translations, and a
        hand-written page can come in a pull request too. Then put template-rendered HTML back into a
        generated page (its placeholders are plain paragraphs, which the sanitizer keeps); mark an
        untranslated hand-written page's text with the language it is in."""
        page = self.pages.get(src_uri)
        if not cleaned:
            html = clean_html(html)
        if src_uri in self.untranslated:
            html = f'<div lang="{self.untranslated[src_uri]}">\n{html}\n</div>'
            return f"{html}\n{self.page_parts[src_uri]}" if src_uri in self.page_parts else html
        if src_uri == HOME_PAGE:
            html = f"{html}\n{self.home_lists}"
        if src_uri in self.page_parts:  # the proposal form, the maintainers: in the page's language, after its words
            html = f"{html}\n{self.page_parts[src_uri]}"
        return page.with_fragments(html) if page is not None and page.fragments else html

    def interface_words(self, config: MkDocsConfig):
        """This build's catalogue of interface strings."""
        return self.source_kb.interface.catalogues[site_languages_.build_language(config)]

    def index_site(self, config: MkDocsConfig) -> None:
        """Write this language's search index (in a build of every language, while the next one is
        built) and social cards; in the default language's build, first build every other language
        (unless default_language_only), its card workers drawing meanwhile at low priority, then
        wait for every index and write the site's icons."""
        if self.memory is not None and self.memory.incremental:
            self.memory.write_search_later(self.search, config)  # the page is served meanwhile
            self.search = SiteSearch()
        else:
            self.search.write(config, self.index_writes)
        default = site_languages_.is_default_build(config)
        if default and not self.default_language_only:
            # Inside this build's last event: its pages are written, so their texts go first (MkDocs
            # still holds its files and pages until the event returns, and mkdocs-macros after it).
            self.release_pages()
            site_languages_.build_other_languages(config, self.source_kb.interface.catalogues, lambda other: self.hand_over(
                other.plugins[PLUGIN_NAME].site, config.site_url or ""))
        self.cards.write()
        if default:
            self.index_writes.wait()
            self.icons.write(Path(config.site_dir))

    def release_pages(self) -> None:
        """Once a language's pages are written: what only they needed goes, and the texts of its files
        and pages (public attributes, which MkDocs no longer reads), so the next language's build has
        the memory to itself."""
        self.kb = None
        self.pages, self.page_parts, self.home_lists = {}, {}, ""
        self.untranslated, self.translated = {}, set()
        for file in self.files:
            file.content_string = ""
            if file.page is not None:
                file.page.markdown = file.page.content = None
        self.files = []

    def add_link_files(self, files: Files, config: MkDocsConfig) -> Files:
        """A redirect page at every former address of a practice, and robots.txt naming the sitemap."""
        kb = self.kb or self.load_knowledge_base(config)
        site_url = config.site_url or ""
        generated = {page.path: page.content for page in redirects(kb, site_url, templates_folder(config),
                                                                   config.use_directory_urls)}
        if site_languages_.is_default_build(config):  # one robots.txt, at the root, naming every language's sitemap
            languages = site_languages_.site_languages(config)
            generated[ROBOTS_PATH] = robots_txt(site_url, tuple(language_prefix(code, languages) for code in languages))
        clashes = sorted(path for path in generated if files.get_file_from_path(path) is not None)
        if clashes:
            raise PluginError("These files are generated (former addresses of practices, robots.txt), "
                              "but docs/ also has them; remove them from docs/: " + ", ".join(clashes))
        for path, content in generated.items():
            files.append(self.generated_file(config, path, content))
        if self.memory is not None:
            self.memory.hand_written(files, config)
            self.memory.page_urls = {"/" + file.url for file in files.documentation_pages()}
        return files

    def date_practice_page(self, page: Page) -> None:
        """A practice page was last updated when its facts were last verified: the sitemap's <lastmod>."""
        practice = practice_of(self.kb, page)
        if practice is not None:
            page.update_date = practice.last_verified
