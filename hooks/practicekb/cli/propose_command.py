"""`kb propose`: a proposal issue's text into practices/<slug>.md, checked, with a comment in plain words.

The proposal workflow (.github/workflows/proposal.yml) runs it without write permissions: it only
reads the issue's text (proposal.py) and writes files inside practices/ (and, with
--add-organisations, the new organisations' entries at the end of vocabularies/organisations.yml).
"""
from __future__ import annotations

import argparse
import datetime as dt
from pathlib import Path

from ..checks.proposals import NEW_ORGANISATIONS, organisation_entry_yaml, unverified_problems
from ..core.problems import Problem
from ..model.pipeline import ProjectPaths, check as check_project, load_vocabularies
from ..source.load import parse_document, split_front_matter
from .proposal import MAX_ISSUE_CHARACTERS, Proposal, read_proposal

REVIEW = (  # what the maintainer who reviews a proposal checks, in the issue's comment and the pull request
    "**Sources open:** every address under `sources:` opens, and is the document it names.",
    "**Facts match:** every fact on the page (place, years, organisations, funders, numbers) is in a source.",
    "**Own words:** no text copied from the sources, apart from short quotations in quotation marks.",
    "**Evidence level:** the highest rung the sources support, not higher.",
    "**No personal data:** no private person's name, e-mail address or phone number, in the text or under `contact:`.",
    "**New organisations:** the type, country and address checked on the organisation's own site; the description "
    "written from a source.",
    "**Verified:** when all of this holds, add `last_verified: \"YYYY-MM-DD\"` with today's date; the site publishes "
    "the practice only then.",
)


def read_issue(path: Path) -> str:
    """At most one character more than GitHub allows, so a longer text is refused without being read whole."""
    with path.open(encoding="utf-8", errors="replace") as file:
        return file.read(MAX_ISSUE_CHARACTERS + 1)


def move_new_organisations(text: str, vocabulary_file: Path, known: set[str]) -> str:
    """Append the file's new_organisations to the vocabulary (each id once) and return the text without them."""
    front, _, _, problems = split_front_matter(text, "proposal")
    document, problems = parse_document(front, "proposal", 2) if front is not None else (None, problems)
    entries = document.data.get(NEW_ORGANISATIONS) if document is not None and isinstance(document.data, dict) else None
    if not isinstance(entries, list):
        return text
    added = [organisation_entry_yaml(entry) for entry in entries
             if isinstance(entry, dict) and isinstance(entry.get("id"), str) and entry["id"] not in known]
    if added:
        existing = vocabulary_file.read_text(encoding="utf-8")
        vocabulary_file.write_text(existing.rstrip("\n") + "\n" + "".join(added), encoding="utf-8", newline="\n")
    kept, skipping = [], False
    for line in text.split("\n"):
        if line.startswith(f"{NEW_ORGANISATIONS}:"):
            skipping = True
            continue
        if skipping and (line == "---" or (line[:1] not in (" ", "-", "#", ""))):
            skipping = False
        if not skipping:
            kept.append(line)
    return "\n".join(kept)


def plain(problem: Problem) -> str:
    """A problem in words for the issue: the file and line, then what is wrong and how to fix it."""
    hint = f" ({problem.hint})" if problem.hint else ""
    return f"- `{problem.path}`, line {problem.line}, `{problem.field}`: {problem.message}{hint}"


def comment_text(proposal: Proposal, written: list[str], problems: list[Problem], notes: list[Problem]) -> str:
    """The comment on the issue (and the pull request's description): what was made, every problem, the review."""
    lines = ["Thank you for proposing a practice.", ""]
    if written:
        lines.append("This issue was turned into " + " and ".join(f"`{path}`" for path in written) + ".")
    lines += [""] + [f"- {words}" for words in proposal.problems]
    lines += ["", "### What the check found", ""]
    if problems:
        lines.append(f"{len(problems)} thing(s) to correct before the practice can be published; each says where "
                     "it is and how to fix it:")
        lines += [""] + [plain(problem) for problem in problems]
        lines += ["", "Correct them in the pull request (or answer here and a maintainer will)."]
    elif written:
        lines.append("The file is valid. It now waits for a maintainer's review.")
    else:
        lines.append("No file could be made from this issue (see above). Edit the issue, and it is read again.")
    lines += ["", "### Before it is published, a maintainer checks", ""]
    lines += [f"- [ ] {item}" for item in REVIEW]
    if notes:
        lines += ["", "Waiting for review: " + ", ".join(f"`{note.path}`" for note in notes) + " (no `last_verified` yet)."]
    return "\n".join(lines) + "\n"


def command_propose(args: argparse.Namespace) -> int:
    paths = ProjectPaths.at(args.root, args.practices, args.vocabularies)
    vocabularies, _ = load_vocabularies(paths)
    proposal = read_proposal(read_issue(Path(args.issue)), vocabularies)
    written: list[str] = []
    if proposal.slug:
        folder = paths.practices.resolve()
        target = (folder / f"{proposal.slug}.md").resolve()
        if target.parent != folder:  # the slug pattern already forbids it; the path is checked all the same
            proposal.problems.append("The file name leads outside the practices folder: give the practice a title.")
        elif target.exists():
            proposal.problems.append(f"`practices/{proposal.slug}.md` already exists: give the practice another "
                                     "file name (or, to correct that practice, say what is wrong in a correction issue).")
        else:
            text = proposal.text
            if args.add_organisations:
                vocabulary_file = paths.vocabularies / "organisations.yml"
                moved = move_new_organisations(text, vocabulary_file, set(vocabularies.get("organisations").terms)
                                               if "organisations" in vocabularies else set())
                if moved != text:
                    written.append(vocabulary_file.relative_to(paths.root).as_posix()
                                   if vocabulary_file.is_relative_to(paths.root) else str(vocabulary_file))
                text = moved
            target.write_text(text, encoding="utf-8", newline="\n")
            written.insert(0, f"practices/{proposal.slug}.md")
    today = dt.date.fromisoformat(args.today) if args.today else dt.date.today()
    kb, problems = check_project(paths, today, publishing=False)
    notes = unverified_problems((p.path, p.data) for p in kb.practices.values()) if kb is not None else []
    comment = comment_text(proposal, written, problems, notes)
    if args.comment:
        Path(args.comment).write_text(comment, encoding="utf-8")
    print(comment, end="")
    return 0 if written and not problems else 1


def add_parser(commands) -> None:
    """The `kb propose` sub-command."""
    propose = commands.add_parser("propose", help="turn a proposal issue's text into a practice file, and check it",
                                  description="Read the text of a 'Propose a practice' issue (as GitHub shows it: "
                                              "'### Label' and the answer), write practices/<slug>.md and check it.")
    propose.add_argument("issue", help="a file holding the issue's text")
    propose.add_argument("--add-organisations", action="store_true",
                         help="move the file's new_organisations into vocabularies/organisations.yml")
    propose.add_argument("--comment", help="also write the comment for the issue (Markdown) into this file")
    propose.add_argument("--today", help=argparse.SUPPRESS)
    propose.set_defaults(run=command_propose)
