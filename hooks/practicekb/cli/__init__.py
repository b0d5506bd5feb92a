"""`kb`: the contributor and maintainer commands, on the same load and validate steps as the build."""
from __future__ import annotations

import argparse
import datetime as dt
import sys

from ..checks.proposals import unverified_problems
from ..model.pipeline import ProjectPaths, check as check_project, load_vocabularies
from .propose_command import add_parser as add_propose_parser
from .links import check_addresses, cited_addresses, report
from ..source.load import load_practices
from .scaffold import Answers, answer_problems, practice_text, slug_from_title


def _paths(args: argparse.Namespace) -> ProjectPaths:
    return ProjectPaths.at(args.root, args.practices, args.vocabularies)


def command_check(args: argparse.Namespace) -> int:
    today = dt.date.fromisoformat(args.today) if args.today else dt.date.today()
    kb, problems = check_project(_paths(args), today, publishing=False)
    if problems:
        for problem in problems:
            print(problem.github() if args.format == "github" else problem.human())
        files = len({p.path for p in problems})
        print(f"kb check: {len(problems)} problem(s) in {files} file(s).")
        return 1
    waiting = unverified_problems((p.path, p.data) for p in kb.practices.values())
    for note in waiting:  # valid, but not published until a maintainer has verified it
        print(note.github("notice") if args.format == "github" else "note: " + note.human())
    if waiting:
        print(f"kb check: {len(waiting)} proposed practice(s) waiting for a maintainer's review; the site "
              "publishes each once its last_verified date is set.")
    translations = sum(len(by_language) for by_language in kb.translations.values())
    print(f"kb check: {len(kb.practices)} practices, {translations} translations and "
          f"{sum(len(v.terms) for k, v in kb.vocabularies.items() if k != 'countries')} vocabulary terms are valid.")
    if args.stale:
        return _report_stale(kb, today, args.stale_months)
    return 0


