"""The contributor template is valid as written, `mkdocs serve` rebuilds when data files or templates
change, and `make serve`'s switch builds the default language only."""
from __future__ import annotations

import os
import re
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request
from pathlib import Path

from conftest import REPO, VALID_PRACTICE, make_project, run_kb


def test_the_practice_template_passes_check_once_copied(tmp_path):
    template = (REPO / "practices" / "_template.md").read_text(encoding="utf-8")
    project = make_project(tmp_path / "p", {"exampletown.md": template}, vocabularies=REPO / "vocabularies")
    result = run_kb(project, "check")
    assert result.returncode == 0, result.stdout


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def fetch(url: str) -> str:
    return fetch_bytes(url).decode("utf-8")


def fetch_bytes(url: str) -> bytes:
    with urllib.request.urlopen(url, timeout=5) as response:
        return response.read()


def status(url: str) -> int:
    try:
        with urllib.request.urlopen(url, timeout=5) as response:
            return response.status
    except urllib.error.HTTPError as error:
        return error.code


def wait_for(predicate, seconds: float = 120) -> bool:  # a rebuild on a busy shared machine
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        try:
            if predicate():
                return True
        except OSError:
            pass
        time.sleep(0.3)
    return False


def test_serve_rebuilds_when_a_practice_vocabulary_or_template_changes(tmp_path):
    # Two languages: serve builds every language, as `mkdocs build` does.
    project = make_project(tmp_path / "p", {"testtown.md": VALID_PRACTICE}, REPO / "vocabularies", ("en", "sl"))
    port = free_port()
    properdocs = Path(sys.executable).with_name("properdocs")  # what `make serve` runs
    server = subprocess.Popen([str(properdocs), "serve", "-f", "mkdocs.yml", "--dev-addr", f"127.0.0.1:{port}"],
                              cwd=project, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
                              env=dict(os.environ, NO_MKDOCS_2_WARNING="1"))
    try:
        practice_url = f"http://127.0.0.1:{port}/knowledge-base/practices/testtown/"
        assert wait_for(lambda: "Test coordination body" in fetch(practice_url), 60)
        # The site search index is built by serve too (the hooks' post-build step).
        assert wait_for(lambda: "pagefind" in fetch(f"http://127.0.0.1:{port}/knowledge-base/pagefind/pagefind.js"))
        # and the QR codes, written after the pages
        assert wait_for(lambda: fetch_bytes(f"http://127.0.0.1:{port}/knowledge-base/qr/testtown.png").startswith(b"\x89PNG"))
        path = project / "practices" / "testtown.md"
        path.write_text(path.read_text().replace("Test coordination body", "Renamed coordination body"))
        assert wait_for(lambda: "Renamed coordination body" in fetch(practice_url))
        slovenian = f"http://127.0.0.1:{port}/knowledge-base/sl/practices/testtown/"
        assert wait_for(lambda: re.search(r"<html [^>]*lang=\"?sl\b", fetch(slovenian))
                        and "Renamed coordination body" in fetch(slovenian))
        # A vocabulary, a page template and a theme template edited at once: one rebuild shows all three.
        # Templates are compiled once and kept in .cache/jinja/; an edited template is used at the next build.
        assert list((project / ".cache" / "jinja").iterdir())
        themes = project / "vocabularies" / "themes.yml"
        themes.write_text(themes.read_text().replace("Coordination and advisory bodies", "Coordination councils"))
        template = project / "overrides" / "kb" / "practice.md"  # the practice pages' template
        template.write_text(template.read_text() + "\nEdited practice template\n")
        template = project / "overrides" / "partials" / "header.html"  # a theme template
        template.write_text("<span hidden>Edited header</span>" + template.read_text())
        assert wait_for(lambda: all(text in fetch(practice_url)
                                    for text in ("Coordination councils", "Edited practice template", "Edited header")))
    finally:
        server.terminate()
        server.wait(timeout=10)


