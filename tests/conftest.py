"""Shared helpers: temporary projects built from the real configuration, and runners for the real CLI."""
from __future__ import annotations

import contextlib
import fcntl
import io
import os
import re
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[1]
FIXTURE_VOCABULARIES = REPO / "tests" / "fixtures" / "vocabularies"
SHARED_MAP_SHAPES = Path(tempfile.gettempdir()) / f"kb-test-map-shapes-{os.getuid()}"

VALID_PRACTICE = """\
---
title: Test coordination body in Testtown
summary: >-
  A made-up practice for the tests: the municipality and an NGO set up a body that meets
  four times a year to agree on services for newcomers.
countries: [SI]
place: Testtown
level: municipal
start: 2019
end: ongoing
themes: [coordination-bodies]
target_groups: [third-country-nationals]
practice_type: advisory-body
organisations:
  - {id: pina, role: lead}
evidence: running
sources:
  - title: Test source
    publisher: Test publisher
    url: https://example.org/source
    date: "2022"
last_verified: "2025-01-15"
status: active
---

## Context

Testtown had no place where services met.
"""


def run(command: list[str], cwd: Path, **kwargs) -> subprocess.CompletedProcess:
    env = dict(os.environ, NO_MKDOCS_2_WARNING="1", PYTHONUTF8="1")
    return subprocess.run(command, cwd=cwd, capture_output=True, text=True, env=env, timeout=600, **kwargs)


def run_kb(project: Path, *args: str) -> subprocess.CompletedProcess:
    return run([sys.executable, "-m", "practicekb", "--root", str(project), *args], cwd=project)


def check_in_process(project: Path, *args: str) -> subprocess.CompletedProcess:
    """`kb check` run in this process (the CLI's own main, its output captured): the bad-input tables
    run here, fast; a few tests run the real command for exit codes and --format github."""
    from practicekb.cli import main

    out, err = io.StringIO(), io.StringIO()
    with contextlib.redirect_stdout(out), contextlib.redirect_stderr(err):
        code = main(["--root", str(project), "check", *args])
    return subprocess.CompletedProcess(["kb", "check", *args], code, out.getvalue(), err.getvalue())


def check_reports(project: Path, expected: str, hint: str) -> subprocess.CompletedProcess:
    """Run `kb check` (in process) and assert it fails with a line that starts with `expected`
    (path:line: field: problem) and carries `hint`; an exception would fail the test itself."""
    result = check_in_process(project)
    output = result.stdout + result.stderr
    assert result.returncode == 1, output
    assert "Traceback" not in output
    matching = [line for line in result.stdout.splitlines() if line.startswith(expected)]
    assert matching, f"expected a line starting with {expected!r} in:\n{output}"
    assert hint in matching[0], f"expected the hint {hint!r} in {matching[0]!r}"
    return result


def build_site(project: Path, site_dir: Path, generator: str = "properdocs") -> subprocess.CompletedProcess:
    """Build as the README's commands do: with ProperDocs, the maintained fork of MkDocs 1.x, reading
    mkdocs.yml (given by name, as the file keeps MkDocs' name); `generator="mkdocs"` for MkDocs itself."""
    program = Path(sys.executable).with_name(generator)
    return run([str(program), "build", "--strict", "-f", "mkdocs.yml", "--site-dir", str(site_dir)], cwd=project)


LANGUAGES_SETTING = re.compile(r"^(      languages: )\[.*\]$", re.MULTILINE)  # under plugins: - practicekb:


def set_languages(config: Path, languages: tuple[str, ...]) -> None:
    """Rewrite the one languages setting of a project's mkdocs.yml."""
    text = config.read_text(encoding="utf-8")
    assert LANGUAGES_SETTING.search(text), "mkdocs.yml has no 'languages: [...]' line under plugins: - practicekb:"
    config.write_text(LANGUAGES_SETTING.sub(lambda m: m[1] + "[" + ", ".join(languages) + "]", text), encoding="utf-8")


