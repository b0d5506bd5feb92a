"""The knowledge base: validated practices, their vocabularies, and indexes between them."""
from __future__ import annotations

import bisect
from collections import Counter, defaultdict
from dataclasses import dataclass, field, replace
from typing import Any

from ..core.countries import country_name
from ..core.taxonomies import TAXONOMIES
from ..source.load import KeptReads
from ..source.vocabularies import Term, Vocabulary, country_term
from .descriptions import short_description

RELATED_WEIGHTS = {"themes": 2, "countries": 1, "funders": 1}
RELATED_COUNT = 5
RELATED_CANDIDATES = 60


def practice_src_uri(slug: str) -> str:
    """Where MkDocs finds a practice's page among the site's files (its address follows from it)."""
    return f"practices/{slug}.md"


@dataclass(frozen=True)
class Source:
    title: str
    url: str
    publisher: str = ""
    date: str = ""  # YYYY, YYYY-MM or YYYY-MM-DD, as the source is dated


@dataclass(frozen=True)
class OrganisationRole:
    id: str
    role: str


@dataclass
class Practice:
    """One validated practice. `data` is its front matter exactly as written; the properties are its
    fields as the later stages read them (validation has made sure of their types)."""

    slug: str
    path: str
    data: dict[str, Any]
    body: str
    body_line: int = 1
    # Set on the copies a language's pages are rendered from (KnowledgeBase.in_language):
    text_language: str = ""  # the language title, summary and body are in; "" = the original's
    translation: Any = None  # the PracticeTranslation shown, if any

    @property
    def language(self) -> str:
        """The language the practice file itself is written in."""
        return self.data.get("language") or "en"

    @property
    def title(self) -> str:
        return self.data["title"]

    @property
    def summary(self) -> str:
        return self.data["summary"]

    @property
    def description(self) -> str:
        """The summary as a link preview and a search engine show it (<meta> description)."""
        return short_description(self.summary)

    @property
    def src_uri(self) -> str:
        return practice_src_uri(self.slug)

    @property
    def country_codes(self) -> list[str]:
        return list(self.data["countries"])

    @property
    def themes(self) -> list[str]:
        return list(self.data["themes"])

    @property
    def place(self) -> str:
        return str(self.data.get("place") or "")

    @property
    def start(self) -> int | None:
        return self.data.get("start")

    @property
    def end(self) -> int | str | None:
        """A year, "ongoing", or None."""
        return self.data.get("end")

    @property
    def last_verified(self) -> str:
        """The date a maintainer checked the facts; "" for a proposal not yet verified (never published:
        the build refuses it, `kb check` lists it)."""
        return str(self.data.get("last_verified") or "")

    @property
    def status(self) -> str:
        return str(self.data.get("status") or "")

    @property
    def aliases(self) -> list[str]:
        return list(self.data.get("aliases") or [])

    @property
    def sources(self) -> list[Source]:
        return [Source(s["title"], s["url"], s.get("publisher", ""), str(s.get("date") or ""))
                for s in self.data.get("sources", [])]

    @property
    def evaluation_kinds(self) -> list[str]:
        """The kinds of its evaluations (internal, external, academic, randomised), each once."""
        return list(dict.fromkeys(e["kind"] for e in self.data.get("evaluations", [])))

    @property
    def organisations(self) -> list[OrganisationRole]:
        return [OrganisationRole(o["id"], o["role"]) for o in self.data.get("organisations", [])]

    @property
    def locations(self) -> list[str]:
        """Ids of its places in vocabularies/places.yml: its points on the map."""
        return list(self.data.get("locations") or [])

    def term_ids(self, taxonomy: str) -> list[str]:
        """Ids this practice names in `taxonomy`; a programme also counts for its funder."""
        if taxonomy == "countries":
            return [code.lower() for code in self.country_codes]
        if taxonomy == "funders":
            return list(dict.fromkeys(item["funder"] for item in self.data.get("funding", [])))
        if taxonomy == "organisations":
            return list(dict.fromkeys(o.id for o in self.organisations))
        value = self.data.get({"target-groups": "target_groups", "practice-types": "practice_type"}.get(taxonomy, taxonomy))
        if value is None:
            return []
        return [value] if isinstance(value, str) else list(value)


