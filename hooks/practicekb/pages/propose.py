"""The contributor pages' parts that come from data, in every language: the proposal form (after the
words of docs/propose.md or its translation) and who maintains the site (after docs/about.md's).

Hand-written pages and their translations never render macros, so the form's options (the real
vocabularies), its texts (the catalogue) and the maintainers' address (mkdocs.yml) come from here.
"""
from __future__ import annotations

import json
from pathlib import Path
from urllib.parse import quote

import jinja2

from ..checks.schema import EVALUATION_KINDS, LANGUAGES, LEVELS, ROLES, STATUSES
from ..core.countries import country_name
from ..core.languages import language_name, sort_key
from ..model.explore import shown_language
from ..model.model import KnowledgeBase
from ..source.vocabularies import Term, Vocabulary
from .addresses import SiteSettings, page_url, root_of
from .pages import base_context, template_environment
from .views import PageViews

PROPOSE_PAGE = "propose.md"
ABOUT_PAGE = "about.md"
ISSUE_FORM = "propose-practice.yml"  # .github/ISSUE_TEMPLATE/: the issue form the proposal workflow reads
FOCUS_COUNTRIES = ("DK", "FI", "IS", "LT", "NO", "SE", "SI", "SK")  # ticked most often: always offered
# How long a link may be. A mail link (mailto:) carries the file in the message only up to about 2,000
# characters in some mail programs and browsers, so 1,800 is the safe limit; GitHub answers an address of
# up to about 8,000 characters, so the issue form gets the file itself up to 7,000.
MAIL_LIMIT = 1_800
ADDRESS_LIMIT = 7_000


def choice(term: Term, lang: str) -> dict:
    """A term as the form offers it: its id, its name for the reader, and that name's language if another."""
    text, language = term.shown(lang)
    return {"id": term.id, "text": text, "lang": language if language != lang else ""}


def described(term: Term, lang: str) -> dict:
    own = term.description.get(lang)
    return {**choice(term, lang), "about": own or term.description.get("en", ""), "about_lang": "" if own else "en"}


def grouped(vocabulary: Vocabulary, lang: str, key: str) -> list[dict]:
    """The vocabulary's terms by its types or groups (`key`), then those of none (label "")."""
    headings = vocabulary.types if key == "type" else vocabulary.groups
    groups = [{"label": heading.label.get(lang) or heading.label.get("en", heading.id),
               "choices": [choice(term, lang) for term in vocabulary.terms.values() if term.get(key) == heading.id]}
              for heading in headings.values()]
    rest = [choice(term, lang) for term in vocabulary.terms.values() if term.get(key) not in headings]
    return groups + ([{"label": "", "choices": rest}] if rest else [])


def propose_context(kb: KnowledgeBase, settings: SiteSettings) -> dict:
    """The form's choices in the page's language, and where a proposal goes."""
    lang = shown_language(kb)
    vocabularies = kb.vocabularies
    codes = set(FOCUS_COUNTRIES) | {term.get("code", term.id.upper()) for term in kb.vocabularies["countries"].terms.values()}
    countries = sorted(((code, country_name(code, lang)) for code in codes), key=lambda pair: sort_key(pair[1]))
    taken = sorted({practice.slug for practice in kb.practices.values()}
                   | {alias for practice in kb.practices.values() for alias in practice.aliases})
    languages = sorted(((code, language_name(code, lang)) for code in LANGUAGES), key=lambda pair: sort_key(pair[1]))
    repo = settings.repo_url
    return {
        "countries": countries, "taken": taken, "text_languages": languages, "levels": LEVELS, "roles": ROLES,
        "statuses": STATUSES, "evaluation_kinds": EVALUATION_KINDS, "repo_url": repo, "branch": settings.branch,
        "issue_url": f"{repo}/issues/new?template={quote(ISSUE_FORM)}" if repo else "",
        "maintainers": settings.maintainers, "email": settings.maintainers_email,
        "mail_limit": MAIL_LIMIT, "address_limit": ADDRESS_LIMIT,
        "organisation_types": [{"id": kind.id, "text": kind.label.get(lang) or kind.label.get("en", kind.id)}
                               for kind in vocabularies["organisations"].types.values()],
        "organisation_choices": grouped(vocabularies["organisations"], lang, "type"),
        "funder_choices": grouped(vocabularies["funders"], lang, "type"),
        "theme_groups": grouped(vocabularies["themes"], lang, "group"),
        "target_groups": [choice(term, lang) for term in vocabularies["target-groups"].terms.values()],
        "practice_types": [described(term, lang) for term in vocabularies["practice-types"].terms.values()],
        "evidence_levels": [described(term, lang) for term in vocabularies["evidence"].terms.values()],
        "projects": [choice(term, lang) for term in vocabularies["projects"].terms.values()],
        "script_messages": json.dumps(kb.interface.catalogues[lang].for_script("propose.msg."), ensure_ascii=False,
                                      sort_keys=True),
    }


def render_contributor_parts(kb: KnowledgeBase, templates_dir: Path, settings: SiteSettings,
                             compiled: jinja2.BytecodeCache | None = None) -> dict[str, str]:
    """Hand-written page -> the HTML that follows its words: the proposal form, and who maintains the site."""
    environment = template_environment(str(templates_dir), compiled)
    views = PageViews(kb, settings)
    common = {**base_context(kb, settings, views), **propose_context(kb, settings)}
    return {page: environment.get_template(template).render(
                common, root=root_of(page_url(page, settings.directory_urls))).strip()
            for page, template in ((PROPOSE_PAGE, "propose.html"), (ABOUT_PAGE, "maintainers.html"))}
