"""What the map's templates show besides the map itself (pages/maps.py draws it): the map page's list of
every country and practice with its places, the legend, and each page's map."""
from __future__ import annotations

from dataclasses import dataclass

from ..core.languages import sort_key
from ..model.model import KnowledgeBase, Practice
from ..source.vocabularies import Term
from .maps import STEPS, DrawnMap, country_map, europe_map

MAP_PAGE = "map/index.md"


@dataclass(frozen=True)
class ListedPractice:
    practice: Practice
    places: tuple[str, ...]  # its places in the country, as named in places.yml; () = the whole country


@dataclass(frozen=True)
class ListedCountry:
    term: Term
    practices: tuple[ListedPractice, ...]


def country_listing(kb: KnowledgeBase) -> list[ListedCountry]:
    """Every country with practices, by name in the page's language, each practice with its places there:
    the map's text alternative."""
    lang = kb.shown_language()
    countries = sorted(kb.vocabularies["countries"].terms.values(), key=lambda term: sort_key(term.text(lang)))
    return [ListedCountry(term, tuple(
        ListedPractice(practice, tuple(kb.places[i].name for i in practice.locations
                                       if kb.places[i].country == term.get("code")))
        for practice in kb.practices_of("countries", term.id))) for term in countries]


def legend_steps() -> list[tuple[int, int, int | None]]:
    """(shade, fewest, most or None for 'or more') of each shade."""
    return [(n, low, high) for n, (low, high) in enumerate(STEPS, 1)]


def map_page_context(kb: KnowledgeBase) -> dict:
    return {"drawn": europe_map(kb), "countries_listed": country_listing(kb), "steps": legend_steps(),
            "countrywide": countrywide(kb.practices.values())}


def countrywide(practices) -> int:
    """How many of these practices name no place: the map shows them as their countries."""
    return sum(1 for practice in practices if not practice.locations and not practice.data.get("coordinates"))


def explore_map(kb: KnowledgeBase) -> DrawnMap:
    return europe_map(kb)


def term_map(kb: KnowledgeBase, taxonomy_key: str, term: Term) -> dict:
    """A country page's map of its practices; other term pages have none."""
    if taxonomy_key != "countries" or kb.boundaries is None or term.get("code") not in kb.boundaries.countries:
        return {}
    practices = kb.practices_of("countries", term.id)
    return {"term_map": country_map(kb, term.get("code")),
            "term_map_countrywide": countrywide(p for p in practices
                                                if not any(kb.places[i].country == term.get("code") for i in p.locations))}
