"""The strict build stops on what `kb check` reports, with the same messages, and builds what it accepts:
the generator run for real (the check tables themselves run in process: test_bad_input.py,
test_translation_files.py)."""
from __future__ import annotations

from bs4 import BeautifulSoup

from conftest import VALID_PRACTICE, build_site, check_in_process, make_project
from test_bad_input import CASES
from test_translation_files import CASES as TRANSLATION_CASES, TRANSLATION, practice_project


def test_strict_build_fails_with_the_same_messages(tmp_path):
    files = {"a.md": CASES["unknown vocabulary id"][0]["p.md"], "b.md": CASES["end before start"][0]["p.md"],
             "c.md": CASES["no front matter"][0]["p.md"]}
    project = make_project(tmp_path / "project", files)
    result = build_site(project, tmp_path / "site")
    assert result.returncode != 0
    check = check_in_process(project)
    problem_lines = [line for line in check.stdout.splitlines() if line.startswith("practices/")]
    assert len(problem_lines) == 3
    for line in problem_lines:
        assert line in result.stderr
    assert "Traceback" not in result.stderr
    assert not (tmp_path / "site" / "practices").exists()



def test_every_broken_translation_is_reported_in_one_run_and_the_build_fails_with_the_same(tmp_path):
    files = {"p.sl.md": TRANSLATION_CASES["a fact in a translation"][0]["p.sl.md"], "q.sl.md": TRANSLATION,
             "p.xx.md": TRANSLATION}
    project = practice_project(tmp_path, files)
    (project / "docs" / "nowhere.sl.md").write_text("# Nikjer\n", encoding="utf-8")
    (project / "docs" / "about.xx.md").write_text("# About\n", encoding="utf-8")
    check = check_in_process(project)
    assert check.returncode == 1
    lines = [line for line in check.stdout.splitlines() if ": " in line and not line.startswith("kb check")]
    assert {line.split(":")[0] for line in lines} == {
        "practices/p.sl.md", "practices/q.sl.md", "practices/p.xx.md", "docs/nowhere.sl.md", "docs/about.xx.md"}
    assert any(line.startswith("docs/nowhere.sl.md:1: file name: there is no page docs/nowhere.md to translate")
               for line in lines)
    build = build_site(project, tmp_path / "site")
    assert build.returncode != 0
    assert "Traceback" not in build.stderr
    for line in lines:
        assert line in build.stderr


def test_links_to_pages_of_the_site_pass_check_and_the_strict_build(tmp_path):
    body = ("\nLinks: [a practice in another folder](testtown.md), [its facts](testtown.md#context), "
            "[a theme](../themes/coordination-bodies.md), [a country](../countries/si.md), "
            "[a page](../contribute.md), [an address](../themes/), [the top](#context), "
            '<a href="#context">up</a>, <a href="https://example.org/">a site</a>, [a site](https://example.org/).\n')
    project = make_project(tmp_path / "project", {"norway/testtown.md": VALID_PRACTICE,
                                                  "other.md": VALID_PRACTICE + body})
    result = check_in_process(project)
    assert result.returncode == 0, result.stdout
    build = build_site(project, tmp_path / "site")
    assert build.returncode == 0, build.stdout + build.stderr
    page = (tmp_path / "site" / "practices" / "other" / "index.html").read_text(encoding="utf-8")
    hrefs = {a["href"] for a in BeautifulSoup(page, "html.parser").find_all("a", href=True)}  # minified: quotes may go
    assert "../testtown/" in hrefs and "../../themes/coordination-bodies/" in hrefs
