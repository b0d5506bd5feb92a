"""Turn the knowledge base into Markdown pages, laid out by Jinja templates in overrides/kb/.

The templates write Markdown whose links point at other pages' source files, so
the site generator resolves (and checks) every link. Contributor text is passed
to the templates as data: Jinja never evaluates it.
"""
from __future__ import annotations

import json
import re
import secrets
from dataclasses import dataclass, replace
from functools import partial
from pathlib import Path

import jinja2
from babel.numbers import format_decimal

from ..checks.catalogue import Catalogue
from ..model.explore import INDEX_PATH, facets, listed_practices, search_filters, shown_language, year_span
from .fieldref import field_rows
from ..core.languages import language_name, language_prefix, sort_key
from ..model.model import KnowledgeBase, Practice
from ..checks.schema import ROLES
from .addresses import SiteSettings, depth, link_at_depth, page_url, with_print_addresses
from .share import share_of
from ..core.taxonomies import BY_KEY, TAXONOMIES, Taxonomy
from ..source.vocabularies import Term

MARKDOWN_SPECIALS = re.compile(r"([\\`*_\[\]#|!{}])")


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

    def with_fragments(self, html: str) -> str:
        """Put the fragments back in place of their placeholders in the page's HTML."""
        for number, fragment in enumerate(self.fragments):
            html = html.replace(f"<p>{fragment_placeholder(self.nonce, number)}</p>", fragment, 1)
        return with_print_addresses(html, self.address, self.practices_address) if self.address else html


def fragment_placeholder(nonce: str, number: int) -> str:
    """A one-word paragraph: cheap for Markdown, and unguessable, so contributor text cannot forge one."""
    return f"KBFRAGMENT{nonce}N{number}"


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


def period_text(practice: Practice, words: Catalogue) -> str:
    """'2019–2022', '2019–ongoing', 'until 2015' or '' in the reader's language."""
    start, end = practice.start, practice.end
    shown_end = words.t("period.ongoing") if end == "ongoing" else end
    if start is None:
        return shown_end if end == "ongoing" else (words.t("period.until", year=str(end)) if end else "")
    if end is None or end == start:
        return str(start)
    return f"{start}–{shown_end}"


def language_context(kb: KnowledgeBase, settings: SiteSettings, environment: jinja2.Environment) -> dict:
    """What every template needs to speak the reader's language: the messages, labels, numbers and
    the language each practice's words are in."""
    lang = shown_language(kb)
    words: Catalogue = kb.interface.catalogues[lang]
    skeleton = environment.get_template("translation-skeleton.md")

    def text_lang(practice: Practice) -> str:
        """' lang="en"' where a practice's words are not in the page's language, else ''."""
        shown = practice.text_language or practice.language
        return f' lang="{shown}"' if shown != lang else ""

    def label_lang(term: Term) -> str:
        """' lang="sl"' where a term's label is not in the page's language: an organisation's own name, or English."""
        shown = term.shown(lang)[1]
        return f' lang="{shown}"' if shown != lang else ""

    def description(term: Term) -> tuple[str, str]:
        """A term's description in the reader's language, else in English; and which it is."""
        own = term.description.get(lang)
        return (own, lang) if own else (term.description.get("en", ""), "en")

    return {
        "lang": lang, "t": words.t, "label": lambda term: term.text(lang), "description": description,
        "period": partial(period_text, words=words), "text_lang": text_lang,
        "label_lang": label_lang,
        "number": lambda value: format_decimal(value, format="#,##0.##", locale=lang),
        "language_name": lambda code: language_name(code, lang),
        "script_messages": lambda *prefixes: json.dumps(words.for_script(*prefixes), ensure_ascii=False, sort_keys=True),
        "translate_url": lambda practice: settings.new_file_url(
            str(Path(practice.path).parent.as_posix()), f"{practice.slug}.{lang}.md", skeleton.render(
                practice=practice, language_name_in_english=language_name(lang, "en"))),
    }