@dataclass
class KnowledgeBase:
    practices: dict[str, Practice]
    vocabularies: dict[str, Vocabulary]
    index: dict[str, dict[str, list[str]]] = field(default_factory=dict)
    related: dict[str, list[str]] = field(default_factory=dict)
    translations: dict[str, dict[str, Any]] = field(default_factory=dict)  # slug -> language -> PracticeTranslation
    language: str = ""  # "" for the knowledge base as written; a code for KnowledgeBase.in_language's copy
    interface: Any = None  # pipeline.Interface: the site's languages and interface strings
    places: dict[str, Any] = field(default_factory=dict)  # the map's gazetteer: id -> source.places.Place
    boundaries: Any = None  # source.boundaries.Boundaries, or None where they were not fetched

    def shown_language(self) -> str:
        """The language its pages are shown in: its own (in_language's copy), else the site's first."""
        if self.language:
            return self.language
        if self.interface is None:
            raise ValueError("a knowledge base without interface languages has no language to show")
        return self.interface.languages[0]

    def in_language(self, language: str) -> "KnowledgeBase":
        """The same knowledge base with each practice's words in `language`: its translation where
        there is one, else the original (with text_language saying which). Facts and indexes are shared."""
        practices = {}
        for slug, practice in self.practices.items():
            translation = self.translations.get(slug, {}).get(language)
            if translation is None:
                practices[slug] = replace(practice, text_language=practice.language)
            else:
                data = dict(practice.data, title=translation.title, summary=translation.summary)
                practices[slug] = replace(practice, data=data, body=translation.body, body_line=translation.body_line,
                                          text_language=language, translation=translation)
        return replace(self, practices=practices, language=language)

    def term(self, taxonomy: str, term_id: str) -> Term:
        return self.vocabularies[taxonomy].terms[term_id]

    def terms_of(self, practice: Practice, taxonomy: str) -> list[Term]:
        return [self.term(taxonomy, i) for i in practice.term_ids(taxonomy)]

    def countries_not_in_place(self, practice: Practice) -> list[str]:
        """The names of a practice's countries that its place does not already name, in the
        reader's language or in the one the place is written in: not "… towns in Denmark, Dánsko"."""
        shown, place = self.shown_language(), practice.place
        return [term.text(shown) for term in self.terms_of(practice, "countries")
                if not any(name in place for name in (term.text(shown), country_name(term.get("code"), practice.language)))]

    def place_line(self, practice: Practice) -> str:
        """Where a practice is, as text: "Škofja Loka, Slovenia"."""
        return ", ".join(filter(None, [practice.place, *self.countries_not_in_place(practice)]))

    def practices_of(self, taxonomy: str, term_id: str) -> list[Practice]:
        return [self.practices[slug] for slug in self.index[taxonomy].get(term_id, [])]

    def related_practices(self, practice: Practice) -> list[Practice]:
        return [self.practices[slug] for slug in self.related.get(practice.slug, [])]

    def count(self, taxonomy: str, term_id: str) -> int:
        return len(self.index[taxonomy].get(term_id, []))

    def neighbours(self, taxonomy: str, term_id: str, other: str) -> list[tuple[Term, int]]:
        """Terms of `other` named by this term's practices, with counts, most first."""
        counts: Counter[str] = Counter()
        for practice in self.practices_of(taxonomy, term_id):
            counts.update(practice.term_ids(other))
        if other == taxonomy:
            counts.pop(term_id, None)
        terms = self.vocabularies[other].terms
        return sorted(((terms[i], n) for i, n in counts.items()), key=lambda tn: (-tn[1], tn[0].text(self.shown_language())))

    def newest(self, count: int) -> list[Practice]:
        """Most recently verified first, then most recently started: what the home page shows."""
        return sorted(self.practices.values(),
                      key=lambda p: (p.last_verified, p.start or 0, p.title),
                      reverse=True)[:count]

    def unused_terms(self) -> dict[str, list[str]]:
        """Vocabulary ids no practice names (a programme's parent counts as named): candidates for removal."""
        return {taxonomy.key: unused for taxonomy in TAXONOMIES if taxonomy.key not in ("countries", "evidence")
                if (unused := [i for i in self.vocabularies[taxonomy.key].terms if not self.count(taxonomy.key, i)])}

    def children(self, taxonomy: str, term_id: str) -> list[Term]:
        return [t for t in self.vocabularies[taxonomy].terms.values() if t.get("parent") == term_id]


