"""`kb propose`: a proposal issue's text, as GitHub renders an issue form (`### Label`, a blank line, the
answer, `_No response_` for none), becomes practices/<slug>.md that `kb check` accepts; broken issues get
every problem named in plain words, and nothing is written outside practices/."""
from __future__ import annotations

import contextlib
import io
from pathlib import Path

import pytest
import yaml

from conftest import VALID_PRACTICE, check_in_process, make_project

pytestmark = pytest.mark.unit

REPO = Path(__file__).resolve().parents[1]
FORM = yaml.safe_load((REPO / ".github" / "ISSUE_TEMPLATE" / "propose-practice.yml").read_text(encoding="utf-8"))


def issue_body(answers: dict[str, str]) -> str:
    """The body GitHub writes for the issue form: every question in the form's order, answered or not."""
    parts = []
    for item in FORM["body"]:
        if item["type"] == "markdown":
            continue
        label = item["attributes"]["label"]
        if item["type"] == "checkboxes":
            value = "\n".join(f"- [X] {option['label']}" for option in item["attributes"]["options"])
        else:
            value = answers.get(label, "")
            if value and item["attributes"].get("render"):
                value = f"```{item['attributes']['render']}\n{value}\n```"
        parts.append(f"### {label}\n\n{value or '_No response_'}")
    return "\n\n".join(parts)


def propose(project: Path, body: str, *options: str) -> tuple[int, str]:
    from practicekb.cli import main

    issue = project / "issue.md"
    issue.write_text(body, encoding="utf-8")
    out = io.StringIO()
    with contextlib.redirect_stdout(out):
        code = main(["--root", str(project), "propose", str(issue), "--today", "2026-12-02", *options])
    return code, out.getvalue()


ANSWERS = {
    "Title": "Intercultural mediators in Testville schools",
    "Summary": "A made-up practice for the tests: the municipality pays two mediators who help schools and "
               "migrant parents understand each other.",
    "Countries": "si",
    "Place": "Testville",
    "Level of government": "municipal",
    "Start year": "2021",
    "End year": "ongoing",
    "Themes": "Intercultural mediation\ncoordination-bodies",
    "Target groups": "third-country-nationals",
    "Practice type": "Advisory or coordination body",
    "Organisations": "PiNA – partner",
    "Evidence": "running: in operation for at least a year",
    "Sources": "Mediators in Testville – Testville municipality – https://example.org/mediators – 2023",
    "Status": "active: it is running",
    "Context": "Testville's schools asked for help with parents who speak no Slovenian.",
    "What was done": "Two mediators started in 2021.",
}


def test_answers_become_a_file_that_passes_kb_check(tmp_path):
    project = make_project(tmp_path / "p", {"testtown.md": VALID_PRACTICE})
    code, comment = propose(project, issue_body(ANSWERS))
    assert code == 0, comment
    path = project / "practices" / "intercultural-mediators-in-testville-schools.md"
    data = yaml.safe_load(path.read_text(encoding="utf-8").split("---\n")[1])
    assert data["themes"] == ["intercultural-mediation", "coordination-bodies"]  # names matched to ids
    assert data["practice_type"] == "advisory-body" and data["evidence"] == "running" and data["end"] == "ongoing"
    assert data["organisations"] == [{"id": "pina", "role": "partner"}]
    assert data["sources"] == [{"title": "Mediators in Testville", "publisher": "Testville municipality",
                                "url": "https://example.org/mediators", "date": "2023"}]
    assert "last_verified" not in data  # honest: nobody has verified it yet
    assert "The file is valid" in comment and "**No personal data:**" in comment and "**Sources open:**" in comment
    checked = check_in_process(project)
    assert checked.returncode == 0, checked.stdout
    assert f"note: practices/{path.name}:1: last_verified: not set" in checked.stdout
    assert 'last_verified: "YYYY-MM-DD"' in checked.stdout  # says how to set it on review


