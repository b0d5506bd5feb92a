"""Unit tests of load, validate, the knowledge base's indexes and the pages' fragments."""
from __future__ import annotations

import pytest

import datetime as dt

from conftest import FIXTURE_VOCABULARIES, VALID_PRACTICE, make_project
from practicekb.source.load import load_practice, split_front_matter
from practicekb.model.pipeline import ProjectPaths, check, load_vocabularies
from practicekb.pages.fragments import Fragments, fragment_placeholder
from practicekb.source.yamlsource import parse_yaml

pytestmark = pytest.mark.unit  # the fast inner loop: make test-fast


def test_norway_stays_a_country_code_and_dates_stay_text():
    document = parse_yaml("countries: [NO, SE]\nlast_verified: 2024-05-01\nflag: yes\nok: true\n")
    assert document.data == {"countries": ["NO", "SE"], "last_verified": "2024-05-01", "flag": "yes", "ok": True}


def test_lines_are_counted_from_the_file_start():
    document = parse_yaml("title: x\nsources:\n  - url: a\n  - url: b\n", first_line=2)
    assert document.line_of(("title",)) == 2
    assert document.line_of(("sources", 1, "url")) == 5
    assert document.line_of(("sources", 1, "missing")) == 5


def test_repeated_keys_are_reported():
    document = parse_yaml("a: 1\nb: 2\na: 3\n")
    assert document.duplicates == [(("a",), 3)]


def test_front_matter_split_gives_body_line():
    front, body, body_line, problems = split_front_matter("---\na: 1\n---\n\nBody\n", "x.md")
    assert (front, body_line, problems) == ("a: 1", 4, [])
    assert body.strip() == "Body"


def test_windows_line_endings_and_bom_are_accepted(tmp_path):
    path = tmp_path / "practices" / "testtown.md"
    path.parent.mkdir()
    path.write_bytes(b"\xef\xbb\xbf" + VALID_PRACTICE.replace("\n", "\r\n").encode())
    source, problems = load_practice(path, tmp_path)
    assert problems == []
    assert source.front_matter.data["countries"] == ["SI"]


def fixture_kb(tmp_path, practices: dict[str, str]):
    project = make_project(tmp_path / "p", practices)
    kb, problems = check(ProjectPaths.at(project), dt.date(2026, 1, 1))
    assert problems == []
    return kb


def test_indexes_and_programme_counts_for_its_funder(tmp_path):
    bilateral = VALID_PRACTICE.replace("status: active", "status: active\nfunding:\n  - funder: eea-norway-bilateral-fund")
    amif = VALID_PRACTICE.replace("countries: [SI]", "countries: [SK]").replace(
        "status: active", "status: active\nfunding:\n  - funder: amif")
    kb = fixture_kb(tmp_path, {"a.md": bilateral, "b.md": amif, "c.md": VALID_PRACTICE})
    assert kb.index["funders"] == {"eea-norway-bilateral-fund": ["a"], "eea-and-norway-grants": ["a"], "amif": ["b"]}
    assert kb.index["countries"] == {"si": ["a", "c"], "sk": ["b"]}
    assert sorted(kb.vocabularies["countries"].terms) == ["si", "sk"]
    assert kb.vocabularies["countries"].terms["sk"].text("en") == "Slovakia"
    assert [(t.id, n) for t, n in kb.neighbours("themes", "coordination-bodies", "countries")] == [("si", 2), ("sk", 1)]


def test_related_practices_share_most_and_exclude_themselves(tmp_path):
    same = VALID_PRACTICE
    other_theme = VALID_PRACTICE.replace("[coordination-bodies]", "[intercultural-mediation]")
    elsewhere = other_theme.replace("countries: [SI]", "countries: [SK]")
    kb = fixture_kb(tmp_path, {"a.md": same, "b.md": same, "c.md": other_theme, "d.md": elsewhere})
    assert kb.related["a"] == ["b", "c"]  # b shares theme and country, c only the country
    assert kb.related["d"] == ["c"]
    assert all(slug not in related for slug, related in kb.related.items())


def test_vocabularies_load_with_groups_and_types(tmp_path):
    vocabularies, problems = load_vocabularies(ProjectPaths.at(tmp_path, vocabularies=FIXTURE_VOCABULARIES))
    assert problems == []
    assert "plan" in vocabularies["themes"].groups
    assert vocabularies["funders"].terms["eea-norway-bilateral-fund"].get("parent") == "eea-and-norway-grants"


