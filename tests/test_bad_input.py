"""Every kind of broken practice file gets a precise message from the checks (in process, as `kb check`
runs them) and from the real CLI for exit codes and annotations; tests/test_strict_build.py builds."""
from __future__ import annotations

import pytest

from conftest import VALID_PRACTICE, check_in_process, check_reports, make_project, run_kb

pytestmark = pytest.mark.unit  # the fast inner loop: make test-fast

NO_BODY = VALID_PRACTICE.split("## Context")[0] + "## Context\n\n<!-- to do -->\n"


def with_aliases(*aliases: str) -> str:
    """The valid practice with `aliases:` on line 24."""
    return VALID_PRACTICE.replace("status: active", f"status: active\naliases: [{', '.join(aliases)}]")


RENAMED_ONTO_LIVE = {"testtown.md": VALID_PRACTICE, "renamed.md": with_aliases("former-name", "testtown")}

# name: (files, expected "path:line: field: message" start, a fragment of the hint)
CASES = {
    "yaml syntax error": (
        {"p.md": VALID_PRACTICE.replace("level: municipal", "level: municipal: town")},
        "practices/p.md:8: YAML: syntax error: mapping values are not allowed", "indentation"),
    "no front matter": (
        {"p.md": "# Just a heading\n\nSome text.\n"},
        "practices/p.md:1: front matter: missing", "two lines '---'"),
    "yaml type tag": (
        {"p.md": VALID_PRACTICE.replace("place: Testtown", "place: !!python/name:os.system")},
        "practices/p.md:7: YAML: syntax error: could not determine a constructor for the tag", "remove the tag starting with '!'"),
    "front matter not closed": (
        {"p.md": VALID_PRACTICE.replace("status: active\n---", "status: active\n")},
        "practices/p.md:1: front matter: is not closed", "add a line '---'"),
    "missing required field": (
        {"p.md": VALID_PRACTICE.replace("evidence: running\n", "")},
        "practices/p.md:2: evidence: required field is missing", "add 'evidence:'"),
    "wrong type": (
        {"p.md": VALID_PRACTICE.replace("themes: [coordination-bodies]", "themes: coordination-bodies")},
        "practices/p.md:11: themes: should be a list, not text", "write a list"),
    "wrong type of year": (
        {"p.md": VALID_PRACTICE.replace("start: 2019", "start: around 2019")},
        "practices/p.md:9: start: should be a whole number, not text", "write a year"),
    "unknown vocabulary id": (
        {"p.md": VALID_PRACTICE.replace("[coordination-bodies]", "[coordination-bodys]")},
        "practices/p.md:11: themes[1]: unknown theme id 'coordination-bodys'", "did you mean 'coordination-bodies'?"),
    "unknown organisation id": (
        {"p.md": VALID_PRACTICE.replace("{id: pina, role: lead}", "{id: pinna, role: lead}")},
        "practices/p.md:15: organisations[1].id: unknown organisation id 'pinna'", "did you mean 'pina'?"),
    "unknown country code": (
        {"p.md": VALID_PRACTICE.replace("countries: [SI]", "countries: [SVN]")},
        "practices/p.md:6: countries[1]: unknown country code 'SVN'", "did you mean 'SI'"),
    "lowercase country code": (
        {"p.md": VALID_PRACTICE.replace("countries: [SI]", "countries: [si]")},
        "practices/p.md:6: countries[1]: unknown country code 'si'", "did you mean 'SI'"),
    "duplicate slug": (
        {"north/testtown.md": VALID_PRACTICE, "south/testtown.md": VALID_PRACTICE},
        "practices/north/testtown.md:1: file name: duplicate slug: slug 'testtown' is also used by practices/south/testtown.md",
        "rename one file"),
    "end before start": (
        {"p.md": VALID_PRACTICE.replace("end: ongoing", "end: 2015")},
        "practices/p.md:10: end: 2015 is before the start year 2019", "check both years"),
    "malformed source address": (
        {"p.md": VALID_PRACTICE.replace("url: https://example.org/source", "url: example.org/source")},
        "practices/p.md:20: sources[1].url: malformed address 'example.org/source'", "https://"),
    "empty body": (
        {"p.md": NO_BODY},
        "practices/p.md:25: body: is empty", "Context, What was done"),
    "not utf-8": (
        {"p.md": VALID_PRACTICE.encode("utf-8") + "\nŠkofja Loka\n".encode("cp1250")},
        "practices/p.md:30: file: is not UTF-8", "UTF-8 encoding"),
    "unknown front-matter key": (
        {"p.md": VALID_PRACTICE.replace("status: active", "status: active\nfunder: amif")},
        "practices/p.md:24: funder: unknown field", "did you mean 'funding'?"),
    "key given twice": (
        {"p.md": VALID_PRACTICE.replace("status: active", "status: active\nstatus: ended")},
        "practices/p.md:24: status: appears twice", "keep only one"),
    "not a date": (
        {"p.md": VALID_PRACTICE.replace('last_verified: "2025-01-15"', "last_verified: 15.1.2025")},
        "practices/p.md:22: last_verified: '15.1.2025' is not a date", "YYYY-MM-DD"),
    "impossible date": (
        {"p.md": VALID_PRACTICE.replace('last_verified: "2025-01-15"', 'last_verified: "2025-02-30"')},
        "practices/p.md:22: last_verified: '2025-02-30' is not a real date", "existing date"),
    "value not in list": (
        {"p.md": VALID_PRACTICE.replace("level: municipal", "level: city")},
        "practices/p.md:8: level: 'city' is not allowed", "use one of: municipal, regional"),
    "front matter is a list": (
        {"p.md": "---\n- title\n- summary\n---\n\nBody.\n"},
        "practices/p.md:2: front matter: must be a list of 'field: value' lines", "_template.md"),
    "bad file name": (
        {"Bad Name.md": VALID_PRACTICE},
        "practices/Bad Name.md:1: file name: 'Bad Name.md' is not a valid slug", "lowercase letters"),
    "control character": (
        {"p.md": VALID_PRACTICE.replace("Testtown had no", "Testtown\x00 had no")},
        "practices/p.md:28: file: contains the control character U+0000 at line 28", "delete it"),
    "practice saved as .MD": (
        {"p.MD": VALID_PRACTICE},
        "practices/p.MD:1: file name: 'p.MD' is not read: practice files end in '.md'", "rename it to p.md"),
    "practice saved as .md.txt": (
        {"p.md.txt": VALID_PRACTICE},
        "practices/p.md.txt:1: file name: 'p.md.txt' is not read: practice files end in '.md'", "rename it to p.md"),
    "practice saved as .md.md": (
        {"p.md.md": VALID_PRACTICE},
        "practices/p.md.md:1: file name: 'p.md.md' ends in '.md' twice", "rename it to p.md"),
    "link to a practice that does not exist": (
        {"testtown.md": VALID_PRACTICE, "p.md": VALID_PRACTICE + "\nSee also [Testtown](testown.md).\n"},
        "practices/p.md:30: link: 'testown.md' leads to no page of the site", "did you mean 'testtown.md'?"),
    "link inside the site in html": (
        {"testtown.md": VALID_PRACTICE, "p.md": VALID_PRACTICE + '\nSee <a href="testtown.md">Testtown</a>.\n'},
        "practices/p.md:30: <a href>: 'testtown.md' is a link inside the site written in HTML", "[text](testtown.md)"),
    "picture beside the practice file": (
        {"p.md": VALID_PRACTICE + '\n<img src="photo.jpg" alt="The first meeting">\n'},
        "practices/p.md:30: image: 'photo.jpg' is not part of the site", "leave the image out"),
    "not a practice file": (
        {"photo.jpg": b"\xff\xd8\xff\xe0", "testtown.md": VALID_PRACTICE},
        "practices/photo.jpg:1: file name: 'photo.jpg' is not a practice file", "move it elsewhere"),
    "binary file": (
        {"p.md": b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\xff\xfe"},
        "practices/p.md:1: file: is not UTF-8", "UTF-8"),
    "coordinates out of range": (
        {"p.md": VALID_PRACTICE.replace("level: municipal", "level: municipal\ncoordinates: [200, 14.5]")},
        "practices/p.md:9: coordinates[1]: 200 is above 90", "check the number"),
    "former slug is a live practice's slug": (
        RENAMED_ONTO_LIVE,
        "practices/renamed.md:24: aliases[2]: former slug 'testtown' is the slug of practices/testtown.md, a live practice",
        "remove 'testtown' from aliases"),
    "slug is another practice's former slug": (
        RENAMED_ONTO_LIVE,
        "practices/testtown.md:1: file name: slug 'testtown' is listed as a former slug in the aliases of practices/renamed.md",
        "rename this file"),
    "former slug in two practices": (
        {"first.md": with_aliases("old-name"), "second.md": with_aliases("old-name")},
        "practices/first.md:24: aliases[1]: former slug 'old-name' is also listed in the aliases of practices/second.md",
        "redirect to one practice only"),
    "former slug is its own slug": (
        {"testtown.md": with_aliases("testtown")},
        "practices/testtown.md:24: aliases[1]: 'testtown' is this practice's own slug", "only former slugs"),
    "former slug not a slug": (
        {"p.md": with_aliases("'Old Name'")},
        "practices/p.md:24: aliases[1]: 'Old Name' is not a valid id", "lowercase letters"),
    "a number too long to read": (
        {"p.md": VALID_PRACTICE.replace("start: 2019", "start: " + "9" * 5000)},
        "practices/p.md:9: YAML: has a number of more than 30 characters", "in quotes"),
    "a base-60 number that would become thousands of digits": (
        {"p.md": VALID_PRACTICE.replace("start: 2019", "start: 1" + ":00" * 2000)},
        "practices/p.md:9: YAML: has a number of more than 30 characters", "in quotes"),
    "former slug ending in a newline": (  # Python's $ matched before it: the redirect went to a folder 'a\n'
        {"p.md": with_aliases('"a\\n"')},
        "practices/p.md:24: aliases[1]: 'a\\n' is not a valid id", "lowercase letters"),
    "HTML nested deeper than Markdown can convert": (
        {"p.md": VALID_PRACTICE + '<div markdown="1">\n' * 400 + "deep\n" + "</div>\n" * 400},
        "practices/p.md:59: body: HTML elements nest more than 30 levels deep", "at most 30"),
    "quotes nested deeper than Markdown can convert": (
        {"p.md": VALID_PRACTICE + "\n" + ">" * 400 + " deep\n"},
        "practices/p.md:30: body: quotes (>) nest more than 30 levels deep", "at most 30"),
    "lists nested deeper than Markdown can convert": (
        {"p.md": VALID_PRACTICE + "\n" + "".join(" " * (4 * level) + "- item\n" for level in range(400))},
        "practices/p.md:61: body: indented lists or blocks nest more than 30 levels deep", "at most 30"),
    "a practice hidden by a name starting with a dot": (
        {"valid.md": VALID_PRACTICE, ".p2.md": VALID_PRACTICE, ".drafts/p3.md": VALID_PRACTICE, ".p.md.swp": "editor"},
        "practices/.drafts/p3.md:1: file name: starts with '.' (or is in such a folder), so it is not built",
        "a name starting with '_' keeps a file out"),
    "macro rendering requested": (
        {"p.md": VALID_PRACTICE.replace("status: active", "status: active\nrender_macros: true")},
        "practices/p.md:24: render_macros: unknown field", "allowed fields"),
}


@pytest.mark.parametrize("name", list(CASES))
def test_check_reports_the_problem_precisely(tmp_path, name):
    files, expected, hint = CASES[name]
    project = make_project(tmp_path / "project", files)
    result = check_reports(project, expected, hint)
    assert "problem(s) in" in result.stdout


def test_every_problem_in_every_file_is_reported_in_one_run(tmp_path):
    files = {f"case-{i:02d}.md": content for i, (case_files, _, _) in enumerate(CASES.values())
             for name, content in case_files.items() if name == "p.md"}
    project = make_project(tmp_path / "project", files)
    result = check_in_process(project)
    assert result.returncode == 1
    reported = {line.split(":")[0] for line in result.stdout.splitlines() if line.startswith("practices/")}
    assert reported == {f"practices/{name}" for name in files}


def test_github_annotations(tmp_path):
    project = make_project(tmp_path / "project", {"p.md": CASES["end before start"][0]["p.md"]})
    result = run_kb(project, "check", "--format", "github")
    assert result.returncode == 1
    assert "::error file=practices/p.md,line=10,title=kb check::end: 2015 is before the start year 2019" in result.stdout


def test_valid_project_passes(tmp_path):
    project = make_project(tmp_path / "project", {"testtown.md": VALID_PRACTICE})
    result = run_kb(project, "check")
    assert result.returncode == 0, result.stdout
    assert "1 practices" in result.stdout