def site_form_file(title: str = "Tlmočníci v Testville") -> str:
    """A file as the site's form writes it (propose.js), with a new organisation."""
    return f'''---
title: "{title}"
summary: "Vymyslená prax pre testy: obec platí dvoch mediátorov, ktorí pomáhajú školám a rodičom."
countries: ["SK"]
level: "municipal"
themes: ["intercultural-mediation"]
practice_type: "advisory-body"
organisations:
  - id: "ludia-z-testville"
    role: "lead"
evidence: "described"
sources:
  - title: "Mediátori v Testville"
    url: "https://example.org/mediatori"
status: "active"
language: "sk"
new_organisations:
  - id: "ludia-z-testville"
    type: "ngo"
    country: "SK"
    label: {{en: "Ľudia z Testville"}}
    description: {{en: "A made-up NGO for the tests."}}
    url: "https://example.org/ludia"
---

## Kontext

Školy v Testville požiadali o pomoc.
'''


def test_the_file_from_the_site_form_and_its_new_organisation_pass_kb_check(tmp_path):
    project = make_project(tmp_path / "p", {"testtown.md": VALID_PRACTICE})
    body = issue_body({"Practice file": site_form_file(), "File name": "tlmocnici-v-testville"})
    code, comment = propose(project, body, "--add-organisations")
    assert code == 0, comment
    text = (project / "practices" / "tlmocnici-v-testville.md").read_text(encoding="utf-8")
    assert "new_organisations" not in text and text.startswith('---\ntitle: "Tlmočníci v Testville"')
    vocabulary = yaml.safe_load((project / "vocabularies" / "organisations.yml").read_text(encoding="utf-8"))
    added = vocabulary["terms"][-1]
    assert added == {"id": "ludia-z-testville", "type": "ngo", "country": "SK", "label": {"en": "Ľudia z Testville"},
                     "description": {"en": "A made-up NGO for the tests."}, "url": "https://example.org/ludia"}
    assert "`vocabularies/organisations.yml`" in comment
    assert check_in_process(project).returncode == 0


def test_kb_check_explains_how_to_add_a_new_organisation(tmp_path):
    """The file as it arrives by e-mail: kb check names the organisation and gives the entry to add."""
    project = make_project(tmp_path / "p", {"testtown.md": VALID_PRACTICE, "tlmocnici.md": site_form_file()})
    result = check_in_process(project)
    assert result.returncode == 1
    lines = [line for line in result.stdout.splitlines() if "new_organisations[1]" in line]
    assert len(lines) == 1
    assert "'Ľudia z Testville' is a new organisation, not yet in vocabularies/organisations.yml" in lines[0]
    assert '- id: ludia-z-testville / type: ngo / country: SK / label: {en: "Ľudia z Testville"}' in lines[0]
    assert "then delete new_organisations from this file" in lines[0]
    assert "unknown field" not in result.stdout


def test_a_broken_issue_gets_every_problem_at_once_in_plain_words(tmp_path):
    project = make_project(tmp_path / "p", {"testtown.md": VALID_PRACTICE})
    broken = dict(ANSWERS, **{"Summary": "Too short.", "Themes": "Intercultural mediaton",
                              "Sources": "Mediators – https://example .org", "Countries": "Slovenia"})
    code, comment = propose(project, issue_body(broken))
    assert code == 1
    assert (project / "practices" / "intercultural-mediators-in-testville-schools.md").is_file()  # for the maintainer
    found = [line for line in comment.splitlines() if line.startswith("- `practices/")]
    fields = {line.split("`")[3] for line in found}
    assert {"summary", "themes[1]", "countries[1]", "sources[1].url"} <= fields, comment
    assert "did you mean 'intercultural-mediation'?" in comment
    assert "Traceback" not in comment


def test_an_issue_without_a_practice_writes_nothing_and_says_why(tmp_path):
    project = make_project(tmp_path / "p", {"testtown.md": VALID_PRACTICE})
    before = sorted(p.name for p in (project / "practices").iterdir())
    code, comment = propose(project, issue_body({"Practice file": "Please see the attached file."}))
    assert code == 1
    assert sorted(p.name for p in (project / "practices").iterdir()) == before
    assert "is not a practice file" in comment and "paste the file the form made" in comment


