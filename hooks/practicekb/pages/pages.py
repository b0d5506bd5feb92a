"""Turn the knowledge base into Markdown pages, laid out by Jinja templates in overrides/kb/.

The templates write Markdown whose links point at other pages' source files, so
the site generator resolves (and checks) every link. Contributor text is passed
to the templates as data: Jinja never evaluates it.
"""
from __future__ import annotations

import json
import re
from dataclasses import asdict, dataclass, replace
from pathlib import Path

import jinja2

from ..core.languages import language_name, sort_key
from ..core.taxonomies import TAXONOMIES, Taxonomy
from ..model.model import KnowledgeBase, Practice
from ..source.vocabularies import Term
from .explorepage import EXPLORE_PAGE, explore_address, explore_context, explore_files
from .addresses import SiteSettings, page_url, root_of, with_print_addresses
from .fieldref import field_rows
from .fragments import Fragments, fragment_placeholder, lang_placeholder, word_placeholder
from .keptpages import KeptPages
from .mappages import MAP_PAGE, explore_map, map_page_context, term_map
from .views import PageViews

MARKDOWN_SPECIALS = re.compile(r"([\\`*_\[\]#|!{}])")
# The interface strings of the practice page's own headings: templates write `headings[key]`, a placeholder
# (fragments.word_placeholder) that the page's words replace after its Markdown is converted.
HEADING_WORDS = ("practice.sources", "share.heading", "practice.related")


@dataclass(frozen=True)
class GeneratedPage:
    src_uri: str
    content: str  # Markdown, with a placeholder for each HTML fragment
    source_path: str | None = None  # the file in the repository it is built from
    fragments: tuple[str, ...] = ()  # finished HTML that Markdown need not parse again
    nonce: str = ""
    listing: bool = False  # a list of practices (term, overview, Explore): its template leaves it out of the search
    address: str = ""  # a practice page's published address: its links to practices print theirs
    practices_address: str = ""
    words: tuple[str, ...] = ()  # the text of each heading placeholder (HEADING_WORDS), in the page's language
    title_lang: str = ""  # a practice page's: the language of its title where it is not the page's

    def title_lang_attribute(self) -> tuple[str, str]:
        """The title's lang attribute as the template writes it (lang_placeholder), and as it is."""
        return f' lang="{lang_placeholder(self.nonce)}"', f' lang="{self.title_lang}"' if self.title_lang else ""

    def with_words(self, markdown: str) -> str:
        """The page's Markdown with its headings' words and its title's language in place of their
        placeholders: the page as MkDocs converts it when prerender.py does not."""
        for number, word in enumerate(self.words):
            markdown = markdown.replace(word_placeholder(self.nonce, number), word)
        return markdown.replace(*self.title_lang_attribute())

    def with_fragments(self, html: str) -> str:
        """Put the fragments back in place of their placeholders in the page's HTML. Links to practices
        in the text print their full address; the fragments' (related practices) do not print."""
        if self.address:
            html = with_print_addresses(html, self.address, self.practices_address)
        for number, fragment in enumerate(self.fragments):
            html = html.replace(f"<p>{fragment_placeholder(self.nonce, number)}</p>", fragment, 1)
        return html


def markdown_text(value: object) -> str:
    """Escape text so Markdown shows it literally (titles, places, labels)."""
    text = str(value).replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
    return MARKDOWN_SPECIALS.sub(r"\\\1", text).replace("\n", " ")


def yaml_string(value: object) -> str:
    """A YAML scalar for generated front matter (JSON strings are valid YAML)."""
    return json.dumps(str(value), ensure_ascii=False)


def template_environment(templates_dir: str, compiled: jinja2.BytecodeCache | None = None) -> jinja2.Environment:
    """One per build: its templates are read once (no reload checks), and `compiled` keeps their
    compiled code between builds."""
    environment = jinja2.Environment(
        loader=jinja2.FileSystemLoader(templates_dir), autoescape=False, auto_reload=False, bytecode_cache=compiled,
        trim_blocks=True, lstrip_blocks=True, keep_trailing_newline=True)
    environment.filters.update(md=markdown_text, yaml=yaml_string)
    return environment


SCHEMA_PATH = "schema/practice.schema.json"
FIELDS_PAGE = "contribute/fields.md"
HOME_PAGE = "index.md"  # docs/index.md: its words by hand (or a translation's), its lists from overrides/kb/home.html