def test_broken_vocabulary_is_reported_with_line(tmp_path):
    folder = tmp_path / "vocabularies"
    folder.mkdir()
    for path in FIXTURE_VOCABULARIES.iterdir():
        (folder / path.name).write_text(path.read_text())
    themes = folder / "themes.yml"
    themes.write_text(themes.read_text().replace("    group: connect\n", "    group: conect\n"))
    _, problems = load_vocabularies(ProjectPaths.at(tmp_path))
    assert [p.human().split(" (")[0] for p in problems] == [
        f"vocabularies/themes.yml:{themes.read_text().splitlines().index('    group: conect') + 1}: terms[4].group: unknown group 'conect'"]
    assert "did you mean 'connect'?" in problems[0].hint


def test_stale_report(tmp_path):
    from conftest import check_in_process
    old = VALID_PRACTICE.replace('last_verified: "2025-01-15"', 'last_verified: "2024-01-15"')
    project = make_project(tmp_path / "p", {"old.md": old, "new.md": VALID_PRACTICE})
    result = check_in_process(project, "--stale", "--today", "2025-06-01")
    assert result.returncode == 0
    assert "practices/old.md: last verified 2024-01-15" in result.stdout
    assert "new.md" not in result.stdout.split("valid.")[1]


def test_related_practices_are_the_same_in_every_process(tmp_path):
    """Ties between candidate lists are broken by name, not by set order, which Python changes with
    every process (hash seed): otherwise two builds of the same files differ."""
    import subprocess
    import sys

    from benchmarks.synthetic import write_practices
    from conftest import REPO

    write_practices(tmp_path / "practices", 150, REPO / "vocabularies")
    script = ("import json, sys; from pathlib import Path; from practicekb.model.pipeline import ProjectPaths, knowledge_base; "
              f"p = ProjectPaths.at(Path({str(REPO)!r}), Path({str(tmp_path / 'practices')!r}), "
              f"Path({str(REPO / 'vocabularies')!r})); print(json.dumps(knowledge_base(p).related))")
    outputs = {subprocess.run([sys.executable, "-c", script], capture_output=True, text=True, check=True,
                              env={"PYTHONHASHSEED": seed, "PYTHONPATH": f"{REPO / 'hooks'}"}).stdout
               for seed in ("1", "2", "3")}
    assert len(outputs) == 1


def test_stale_report_lists_active_practices_whose_newest_source_is_over_five_years_old(tmp_path):
    from conftest import check_in_process
    dated = VALID_PRACTICE.replace('    date: "2022"', '    date: "2019-05-01"')
    ended = dated.replace("status: active", "status: ended")
    project = make_project(tmp_path / "p", {"old-source.md": dated, "ended.md": ended, "recent.md": VALID_PRACTICE})
    result = check_in_process(project, "--stale", "--today", "2025-06-01")
    assert result.returncode == 0
    listed = result.stdout.split("valid.")[1]
    assert "practices/old-source.md: active, but its newest dated source is from 2019-05-01" in listed
    assert "ended.md" not in listed and "recent.md" not in listed  # not running, or a source from 2022
    assert "1 active practice(s) whose newest source is over 5 years old" in listed


def test_page_folders_are_made_ahead_in_order_and_an_error_stops_it_quietly(tmp_path):
    """adapter/pagefolders.py: the generated pages' folders, made by a thread before MkDocs writes
    the pages; a folder it cannot make stops it (MkDocs makes the rest itself and reports)."""
    from practicekb.adapter.pagefolders import PageFolders

    folders = [tmp_path / "site" / "sk" / "practices" / f"practice-{n}" for n in range(40)]
    maker = PageFolders(folders + folders[:3])  # a folder named twice is made once
    maker.wait()
    assert all(folder.is_dir() for folder in folders)
    (tmp_path / "a-file").write_text("in the way", encoding="utf-8")
    PageFolders([tmp_path / "a-file" / "page", tmp_path / "after"]).wait()
    assert not (tmp_path / "after").exists()


def test_marked_html_is_taken_out_of_the_markdown_in_order_and_an_unclosed_mark_is_left_alone():
    marks = Fragments()
    text = (f"Intro\n{marks.start}\n<dl><dt>Country</dt></dl>\n{marks.end}\nText {marks.start}<p>a</p>{marks.end}"
            f" end {marks.start} never closed")
    content, fragments = marks.split(text)
    assert fragments == ("<dl><dt>Country</dt></dl>", "<p>a</p>")
    assert content == (f"Intro\n{fragment_placeholder(marks.nonce, 0)}\nText {fragment_placeholder(marks.nonce, 1)}"
                       f" end {marks.start} never closed")
    assert marks.split("no marks") == ("no marks", ())