def test_make_serve_switch_builds_the_default_language_only(tmp_path):
    """KB_DEFAULT_LANGUAGE_ONLY=true, as `make serve` sets it: the default language's pages, its
    search index and icons, and no other language. (Without it every language is built: the serve
    test above and the real site's build, which every language's tests read.)"""
    project = make_project(tmp_path / "p", {"testtown.md": VALID_PRACTICE}, REPO / "vocabularies", ("en", "sl"))
    properdocs = Path(sys.executable).with_name("properdocs")
    site = tmp_path / "one"
    result = subprocess.run([str(properdocs), "build", "--strict", "-f", "mkdocs.yml", "--site-dir", str(site)],
                            cwd=project, capture_output=True, text=True,
                            env=dict(os.environ, NO_MKDOCS_2_WARNING="1", KB_DEFAULT_LANGUAGE_ONLY="true"))
    assert result.returncode == 0, result.stderr
    assert (site / "practices" / "testtown" / "index.html").is_file()
    assert (site / "pagefind" / "pagefind.js").is_file() and (site / "assets" / "kb-icons.css").is_file()
    assert not (site / "sl").exists()


def test_make_serve_rebuilds_an_edited_practice_and_what_lists_it(tmp_path):
    """`make serve` (the default language alone) rebuilds only what an edit of practice files changes
    (adapter/serving.py): the edited page, the pages that list it, the search; a practice removed
    leaves; a vocabulary edited afterwards rebuilds everything again."""
    other = VALID_PRACTICE.replace("Test coordination body in Testtown", "Second body in Othertown") \
        .replace("place: Testtown", "place: Othertown")
    third = VALID_PRACTICE.replace("Test coordination body in Testtown", "Third course in Thirdtown") \
        .replace("place: Testtown", "place: Thirdtown").replace("countries: [SI]", "countries: [NO]") \
        .replace("themes: [coordination-bodies]", "themes: [language-learning]")
    project = make_project(tmp_path / "p", {"testtown.md": VALID_PRACTICE, "othertown.md": other, "thirdtown.md": third},
                           REPO / "vocabularies", ("en", "sl"))
    port = free_port()
    properdocs = Path(sys.executable).with_name("properdocs")
    server = subprocess.Popen([str(properdocs), "serve", "-f", "mkdocs.yml", "--dev-addr", f"127.0.0.1:{port}"],
                              cwd=project, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
                              env=dict(os.environ, NO_MKDOCS_2_WARNING="1", KB_DEFAULT_LANGUAGE_ONLY="true"))
    base = f"http://127.0.0.1:{port}/knowledge-base/"
    try:
        assert wait_for(lambda: "Second body in Othertown" in fetch(base + "practices/othertown/"), 60)
        assert wait_for(lambda: "pagefind" in fetch(base + "pagefind/pagefind.js"))
        path = project / "practices" / "testtown.md"
        path.write_text(path.read_text().replace("Test coordination body", "Renamed coordination body")
                        + "\nAn edited sentence.\n")
        assert wait_for(lambda: "An edited sentence." in fetch(base + "practices/testtown/"))
        assert "Renamed coordination body" in fetch(base + "practices/testtown/")
        # the pages that list it, and the practice it did not touch
        assert wait_for(lambda: "Renamed coordination body" in fetch(base + "themes/coordination-bodies/"))
        assert "Renamed coordination body" in fetch(base + "explore/")
        assert "Second body in Othertown" in fetch(base + "practices/othertown/")
        assert "Renamed coordination body" in fetch(base + "data/practices.json")
        assert "Renamed coordination body" in fetch(base + "practices/othertown/")  # among its related practices
        # a practice that comes to share a theme becomes a related practice of the others
        assert "Third course in Thirdtown" not in fetch(base + "practices/othertown/")
        path = project / "practices" / "thirdtown.md"
        path.write_text(path.read_text().replace("themes: [language-learning]", "themes: [coordination-bodies]"))
        assert wait_for(lambda: "Third course in Thirdtown" in fetch(base + "practices/othertown/"))
        # the search index, written again with every page: the unchanged one too
        assert wait_for(lambda: "pagefind" in fetch(base + "pagefind/pagefind.js"))
        assert not (project / "site").exists()
        (project / "practices" / "othertown.md").unlink()
        assert wait_for(lambda: "Second body in Othertown" not in fetch(base + "explore/"))
        assert wait_for(lambda: status(base + "practices/othertown/") == 404)
        themes = project / "vocabularies" / "themes.yml"
        themes.write_text(themes.read_text().replace("Coordination and advisory bodies", "Coordination councils"))
        assert wait_for(lambda: "Coordination councils" in fetch(base + "practices/testtown/"))
        assert "Coordination councils" in fetch(base + "themes/coordination-bodies/")
    finally:
        server.terminate()
        server.wait(timeout=10)
