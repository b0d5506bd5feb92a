"""Unit tests of the Explore page's data (facets, counts, the compact index) and the country regions."""
from __future__ import annotations

import pytest

import datetime as dt
import json

from conftest import VALID_PRACTICE, make_project
from practicekb.model.explore import (ONGOING, explore_index, explore_index_text, facets, listed_practices,
                                search_filters, years)
from practicekb.model.pipeline import ProjectPaths, check
from practicekb.core.regions import OTHER, region_of

pytestmark = pytest.mark.unit  # the fast inner loop: make test-fast


def knowledge_base(tmp_path, practices: dict[str, str]):
    project = make_project(tmp_path / "p", practices)
    kb, problems = check(ProjectPaths.at(project), dt.date(2026, 1, 1))
    assert problems == []
    return kb


PRACTICES = {
    "b.md": VALID_PRACTICE.replace("Test coordination body in Testtown", "Beta body in Testtown").replace(
        "status: active", "status: active\nfunding:\n  - funder: eea-norway-bilateral-fund\nlanguage: sl"),
    "a.md": VALID_PRACTICE.replace("Test coordination body in Testtown", "Alpha body in Zeta").replace(
        "countries: [SI]", "countries: [NO, SK]").replace("place: Testtown", "place: Zeta").replace(
        "start: 2019\nend: ongoing", "start: 2012\nend: 2014").replace("status: active", "status: active\nevaluations:\n"
        "  - {kind: randomised, title: A trial, url: https://example.org/t}\n"
        "  - {kind: external, title: A review, url: https://example.org/r}"),
    "c.md": VALID_PRACTICE.replace("Test coordination body in Testtown", "Gamma body, no dates").replace(
        "start: 2019\nend: ongoing\n", "").replace("place: Testtown", "place: Avon"),
}


def test_regions_group_countries_as_readers_look_for_peers():
    assert region_of("NO") == region_of("is") == "Nordic countries"
    assert region_of("LT") == "Baltic states"
    assert region_of("SI") == region_of("SK") == "Central Europe"
    assert region_of("US") == OTHER


def test_facets_count_every_value_and_group_them(tmp_path):
    kb = knowledge_base(tmp_path, PRACTICES)
    by_key = {facet.key: facet for facet in facets(kb)}
    assert [f.key for f in facets(kb)] == ["country", "theme", "funder", "target", "type", "evidence", "evaluation",
                                           "language"]
    countries = by_key["country"]
    assert [(g.label, [(v.id, v.count) for v in g.values]) for g in countries.groups] == [
        ("Nordic countries", [("NO", 1)]), ("Central Europe", [("SK", 1), ("SI", 2)])]
    funders = {v.id: v.count for v in by_key["funder"].values}
    assert funders == {"eea-and-norway-grants": 1, "eea-norway-bilateral-fund": 1}  # the programme counts for its funder
    assert {v.id: (v.label, v.count) for v in by_key["language"].values} == {"en": ("English", 2), "sl": ("Slovenian", 1)}
    # evaluation kinds in the schema's order, only those a practice has, labelled in the page's language
    assert [(v.id, v.label, v.count) for v in by_key["evaluation"].values] == [
        ("external", "external evaluation", 1), ("randomised", "randomised trial", 1)]
    assert all(v.count for f in facets(kb) for v in f.values)  # values no practice names are left out


def test_index_rows_follow_the_list_and_carry_ranks_years_and_values(tmp_path):
    kb = knowledge_base(tmp_path, PRACTICES)
    assert [p.slug for p in listed_practices(kb)] == ["a", "b", "c"]  # by title
    index = json.loads(explore_index_text(explore_index(kb)))
    assert index["facets"] == [f.key for f in facets(kb)]
    rows = dict(zip("abc", index["rows"]))
    # place rank: Avon (c), Testtown (b), Zeta (a); newest: 2019 (b), 2012 (a), unknown (c)
    assert [rows[s][0] for s in "abc"] == [2, 1, 0]
    assert [rows[s][1] for s in "abc"] == [1, 0, 2]
    assert rows["a"][2:4] == [2012, 2014] and rows["b"][2:4] == [2019, ONGOING] and rows["c"][2:4] == [None, None]
    countries = index["values"]["country"]
    assert sorted(countries[n] for n in rows["a"][4]) == ["NO", "SK"]
    funder_values = [index["values"]["funder"][n] for n in rows["b"][6]]
    assert sorted(funder_values) == ["eea-and-norway-grants", "eea-norway-bilateral-fund"]
    assert index["years"] == [2012, 2019]
    evaluation = index["facets"].index("evaluation")
    assert sorted(index["values"]["evaluation"][n] for n in rows["a"][4 + evaluation]) == ["external", "randomised"]
    assert rows["b"][4 + evaluation] == [] and rows["c"][4 + evaluation] == []


def test_years_of_a_practice():
    from practicekb.model.model import Practice

    def practice(**data):
        return Practice("x", "practices/x.md", data, "")

    assert years(practice(start=2010, end="ongoing")) == (2010, ONGOING)
    assert years(practice(start=2010)) == (2010, 2010)
    assert years(practice(end=2015)) == (2015, 2015)
    assert years(practice()) == (None, None)


def test_search_filters_name_labels_and_parent_funders(tmp_path):
    kb = knowledge_base(tmp_path, PRACTICES)
    pairs = search_filters(kb, kb.practices["b"])
    assert ("country", "Slovenia") in pairs
    assert ("funder", "EEA and Norway Grants") in pairs and ("funder", "Bilateral Fund (EEA and Norway Grants)") in pairs
    assert ("language", "Slovenian") in pairs
    assert [value for key, value in pairs if key == "evaluation"] == []  # b has no evaluation
    evaluations = [value for key, value in search_filters(kb, kb.practices["a"]) if key == "evaluation"]
    assert sorted(evaluations) == ["external evaluation", "randomised trial"]  # as Explore's facet labels them
