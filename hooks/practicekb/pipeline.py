"""load -> validate -> model, shared by the build and the command line."""
from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from pathlib import Path

from .load import load_practices, load_yaml_file, relative
from .model import KnowledgeBase, Practice, build_knowledge_base
from .problems import Problem, ProblemsFound
from .taxonomies import VOCABULARY_TAXONOMIES
from .validate import validate_practices, validate_vocabulary
from .vocabularies import Vocabulary, vocabulary_from_data


@dataclass(frozen=True)
class ProjectPaths:
    root: Path
    practices: Path
    vocabularies: Path

    @classmethod
    def at(cls, root: Path | str, practices: Path | str | None = None,
           vocabularies: Path | str | None = None) -> "ProjectPaths":
        root = Path(root)
        return cls(root, Path(practices) if practices else root / "practices",
                   Path(vocabularies) if vocabularies else root / "vocabularies")


def load_vocabularies(paths: ProjectPaths) -> tuple[dict[str, Vocabulary], list[Problem]]:
    vocabularies: dict[str, Vocabulary] = {}
    problems: list[Problem] = []
    for taxonomy in VOCABULARY_TAXONOMIES:
        path = paths.vocabularies / taxonomy.vocabulary_file
        document, found = load_yaml_file(path, paths.root)
        problems += found
        if document is None:
            vocabularies[taxonomy.key] = Vocabulary(taxonomy.key, {})
            continue
        found = validate_vocabulary(taxonomy.key, document, relative(path, paths.root))
        problems += found
        if found:
            vocabularies[taxonomy.key] = Vocabulary(taxonomy.key, {
                t["id"]: None for t in document.data.get("terms", []) or []
                if isinstance(t, dict) and isinstance(t.get("id"), str)})
        else:
            vocabularies[taxonomy.key] = vocabulary_from_data(taxonomy.key, document.data)
    return vocabularies, problems


def check(paths: ProjectPaths, today: dt.date | None = None) -> tuple[KnowledgeBase | None, list[Problem]]:
    """Every problem in the project's files, and the knowledge base if there are none."""
    vocabularies, problems = load_vocabularies(paths)
    sources, found = load_practices(paths.practices, paths.root)
    problems += found
    problems += validate_practices(sources, vocabularies, today)
    if problems:
        return None, sorted(problems)
    practices = [Practice(s.slug, s.path, s.front_matter.data, s.body, s.body_line) for s in sources]
    return build_knowledge_base(practices, vocabularies), []


def knowledge_base(paths: ProjectPaths, today: dt.date | None = None) -> KnowledgeBase:
    """The knowledge base, or ProblemsFound listing everything wrong."""
    kb, problems = check(paths, today)
    if problems:
        raise ProblemsFound(problems)
    return kb
