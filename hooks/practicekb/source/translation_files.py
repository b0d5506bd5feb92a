"""Translation files as read, before anything is checked: `<slug>.<code>.md` beside a practice,
`<page>.<code>.md` beside a hand-written page and the interface strings in translations/<code>.yml. Reading never judges: it keeps what could be read
(the text, the front matter with its lines, the body) and why a file could not be read at all."""
from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from ..core.languages import translation_of
from ..core.problems import Problem
from .load import (KeptReads, PracticeSource, load_yaml_file, outside_repository, practice_translation_paths,
                   read_front_matter_file, read_text, relative)
from .yamlsource import YamlDocument

CATALOGUE_FOLDER = "translations"  # translations/<code>.yml: the interface strings of each language


@dataclass(frozen=True)
class TranslationFile:
    path: Path
    shown: str  # relative to the project root
    named: tuple[str, str] | None  # (stem, language) from the file name; None: a name of no known shape
    text: str | None = None  # the whole text (page translations), when it could be read
    source: PracticeSource | None = None  # front matter and body, when there is front matter and it parses
    problems: tuple[Problem, ...] = ()  # why it could not be read: outside the repository, encoding, YAML


def read_practice_translations(practices_dir: Path, root: Path, kept: KeptReads | None = None) -> list[TranslationFile]:
    """Every `<slug>.<code>.md` (and any other name with more than one dot) in practices/."""
    files = []
    for path in practice_translation_paths(practices_dir):
        shown = relative(path, root)
        if outside := outside_repository(path, root):
            files.append(TranslationFile(path, shown, None, problems=(outside,)))
            continue
        named = translation_of(path.name)
        if named is None:  # what the file is meant to be is unknown: it is not read
            files.append(TranslationFile(path, shown, None))
            continue
        source, problems = kept.read(path, shown) if kept is not None else read_front_matter_file(path, shown)
        files.append(TranslationFile(path, shown, named, source=source, problems=tuple(problems)))
    return files


def read_page_translations(docs_dir: Path, root: Path) -> tuple[list[TranslationFile], list[Problem]]:
    """Every `<page>.<code>.md` in docs/, read; and every file of docs/ that leads out of the repository."""
    if not docs_dir.is_dir():
        return [], []
    outside = [problem for path in sorted(docs_dir.rglob("*")) if (problem := outside_repository(path, root))]
    files = []
    for path in sorted(docs_dir.rglob("*.md")):
        named = translation_of(path.name)
        if named is None or outside_repository(path, root):
            continue
        shown = relative(path, root)
        text, problems = read_text(path, shown)
        source = None
        if text is not None and text.startswith("---"):
            source, problems = read_front_matter_file(path, shown)
        files.append(TranslationFile(path, shown, named, text=text, source=source, problems=tuple(problems)))
    return files, outside


def read_catalogue_files(root: Path, languages: tuple[str, ...]) -> dict[str, tuple[YamlDocument | None, list[Problem]]]:
    """translations/<code>.yml of English (the reference) and of every language, as read."""
    folder = Path(root) / CATALOGUE_FOLDER
    return {code: load_yaml_file(folder / f"{code}.yml", root) for code in dict.fromkeys(("en", *languages))}