def test_the_file_name_cannot_lead_outside_practices_or_replace_a_practice(tmp_path):
    project = make_project(tmp_path / "p", {"testtown.md": VALID_PRACTICE})
    code, comment = propose(project, issue_body(dict(ANSWERS, **{"File name": "../../hooks/x"})))
    assert not (project / "hooks" / "x.md").exists()
    assert (project / "practices" / "intercultural-mediators-in-testville-schools.md").is_file()
    assert "uses other characters" in comment
    original = (project / "practices" / "testtown.md").read_text(encoding="utf-8")
    code, comment = propose(project, issue_body(dict(ANSWERS, **{"File name": "testtown"})))
    assert code == 1 and "`practices/testtown.md` already exists" in comment
    assert (project / "practices" / "testtown.md").read_text(encoding="utf-8") == original


def test_an_issue_longer_than_github_allows_is_refused_unread(tmp_path):
    project = make_project(tmp_path / "p", {"testtown.md": VALID_PRACTICE})
    code, comment = propose(project, issue_body(dict(ANSWERS, Context="x" * 70_000)))
    assert code == 1 and "longer than 65,536 characters" in comment
    assert len(list((project / "practices").glob("*.md"))) == 1


def test_the_workflow_never_runs_contributor_text_with_write_permissions():
    """The proposal workflow: only GITHUB_TOKEN; the job that parses the issue can only read; the job
    that writes runs neither kb nor anything from the issue; the issue's text is never in a command."""
    workflow = yaml.safe_load((REPO / ".github" / "workflows" / "proposal.yml").read_text(encoding="utf-8"))
    triggers = workflow[True]  # YAML 1.1 reads the key `on` as true
    assert set(triggers) == {"issues"} and "pull_request_target" not in str(triggers)
    assert workflow["permissions"] == {}
    convert, publish = workflow["jobs"]["convert"], workflow["jobs"]["publish"]
    assert convert["permissions"] == {"contents": "read"}
    assert "practice proposal" in convert["if"]
    steps = [step.get("run", "") for step in convert["steps"]]
    assert any("kb propose" in run for run in steps) and any("kb check --format github" in run for run in steps)
    for job in workflow["jobs"].values():
        for step in job["steps"]:
            assert "github.event.issue.body" not in step.get("run", ""), step  # only through env
            assert "secrets." not in str(step)
    written = " ".join(step.get("run", "") for step in publish["steps"])
    assert "kb " not in written and "make " not in written and "python" not in written
    assert set(publish["permissions"]) == {"contents", "pull-requests", "issues"}


def test_every_kind_of_field_has_its_words_in_every_language():
    """The field reference says what each field holds in the page's language (fields.kind.*)."""
    from practicekb.checks.schema import practice_schema
    from practicekb.pages.fieldref import field_rows

    def kinds(rows):
        return {row.kind_message for row in rows} | {kind for row in rows for kind in kinds(row.parts)}

    wanted = kinds(field_rows(practice_schema({})))
    for language in ("en", "sk", "sl", "lt", "nb"):
        messages = yaml.safe_load((REPO / "translations" / f"{language}.yml").read_text(encoding="utf-8"))["messages"]
        assert wanted <= set(messages), (language, wanted - set(messages))


def test_the_converter_reads_every_question_of_the_issue_form():
    from practicekb.cli.proposal import LABELS

    asked = [item["attributes"]["label"] for item in FORM["body"] if item["type"] not in ("markdown", "checkboxes")]
    assert [label for label in asked if label not in LABELS] == []
    assert {item["id"] for item in FORM["body"] if item.get("id")} >= {"practice", "slug"}  # what the site's form fills in


def test_a_proposal_waiting_for_review_is_a_notice_on_the_pull_request(tmp_path):
    from conftest import run_kb

    unverified = VALID_PRACTICE.replace('last_verified: "2025-01-15"\n', "")
    project = make_project(tmp_path / "p", {"testtown.md": VALID_PRACTICE, "proposed.md": unverified})
    result = run_kb(project, "check", "--format", "github")
    assert result.returncode == 0, result.stdout
    assert "::notice file=practices/proposed.md,line=1,title=kb check::last_verified: not set" in result.stdout
    assert "testtown.md" not in result.stdout.split("kb check:")[0]  # verified practices are not named
