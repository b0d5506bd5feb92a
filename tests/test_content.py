"""The published collection itself: real, sourced, without duplicates, every vocabulary term in use.

These tests read the repository's own practices/ and vocabularies/, not fixtures: they fail
when a contribution leaves an unused term behind or describes a practice that is already there.
"""
from __future__ import annotations

import itertools
import re
from difflib import SequenceMatcher

import pytest

from conftest import REPO
from practicekb.model.model import KnowledgeBase
from practicekb.model.pipeline import ProjectPaths, knowledge_base

pytestmark = pytest.mark.unit  # the fast inner loop: make test-fast

# The countries and seed projects the collection was started for (issue 3).
REQUIRED_COUNTRIES = {"NO", "SE", "DK", "FI", "IS", "SI", "SK", "LT"}
SEED_PROJECTS = {"kapacity", "includ-eu", "good-practices-from-norway"}


@pytest.fixture(scope="module")
def kb() -> KnowledgeBase:
    return knowledge_base(ProjectPaths.at(REPO, REPO / "practices", REPO / "vocabularies"))


def words(text: str) -> set[str]:
    return {w for w in re.findall(r"\w+", text.lower()) if len(w) > 3}


def test_at_least_twenty_practices_from_every_country_the_site_was_started_for(kb: KnowledgeBase) -> None:
    assert len(kb.practices) >= 20
    countries = {code for p in kb.practices.values() for code in p.data["countries"]}
    assert REQUIRED_COUNTRIES <= countries, f"no practice from {sorted(REQUIRED_COUNTRIES - countries)}"


def test_every_seed_project_has_practices(kb: KnowledgeBase) -> None:
    missing = [project for project in sorted(SEED_PROJECTS) if not kb.count("projects", project)]
    assert not missing, f"seed projects without a practice: {missing}"


def test_every_practice_cites_a_source_address_and_says_when_it_was_verified(kb: KnowledgeBase) -> None:
    for practice in kb.practices.values():
        urls = [source.get("url", "") for source in practice.data["sources"]]
        assert urls and all(url.startswith(("https://", "http://")) for url in urls), practice.path
        assert re.fullmatch(r"\d{4}-\d{2}-\d{2}", practice.data["last_verified"]), practice.path


def test_no_two_practices_describe_the_same_thing(kb: KnowledgeBase) -> None:
    """Same title, nearly the same summary, or the same place, type and sources: one practice twice."""
    duplicates = []
    for a, b in itertools.combinations(kb.practices.values(), 2):
        title_ratio = SequenceMatcher(None, a.title.lower(), b.title.lower()).ratio()
        summary_a, summary_b = words(a.summary), words(b.summary)
        overlap = len(summary_a & summary_b) / len(summary_a | summary_b)
        same_record = (a.data.get("place") == b.data.get("place")
                       and a.data["practice_type"] == b.data["practice_type"]
                       and {s["url"] for s in a.data["sources"]} == {s["url"] for s in b.data["sources"]})
        if title_ratio > 0.85 or overlap > 0.6 or same_record:
            duplicates.append(f"{a.path} and {b.path} (titles {title_ratio:.2f} alike, summaries {overlap:.2f})")
    assert not duplicates, "these look like the same practice:\n" + "\n".join(duplicates)


def test_every_vocabulary_term_is_used_by_a_practice(kb: KnowledgeBase) -> None:
    unused = kb.unused_terms()
    assert not unused, ("remove these terms from vocabularies/, or add the practice that needs them: "
                        + "; ".join(f"{taxonomy}: {', '.join(ids)}" for taxonomy, ids in unused.items()))


def test_every_term_is_described(kb: KnowledgeBase) -> None:
    for key, vocabulary in kb.vocabularies.items():
        if key == "countries":
            continue
        for term in vocabulary.terms.values():
            assert len(term.about("en").split()) >= 5, f"vocabularies/{key}: {term.id} needs a description"


def numbers(text: str) -> set[str]:
    """The numbers a text states, written without thousands separators (8,442 / 8 442 / 8442)."""
    joined = re.sub(r"(?<=\d)[ \u00a0\u202f,.](?=\d{3}\b)", "", text)
    return set(re.findall(r"\d+", joined))


def test_a_translation_states_no_number_its_original_does_not() -> None:
    """Translations are faithful: a year, amount or count that is not in the original is a new fact."""
    practices = REPO / "practices"
    translations = sorted(path for path in practices.glob("*.*.md") if not path.name.startswith("_"))
    assert translations, "the site has translations"
    for translation in translations:
        slug, _language = translation.name.removesuffix(".md").rsplit(".", 1)
        original = (practices / f"{slug}.md").read_text(encoding="utf-8")
        _, front, body = translation.read_text(encoding="utf-8").split("---\n", 2)
        stated = numbers(body) | numbers(re.sub(r"(?m)^translated:.*$", "", front))
        new = stated - numbers(original)
        assert not new, f"{translation.name} states {sorted(new)}, which {slug}.md does not"
