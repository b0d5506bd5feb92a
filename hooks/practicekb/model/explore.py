"""The Explore page's data: facets with counts for the filter form, and a compact index for the browser.

Rows are the practices in title order, the order of the page's cards (pages/explorepage.py), so
the browser takes titles and addresses from the cards and only facet memberships and slugs from
the JSON. Each row is [place rank, newest rank, first year, last year, then one list of value
numbers per facet]; a last year of ONGOING means the practice still runs.
"""
from __future__ import annotations

import json
from collections.abc import Callable
from dataclasses import dataclass

from ..core.languages import language_name, sort_key
from ..checks.schema import EVALUATION_KINDS
from .model import KnowledgeBase, Practice
from ..core.regions import REGION_ID, REGION_ORDER, region_of
from ..source.vocabularies import Term, Vocabulary

INDEX_PATH = "explore/practices.json"
ONGOING = 9999


@dataclass(frozen=True)
class FacetValue:
    id: str  # the value in the address, e.g. SI or intercultural-mediation
    label: str
    count: int  # practices naming it, before any filter


@dataclass(frozen=True)
class FacetGroup:
    label: str | None  # a region, theme group or funder type; None for an ungrouped facet
    values: tuple[FacetValue, ...]


@dataclass(frozen=True)
class Facet:
    key: str  # the parameter name in the address
    legend: str
    taxonomy: str | None  # the taxonomy it filters by; None for language and evaluation
    groups: tuple[FacetGroup, ...]

    @property
    def values(self) -> tuple[FacetValue, ...]:
        return tuple(value for group in self.groups for value in group.values)


# (address key, taxonomy); the order of the form and of every row. The legend in
# each language is the taxonomy's singular name (or facet.<key>) in translations/<language>.yml.
FACETS: tuple[tuple[str, str | None], ...] = (
    ("country", "countries"),
    ("theme", "themes"),
    ("funder", "funders"),
    ("target", "target-groups"),
    ("type", "practice-types"),
    ("evidence", "evidence"),
    ("evaluation", None),
    ("language", None),
)


def shown_language(kb: KnowledgeBase) -> str:
    """The language a knowledge base's pages are shown in (KnowledgeBase.in_language)."""
    return kb.shown_language()


def say(kb: KnowledgeBase, message_id: str, **values) -> str:
    """A message in the knowledge base's language (every catalogue has every message: checks/catalogue.py)."""
    return kb.interface.catalogues[shown_language(kb)].text(message_id, **values)


def legend(kb: KnowledgeBase, key: str, taxonomy: str | None) -> str:
    return say(kb, f"taxonomy.{taxonomy}.singular" if taxonomy else f"facet.{key}")


def practice_language(practice: Practice) -> str:
    return practice.language


def value_id(taxonomy: str | None, term_id: str) -> str:
    """Country codes are written upper-case in the address, as in the practice files."""
    return term_id.upper() if taxonomy == "countries" else term_id


def members(kb: KnowledgeBase, taxonomy: str) -> dict[str, list[str]]:
    """Value id -> slugs, with a programme's practices also counted for its funder."""
    return {value_id(taxonomy, term_id): slugs for term_id, slugs in kb.index[taxonomy].items()}


def field_members(kb: KnowledgeBase, key: str) -> dict[str, list[str]]:
    """Value -> slugs of a facet on a field rather than a vocabulary: the language a practice is
    written in, or the kinds of its evaluations."""
    found: dict[str, list[str]] = {}
    for practice in kb.practices.values():
        values = [practice_language(practice)] if key == "language" else practice.evaluation_kinds
        for value in values:
            found.setdefault(value, []).append(practice.slug)
    return found


def facet(kb: KnowledgeBase, key: str, taxonomy: str | None) -> Facet:
    """One facet: its values with counts, grouped as readers browse them, without unused values."""
    language = shown_language(kb)
    title = legend(kb, key, taxonomy)
    if taxonomy is None:
        counts = {value: len(slugs) for value, slugs in field_members(kb, key).items()}
        if key == "evaluation":  # in the schema's order, from internal to randomised
            values = [FacetValue(kind, say(kb, f"evaluation.{kind}"), counts[kind])
                      for kind in EVALUATION_KINDS if kind in counts]
        else:
            values = sorted((FacetValue(code, language_name(code, language), n) for code, n in counts.items()),
                            key=lambda v: sort_key(v.label))
        return Facet(key, title, None, (FacetGroup(None, tuple(values)),))
    counts = {value: len(slugs) for value, slugs in members(kb, taxonomy).items()}
    terms = [t for t in kb.vocabularies[taxonomy].terms.values() if counts.get(value_id(taxonomy, t.id))]
    if taxonomy == "evidence":
        terms.sort(key=lambda t: t.get("rank", 0))
    elif taxonomy == "countries":
        terms.sort(key=lambda t: sort_key(t.text(language)))

    def value(term: Term) -> FacetValue:
        return FacetValue(value_id(taxonomy, term.id), term.text(language), counts[value_id(taxonomy, term.id)])

    groups = grouped(kb, kb.vocabularies[taxonomy], terms, value)
    return Facet(key, title, taxonomy, tuple(groups))