def make_project(root: Path, practices: dict[str, str | bytes], vocabularies: Path = FIXTURE_VOCABULARIES,
                 languages: tuple[str, ...] = ("en",)) -> Path:
    """A buildable project: the real configuration, templates and interface strings, with the given
    practice files. It builds only English unless `languages` says otherwise: the real site's test
    (real_site) builds every language once; other tests need not pay for four more builds each."""
    root.mkdir(parents=True, exist_ok=True)
    shutil.copy(REPO / "mkdocs.yml", root / "mkdocs.yml")
    set_languages(root / "mkdocs.yml", languages)
    for folder in ("docs", "overrides", "translations"):
        shutil.copytree(REPO / folder, root / folder, ignore=shutil.ignore_patterns("__pycache__"))
    (root / "hooks").mkdir()  # mkdocs.yml watches it; the code that runs is the installed practicekb package
    for page in (root / "docs").rglob("*.*.md"):  # translations of pages into languages not built
        if page.name.split(".")[-2] not in languages:
            page.unlink()
    shutil.copytree(vocabularies, root / "vocabularies")
    (root / "node_modules").symlink_to(REPO / "node_modules", target_is_directory=True)  # the map's boundaries (make fetches them)
    # The maps' shapes (.cache/maps/, adapter/mapcache.py) are the same for most projects: one folder for
    # every project of the test run, so a frame is drawn once (test_map_data compares kept and fresh maps).
    SHARED_MAP_SHAPES.mkdir(parents=True, exist_ok=True)
    (root / ".cache").mkdir()
    (root / ".cache" / "maps").symlink_to(SHARED_MAP_SHAPES, target_is_directory=True)
    (root / "practices").mkdir()
    for name, content in practices.items():
        path = root / "practices" / name
        path.parent.mkdir(parents=True, exist_ok=True)
        if isinstance(content, bytes):
            path.write_bytes(content)
        else:
            path.write_text(content, encoding="utf-8")
    return root


@pytest.fixture(scope="session")
def real_site(tmp_path_factory) -> Path:
    """The real repository's site, built once into a temporary folder: once for the whole run, when
    `make test` runs the tests in several processes (pytest-xdist), the first to ask builds it."""
    shared = tmp_path_factory.getbasetemp()
    if os.environ.get("PYTEST_XDIST_WORKER"):
        shared = shared.parent  # the run's folder, above each process's own
    site, outcome = shared / "real-site", shared / "real-site.failed"
    with open(shared / "real-site.lock", "w") as lock:
        fcntl.flock(lock, fcntl.LOCK_EX)  # released when the file closes
        if not site.is_dir() and not outcome.exists():
            result = build_site(REPO, site)
            if result.returncode != 0:
                outcome.write_text(result.stderr, encoding="utf-8")
    assert not outcome.exists(), outcome.read_text(encoding="utf-8")
    return site


# Fixtures that build a site once for their module (or session): the tests using one run in one
# process under `make test`, so the site is built once rather than once in each process.
SHARED_SITES = {"hostile_site", "links_site", "explore_project", "site_url"}


@pytest.hookimpl(tryfirst=True)  # before pytest-xdist's own, which reads the groups
def pytest_collection_modifyitems(items) -> None:
    """Every test is one of: `unit` (its module says so: no site built, the fast inner loop),
    `browser` (drives Chromium through the `page` fixture) or `build` (builds a site or runs a generator)."""
    for item in items:
        if SHARED_SITES & set(item.fixturenames):
            item.add_marker(pytest.mark.xdist_group(item.module.__name__))
        if item.get_closest_marker("unit"):
            continue
        item.add_marker(pytest.mark.browser if "page" in item.fixturenames else pytest.mark.build)



UNGROUPED = pytest.StashKey[set]()


def pytest_collection_finish(session) -> None:
    """`make test` sends the tests marked xdist_group (those reading every page, each parsed once per
    process) to one process; pytest-xdist does it by renaming them `id@group`, which some pytest
    releases silently undo (pytest-xdist#1386): such tests fail (pytest_runtest_setup) rather than
    run apart unnoticed."""
    grouping = session.config.getoption("loadgroup", False)  # set in pytest-xdist's processes under --dist loadgroup
    session.config.stash[UNGROUPED] = {item.nodeid for item in session.items if grouping
                                       and item.get_closest_marker("xdist_group") and "@" not in item.nodeid}


def pytest_runtest_setup(item) -> None:
    if item.nodeid in item.config.stash.get(UNGROUPED, set()):
        pytest.fail("pytest-xdist did not send this test to its xdist_group's process: this pytest and "
                    "pytest-xdist do not work together (pytest-xdist#1386); install the versions "
                    "pyproject.toml pins: .venv/bin/pip install -e '.[test]'", pytrace=False)
