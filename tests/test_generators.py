"""The site is built with ProperDocs (the maintained fork of MkDocs 1.x), as `make serve` and
`make build` do, and `mkdocs build` keeps working while Material needs the mkdocs package."""
from __future__ import annotations

from bs4 import BeautifulSoup

from conftest import REPO, VALID_PRACTICE, build_site, make_project


def generator(page) -> str:
    return BeautifulSoup(page.read_text(encoding="utf-8"), "html.parser").find("meta", attrs={"name": "generator"})["content"]


def test_the_real_site_is_built_by_properdocs_in_every_language(real_site):
    for language in ("", "sl/", "sk/", "lt/", "nb/"):
        assert "ProperDocs 1.6" in generator(real_site / language / "index.html"), language  # Material writes "mkdocs-ProperDocs 1.6.x"
        assert (real_site / language / "practices" / "skofja-loka-council-for-inclusion" / "index.html").is_file()


def test_mkdocs_builds_the_same_project(tmp_path):
    project = make_project(tmp_path / "p", {"testtown.md": VALID_PRACTICE}, REPO / "vocabularies", ("en", "sl"))
    built = {}
    for name in ("mkdocs", "properdocs"):
        result = build_site(project, tmp_path / name, generator=name)
        assert result.returncode == 0, result.stderr
        built[name] = tmp_path / name / "practices" / "testtown" / "index.html"
    assert generator(built["mkdocs"]).startswith("mkdocs-1.6")
    assert "ProperDocs 1.6" in generator(built["properdocs"])
    for name, page in built.items():
        text = page.read_text(encoding="utf-8")
        assert "Test coordination body" in text, name
        assert (page.parents[2] / "sl" / "practices" / "testtown" / "index.html").is_file(), name
