"""Translation files: `<slug>.<code>.md` beside a practice, `<page>.<code>.md` beside a hand-written page.

A practice's translation holds only the words (title, summary, body) and who translated it
when; every fact stays in the original file and is inherited, so a translation can never
contradict it. A page's translation is a whole page that replaces the original in that
language. The files are read by source/translation_files.py; these checks never raise: every
problem is reported with its file and line.
"""
from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass
from pathlib import Path

from ..core.languages import language_name
from ..source.load import PracticeSource
from ..source.translation_files import TranslationFile
from ..core.problems import Problem, did_you_mean
from .safety import unsafe_html_problems
from .textchecks import value_problems
from .schema import DATE_PATTERN, REQUIRED as FACT_REQUIRED, SLUG_PATTERN, practice_schema

FIELDS = {  # field: what to write
    "title": "the practice's name in this language",
    "summary": "the summary paragraph in this language",
    "translator": "who translated it: a name or an organisation (optional)",
    "translated": "the date of the translation, YYYY-MM-DD (optional)",
}
REQUIRED = ("title", "summary")
# A hand-written page's translation: its words, who translated it, and which of Material's parts
# the page hides; nothing else of the page (mkdocs-macros, the template) comes from a translation.
PAGE_FIELDS = {
    "title": "the page's title in this language (optional)",
    "description": "the page's one-line description in this language (optional)",
    "translator": "who translated it (optional)",
    "translated": "the date of the translation, YYYY-MM-DD (optional)",
    "hide": "the parts of the page to hide, as in the original, e.g. [navigation, toc] (optional)",
}
HIDEABLE = ("navigation", "toc", "footer", "path", "tags", "feedback")


def valid_hide(value: object) -> bool:
    return isinstance(value, list) and all(item in HIDEABLE for item in value)
LIMITS = {"title": (5, 150), "summary": (40, 800)}  # the same as for the original


@dataclass(frozen=True)
class PracticeTranslation:
    slug: str
    language: str
    path: str  # relative to the project root
    title: str
    summary: str
    body: str
    body_line: int
    translator: str = ""
    translated: str = ""
    title_line: int = 1  # where the title and the summary start in the file
    summary_line: int = 1


def fact_fields() -> set[str]:
    """Every field of a practice's front matter that is a fact (all but the words)."""
    return (set(practice_schema({})["properties"]) | set(FACT_REQUIRED)) - {"title", "summary"}


def practice_translation_problems(files: list[TranslationFile], languages: tuple[str, ...],
                                  originals: list[PracticeSource]) -> tuple[list[PracticeTranslation], list[Problem]]:
    """Every translation file of practices/ (as read), checked; those without problems are returned."""
    by_slug = {source.slug: source for source in originals}
    translations: list[PracticeTranslation] = []
    problems: list[Problem] = []
    facts = fact_fields()
    for file in files:
        shown = file.shown
        if file.named is None:
            if file.problems:  # a link out of the repository: not read at all
                problems += file.problems
                continue
            # 'p..md', 'a.b.c.md': what the file is meant to be is unknown, so only its name is reported
            problems.append(Problem(shown, 1, "file name", f"'{file.path.name}' is neither a practice nor a translation",
                                    "rename it: a practice is <slug>.md, its translation <slug>.<language>.md"))
            continue
        slug, code = file.named
        found = name_problems(shown, slug, code, languages, "practice")
        original = by_slug.get(slug)
        if original is None and re.match(SLUG_PATTERN, slug):
            found.append(Problem(shown, 1, "file name", f"there is no practice '{slug}' to translate",
                                 (did_you_mean(slug, by_slug) + " " if did_you_mean(slug, by_slug) else "")
                                 + "name a translation after its practice's file: <slug>.<language>.md"))
        elif original is not None and Path(original.path).parent != Path(shown).parent:
            found.append(Problem(shown, 1, "file name", f"is not beside its practice {original.path}",
                                 "move it into the same folder"))
        elif original is not None and code == (original.front_matter.data.get("language") or "en"):
            found.append(Problem(shown, 1, "file name", f"{original.path} is already written in {language_name(code, 'en')}",
                                 "a translation is into another language; remove this file or rename it"))
        translation, more = (None, list(file.problems)) if file.source is None else \
            checked_translation(file.source, shown, slug, code, facts)
        problems += found + more
        if translation is not None and not found and not more:
            translations.append(translation)
    return translations, problems


