"""The Nu HTML Checker (vnu, the W3C's validator; `make test` installs it, see the Makefile) over
every kind of page of the real site in every language, in one run: no error that our templates,
hooks or scripts' markup cause. Errors in the markup Material for MkDocs writes itself are let
through by exact message, each with the reason (ALLOWED); any other error fails the test."""
from __future__ import annotations

import json
import os
import shutil
import subprocess

import pytest

from conftest import REPO
from test_accessibility import LANGUAGES, prefix

VNU_JAR = os.environ.get("VNU_JAR") or str(REPO / ".venv" / "vnu" / "node_modules" / "vnu-jar" / "build" / "dist" / "vnu.jar")
PAGES = {
    "home": "",
    "practice": "practices/koper-coordination-body-for-migrant-inclusion/",
    "practice with many facts": "practices/bergen-inclusion-centre/",
    "translated practice": "practices/skofja-loka-council-for-inclusion/",
    "term": "themes/intercultural-mediation/",
    "organisation": "organisations/pina/",
    "overview": "themes/",
    "explore": "explore/",
    "form": "propose/",
    "data": "data/",
    "field reference": "contribute/fields/",
    "not found": "404.html",
    "map": "map/",
    "country with its map": "countries/si/",
}
# Material's own markup (material/templates, which the site extends and does not copy):
ALLOWED = {
    # base.html: autocomplete="off" on the drawer and search toggles, which are checkboxes
    "Attribute “autocomplete” is only allowed when the input type is “color”, “date”, “datetime-local”, “email”, "
    "“hidden”, “month”, “number”, “password”, “range”, “search”, “tel”, “text”, “time”, “url”, or “week”.",
    # partials/toc.html: the table of contents' title is a label for the "__toc" toggle, which
    # partials/nav-item.html writes only on pages listed in the navigation
    "The value of the “for” attribute of the “label” element must be the ID of a non-hidden form control.",
    # partials/nav-item.html: tabindex="" on a section's label
    "Bad value “” for attribute “tabindex” on element “label”: The empty string is not a valid integer.",
}


def files(site) -> list[str]:
    paths = []
    for language in LANGUAGES:
        for address in PAGES.values():
            path = site / prefix(language) / address
            paths.append(str(path if address.endswith(".html") else path / "index.html"))
    return paths


def vnu_errors(paths: list[str]) -> list[dict]:
    if shutil.which("java") is None:
        pytest.fail("Java (17 or later) is missing, so the HTML checker cannot run: `apt-get install -y "
                    "default-jre-headless`, then `make test`.", pytrace=False)
    if not os.path.isfile(VNU_JAR):
        pytest.fail(f"The HTML checker is missing ({VNU_JAR}): `make vnu` (or `make test`) installs it, "
                    "or set VNU_JAR=/path/to/vnu.jar.", pytrace=False)
    result = subprocess.run(["java", "-jar", VNU_JAR, "--errors-only", "--format", "json", *paths],
                            capture_output=True, text=True, timeout=600)
    return [m for m in json.loads(result.stderr or result.stdout)["messages"] if m["type"] in ("error", "non-document-error")]


def test_the_pages_our_templates_write_are_valid_html(real_site):
    paths = files(real_site)
    assert len(paths) == len(PAGES) * len(LANGUAGES) and all(os.path.isfile(p) for p in paths)
    errors = vnu_errors(paths)
    ours = [f"{e['url'].removeprefix('file:' + str(real_site))}:{e.get('lastLine')}: {e['message']} [{e.get('extract', '').strip()}]"
            for e in errors if e["message"] not in ALLOWED]
    assert ours == [], "\n".join(ours)
    assert {e["message"] for e in errors} <= ALLOWED


def test_the_checker_finds_what_the_issue_found(tmp_path):
    """The checker as run here does reject the two errors our templates had (a <meta> without a
    name, an empty <time>), so the test above can fail."""
    page = tmp_path / "page.html"
    page.write_text('<!doctype html><html lang="en"><head><meta charset="utf-8"><title>t</title>'
                    '<meta data-pagefind-meta="title[content]" content="t"></head>'
                    '<body><p>Printed on <time></time></p></body></html>', encoding="utf-8")
    messages = [e["message"] for e in vnu_errors([str(page)])]
    assert any("“meta” is missing one or more of the following attributes" in m for m in messages), messages
    assert any("“time”" in m for m in messages), messages