def render_pages(kb: KnowledgeBase, templates_dir: Path, settings: SiteSettings, schema: dict | None = None,
                 compiled: jinja2.BytecodeCache | None = None, kept: KeptPages | None = None) -> list[GeneratedPage]:
    """Every generated page: practices, term pages, overviews, the list of all practices,
    and the field reference when given the practice schema; in the knowledge base's language
    (KnowledgeBase.in_language). With `kept`, a page whose data are as in an earlier build is not rendered again."""
    environment = template_environment(str(templates_dir), compiled)
    views = PageViews(kb, settings)
    marks = kept.marks if kept is not None else Fragments()
    common = {**base_context(kb, settings, views), "fragment_start": marks.start, "fragment_end": marks.end,
              "headings": {key: word_placeholder(marks.nonce, number) for number, key in enumerate(HEADING_WORDS)},
              "title_lang": lang_placeholder(marks.nonce)}
    words = tuple(views.words[key] for key in HEADING_WORDS)
    if kept is not None:
        kept.begin(common)
    item_template = environment.get_template("practice-item.html")
    items: dict[tuple[str, str, bool], str] = {}  # (slug, root, compact) -> list entry

    def listed_items(practices: list[Practice], root: str, compact: bool) -> list[str]:
        """A practice's list entry is the same on every page at the same depth: rendered once."""
        for practice in practices:
            if (practice.slug, root, compact) not in items:
                listed = views.listed(practice)
                digest = kept.digest(root, compact, listed) if kept is not None else ""
                key = f"item {root} {compact} {practice.slug}"
                item = kept.get(key, digest) if kept is not None else None
                if item is None:
                    item = item_template.render(common, root=root, practice=listed, compact=compact).strip()
                    if kept is not None:
                        kept.put(key, digest, item)
                items[practice.slug, root, compact] = item
        return [items[practice.slug, root, compact] for practice in practices]

    def render(template: jinja2.Template, src_uri: str, source_path: str | None = None, listing: bool = False,
               **context) -> GeneratedPage:
        root = root_of(page_url(src_uri, settings.directory_urls))
        if "listed" in context:
            context["items"] = listed_items(context.pop("listed"), root, context["compact"])
        digest = kept.digest(template.name, root, source_path, listing, context) if kept is not None else ""
        page = kept.get(src_uri, digest) if kept is not None else None
        if page is None:
            content, fragments = marks.split(template.render(common, root=root, **context))
            page = GeneratedPage(src_uri, content, source_path, fragments, marks.nonce, listing, words=words)
            if kept is not None:
                kept.put(src_uri, digest, page)
        return page

    practice_template = environment.get_template("practice.md")

    def practice_page(p: Practice) -> GeneratedPage:
        # What a practice's page is made from beyond the vocabularies and templates: its own file and
        # its related practices' (their list entries), as read.
        reads = tuple(x for q in (p, *kb.related_practices(p)) for x in (q.data, q.body, q.translation))
        page = kept.made_from(p.src_uri, reads) if kept is not None else None
        if page is None:  # "edit this page" opens the file whose words are shown
            page = replace(render(practice_template, p.src_uri, p.translation.path if p.translation else p.path,
                                  practice=views.practice(p)),
                           address=settings.page_address(p.src_uri), practices_address=settings.site_url + "practices/",
                           title_lang=p.language if views.text_lang(p) else "")
            if kept is not None:
                kept.keep_made_from(p.src_uri, reads, page)
        return page

    pages = [practice_page(p) for p in kb.practices.values()]
    term_template = environment.get_template("term.md")
    overview_template = environment.get_template("overview.md")
    for taxonomy in TAXONOMIES:
        for term in kb.vocabularies[taxonomy.key].terms.values():
            pages.append(render(term_template, term.src_uri, listing=True, **term_context(kb, views, taxonomy, term)))
        pages.append(render(overview_template, f"{taxonomy.key}/index.md", listing=True,
                            **overview_context(kb, views, taxonomy)))
    pages.append(render(environment.get_template("explore.md"), EXPLORE_PAGE, listing=True,
                        **explore_context(kb, views)))
    if kb.boundaries is not None:  # the build asks for them (adapter/site.py); kb check can do without
        pages.append(render(environment.get_template("map.md"), MAP_PAGE, listing=True, **map_page_context(kb, views)))
    if schema is not None:
        pages.append(render(environment.get_template("fields.md"), FIELDS_PAGE,
                            rows=[asdict(row) for row in field_rows(schema)], schema_path=SCHEMA_PATH))
    return pages


def base_context(kb: KnowledgeBase, settings: SiteSettings, views: PageViews) -> dict:
    """What every template may show: the language, its messages, where the site's root and the
    overview pages are."""
    return {"lang": views.lang, "t": views.words, "site_root": settings.site_root,
            "overview_urls": {taxonomy.key: views.url(f"{taxonomy.key}/index.md") for taxonomy in TAXONOMIES}}


def render_home_lists(kb: KnowledgeBase, templates_dir: Path, settings: SiteSettings,
                      compiled: jinja2.BytecodeCache | None = None) -> str:
    """The home page's counts, themes, countries, funders and newest practices, as HTML: the page's
    words are a hand-written page or a contributor's translation, and neither runs macros."""
    environment = template_environment(str(templates_dir), compiled)
    views = PageViews(kb, settings)
    return environment.get_template("home.html").render(
        base_context(kb, settings, views), root=root_of(page_url(HOME_PAGE, settings.directory_urls)),
        explore_url=views.url(EXPLORE_PAGE), **home_context(kb, views)).strip()