def name_problems(shown: str, stem: str, code: str, languages: tuple[str, ...], what: str) -> list[Problem]:
    problems = []
    others = [c for c in languages if c != languages[0]] if what == "page" else list(languages)
    if code not in others:
        known = ", ".join(others) or "none yet"
        problems.append(Problem(shown, 1, "file name", f"'{code}' is not a language of the site",
                                (did_you_mean(code, others) + " " if did_you_mean(code, others) else "")
                                + f"the site's languages for translations are: {known} (the practicekb plugin's languages in mkdocs.yml)"))
    if what == "practice" and not re.match(SLUG_PATTERN, stem):
        problems.append(Problem(shown, 1, "file name", f"'{stem}' is not a valid slug",
                                "name the file <slug>.<language>.md after the practice it translates"))
    return problems


def checked_translation(source: PracticeSource, shown: str, slug: str, code: str, facts: set[str]
                        ) -> tuple[PracticeTranslation | None, list[Problem]]:
    """A practice translation's fields and text, checked; the translation if nothing is wrong."""
    problems: list[Problem] = []
    document, body, body_line = source.front_matter, source.body, source.body_line
    data = document.data
    for key in data:
        line = document.line_of((key,))
        if key in facts:
            problems.append(Problem(shown, line, key, "is a fact of the practice, and facts are not translated",
                                    f"remove it: the page shows the original's {key}, so the two can never disagree"))
        elif key not in FIELDS:
            problems.append(Problem(shown, line, key, "unknown field",
                                    did_you_mean(key, FIELDS) or "a translation has only: " + ", ".join(FIELDS)))
    for key in REQUIRED:
        if key not in data:
            problems.append(Problem(shown, 1, key, "required field is missing", f"add '{key}:' — {FIELDS[key]}"))
    for key, value in data.items():
        if key not in FIELDS:
            continue
        line = document.line_of((key,))
        if not isinstance(value, str):
            problems.append(Problem(shown, line, key, "should be text", "put it in quotes"))
        elif key in LIMITS and not LIMITS[key][0] <= len(value.strip()) <= LIMITS[key][1]:
            low, high = LIMITS[key]
            problems.append(Problem(shown, line, key, f"should be {low} to {high} characters long, not {len(value.strip())}",
                                    "as long as the original's"))
        elif key == "translated" and not valid_date(value):
            problems.append(Problem(shown, line, key, f"'{value}' is not a date", "write it as YYYY-MM-DD"))
    if not body.strip() or all(not line.strip() or line.lstrip().startswith("#") for line in
                               re.sub(r"<!--.*?-->", "", body, flags=re.S).split("\n")):
        problems.append(Problem(shown, body_line, "body", "is empty",
                                "below the front matter, translate the original's sections"))
    problems += unsafe_html_problems(body, body_line, shown)
    problems += value_problems(document, shown)
    if problems:
        return None, problems
    return PracticeTranslation(slug, code, shown, data["title"].strip(), data["summary"].strip(), body, body_line,
                               str(data.get("translator", "")).strip(), str(data.get("translated", "")),
                               document.line_of(("title",)), document.line_of(("summary",))), []


def valid_date(value: str) -> bool:
    if not re.match(DATE_PATTERN, value):
        return False
    try:
        dt.date.fromisoformat(value)
    except ValueError:
        return False
    return True


