"""`kb`: the contributor and maintainer commands, on the same load and validate steps as the build."""
from __future__ import annotations

import argparse
import datetime as dt
import sys
from pathlib import Path

from .pipeline import ProjectPaths, check as check_project


def _paths(args: argparse.Namespace) -> ProjectPaths:
    return ProjectPaths.at(args.root, args.practices, args.vocabularies)


def command_check(args: argparse.Namespace) -> int:
    today = dt.date.fromisoformat(args.today) if args.today else dt.date.today()
    kb, problems = check_project(_paths(args), today)
    if problems:
        for problem in problems:
            print(problem.github() if args.format == "github" else problem.human())
        files = len({p.path for p in problems})
        print(f"kb check: {len(problems)} problem(s) in {files} file(s).")
        return 1
    print(f"kb check: {len(kb.practices)} practices and "
          f"{sum(len(v.terms) for k, v in kb.vocabularies.items() if k != 'countries')} vocabulary terms are valid.")
    if args.stale:
        return _report_stale(kb, today, args.stale_months)
    return 0


def _report_stale(kb, today: dt.date, months: int) -> int:
    limit = today.replace(year=today.year - months // 12) if months % 12 == 0 else today - dt.timedelta(days=months * 30)
    stale = sorted((p.data["last_verified"], p.path) for p in kb.practices.values()
                   if dt.date.fromisoformat(p.data["last_verified"]) < limit)
    for verified, path in stale:
        print(f"{path}: last verified {verified}, more than {months} months ago")
    print(f"kb check --stale: {len(stale)} practice(s) not verified since {limit.isoformat()}.")
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
    check.add_argument("--stale", action="store_true", help="also list practices not verified for 12 months")
    check.add_argument("--stale-months", type=int, default=12, help=argparse.SUPPRESS)
    check.add_argument("--today", help=argparse.SUPPRESS)  # fixed date for reproducible tests
    check.set_defaults(run=command_check)
    return parser


def main(argv: list[str] | None = None) -> int:
    args = build_parser().parse_args(argv)
    return args.run(args)


if __name__ == "__main__":  # pragma: no cover
    sys.exit(main())
