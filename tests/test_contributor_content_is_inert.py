"""Jinja in a practice is shown as text and never evaluated, whatever the practice asks for."""
from __future__ import annotations

import tempfile
from pathlib import Path

import jinja2

from conftest import VALID_PRACTICE, build_site, make_project, run_kb
from sitepages import page


def os_reaching_expression(marker) -> str:
    return "{{ lipsum.__globals__['os'].popen('touch " + str(marker) + "').read() }}"


def test_the_expression_would_reach_the_operating_system_if_evaluated(tmp_path):
    marker = tmp_path / "evaluated"
    jinja2.Environment().from_string(os_reaching_expression(marker)).render()
    assert marker.exists()  # so the build test below would notice an evaluation


def test_jinja_in_a_practice_is_shown_as_text(tmp_path):
    # A short marker path: `place` holds at most 120 characters, and pytest's own folders grow long.
    with tempfile.TemporaryDirectory(prefix="kb-") as short:
        check_jinja_is_shown_as_text(tmp_path, Path(short) / "pwned")


def check_jinja_is_shown_as_text(tmp_path, marker):
    expression = os_reaching_expression(marker)
    practice = (VALID_PRACTICE
                .replace("title: Test coordination body in Testtown", "title: 'Testtown {{ 7 * 7 }} body'")
                .replace("place: Testtown", f'place: "{expression}"')
                .replace("Testtown had no place where services met.",
                         f"Testtown had no place where services met. {expression}\n\n{{% for x in range(3) %}}loop{{% endfor %}}"))
    project = make_project(tmp_path / "project", {"testtown.md": practice})
    assert run_kb(project, "check").returncode == 0
    result = build_site(project, tmp_path / "site")
    assert result.returncode == 0, result.stderr
    assert not marker.exists()
    soup = page(tmp_path / "site", "practices/testtown/")
    text = soup.get_text()
    assert "Testtown {{ 7 * 7 }} body" in soup.find("h1").get_text()
    assert "popen('touch" in text
    assert "{% for x in range(3) %}loop{% endfor %}" in text
    assert "looplooploop" not in text


def test_a_practice_cannot_switch_macro_rendering_on(tmp_path):
    marker = tmp_path / "pwned"
    practice = VALID_PRACTICE.replace("status: active", "status: active\nrender_macros: true").replace(
        "Testtown had no place where services met.", os_reaching_expression(marker))
    project = make_project(tmp_path / "project", {"testtown.md": practice})
    result = run_kb(project, "check")
    assert result.returncode == 1
    assert "render_macros: unknown field" in result.stdout
    assert build_site(project, tmp_path / "site").returncode != 0
    assert not marker.exists()