def page_translation_problems(files: list[TranslationFile], outside: list[Problem],
                              languages: tuple[str, ...]) -> list[Problem]:
    """Each docs/<page>.<code>.md (as read) is in a language of the site other than the default,
    beside its page, with only a page translation's fields and safe text; no file of docs/ leads outside."""
    problems: list[Problem] = list(outside)
    for file in files:
        stem, code = file.named
        problems += name_problems(file.shown, stem, code, languages, "page")
        original = file.path.parent / f"{stem}.md"
        if not original.is_file():
            problems.append(Problem(file.shown, 1, "file name",
                                    f"there is no page {str(Path(file.shown).parent / (stem + '.md'))} to translate",
                                    "name a page's translation after the page: <page>.<language>.md"))
        problems += page_text_problems(file)
    return problems


def page_text_problems(file: TranslationFile) -> list[Problem]:
    """A page translation holds words only: no macros, no other front matter, no unsafe HTML."""
    shown, text = file.shown, file.text
    if text is None or (text.startswith("---") and file.source is None):
        return list(file.problems)
    problems: list[Problem] = list(file.problems)  # a field written twice, for one
    body, body_line = text, 1
    if file.source is not None:
        document, body, body_line = file.source.front_matter, file.source.body, file.source.body_line
        for key, value in document.data.items():
            line = document.line_of((key,))
            if key == "render_macros":
                problems.append(Problem(shown, line, key, "a translation never renders macros",
                                        "remove it: the page's counts and lists come from the site, in every language"))
            elif key not in PAGE_FIELDS:
                problems.append(Problem(shown, line, key, "unknown field",
                                        did_you_mean(key, PAGE_FIELDS) or "a page's translation has only: " + ", ".join(PAGE_FIELDS)))
            elif key == "hide" and not valid_hide(value):
                problems.append(Problem(shown, line, key, "should be a list of parts to hide",
                                        "write e.g. [navigation, toc]; the parts are: " + ", ".join(HIDEABLE)))
            elif key != "hide" and not isinstance(value, str):
                problems.append(Problem(shown, line, key, "should be text", "put it in quotes"))
        problems += value_problems(document, shown, no_markup=True)
    if not body.strip():
        problems.append(Problem(shown, body_line, "body", "is empty: the page would show nothing in this language",
                                "translate the page's text, or delete the file to show the page untranslated"))
    if "{{" in body or "{%" in body:
        line = body_line + body[:min(i for i in (body.find("{{"), body.find("{%")) if i >= 0)].count("\n")
        problems.append(Problem(shown, line, "body", "contains a template expression ({{ … }} or {% … %}), which a "
                                "translation shows as text", "translate only the words; the site adds counts and lists"))
    return problems + unsafe_html_problems(body, body_line, shown)


# What MkDocs reads as Markdown besides .md, and files it publishes as they are.
OTHER_MARKDOWN = (".markdown", ".mdown", ".mkdn", ".mkd")
PUBLISHED_AS_IS = (".html", ".htm", ".xhtml", ".svg")


def docs_name_problems(names: list[str], folder: str) -> list[Problem]:
    """Files of docs/ (`names`, from the folder `folder`) that no check would read: a page named
    .mdown or .MD (MkDocs would publish it, unchecked and unsanitized, as a page of its own), or
    HTML or SVG outside docs/assets/, published as it is."""
    problems = []
    for name in names:
        path = Path(name)
        suffix = path.suffix.lower()
        shown = f"{folder}/{name}"
        if suffix in OTHER_MARKDOWN or (suffix == ".md" and path.suffix != ".md"):
            problems.append(Problem(shown, 1, "file name", f"'{path.name}' is a page no check reads: pages end in '.md'",
                                    f"rename it to {path.stem}.md"))
        elif suffix in PUBLISHED_AS_IS and path.parts[0] != "assets":
            problems.append(Problem(shown, 1, "file name", f"'{path.name}' would be published as it is, unchecked",
                                    "write the page in Markdown (<page>.md); the site's own files are in docs/assets/"))
    return problems
