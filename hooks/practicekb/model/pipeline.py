"""load -> validate -> model, shared by the build and the command line."""
from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from pathlib import Path

from ..checks.bodylinks import body_link_problems, site_files
from ..checks.catalogue import Catalogue, check_catalogues
from ..core.languages import language_problems, read_config, configured_languages, DEFAULT_LANGUAGES
from ..source.load import KeptReads, PracticeSource, docs_files, load_practices, load_yaml_file, relative
from .model import KnowledgeBase, Practice, build_knowledge_base
from ..core.problems import Problem, ProblemsFound
from ..core.taxonomies import VOCABULARY_TAXONOMIES
from ..checks.faithful import translation_number_problems
from ..checks.translations import (PracticeTranslation, docs_name_problems, page_translation_problems,
                                    practice_translation_problems)
from ..source.translation_files import read_catalogue_files, read_page_translations, read_practice_translations
from ..checks.proposals import unverified_problems
from ..checks.validate import validate_practices
from ..checks.vocabulary_checks import validate_vocabulary, vocabulary_language_problems
from ..checks.places import location_problems, places_problems
from ..source.boundaries import BOUNDARIES_FILE, Boundaries, BoundariesMissing, read_boundaries
from ..source.places import PLACES_FILE, Place, places_from_data
from ..source.vocabularies import Vocabulary, vocabulary_from_data


@dataclass(frozen=True)
class ProjectPaths:
    root: Path
    practices: Path
    vocabularies: Path
    config: Path  # mkdocs.yml: the site's languages and the texts of the navigation
    docs: Path  # hand-written pages and their translations
    boundaries: Path  # the map's country boundaries (world-atlas, fetched by make)

    @classmethod
    def at(cls, root: Path | str, practices: Path | str | None = None,
           vocabularies: Path | str | None = None, config: Path | str | None = None) -> "ProjectPaths":
        root = Path(root)
        return cls(root, Path(practices) if practices else root / "practices",
                   Path(vocabularies) if vocabularies else root / "vocabularies",
                   Path(config) if config else root / "mkdocs.yml", root / "docs", root / BOUNDARIES_FILE)


@dataclass(frozen=True)
class Interface:
    """The site's languages (the default first) and the interface strings in each."""

    languages: tuple[str, ...]
    catalogues: dict[str, Catalogue]


def load_interface(paths: ProjectPaths) -> tuple[Interface, list[Problem]]:
    """Languages from mkdocs.yml, and every language's catalogue of interface strings, checked."""
    try:
        config = read_config(paths.config.parent, paths.config.name)
    except Exception as error:  # noqa: BLE001 - any YAML error: report it as a problem, never a traceback
        mark = getattr(error, "problem_mark", None)
        return Interface(DEFAULT_LANGUAGES, {}), [Problem(relative(paths.config, paths.root),
                                                          mark.line + 1 if mark else 1, "YAML",
                                                          f"cannot be read: {getattr(error, 'problem', None) or error}",
                                                          "check indentation and colons on this line")]
    value = configured_languages(config)
    problems = language_problems(value, relative(paths.config, paths.root))
    languages = DEFAULT_LANGUAGES if problems else tuple(value)
    catalogues, found = check_catalogues(read_catalogue_files(paths.root, languages), languages, config)
    return Interface(languages, catalogues), problems + found


def load_vocabularies(paths: ProjectPaths, languages: tuple[str, ...] = DEFAULT_LANGUAGES,
                      kept: KeptReads | None = None) -> tuple[dict[str, Vocabulary], list[Problem]]:
    """Every vocabulary, checked (with `kept`, a preview's, read again only when its file changed)."""
    vocabularies: dict[str, Vocabulary] = {}
    problems: list[Problem] = []
    for taxonomy in VOCABULARY_TAXONOMIES:
        path = paths.vocabularies / taxonomy.vocabulary_file
        read = lambda key=taxonomy.key, path=path: load_vocabulary(key, path, paths.root, languages)  # noqa: E731
        vocabularies[taxonomy.key], found = (kept.value(path, f"vocabulary {','.join(languages)}", read)
                                             if kept is not None and path.is_file() else read())
        problems += found
    return vocabularies, problems


def load_vocabulary(key: str, path: Path, root: Path, languages: tuple[str, ...]) -> tuple[Vocabulary, list[Problem]]:
    document, problems = load_yaml_file(path, root)
    if document is None:
        return Vocabulary(key, {}), problems
    found = validate_vocabulary(key, document, relative(path, root))
    found += vocabulary_language_problems(key, document, relative(path, root), languages)
    if found:
        terms = document.data.get("terms") if isinstance(document.data, dict) else None
        return Vocabulary(key, {t["id"]: None for t in terms if isinstance(t, dict) and isinstance(t.get("id"), str)}
                          if isinstance(terms, list) else {}), problems + found
    return vocabulary_from_data(key, document.data), problems


