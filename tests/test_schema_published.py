"""One schema: it validates, it is served on the site, and it writes the field reference."""
from __future__ import annotations

import json
import shutil

import jsonschema
import yaml

from conftest import FIXTURE_VOCABULARIES, VALID_PRACTICE, build_site, make_project, run_kb
from sitepages import page


def test_served_schema_matches_the_checker_and_follows_the_vocabularies(tmp_path):
    vocabularies = tmp_path / "vocabularies"
    shutil.copytree(FIXTURE_VOCABULARIES, vocabularies)
    with (vocabularies / "themes.yml").open("a", encoding="utf-8") as themes:
        themes.write('  - id: sport-and-leisure\n    group: connect\n    label: {en: "Sport"}\n'
                     '    description: {en: "Clubs and leisure."}\n')
    practice = VALID_PRACTICE.replace("[coordination-bodies]", "[coordination-bodies, sport-and-leisure]")
    project = make_project(tmp_path / "p", {"testtown.md": practice}, vocabularies=vocabularies)
    assert run_kb(project, "check").returncode == 0
    assert build_site(project, tmp_path / "site").returncode == 0

    schema = json.loads((tmp_path / "site" / "schema" / "practice.schema.json").read_text(encoding="utf-8"))
    jsonschema.Draft202012Validator.check_schema(schema)
    assert "sport-and-leisure" in schema["properties"]["themes"]["items"]["enum"]
    front_matter = yaml.safe_load(practice.split("---")[1])
    assert list(jsonschema.Draft202012Validator(schema).iter_errors(front_matter)) == []
    broken = dict(front_matter, themes=["no-such-theme"], colour="blue")
    assert len(list(jsonschema.Draft202012Validator(schema).iter_errors(broken))) == 2

    fields = page(tmp_path / "site", "contribute/fields/")
    rows = {row["id"].removeprefix("field-") for row in fields.select("tr[id^=field-]")}
    assert set(schema["properties"]) | {"funding-funder", "funding-grant_id", "sources-url", "organisations-role"} <= rows
    assert len(rows) == len(fields.select("tr[id^=field-]"))  # each id once: a part's is its field's and its own
    required_row = fields.find("tr", id="field-evidence")
    assert required_row.find_all("td")[1].get_text() == "yes"
    link = fields.find("a", string="JSON Schema")
    assert link["href"] == "../../schema/practice.schema.json"
