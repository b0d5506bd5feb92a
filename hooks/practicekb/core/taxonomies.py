"""The ways practices are classified: one entry per taxonomy, used by every later step."""
from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Taxonomy:
    key: str  # also the URL folder of its term pages
    singular: str
    plural: str
    field: str  # the front-matter field that names its terms
    vocabulary_file: str | None  # None: the terms come from a library (countries)
    intro: str  # one line for the overview page
    neighbours: tuple[str, ...] = ()  # taxonomies a term page counts among its practices


TAXONOMIES: tuple[Taxonomy, ...] = (
    Taxonomy("countries", "Country", "Countries", "countries", None,
             "Where the practices take place. Country names come from the Unicode CLDR via Babel.", ("themes", "funders", "target-groups")),
    Taxonomy("themes", "Theme", "Themes", "themes", "themes.yml",
             "What the practices work on, grouped for browsing. The backbone is the Council of Europe Intercultural Cities topic list.", ("countries", "funders", "target-groups")),
    Taxonomy("target-groups", "Target group", "Target groups", "target_groups", "target-groups.yml",
             "Whom the practices serve or involve.", ("countries", "themes")),
    Taxonomy("practice-types", "Practice type", "Practice types", "practice_type", "practice-types.yml",
             "What kind of practice it is: a service, a body, a strategy, a training, a study.", ("countries", "themes")),
    Taxonomy("funders", "Funder", "Funders", "funding", "funders.yml",
             "Who paid for the practices, with the programmes of each funder.", ("countries", "themes")),
    Taxonomy("organisations", "Organisation", "Organisations", "organisations", "organisations.yml",
             "Who runs, supports or documented the practices.", ("countries", "themes", "projects")),
    Taxonomy("projects", "Source project", "Source projects", "projects", "projects.yml",
             "Projects that found, documented or transferred the practices.", ("countries", "themes", "organisations")),
    Taxonomy("evidence", "Evidence level", "Evidence levels", "evidence", "evidence.yml",
             "How well each practice is shown to work, on a ladder from described to replicated elsewhere.", ("countries", "themes")),
)

BY_KEY: dict[str, Taxonomy] = {t.key: t for t in TAXONOMIES}
VOCABULARY_TAXONOMIES = tuple(t for t in TAXONOMIES if t.vocabulary_file)