def load_places(paths: ProjectPaths, kept: KeptReads | None = None) -> tuple[dict[str, Place], Boundaries | None, list[Problem]]:
    """The gazetteer (optional) and the boundaries when they are there: kb check runs without them, the
    build asks for them (adapter/site.py); a place is checked against its country's box when both are read."""
    boundaries, problems = None, []
    if paths.boundaries.is_file():
        try:
            read = lambda: read_boundaries(paths.boundaries, relative(paths.boundaries, paths.root))  # noqa: E731
            boundaries = kept.value(paths.boundaries, "boundaries", read) if kept is not None else read()
        except BoundariesMissing as error:
            problems.append(Problem(relative(paths.boundaries, paths.root), 1, "boundaries", str(error).split(": ", 1)[-1],
                                    "fetch it again"))
    path = paths.vocabularies / PLACES_FILE
    if not path.is_file():
        return {}, boundaries, problems
    document, found = load_yaml_file(path, paths.root)
    problems += found
    if document is None:
        return {}, boundaries, problems
    found = places_problems(document, relative(path, paths.root), boundaries.bbox if boundaries else None)
    if found:  # the ids that are there still count, so practices naming them are not reported too
        items = document.data.get("places") if isinstance(document.data, dict) else None
        return ({item["id"]: None for item in items if isinstance(item, dict) and isinstance(item.get("id"), str)}
                if isinstance(items, list) else {}), boundaries, problems + found
    return places_from_data(document.data), boundaries, problems


def link_problems(docs: list[str], sources: list[PracticeSource], translations: list[PracticeTranslation],
                  vocabularies: dict[str, Vocabulary]) -> list[Problem]:
    """Links and images in bodies (practices and translations) that lead to no page or file of the site
    (`docs`: the files of docs/, docs_files)."""
    term_pages = [f"{key}/{term_id}.md" for key, vocabulary in vocabularies.items() for term_id in vocabulary.terms]
    term_pages += [f"countries/{code.lower()}.md" for source in sources
                   for code in source.front_matter.data.get("countries") or () if isinstance(code, str)]
    files = site_files([source.slug for source in sources], term_pages, docs)
    return [problem for item in (*sources, *translations)
            for problem in body_link_problems(item.path, item.body, item.body_line, files)]


def check(paths: ProjectPaths, today: dt.date | None = None, publishing: bool = True,
          kept: KeptReads | None = None) -> tuple[KnowledgeBase | None, list[Problem]]:
    """Every problem in the project's files, and the knowledge base if there are none. Publishing (the
    build), a practice no maintainer has verified yet is one; `kb check` (publishing=False) lists those
    as notes (proposals.unverified_problems). `kept`: practice files an earlier build of this
    process read (a preview's rebuild reads only the changed ones again)."""
    interface, problems = load_interface(paths)
    vocabularies, found = load_vocabularies(paths, interface.languages, kept)
    problems += found
    sources, found = load_practices(paths.practices, paths.root, kept)
    problems += found
    places, boundaries, found = load_places(paths, kept)
    problems += found
    translation_files = read_practice_translations(paths.practices, paths.root, kept)
    page_files, outside_docs = read_page_translations(paths.docs, paths.root)
    # everything is read: now every check, each on what was read
    problems += validate_practices(sources, vocabularies, today, kept)
    problems += location_problems(sources, places, relative(paths.vocabularies / PLACES_FILE, paths.root))
    if publishing:
        problems += unverified_problems((source.path, source.front_matter.data) for source in sources)
    translations, found = practice_translation_problems(translation_files, interface.languages, sources)
    problems += found
    problems += translation_number_problems(translations, sources)
    docs = docs_files(paths.docs)
    problems += link_problems(docs, sources, translations, vocabularies)
    problems += page_translation_problems(page_files, outside_docs, interface.languages)
    problems += docs_name_problems(docs, relative(paths.docs, paths.root))
    if problems:
        return None, sorted(set(problems))
    practices = [Practice(s.slug, s.path, s.front_matter.data, s.body, s.body_line) for s in sources]
    kb = build_knowledge_base(practices, vocabularies, translations, interface.languages, kept)
    kb.interface = interface
    kb.places, kb.boundaries = places, boundaries
    return kb, []


def knowledge_base(paths: ProjectPaths, today: dt.date | None = None, kept: KeptReads | None = None) -> KnowledgeBase:
    """The knowledge base, or ProblemsFound listing everything wrong."""
    kb, problems = check(paths, today, kept=kept)
    if problems:
        raise ProblemsFound(problems)
    return kb
