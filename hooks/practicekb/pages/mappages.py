"""What the map's templates are given (pages/maps.py draws the map): the drawn map as data (each
country and point with its address and its name for screen readers), the legend, the map page's
list of every country and practice with its places, and each page's map."""
from __future__ import annotations

from collections.abc import Iterable

from ..core.languages import sort_key
from ..model.model import KnowledgeBase, Practice
from ..source.vocabularies import Term
from .maps import STEPS, DrawnMap, country_map, europe_map
from .views import PageViews

MAP_PAGE = "map/index.md"


def map_view(views: PageViews, drawn: DrawnMap) -> dict:
    """The drawn map as a template shows it: shapes and points, each with its link and its title."""
    kb, t = views.kb, views.catalogue.t
    countries = []
    for country in drawn.countries:
        term = views.term(kb.term("countries", country.code.lower()))
        countries.append({"code": country.code, "path": country.path, "step": country.step, "url": term["url"],
                          "title": t("map.country", country=term["text"], count=country.count)})
    points = [{"slug": point.practice.slug, "url": views.url(point.practice.src_uri), "x": point.x, "y": point.y,
               "title": t("map.point", practice=point.practice.title,
                          place=point.place.name if point.place else point.practice.place)}
              for point in drawn.points]
    return {"view_box": drawn.view_box, "width": drawn.width, "height": drawn.height, "land": drawn.land,
            "countries": countries, "points": points}


def legend(views: PageViews) -> list[dict]:
    """Each shade with the numbers of practices it stands for, in words."""
    steps = []
    for step, (low, high) in enumerate(STEPS, 1):
        text = views.catalogue.t("map.legend_more", count=low) if high is None \
            else views.number(low) if low == high else f"{views.number(low)}–{views.number(high)}"
        steps.append({"step": step, "text": text})
    return steps


def country_listing(kb: KnowledgeBase, views: PageViews) -> list[dict]:
    """Every country with practices, by name in the page's language, each practice with its places there:
    the map's text alternative."""
    countries = sorted(kb.vocabularies["countries"].terms.values(), key=lambda term: sort_key(term.text(views.lang)))
    listing = []
    for term in countries:
        practices = [{**views.listed(practice), "places": ", ".join(kb.places[i].name for i in practice.locations
                                                                   if kb.places[i].country == term.get("code"))}
                     for practice in kb.practices_of("countries", term.id)]
        listing.append({"term": views.term(term), "count": len(practices), "practices": practices})
    return listing


def countrywide(practices: Iterable[Practice]) -> int:
    """How many of these practices name no place: the map shows them as their countries."""
    return sum(1 for practice in practices if not practice.locations and not practice.data.get("coordinates"))


def map_page_context(kb: KnowledgeBase, views: PageViews) -> dict:
    whole = countrywide(kb.practices.values())
    return {"drawn": map_view(views, europe_map(kb)), "countries_listed": country_listing(kb, views),
            "steps": legend(views), "countrywide": views.catalogue.t("map.countrywide", count=whole) if whole else ""}


def explore_map(kb: KnowledgeBase, views: PageViews) -> dict | None:
    return {"drawn": map_view(views, europe_map(kb)), "steps": legend(views)} if kb.boundaries is not None else None


def term_map(kb: KnowledgeBase, views: PageViews, taxonomy_key: str, term: Term) -> dict | None:
    """A country page's map of its practices; other term pages have none."""
    if taxonomy_key != "countries" or kb.boundaries is None or term.get("code") not in kb.boundaries.countries:
        return None
    here = countrywide(p for p in kb.practices_of("countries", term.id)
                       if not any(kb.places[i].country == term.get("code") for i in p.locations))
    t = views.catalogue.t
    return {"drawn": map_view(views, country_map(kb, term.get("code"))), "steps": legend(views),
            "label": t("map.country_label", country=term.text(views.lang)),
            "countrywide": t("map.countrywide_here", count=here) if here else ""}
