"""`kb new` writes a file that passes `kb check` once its sections are written, and never overwrites one."""
from __future__ import annotations

import re

from conftest import VALID_PRACTICE, build_site, make_project, run_kb

ANSWERS = ["--title", "Intercultural mediators in Exampletown schools",
           "--summary", "A made-up practice for the tests: mediators help schools and migrant parents understand each other.",
           "--country", "si", "--place", "Exampletown", "--start", "2021",
           "--theme", "intercultural-mediation", "--theme", "coordination-bodies",
           "--target-group", "third-country-nationals", "--practice-type", "advisory-body",
           "--organisation", "pina:partner", "--source-url", "https://example.org/mediators",
           "--source-title", "Mediators in schools", "--today", "2025-03-01"]


def test_new_then_check_round_trip(tmp_path):
    project = make_project(tmp_path / "p", {"testtown.md": VALID_PRACTICE})
    result = run_kb(project, "new", *ANSWERS)
    assert result.returncode == 0, result.stdout
    path = project / "practices" / "intercultural-mediators-in-exampletown-schools.md"
    assert f"wrote practices/{path.name}" in result.stdout
    text = path.read_text(encoding="utf-8")
    for heading in ("Context", "What was done", "Results", "How to start it in your municipality", "Lessons"):
        assert f"\n## {heading}\n" in text
    assert "# funding:" in text and "# contact:" in text  # commented examples of optional fields

    before = run_kb(project, "check")
    assert before.returncode == 1
    assert re.search(rf"practices/{path.name}:\d+: body: is empty", before.stdout)
    assert len([line for line in before.stdout.splitlines() if line.startswith("practices/")]) == 1, \
        "the empty body is the only problem"

    path.write_text(re.sub(r"<!--.*?-->", "Exampletown's schools asked for mediators.", text), encoding="utf-8")
    checked = run_kb(project, "check")
    assert checked.returncode == 0
    assert f"note: practices/{path.name}:1: last_verified: not set" in checked.stdout  # a proposal is not yet verified
    refused = build_site(project, tmp_path / "site")  # and is not published until a maintainer verifies it
    assert refused.returncode == 1 and f"practices/{path.name}:1: last_verified: not set" in refused.stderr
    text = path.read_text(encoding="utf-8")
    path.write_text(text.replace('# last_verified: "YYYY-MM-DD"', 'last_verified: "2025-03-01"'), encoding="utf-8")
    assert build_site(project, tmp_path / "site").returncode == 0
    built = (tmp_path / "site" / "practices" / path.stem / "index.html").read_text(encoding="utf-8")
    assert "Intercultural mediators in Exampletown schools" in built


def test_new_refuses_an_existing_slug_and_writes_nothing(tmp_path):
    project = make_project(tmp_path / "p", {"testtown.md": VALID_PRACTICE})
    result = run_kb(project, "new", *ANSWERS, "--slug", "testtown")
    assert result.returncode == 1
    assert "--slug: practices/testtown.md already exists" in result.stdout
    assert (project / "practices" / "testtown.md").read_text(encoding="utf-8") == VALID_PRACTICE


def test_new_refuses_a_former_slug_of_another_practice(tmp_path):
    renamed = VALID_PRACTICE.replace("status: active", "status: active\naliases: [old-testtown]")
    project = make_project(tmp_path / "p", {"testtown.md": renamed})
    result = run_kb(project, "new", *ANSWERS, "--slug", "old-testtown")
    assert result.returncode == 1
    assert "--slug: 'old-testtown' is a former slug of practices/testtown.md" in result.stdout
    assert not (project / "practices" / "old-testtown.md").exists()


def test_new_reports_every_wrong_answer_with_a_fix(tmp_path):
    project = make_project(tmp_path / "p", {})
    wrong = [a.replace("intercultural-mediation", "intercultural-mediaton").replace("pina:partner", "pinna:partner")
              .replace("https://example.org/mediators", "example.org") for a in ANSWERS]
    result = run_kb(project, "new", *wrong)
    assert result.returncode == 1
    assert "--theme: unknown id 'intercultural-mediaton' (did you mean 'intercultural-mediation'?)" in result.stdout
    assert "--organisation: unknown id 'pinna' (did you mean 'pina'?)" in result.stdout
    assert "--source-url: 'example.org' is not a web address" in result.stdout
    assert "nothing was written" in result.stdout
    assert list((project / "practices").glob("*.md")) == []


def test_new_without_a_terminal_names_the_missing_options(tmp_path):
    project = make_project(tmp_path / "p", {})
    result = run_kb(project, "new", "--title", "Only a title here")
    assert result.returncode == 2
    assert "missing answers: --summary, --country, --theme, --practice-type, --source-url, --source-title" in result.stdout
