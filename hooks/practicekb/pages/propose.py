"""The contributor pages' parts that come from data, in every language: the proposal form (after the
words of docs/propose.md or its translation) and who maintains the site (after docs/about.md's).

Hand-written pages and their translations never render macros, so the form's options (the real
vocabularies), its texts (the catalogue) and the maintainers' address (mkdocs.yml) come from here.
"""
from __future__ import annotations

from functools import partial
from pathlib import Path
from urllib.parse import quote

import jinja2

from ..checks.schema import EVALUATION_KINDS, LANGUAGES, LEVELS, ROLES, STATUSES
from ..core.countries import country_name
from ..core.languages import language_name, sort_key
from ..model.explore import shown_language
from ..model.model import KnowledgeBase
from .addresses import SiteSettings, depth, link_at_depth
from .pages import language_context, template_environment

PROPOSE_PAGE = "propose.md"
ABOUT_PAGE = "about.md"
ISSUE_FORM = "propose-practice.yml"  # .github/ISSUE_TEMPLATE/: the issue form the proposal workflow reads
FOCUS_COUNTRIES = ("DK", "FI", "IS", "LT", "NO", "SE", "SI", "SK")  # ticked most often: always offered
# How long a link may be. A mail link (mailto:) carries the file in the message only up to about 2,000
# characters in some mail programs and browsers, so 1,800 is the safe limit; GitHub answers an address of
# up to about 8,000 characters, so the issue form gets the file itself up to 7,000.
MAIL_LIMIT = 1_800
ADDRESS_LIMIT = 7_000


def propose_context(kb: KnowledgeBase, settings: SiteSettings) -> dict:
    """The form's choices in the page's language, and where a proposal goes."""
    lang = shown_language(kb)
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
        "organisation_types": list(kb.vocabularies["organisations"].types.values()),
    }


def render_contributor_parts(kb: KnowledgeBase, templates_dir: Path, settings: SiteSettings,
                             compiled: jinja2.BytecodeCache | None = None) -> dict[str, str]:
    """Hand-written page -> the HTML that follows its words: the proposal form, and who maintains the site."""
    environment = template_environment(str(templates_dir), compiled)
    common = {"kb": kb, **language_context(kb, settings, environment), **propose_context(kb, settings)}
    parts = {}
    for page, template in ((PROPOSE_PAGE, "propose.html"), (ABOUT_PAGE, "maintainers.html")):
        href = partial(link_at_depth, depth(page, settings.directory_urls), directory_urls=settings.directory_urls)
        href_file = partial(str.__add__, "../" * depth(page, settings.directory_urls))
        parts[page] = environment.get_template(template).render(common, href=href, href_file=href_file).strip()
    return parts
