"""Every practice page suggests a citation: its organisations (lead first) as authors, the year it
was last verified, title, site name, full address and "accessed" with the date of access."""
from __future__ import annotations

import pytest

from conftest import VALID_PRACTICE, build_site, make_project
from published import expected_citation
from sitepages import page
from test_build import SLUGS

PLACEHOLDER = "[date of access]"


@pytest.mark.parametrize("slug", SLUGS)
def test_every_practice_page_suggests_its_citation(real_site, slug):
    share = page(real_site, f"practices/{slug}/").select_one(".kb-share")
    citation = share.select_one("#kb-citation")
    assert citation.get_text() == expected_citation(slug, PLACEHOLDER)
    assert citation.select_one("[data-kb-today]").get_text() == PLACEHOLDER  # share.js writes today's date here
    button = share.find("button", string="Copy citation")
    assert button["data-kb-copy-from"] == "kb-citation"


def test_lead_organisation_comes_first_and_a_practice_without_organisations_is_cited_to_the_site(tmp_path):
    lead_last = VALID_PRACTICE.replace("  - {id: pina, role: lead}\n",
                                       "  - {id: iom-slovenia, role: partner}\n  - {id: pina, role: lead}\n")
    no_organisations = VALID_PRACTICE.replace("organisations:\n  - {id: pina, role: lead}\n", "") \
        .replace("Test coordination body in Testtown", "Test advisory council in Testtown")
    project = make_project(tmp_path / "p", {"lead-last.md": lead_last, "nobody.md": no_organisations})
    assert build_site(project, tmp_path / "site").returncode == 0
    for slug in ("lead-last", "nobody"):
        text = page(tmp_path / "site", f"practices/{slug}/").select_one("#kb-citation").get_text()
        assert text == expected_citation(slug, PLACEHOLDER, root=project)
    assert page(tmp_path / "site", "practices/lead-last/").select_one("#kb-citation").get_text().startswith("PiNA")