def _report_stale(kb, today: dt.date, months: int) -> int:
    limit = today.replace(year=today.year - months // 12) if months % 12 == 0 else today - dt.timedelta(days=months * 30)
    stale = sorted((p.last_verified, p.path) for p in kb.practices.values()
                   if p.last_verified and dt.date.fromisoformat(p.last_verified) < limit)
    for verified, path in stale:
        print(f"{path}: last verified {verified}, more than {months} months ago")
    print(f"kb check --stale: {len(stale)} practice(s) not verified since {limit.isoformat()}.")
    old_sources = old_source_practices(kb, today)
    for newest, path in old_sources:
        print(f"{path}: active, but its newest dated source is from {newest}, more than {SOURCE_YEARS} years ago "
              "(find a recent source that it still runs, or set its status)")
    print(f"kb check --stale: {len(old_sources)} active practice(s) whose newest source is over {SOURCE_YEARS} years old.")
    return 0


SOURCE_YEARS = 5


def old_source_practices(kb, today: dt.date) -> list[tuple[str, str]]:
    """Active practices whose newest dated source is more than SOURCE_YEARS old: a practice said to run
    today should have a source from the last few years that says so (undated sources are not counted)."""
    limit = today.replace(year=today.year - SOURCE_YEARS).isoformat()
    found = []
    for practice in kb.practices.values():
        dates = [source.date for source in practice.sources if source.date]
        if practice.status == "active" and dates and max(dates) < limit:
            found.append((max(dates), practice.path))
    return sorted(found)


NEW_QUESTIONS = (  # (answer, option, question asked in a terminal when the option is missing)
    ("title", "--title", "Name of the practice"),
    ("summary", "--summary", "One-paragraph summary (problem, what was done, result)"),
    ("countries", "--country", "Country codes, comma-separated (e.g. SI)"),
    ("place", "--place", "Municipality or region (optional)"),
    ("themes", "--theme", "Theme ids, comma-separated (see vocabularies/themes.yml)"),
    ("practice_type", "--practice-type", "Practice type id (see vocabularies/practice-types.yml)"),
    ("source_url", "--source-url", "Address of your main source (https://...)"),
    ("source_title", "--source-title", "Title of that source"),
)
LIST_ANSWERS = ("countries", "themes")


def _split(values: list[str] | None) -> list[str]:
    return [v.strip() for value in values or [] for v in value.split(",") if v.strip()]


def command_new(args: argparse.Namespace) -> int:
    paths = _paths(args)
    answers = {
        "title": args.title, "summary": args.summary, "countries": [c.upper() for c in _split(args.country)],
        "place": args.place, "themes": _split(args.theme), "practice_type": args.practice_type,
        "source_url": args.source_url, "source_title": args.source_title,
    }
    missing = [option for key, option, _ in NEW_QUESTIONS if not answers[key] and key != "place"]
    if missing and sys.stdin.isatty():
        for key, _, question in NEW_QUESTIONS:
            if not answers[key]:
                reply = input(f"{question}: ").strip()
                answers[key] = _split([reply]) if key in LIST_ANSWERS else reply
        answers["countries"] = [c.upper() for c in answers["countries"]]
    elif missing:
        print(f"kb new: missing answers: {', '.join(missing)} "
              "(give them as options, or run kb new in a terminal to be asked)")
        return 2
    organisations = []
    for value in _split(args.organisation):
        organisation, _, role = value.partition(":")
        organisations.append((organisation, role or "lead"))
    title = answers["title"] or ""
    try:
        start = int(args.start) if args.start else None
    except ValueError:
        print(f"kb new: --start: '{args.start}' is not a year (write it like 2021)")
        return 2
    new = Answers(title=title, summary=answers["summary"] or "", countries=answers["countries"],
                  themes=answers["themes"], practice_type=answers["practice_type"] or "",
                  source_url=answers["source_url"] or "", source_title=answers["source_title"] or "",
                  place=answers["place"] or "", level=args.level, start=start,
                  target_groups=_split(args.target_group), organisations=organisations, evidence=args.evidence,
                  source_publisher=args.source_publisher or "", slug=args.slug or slug_from_title(title))
    vocabularies, vocabulary_problems = load_vocabularies(paths)
    if vocabulary_problems:
        print("kb new: fix the vocabulary files first (kb check lists the problems).")
        return 1
    existing = {p.name.removesuffix(".md") for p in paths.practices.rglob("*" + ".md")}
    problems = answer_problems(new, vocabularies, existing, former_slugs(paths))
    if problems:
        for problem in problems:
            print(f"kb new: {problem}")
        print(f"kb new: {len(problems)} problem(s); nothing was written.")
        return 1
    today = dt.date.fromisoformat(args.today) if args.today else dt.date.today()
    path = paths.practices / f"{new.slug}.md"
    path.parent.mkdir(parents=True, exist_ok=True)
    with path.open("x", encoding="utf-8", newline="\n") as file:
        file.write(practice_text(new, today))
    shown = path.relative_to(paths.root) if path.is_relative_to(paths.root) else path
    print(f"kb new: wrote {shown}. Write the sections below the front matter, then run kb check.")
    return 0


def former_slugs(paths: ProjectPaths) -> dict[str, str]:
    """Former slug -> the practice file that lists it in aliases (files that cannot be read are skipped)."""
    sources, _ = load_practices(paths.practices, paths.root)
    found: dict[str, str] = {}
    for source in sources:
        aliases = source.front_matter.data.get("aliases")
        for alias in aliases if isinstance(aliases, list) else []:
            if isinstance(alias, str):
                found.setdefault(alias, source.path)
    return found


def command_links(args: argparse.Namespace) -> int:
    kb, problems = check_project(_paths(args), dt.date.today())
    if problems:
        print(f"kb links: fix the {len(problems)} problem(s) kb check reports first.")
        return 1
    results = check_addresses(cited_addresses(kb), timeout=args.timeout)
    print(report(results), end="")
    return 0


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="kb", description=__doc__)
    parser.add_argument("--root", default=".", help="project folder (default: the current folder)")
    parser.add_argument("--practices", help="folder of practice files (default: ROOT/practices)")
    parser.add_argument("--vocabularies", help="folder of vocabulary files (default: ROOT/vocabularies)")
    commands = parser.add_subparsers(dest="command", required=True)

    check = commands.add_parser("check", help="validate every practice and vocabulary file")
    check.add_argument("--format", choices=("human", "github"), default="human",
                       help="github: workflow annotations that show on the pull request's lines")
    check.add_argument("--stale", action="store_true", help="also list practices not verified for 12 months, "
                       f"and active ones whose newest source is over {SOURCE_YEARS} years old")
    check.add_argument("--stale-months", type=int, default=12, help=argparse.SUPPRESS)
    check.add_argument("--today", help=argparse.SUPPRESS)  # fixed date for reproducible tests
    check.set_defaults(run=command_check)

    new = commands.add_parser("new", help="start a new practice file from a few answers",
                              description="Write practices/<slug>.md with every section heading. Options you "
                                          "leave out are asked for when run in a terminal.")
    new.add_argument("--title", help="name of the practice")
    new.add_argument("--summary", help="one paragraph: problem, what was done, result")
    new.add_argument("--country", action="append", help="ISO 3166-1 alpha-2 code; repeat or separate with commas")
    new.add_argument("--place", help="municipality or region")
    new.add_argument("--level", default="municipal", help="municipal (default), regional, national or cross-border")
    new.add_argument("--start", help="year it started")
    new.add_argument("--theme", action="append", help="theme id; repeat or separate with commas")
    new.add_argument("--target-group", action="append", help="target group id; repeat or separate with commas")
    new.add_argument("--practice-type", help="practice type id")
    new.add_argument("--organisation", action="append", help="organisation id with its role, e.g. pina:lead")
    new.add_argument("--evidence", default="described", help="evidence level id (default: described)")
    new.add_argument("--source-url", help="address of the main source")
    new.add_argument("--source-title", help="title of the main source")
    new.add_argument("--source-publisher", help="who published the main source")
    new.add_argument("--slug", help="file name without .md (default: from the title)")
    new.add_argument("--today", help=argparse.SUPPRESS)
    new.set_defaults(run=command_new)

    add_propose_parser(commands)

    links = commands.add_parser("links", help="report source and vocabulary addresses that no longer answer "
                                "(never fails on them)")
    links.add_argument("--timeout", type=float, default=15, help="seconds to wait for each address (default 15)")
    links.set_defaults(run=command_links)
    return parser


def main(argv: list[str] | None = None) -> int:
    args = build_parser().parse_args(argv)
    return args.run(args)


if __name__ == "__main__":  # pragma: no cover
    sys.exit(main())
