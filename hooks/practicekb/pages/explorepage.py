"""The Explore page (overrides/kb/explore.md) and the cards it shows beyond its first page.

The page holds the filter form and the first page of cards, A to Z. The other cards are in files
of a page each (explore/cards/<n>.json, card n·PAGE_SIZE onwards, in the facet index's row order),
which assets/explore.js fetches only for the results it shows, and the map of the results, with a
point per practice, in explore/map.json, which assets/map.js fetches when it is opened: a first
visit downloads the page alone, whatever the number of practices.
"""
from __future__ import annotations

import json
from dataclasses import asdict
from urllib.parse import urlencode

import jinja2

from ..model.explore import FACETS, INDEX_PATH, facets, listed_practices, term_pages, value_id, year_span
from ..model.model import KnowledgeBase, Practice
from ..source.vocabularies import Term
from .addresses import page_url, root_of
from .mappages import MAP_PAGE, explore_map
from .views import PageViews

EXPLORE_PAGE = "explore/index.md"
CARDS_FOLDER = "explore/cards/"
MAP_FILE = "explore/map.json"
PAGE_SIZE = 100  # cards shown at once; "Show more" adds as many again


def card(views: PageViews, practice: Practice) -> dict:
    return {**views.listed(practice), "themes": views.terms(practice, "themes")}


def explore_context(kb: KnowledgeBase, views: PageViews) -> dict:
    """The filter form's facets with counts, the year range, the first page of practices in list
    order, and the pages that list every practice without JavaScript (term pages and the map's list)."""
    span = year_span(kb)
    listed = listed_practices(kb)
    facet_list = facets(kb)
    return {"facets": [{"key": facet.key, "legend": facet.legend,
                        "groups": [{"label": group.label or "", "choices": [asdict(v) for v in group.values]}
                                   for group in facet.groups]}
                       for facet in facet_list if facet.values],
            "term_pages": [{"legend": legend, "terms": [views.term(term) for term in terms]}
                           for legend, terms in term_pages(kb, facet_list)],
            "practices": [card(views, p) for p in listed[:PAGE_SIZE]], "page_size": PAGE_SIZE,
            "index_url": INDEX_PATH, "cards_url": CARDS_FOLDER, "total": len(listed),
            "map_url": views.url(MAP_PAGE) if kb.boundaries is not None else "", "map_file": MAP_FILE,
            "count_text": views.counted("explore.count", len(listed), order=views.catalogue.t("explore.sorted.title")),
            "messages": json.dumps(views.catalogue.for_script("explore."), ensure_ascii=False, sort_keys=True),
            "year_range": list(range(span[0], span[1] + 1)) if span else []}


def explore_address(views: PageViews, taxonomy: str, term: Term) -> str:
    """Explore showing a term's practices: filtered by it where it is a facet, else all of them."""
    keys = [key for key, facet_taxonomy in FACETS if facet_taxonomy == taxonomy]
    query = f"?{urlencode({keys[0]: value_id(taxonomy, term.id)})}" if keys else ""
    return views.url(EXPLORE_PAGE) + query


def explore_files(kb: KnowledgeBase, views: PageViews, environment: jinja2.Environment, common: dict,
                  directory_urls: bool) -> dict[str, str]:
    """Path -> JSON of every page of cards after the first ({"start": its first row, "html": its
    <li>s}) and of the map ({"html": …}), with links relative to the Explore page, where the
    scripts put them."""
    root = root_of(page_url(EXPLORE_PAGE, directory_urls))
    listed = listed_practices(kb)
    cards = environment.get_template("explore-cards.html")
    files = {}
    for start in range(PAGE_SIZE, len(listed), PAGE_SIZE):
        html = cards.render(common, root=root, practices=[card(views, p) for p in listed[start:start + PAGE_SIZE]])
        files[f"{CARDS_FOLDER}{start // PAGE_SIZE}.json"] = compact_json({"start": start, "html": html.strip()})
    drawn = explore_map(kb, views)
    if drawn is not None:
        html = environment.get_template("explore-map.html").render(common, root=root, explore_map=drawn)
        files[MAP_FILE] = compact_json({"html": html.strip()})
    return files


def compact_json(value: dict) -> str:
    return json.dumps(value, ensure_ascii=False, separators=(",", ":"))