def build_knowledge_base(practices: list[Practice], vocabularies: dict[str, Vocabulary],
                         translations: list[Any], languages: tuple[str, ...],
                         kept: KeptReads | None = None) -> KnowledgeBase:
    """Index validated practices by every taxonomy and compute related practices (with `kept`, a
    preview's, again only when a practice's themes, countries or funders changed, or the practices)."""
    ordered = {p.slug: p for p in sorted(practices, key=lambda p: p.slug)}
    vocabularies = dict(vocabularies)
    codes = sorted({code for p in ordered.values() for code in p.country_codes})
    vocabularies["countries"] = Vocabulary("countries", {c.lower(): country_term(c, languages) for c in codes})
    index: dict[str, dict[str, list[str]]] = {}
    for taxonomy in TAXONOMIES:
        by_term: dict[str, list[str]] = defaultdict(list)
        parents = {t.id: t.get("parent") for t in vocabularies[taxonomy.key].terms.values()}
        for practice in ordered.values():
            named = practice.term_ids(taxonomy.key)
            ancestors = [parents[i] for i in named if parents.get(i)]
            for term_id in dict.fromkeys(named + ancestors):
                by_term[term_id].append(practice.slug)
        index[taxonomy.key] = dict(by_term)
    by_slug: dict[str, dict[str, Any]] = defaultdict(dict)
    for translation in translations:
        by_slug[translation.slug][translation.language] = translation
    kb = KnowledgeBase(ordered, vocabularies, index, translations=dict(by_slug))
    term_sets = {slug: {taxonomy: frozenset(p.term_ids(taxonomy)) for taxonomy in RELATED_WEIGHTS}
                 for slug, p in ordered.items()}
    related = lambda: {slug: _related(kb, slug, term_sets) for slug in ordered}  # noqa: E731
    inputs = (term_sets, {taxonomy: index[taxonomy] for taxonomy in RELATED_WEIGHTS})  # all _related reads
    kb.related = kept.made("related", inputs, related) if kept is not None else related()
    return kb


def _related(kb: KnowledgeBase, own_slug: str, term_sets: dict[str, dict[str, frozenset[str]]]) -> list[str]:
    """The practices sharing most themes, countries and funders.

    Candidates come from the index lists, the most specific first, each read from
    this practice's own place in it, and at most RELATED_CANDIDATES of them are
    scored: the cost per practice stays flat as the collection grows.
    """
    own = term_sets[own_slug]
    # the shortest lists first; ties by name, never by set order (which changes with every process)
    keys = sorted(((taxonomy, term_id) for taxonomy in RELATED_WEIGHTS for term_id in own[taxonomy]),
                  key=lambda key: (len(kb.index[key[0]][key[1]]), key))
    lists = [kb.index[taxonomy][term_id] for taxonomy, term_id in keys]
    candidates: dict[str, None] = {}
    for slugs in lists:
        start = bisect.bisect_right(slugs, own_slug)
        for offset in range(len(slugs)):
            slug = slugs[(start + offset) % len(slugs)]
            if slug != own_slug:
                candidates[slug] = None
            if len(candidates) >= RELATED_CANDIDATES:
                break
        if len(candidates) >= RELATED_CANDIDATES:
            break

    def score(slug: str) -> int:
        other = term_sets[slug]
        return sum(weight * len(own[taxonomy] & other[taxonomy]) for taxonomy, weight in RELATED_WEIGHTS.items())

    return sorted(candidates, key=lambda slug: (-score(slug), slug))[:RELATED_COUNT]