def translation_skeleton(templates_dir: Path, language: str, compiled: jinja2.BytecodeCache | None = None) -> str:
    """The first text of a new translation file into `language`, with {path} for the original's path:
    assets/share.js puts it into the untranslated notice's link (scripttexts.script_texts), so each
    page carries the link's short form (0.3 KB less on four of five languages' practice pages)."""
    return template_environment(str(templates_dir), compiled).get_template("translation-skeleton.md").render(
        practice={"path": "{path}"}, language_name_in_english=language_name(language, "en"))


def render_explore_files(kb: KnowledgeBase, templates_dir: Path, settings: SiteSettings,
                         compiled: jinja2.BytecodeCache | None = None) -> dict[str, str]:
    """Explore's cards after its first page and its map, as files (pages/explorepage.py)."""
    environment = template_environment(str(templates_dir), compiled)
    views = PageViews(kb, settings)
    return explore_files(kb, views, environment, base_context(kb, settings, views), settings.directory_urls)


def home_context(kb: KnowledgeBase, views: PageViews) -> dict:
    """Themes by group, countries by name and funders (not programmes) that practices name, with counts."""
    lang = views.lang
    counted = lambda key, terms: [{"term": views.term(term), "count": kb.count(key, term.id)}  # noqa: E731
                                  for term in terms if kb.count(key, term.id)]
    themes = kb.vocabularies["themes"]
    groups = [{"label": group.label.get(lang) or group.label["en"],
               "terms": counted("themes", [t for t in themes.terms.values() if t.get("group") == group.id])}
              for group in themes.groups.values()]
    countries = counted("countries", sorted(kb.vocabularies["countries"].terms.values(),
                                            key=lambda term: sort_key(term.text(lang))))
    funders = [term for term in kb.vocabularies["funders"].terms.values() if not term.get("parent")]
    return {"theme_groups": [group for group in groups if group["terms"]], "countries": countries,
            "funders": counted("funders", funders), "newest": [views.listed(p) for p in kb.newest(6)],
            "counts": views.catalogue.t("home.counts", practices=views.number(len(kb.practices)),
                                        countries=views.number(len(countries)))}


LONG_LIST = 100  # a term page listing more practices shows their titles only (Explore has the rest)


def term_context(kb: KnowledgeBase, views: PageViews, taxonomy: Taxonomy, term: Term) -> dict:
    lang, t = views.lang, views.catalogue.t
    own = term.description.get(lang)
    about, about_lang = (own, lang) if own else (term.description.get("en", ""), "en")
    kind = t(f"taxonomy.{taxonomy.key}.singular")
    practices = kb.practices_of(taxonomy.key, term.id)
    parent = kb.term(taxonomy.key, term.get("parent")) if term.get("parent") else None
    return {
        "taxonomy": taxonomy.key, "term": {**views.term(term), "country": term.get("country") or "",
                                           "url_official": term.get("url") or "", "email": term.get("email") or ""},
        "kind": kind, "about": about, "about_lang": about_lang if about_lang != lang else "",
        "about_language_name": language_name(about_lang, lang),
        "description": about if about_lang == lang else t("term.description", kind=kind, term=term.text(lang)),
        "practices_heading": views.counted("term.practices", len(practices)), "listed": practices,
        "compact": len(practices) > LONG_LIST, "explore_url": explore_address(views, taxonomy.key, term),
        "neighbours": [{"heading": t("term.neighbours", taxonomy=t(f"taxonomy.{other}.plural")),
                        "rows": [{"term": views.term(neighbour), "count": count}
                                 for neighbour, count in kb.neighbours(taxonomy.key, term.id, other)]}
                       for other in taxonomy.neighbours],
        "children": [views.term(child) for child in kb.children(taxonomy.key, term.id)],
        "parent": views.term(parent) if parent else None,
        "term_map": term_map(kb, views, taxonomy.key, term),
    }


def overview_context(kb: KnowledgeBase, views: PageViews, taxonomy: Taxonomy) -> dict:
    """Terms with counts, in sections: theme groups, funder or organisation types, or one list."""
    lang = views.lang
    vocabulary = kb.vocabularies[taxonomy.key]
    terms = list(vocabulary.terms.values())
    if taxonomy.key == "countries":
        terms.sort(key=lambda term: sort_key(term.text(lang)))
    row = lambda term: {"term": views.term(term), "count": kb.count(taxonomy.key, term.id)}  # noqa: E731
    headings = vocabulary.groups or vocabulary.types
    key = "group" if vocabulary.groups else "type"
    sections = []
    for heading in headings.values():
        members = [row(term) for term in terms if term.get(key) == heading.id]
        if members:
            about = heading.description.get(lang) or heading.description.get("en", "")
            sections.append({"heading": heading.label.get(lang) or heading.label["en"], "about": about,
                             "about_lang": "en" if about and not heading.description.get(lang) else "",
                             "rows": members})
    rest = [row(term) for term in terms if not headings or term.get(key) not in headings]
    if rest:
        sections.append({"heading": "", "about": "", "about_lang": "", "rows": rest})
    return {"taxonomy": taxonomy.key, "sections": sections}
