"""The fields an official asks about first: people reached, budget, staff, evaluations. Validated,
shown in the fact box in every language (their words marked with the file's language), and in the
open data."""
from __future__ import annotations

import csv
import io

import pytest

from conftest import REPO, VALID_PRACTICE, check_reports, make_project
from sitepages import page

BERGEN = "practices/bergen-inclusion-centre/"


def facts(soup) -> dict[str, str]:
    box = soup.find(class_="kb-facts")
    return {dt.get_text(): dt.find_next_sibling("dd") for dt in box.find_all("dt")}


def test_the_fact_box_shows_people_reached_staff_and_budget_in_the_page_language(real_site):
    english = facts(page(real_site, BERGEN))
    assert english["People reached"].get_text().startswith("1,500 (2025): participants")
    assert english["Staff"].get_text() == "more than 300 staff"
    assert english["Budget"].get_text().startswith("945,300,000 NOK (the final cost")
    norwegian = facts(page(real_site / "nb", BERGEN))
    reached = norwegian["Personer nådd"]
    assert reached.get_text().startswith("1 500 (2025)") or reached.get_text().startswith("1\u00a0500 (2025)")
    assert reached.find("span", lang="en") is not None  # the file's words, not translated, say so
    assert norwegian["Bemanning"].find("span", lang="en").get_text() == "more than 300 staff"


@pytest.mark.parametrize("language,label,kind", [("", "Evaluations", "external evaluation"),
                                                 ("sk", "Hodnotenia", "externé hodnotenie")])
def test_an_evaluation_links_to_it_with_its_kind(real_site, language, label, kind):
    evaluation = facts(page(real_site / language, "practices/heroy-integration-coordinator/"))[label]
    assert evaluation.find("a")["href"] == "http://norut.no/nb/publications/heroy-som-integreringsarena-102015"
    assert f"({kind}, 2015)" in evaluation.get_text()


def test_the_open_data_carries_the_fields(real_site):
    rows = {row["slug"]: row for row in csv.DictReader(io.StringIO(
        (real_site / "data" / "practices.csv").read_text(encoding="utf-8-sig"), newline=""))}
    assert rows["bergen-inclusion-centre"]["staff"] == "more than 300 staff"
    assert rows["bergen-inclusion-centre"]["people_reached"].startswith("1500 (2025): participants")
    assert rows["heroy-integration-coordinator"]["evaluations"].startswith("external: Herøy som integreringsarena")


@pytest.mark.parametrize("field,value,expected,hint", [
    ("evaluations", "\n  - {kind: great, title: A study, url: https://example.org/s}", "evaluations[1].kind:", "internal"),
    ("people_reached", "\n  - {number: 40}", "people_reached[1].counted: required field is missing", "counted"),
    ("budget", "\n  - {amount: 100, currency: EURO, covers: the courses}", "budget[1].currency:", "EUR"),
    ("staff", ' "  "', "staff:", ""),
])
def test_a_wrong_value_is_reported_precisely(tmp_path, field, value, expected, hint):
    practice = VALID_PRACTICE.replace("status: active", f"status: active\n{field}:{value}")
    project = make_project(tmp_path / "p", {"p.md": practice}, REPO / "vocabularies")
    result = check_reports(project, "practices/p.md:", "")
    lines = [line for line in result.stdout.splitlines() if expected in line]
    assert lines and hint in lines[0], result.stdout


def test_an_organisation_page_gives_its_public_address(tmp_path):
    from conftest import FIXTURE_VOCABULARIES, build_site
    project = make_project(tmp_path / "p", {"p.md": VALID_PRACTICE}, FIXTURE_VOCABULARIES)
    organisations = project / "vocabularies" / "organisations.yml"
    organisations.write_text(organisations.read_text(encoding="utf-8").replace(
        "  - id: pina\n    type: ngo\n", "  - id: pina\n    type: ngo\n    email: info@example.org\n"), encoding="utf-8")
    result = build_site(project, tmp_path / "site")
    assert result.returncode == 0, result.stderr
    link = page(tmp_path / "site", "organisations/pina/").find("a", href="mailto:info@example.org")
    assert link is not None and "Public e-mail address:" in link.parent.get_text()
    organisations.write_text(organisations.read_text(encoding="utf-8").replace("info@example.org", "info at example"),
                             encoding="utf-8")
    check_reports(project, "vocabularies/organisations.yml:", "")
