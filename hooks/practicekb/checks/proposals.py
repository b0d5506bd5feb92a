"""What a proposal still needs before it is published, in words a contributor and a reviewer follow.

A proposal (from the form on the site, by e-mail or from an issue) carries no `last_verified`: that
date says an editor checked the facts against the sources, which only a review does. It may also
carry `new_organisations`, the vocabulary entries of organisations the site does not know yet,
which belong in vocabularies/organisations.yml, not in the practice.
"""
from __future__ import annotations

import json
from typing import Any, Iterable

from ..core.problems import Problem
from ..source.load import PracticeSource

NEW_ORGANISATIONS = "new_organisations"  # the front matter key of a proposal's new vocabulary entries
ORGANISATION_FIELDS = ("id", "type", "country", "label", "description", "url")
VERIFY_HINT = ("on review, open every source and check each fact against it, then add "
               "`last_verified: \"YYYY-MM-DD\"` with the date of that check; the site publishes a practice only then")


def unverified_problems(files: Iterable[tuple[str, Any]]) -> list[Problem]:
    """Practices nobody has verified yet (no last_verified), given as (path, front matter): `kb check`
    lists them as notes, the build refuses to publish them."""
    return [Problem(path, 1, "last_verified", "not set: no maintainer has checked this practice yet", VERIFY_HINT)
            for path, data in files if isinstance(data, dict) and "last_verified" not in data]


def organisation_entry_yaml(entry: dict[str, Any]) -> str:
    """One term of vocabularies/organisations.yml, in that file's layout (JSON strings are YAML)."""
    lines = []
    for key in ORGANISATION_FIELDS:
        if key not in entry or entry[key] in (None, "", {}):
            continue
        value = entry[key]
        if isinstance(value, dict):
            text = "{" + ", ".join(f"{language}: {json.dumps(str(words), ensure_ascii=False)}"
                                   for language, words in value.items()) + "}"
        else:
            text = json.dumps(str(value), ensure_ascii=False) if key in ("label", "description") else str(value)
        lines.append(f"{'  - ' if not lines else '    '}{key}: {text}")
    return "\n".join(lines) + "\n"


def new_organisation_problems(source: PracticeSource, known: set[str]) -> list[Problem]:
    """Each proposed organisation, with the entry to copy into vocabularies/organisations.yml."""
    document = source.front_matter
    entries = document.data.get(NEW_ORGANISATIONS) if isinstance(document.data, dict) else None
    if entries is None:
        return []
    if not isinstance(entries, list):
        return [Problem(source.path, document.line_of((NEW_ORGANISATIONS,)), NEW_ORGANISATIONS,
                        "should be a list of organisations", "write each as '- id: …' with type, country, label, "
                        "description and url, or remove the field")]
    problems = []
    for index, entry in enumerate(entries):
        field = f"{NEW_ORGANISATIONS}[{index + 1}]"
        line = document.line_of((NEW_ORGANISATIONS, index))
        if not isinstance(entry, dict) or not isinstance(entry.get("id"), str):
            problems.append(Problem(source.path, line, field, "is not an organisation entry",
                                    "give it an id, type, country, label, description and url"))
            continue
        label = entry.get("label")
        name = label.get("en") if isinstance(label, dict) else entry["id"]
        if entry["id"] in known:
            problems.append(Problem(source.path, line, field, f"'{entry['id']}' is already in vocabularies/organisations.yml",
                                    f"remove this entry from {NEW_ORGANISATIONS}; the practice can name it as it is"))
            continue
        entry_text = " / ".join(line.strip() for line in organisation_entry_yaml(entry).splitlines())
        problems.append(Problem(
            source.path, line, field, f"'{name}' is a new organisation, not yet in vocabularies/organisations.yml",
            f"add it there: copy this entry to the end of the terms list, one field a line, indented as the others: "
            f"{entry_text}; check its type, country and address on its own site and write the description from a "
            f"source; then delete {NEW_ORGANISATIONS} from this file"))
    return problems
