"""What Material's templates and the overrides (overrides/main.html, overrides/partials/) are given:
data in this build's language, no functions; a page's own versions in every language and its link
preview tags come with the page's context."""
from __future__ import annotations

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.structure.pages import Page

from . import language_builds as site_languages_
from ..pages.views import words_of
from .previews import link_preview_tags
from .site import SiteBuild


def template_globals(site: SiteBuild, config: MkDocsConfig) -> dict:
    words = site.interface_words(config)
    return {
        "kb_words": words_of(words),
        "kb_language": site_languages_.build_language(config),
        "kb_site_root": site_languages_.site_root(config),
        "kb_alternates": site_languages_.alternates(config, None),  # for a page without a place (404)
    }


def page_context(site: SiteBuild, context: dict, page: Page, config: MkDocsConfig) -> None:
    """The page's versions in every language (switcher and hreflang links) and its link preview tags."""
    context["kb_alternates"] = site_languages_.alternates(config, page)
    context["kb_link_preview"] = link_preview_tags(site.kb, page, config, site.cards)
