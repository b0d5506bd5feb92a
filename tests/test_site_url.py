"""QR codes, citations, the feed and the open data give absolute addresses, so a build without a
usable site_url fails, saying which setting to fix and how, and exits non-zero."""
from __future__ import annotations

import re

import pytest

from conftest import VALID_PRACTICE, build_site, make_project


@pytest.mark.parametrize("setting, problem", [
    ("", "site_url: is not set"),
    ("site_url: ftp://example.org/kb/\n", "site_url: 'ftp://example.org/kb/' is not an http(s) address"),
])
def test_build_without_a_usable_site_url_fails_clearly(tmp_path, setting, problem):
    project = make_project(tmp_path / "p", {"testtown.md": VALID_PRACTICE})
    config = project / "mkdocs.yml"
    config.write_text(re.sub(r"(?m)^site_url: .*\n", setting, config.read_text(encoding="utf-8")), encoding="utf-8")
    result = build_site(project, tmp_path / "site")
    assert result.returncode != 0
    assert f"mkdocs.yml: {problem}" in result.stderr
    assert "set it to the address the site is published at" in result.stderr
    assert not (tmp_path / "site" / "feed.xml").exists()