def render_pages(kb: KnowledgeBase, templates_dir: Path, settings: SiteSettings,
                 schema: dict | None = None, compiled: jinja2.BytecodeCache | None = None) -> list[GeneratedPage]:
    """Every generated page: practices, term pages, overviews, the list of all practices,
    and the field reference when given the practice schema; in the knowledge base's language
    (KnowledgeBase.in_language)."""
    environment = template_environment(str(templates_dir), compiled)
    common = {"kb": kb, "taxonomies": TAXONOMIES, "by_key": BY_KEY, "settings": settings, "roles": ROLES,
              "search_filters": search_filters, **language_context(kb, settings, environment),
              "share_of": lambda practice: share_of(
                  kb, practice, settings.page_address(practice.src_uri), settings.site_name,
                  accessed_word=kb.interface.catalogues[shown_language(kb)].text("share.accessed"),
                  placeholder=kb.interface.catalogues[shown_language(kb)].text("share.date_of_access"))}
    practice_template = environment.get_template("practice.md")
    term_template = environment.get_template("term.md")
    overview_template = environment.get_template("overview.md")
    item_template = environment.get_template("practice-item.html")
    nonce = secrets.token_hex(8)  # never reaches the output: every placeholder is replaced
    languages = kb.interface.languages
    items: dict[tuple[str, int], str] = {}

    def render(template: jinja2.Template, src_uri: str, source_path: str | None = None, listing: bool = False,
               **context) -> GeneratedPage:
        levels = depth(src_uri, settings.directory_urls)
        href = partial(link_at_depth, levels, directory_urls=settings.directory_urls)
        fragments: list[str] = []

        def html(fragment: str) -> str:
            """Keep finished HTML out of Markdown: Markdown sees a placeholder, the page gets the HTML."""
            fragments.append(str(fragment).strip())
            return fragment_placeholder(nonce, len(fragments) - 1)

        def item(practice: Practice) -> str:
            """A practice's list entry is the same on every page at the same depth: render it once."""
            key = (practice.slug, levels)
            if key not in items:
                items[key] = item_template.render(common, href=href, practice=practice).strip()
            return items[key]

        href_file = lambda path: "../" * levels + path  # noqa: E731  (a file, not a page)

        def original_url(practice: Practice) -> str:
            """The practice's page in the language it is written in, if the site has that language."""
            if practice.language not in languages:
                return ""
            return ("../" * levels + settings.site_root + language_prefix(practice.language, languages)
                    + page_url(practice.src_uri, settings.directory_urls))

        content = template.render(common, href=href, href_file=href_file, html=html, item=item,
                                  original_url=original_url, **context)
        return GeneratedPage(src_uri, content, source_path, tuple(fragments), nonce, listing)

    pages = [replace(render(practice_template, p.src_uri, p.translation.path if p.translation else p.path, practice=p),
                     address=settings.page_address(p.src_uri), practices_address=settings.site_url + "practices/")
             for p in kb.practices.values()]  # "edit this page" opens the file whose words are shown
    for taxonomy in TAXONOMIES:
        vocabulary = kb.vocabularies[taxonomy.key]
        for term in vocabulary.terms.values():
            pages.append(render(term_template, term.src_uri, listing=True, **term_context(kb, taxonomy, term)))
        pages.append(render(overview_template, f"{taxonomy.key}/index.md", listing=True,
                            **overview_context(kb, taxonomy)))
    pages.append(render(environment.get_template("explore.md"), "explore/index.md", listing=True,
                        **explore_context(kb)))
    if schema is not None:
        pages.append(render(environment.get_template("fields.md"), FIELDS_PAGE,
                            rows=field_rows(schema), schema_path=SCHEMA_PATH))
    return pages


def render_home_lists(kb: KnowledgeBase, templates_dir: Path, settings: SiteSettings,
                      compiled: jinja2.BytecodeCache | None = None) -> str:
    """The home page's counts, themes, countries, funders and newest practices, as HTML: the page's
    words are a hand-written page or a contributor's translation, and neither runs macros."""
    environment = template_environment(str(templates_dir), compiled)
    href = partial(link_at_depth, depth(HOME_PAGE, settings.directory_urls), directory_urls=settings.directory_urls)
    return environment.get_template("home.html").render(
        kb=kb, href=href, item=None, **language_context(kb, settings, environment), **home_context(kb)).strip()


def home_context(kb: KnowledgeBase) -> dict:
    """Themes by group, countries by name and funders (not programmes) that practices name, with counts."""
    lang = shown_language(kb)
    counted = lambda key, terms: [(term, kb.count(key, term.id)) for term in terms if kb.count(key, term.id)]  # noqa: E731
    themes = kb.vocabularies["themes"]
    groups = [(group.label.get(lang) or group.label["en"],
               counted("themes", [t for t in themes.terms.values() if t.get("group") == group.id]))
              for group in themes.groups.values()]
    countries = sorted(kb.vocabularies["countries"].terms.values(), key=lambda term: sort_key(term.text(lang)))
    funders = [term for term in kb.vocabularies["funders"].terms.values() if not term.get("parent")]
    return {"theme_groups": [(label, terms) for label, terms in groups if terms],
            "countries": counted("countries", countries), "funders": counted("funders", funders)}


def term_context(kb: KnowledgeBase, taxonomy: Taxonomy, term: Term) -> dict:
    return {
        "taxonomy": taxonomy, "term": term,
        "practices": kb.practices_of(taxonomy.key, term.id),
        "neighbours": [(BY_KEY[other], kb.neighbours(taxonomy.key, term.id, other)) for other in taxonomy.neighbours],
        "children": kb.children(taxonomy.key, term.id),
        "parent": kb.term(taxonomy.key, term.get("parent")) if term.get("parent") else None,
    }


def overview_context(kb: KnowledgeBase, taxonomy: Taxonomy) -> dict:
    """Terms with counts, in sections: theme groups, funder or organisation types, or one list."""
    vocabulary = kb.vocabularies[taxonomy.key]
    rows = [(term, kb.count(taxonomy.key, term.id)) for term in vocabulary.terms.values()]
    if taxonomy.key == "countries":
        rows.sort(key=lambda row: sort_key(row[0].text(shown_language(kb))))
    sections = []
    headings = vocabulary.groups or vocabulary.types
    if headings:
        key = "group" if vocabulary.groups else "type"
        for heading in headings.values():
            members = [row for row in rows if row[0].get(key) == heading.id]
            if members:
                sections.append((heading, members))
        rest = [row for row in rows if row[0].get(key) not in headings]
        if rest:
            sections.append((None, rest))
    else:
        sections.append((None, rows))
    return {"taxonomy": taxonomy, "sections": sections, "total": len(kb.practices)}


def explore_context(kb: KnowledgeBase) -> dict:
    """The filter form's facets with counts, the year range, and every practice in list order."""
    span = year_span(kb)
    return {"facets": facets(kb), "practices": listed_practices(kb), "index_path": INDEX_PATH,
            "year_range": list(range(span[0], span[1] + 1)) if span else []}