def grouped(kb: KnowledgeBase, vocabulary: Vocabulary, terms: list[Term],
            value: Callable[[Term], FacetValue]) -> list[FacetGroup]:
    """Countries by region, themes by theme group, funders by type; other facets in one group."""
    language = shown_language(kb)
    if vocabulary.taxonomy == "countries":
        by_region: dict[str, list[FacetValue]] = {}
        for term in terms:
            by_region.setdefault(region_of(term.get("code", term.id)), []).append(value(term))
        return [FacetGroup(say(kb, f"region.{REGION_ID[region]}"), tuple(by_region[region]))
                for region in REGION_ORDER if region in by_region]
    if vocabulary.groups or vocabulary.types:
        headings, field = (vocabulary.groups, "group") if vocabulary.groups else (vocabulary.types, "type")
        groups = [FacetGroup(h.label.get(language) or h.label.get("en", h.id),
                             tuple(value(t) for t in terms if t.get(field) == h.id))
                  for h in headings.values()]
        rest = tuple(value(t) for t in terms if t.get(field) not in headings)
        return [g for g in groups if g.values] + ([FacetGroup(say(kb, "group.other"), rest)] if rest else [])
    return [FacetGroup(None, tuple(value(t) for t in terms))]


def facet_legends(kb: KnowledgeBase) -> list[tuple[str, str]]:
    """(address key, legend) of every facet, for the header search's filters."""
    return [(key, legend(kb, key, taxonomy)) for key, taxonomy in FACETS]


def term_pages(kb: KnowledgeBase, facet_list: tuple[Facet, ...]) -> list[tuple[str, list[Term]]]:
    """(legend, terms) of every facet whose values have pages of their own, in the form's order:
    what Explore offers instead of its filters when JavaScript is off."""
    found = []
    for f in facet_list:
        if f.taxonomy is None:
            continue
        by_value = {value_id(f.taxonomy, term_id): term for term_id, term in kb.vocabularies[f.taxonomy].terms.items()}
        terms = [by_value[v.id] for v in f.values if v.id in by_value]
        if terms:
            found.append((f.legend, terms))
    return found


def facets(kb: KnowledgeBase) -> tuple[Facet, ...]:
    return tuple(facet(kb, key, taxonomy) for key, taxonomy in FACETS)


def listed_practices(kb: KnowledgeBase) -> list[Practice]:
    """The order of the page's list and of the index rows: by title (accents aside), then slug."""
    return sorted(kb.practices.values(), key=lambda p: (sort_key(p.title), p.slug))


def years(practice: Practice) -> tuple[int | None, int | None]:
    """First and last year it ran; ONGOING as the last year while it runs; (None, None) if unknown."""
    start, end = practice.start, practice.end
    last = ONGOING if end == "ongoing" else end if isinstance(end, int) else start
    first = start if isinstance(start, int) else (end if isinstance(end, int) else None)
    return first, last


def year_span(kb: KnowledgeBase) -> list[int]:
    """[first, last] year any practice ran (ongoing ones count up to their start), or [] if none says."""
    known = [y for p in kb.practices.values() for y in years(p) if y is not None and y != ONGOING]
    return [min(known), max(known)] if known else []


def place_key(kb: KnowledgeBase, practice: Practice) -> tuple:
    countries = ", ".join(t.text(shown_language(kb)) for t in kb.terms_of(practice, "countries"))
    return (sort_key(practice.place or countries), sort_key(countries), sort_key(practice.title))


def ranks(ordered: list[Practice], key) -> dict[str, int]:
    return {p.slug: rank for rank, p in enumerate(sorted(ordered, key=key))}


def explore_index(kb: KnowledgeBase, facet_list: tuple[Facet, ...] | None = None) -> dict:
    """The compact index the Explore page's script filters, counts and sorts with."""
    facet_list = facet_list or facets(kb)
    ordered = listed_practices(kb)
    by_place = ranks(ordered, lambda p: place_key(kb, p))
    title_order = {p.slug: n for n, p in enumerate(ordered)}
    by_newest = ranks(ordered, lambda p: (-(years(p)[0] or 0), title_order[p.slug]))
    numbers = {f.key: {v.id: n for n, v in enumerate(f.values)} for f in facet_list}
    membership: dict[str, dict[str, list[int]]] = {}
    for f in facet_list:
        per_slug: dict[str, list[int]] = {}
        for value, slugs in (members(kb, f.taxonomy) if f.taxonomy else field_members(kb, f.key)).items():
            if value in numbers[f.key]:
                for slug in slugs:
                    per_slug.setdefault(slug, []).append(numbers[f.key][value])
        membership[f.key] = {slug: sorted(values) for slug, values in per_slug.items()}
    rows = []
    for practice in ordered:
        first, last = years(practice)
        rows.append([by_place[practice.slug], by_newest[practice.slug], first, last]
                    + [membership[f.key].get(practice.slug, []) for f in facet_list])
    return {
        "facets": [f.key for f in facet_list],
        "values": {f.key: [v.id for v in f.values] for f in facet_list},
        "years": year_span(kb),
        "ongoing": ONGOING,
        "rows": rows,
        "slugs": [practice.slug for practice in ordered],  # for the words Pagefind finds, and the map
    }


def explore_index_text(index: dict) -> str:
    """Compact JSON (no spaces): about 40 bytes per practice."""
    return json.dumps(index, ensure_ascii=False, separators=(",", ":"))


def search_filters(kb: KnowledgeBase, practice: Practice) -> list[tuple[str, str]]:
    """(facet key, value label) pairs a practice page gives the site search, as Explore counts them:
    a programme's practice is also filed under its funder."""
    language = shown_language(kb)
    pairs: list[tuple[str, str]] = []
    for key, taxonomy in FACETS:
        if key == "language":
            pairs.append((key, language_name(practice_language(practice), language)))
            continue
        if key == "evaluation":
            pairs += [(key, say(kb, f"evaluation.{kind}")) for kind in dict.fromkeys(practice.evaluation_kinds)]
            continue
        named = practice.term_ids(taxonomy)
        parents = [kb.term(taxonomy, i).get("parent") for i in named]
        for term_id in dict.fromkeys(named + [p for p in parents if p]):
            pairs.append((key, kb.term(taxonomy, term_id).text(language)))
    return pairs
