"""`kb new`: the text of a new practice file, from a contributor's answers.

The file has every section heading with guidance in comments, and commented
examples of the optional fields, so that it passes `kb check` as soon as the body
text is written. Answers are checked against the same vocabularies first.
"""
from __future__ import annotations

import datetime as dt
import json
import re
import unicodedata
from dataclasses import dataclass, field

from ..core.countries import country_code_hint, country_codes
from ..core.problems import did_you_mean
from ..checks.schema import LEVELS, ROLES, SLUG_PATTERN, URL_PATTERN
from ..source.vocabularies import Vocabulary

SECTIONS = {
    "Context": "What problem or situation did the municipality face? Who lives there, what was missing?",
    "What was done": "Who did what, with whom, from when. Name organisations, not private persons.",
    "Results": "What came of it: numbers and evaluations, as the sources give them. Leave out what no source says.",
    "How to start it in your municipality": "Practical first steps for another town.",
    "Lessons": "What worked, what did not, what the makers would do differently.",
}


@dataclass
class Answers:
    title: str
    summary: str
    countries: list[str]
    themes: list[str]
    practice_type: str
    source_url: str
    source_title: str
    place: str = ""
    level: str = "municipal"
    start: int | None = None
    target_groups: list[str] = field(default_factory=list)
    organisations: list[tuple[str, str]] = field(default_factory=list)  # (id, role)
    evidence: str = "described"
    source_publisher: str = ""
    slug: str = ""


def slug_from_title(title: str) -> str:
    """ASCII, lowercase, hyphens: 'Škofja Loka council' -> 'skofja-loka-council'."""
    ascii_text = unicodedata.normalize("NFKD", title).encode("ascii", "ignore").decode()
    words = re.findall(r"[a-z0-9]+", ascii_text.lower())
    slug = ""
    for word in words:
        if len(slug) + len(word) + 1 > 60:
            break
        slug = f"{slug}-{word}" if slug else word
    return slug


def answer_problems(answers: Answers, vocabularies: dict[str, Vocabulary], existing_slugs: set[str],
                    former_slugs: dict[str, str] | None = None) -> list[str]:
    """Everything wrong with the answers, each with how to fix it. `former_slugs` maps each
    practice's former slug (aliases) to that practice's file: its address is taken too."""
    problems = []

    def known(option: str, taxonomy: str, value: str) -> None:
        ids = list(vocabularies[taxonomy].terms)
        if value not in ids:
            hint = did_you_mean(value, ids)
            problems.append(f"{option}: unknown id '{value}' ({hint or 'see vocabularies/' + taxonomy + '.yml'})")

    if len(answers.title.strip()) < 5:
        problems.append("--title: give the practice's name (at least 5 characters)")
    if len(answers.summary.strip()) < 40:
        problems.append("--summary: write one paragraph of at least 40 characters: problem, what was done, result")
    if not answers.countries:
        problems.append("--country: give at least one ISO 3166-1 alpha-2 code, e.g. SI")
    for code in answers.countries:
        if code not in country_codes():
            problems.append(f"--country: unknown country code '{code}' "
                            f"({country_code_hint(code) or 'use an ISO 3166-1 alpha-2 code, e.g. SI'})")
    if answers.level not in LEVELS:
        problems.append(f"--level: '{answers.level}' is not one of {', '.join(LEVELS)}")
    if not answers.themes:
        problems.append("--theme: give at least one theme id from vocabularies/themes.yml")
    for theme in answers.themes:
        known("--theme", "themes", theme)
    for group in answers.target_groups:
        known("--target-group", "target-groups", group)
    known("--practice-type", "practice-types", answers.practice_type)
    known("--evidence", "evidence", answers.evidence)
    for organisation, role in answers.organisations:
        known("--organisation", "organisations", organisation)
        if role not in ROLES:
            problems.append(f"--organisation: role '{role}' of {organisation} is not one of {', '.join(ROLES)}")
    if not re.match(URL_PATTERN, answers.source_url):
        problems.append(f"--source-url: '{answers.source_url}' is not a web address (write it in full, with https://)")
    if len(answers.source_title.strip()) < 3:
        problems.append("--source-title: give the title of the source document or page")
    if answers.start is not None and not 1900 <= answers.start <= 2100:
        problems.append(f"--start: {answers.start} is not a year between 1900 and 2100")
    if not re.match(SLUG_PATTERN, answers.slug):
        problems.append(f"--slug: '{answers.slug}' must be lowercase letters, digits and hyphens")
    elif answers.slug in existing_slugs:
        problems.append(f"--slug: practices/{answers.slug}.md already exists (choose another --slug, "
                        "or edit the existing practice)")
    elif answers.slug in (former_slugs or {}):
        problems.append(f"--slug: '{answers.slug}' is a former slug of {former_slugs[answers.slug]}, whose old "
                        "address leads there (choose another --slug)")
    return problems


def _q(value: str) -> str:
    """A YAML string that stays text whatever it contains (JSON strings are valid YAML)."""
    return json.dumps(value.strip(), ensure_ascii=False)


def _ids(values: list[str]) -> str:
    return "[" + ", ".join(values) + "]"


def practice_text(answers: Answers, today: dt.date) -> str:
    lines = [
        "---",
        f"title: {_q(answers.title)}",
        f"summary: {_q(' '.join(answers.summary.split()))}",
        f"countries: {_ids(answers.countries)}",
        f"place: {_q(answers.place)}" if answers.place else "# place: Exampletown     # municipality or region",
        f"level: {answers.level}",
        f"start: {answers.start}" if answers.start else "# start: 2021           # year it started",
        "# end: ongoing           # year it ended, or ongoing",
        "# mainstreamed: true     # it became a regular service after the project",
        f"themes: {_ids(answers.themes)}",
        f"target_groups: {_ids(answers.target_groups)}" if answers.target_groups
        else "# target_groups: [refugees]   # ids from vocabularies/target-groups.yml",
        f"practice_type: {answers.practice_type}",
        "# funding:               # ids from vocabularies/funders.yml",
        "#   - funder: amif",
        "#     grant_id: \"101038534\"",
        "#     amount: 8442",
        "#     currency: EUR",
    ]
    if answers.organisations:
        lines.append("organisations:")
        lines += [f"  - {{id: {organisation}, role: {role}}}" for organisation, role in answers.organisations]
    else:
        lines += ["# organisations:         # ids from vocabularies/organisations.yml",
                  "#   - {id: pina, role: lead}"]
    lines += [
        "# projects: [includ-eu]  # ids from vocabularies/projects.yml",
        f"evidence: {answers.evidence}     # described, running, monitored, evaluated or replicated",
        "sources:                # every fact on the page must be in a source",
        f"  - title: {_q(answers.source_title)}",
        f"    publisher: {_q(answers.source_publisher)}" if answers.source_publisher else "    # publisher: Who published it",
        f"    url: {_q(answers.source_url)}",
        "    # date: \"2022-03-24\"  # YYYY, YYYY-MM or YYYY-MM-DD",
        "# last_verified: \"YYYY-MM-DD\"  # set by the maintainer who checks the facts against the sources",
        "status: active           # active, ended or archived",
        "# contact:               # an organisation, never a private person",
        "#   organisation: pina",
        "---",
        "",
    ]
    for heading, guidance in SECTIONS.items():
        lines += [f"## {heading}", "", f"<!-- {guidance} -->", ""]
    return "\n".join(lines)
