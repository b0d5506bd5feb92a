"""The ways practices are classified: one entry per taxonomy, used by every later step."""
from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Taxonomy:
    key: str  # also the URL folder of its term pages
    singular: str  # in the checker's English messages; readers see translations/<lang>.yml's taxonomy.<key>.*
    field: str  # the front-matter field that names its terms
    vocabulary_file: str | None  # None: the terms come from a library (countries)
    neighbours: tuple[str, ...] = ()  # taxonomies a term page counts among its practices


TAXONOMIES: tuple[Taxonomy, ...] = (
    Taxonomy("countries", "Country", "countries", None, ("themes", "funders", "target-groups")),
    Taxonomy("themes", "Theme", "themes", "themes.yml", ("countries", "funders", "target-groups")),
    Taxonomy("target-groups", "Target group", "target_groups", "target-groups.yml", ("countries", "themes")),
    Taxonomy("practice-types", "Practice type", "practice_type", "practice-types.yml", ("countries", "themes")),
    Taxonomy("funders", "Funder", "funding", "funders.yml", ("countries", "themes")),
    Taxonomy("organisations", "Organisation", "organisations", "organisations.yml", ("countries", "themes", "projects")),
    Taxonomy("projects", "Source project", "projects", "projects.yml", ("countries", "themes", "organisations")),
    Taxonomy("evidence", "Evidence level", "evidence", "evidence.yml", ("countries", "themes")),
)

BY_KEY: dict[str, Taxonomy] = {t.key: t for t in TAXONOMIES}
VOCABULARY_TAXONOMIES = tuple(t for t in TAXONOMIES if t.vocabulary_file)
