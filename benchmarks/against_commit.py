"""This checkout's build against an earlier commit's, in paired rounds: issue 20 asked that the
package's rework keep cold and warm builds within 10 % of the commit before it (2eceb54).

Each side builds its own project (its own templates, vocabularies and package, from `git archive`
of the commit; this checkout's for the other) with the same number of synthetic practices, in
every language or in English only; a first build of each is not counted; then each round builds
both, cold (no .cache/) and then warm (the cache the cold build left), alternating which goes
first. Prints every build's wall time and CPU seconds (the build and every process it waited
for) and the median of the rounds' ratios. Record the figures in notes/benchmark.md.

    python -m benchmarks.against_commit 2eceb54 --practices 1000 --rounds 3 [--english-only]
"""
from __future__ import annotations

import argparse
import os
import shutil
import statistics
import subprocess
import sys
import tarfile
import tempfile
from pathlib import Path

from benchmarks.build_benchmark import REPO, RUNNER, hooked_project
from benchmarks.measure import python_runner, run_measured

# The commit's own hooked_project (benchmarks/build_benchmark.py), run with the commit's sources.
OLD_PROJECT = """
import sys
from pathlib import Path
from benchmarks.build_benchmark import hooked_project
hooked_project(Path(sys.argv[1]), int(sys.argv[2]), all_languages=sys.argv[3] == "all")
"""


def commit_sources(commit: str, folder: Path) -> Path:
    """The commit's files (git archive), with this checkout's map data beside them."""
    archive = subprocess.run(["git", "-C", str(REPO), "archive", "--format=tar", commit],
                             capture_output=True, check=True).stdout
    folder.mkdir(parents=True)
    with tempfile.TemporaryFile() as tar_file:
        tar_file.write(archive)
        tar_file.seek(0)
        with tarfile.open(fileobj=tar_file) as tar:
            tar.extractall(folder, **({"filter": "data"} if hasattr(tarfile, "data_filter") else {}))
    if (REPO / "node_modules").is_dir():
        (folder / "node_modules").symlink_to(REPO / "node_modules", target_is_directory=True)
    return folder


def old_project(sources: Path, root: Path, practices: int, every_language: bool) -> Path:
    env = {"PATH": os.environ.get("PATH", ""), "PYTHONPATH": f"{sources}{os.pathsep}{sources / 'hooks'}"}
    subprocess.run(python_runner(OLD_PROJECT, str(root), str(practices), "all" if every_language else "en"),
                   cwd=sources, env=env, check=True)
    return root / "mkdocs.yml"


def build(config: Path, cold: bool) -> dict:
    """One build in a fresh process, in the project's folder, with the project's own copy of the
    package first on the import path (an earlier commit's; or this checkout's as it was when the
    project was made, so that editing the package meanwhile does not change the figures)."""
    project = config.parent
    if cold:
        shutil.rmtree(project / ".cache", ignore_errors=True)
    env = {"NO_MKDOCS_2_WARNING": "1", "PATH": "", "PYTHONPATH": str(project / "hooks")}
    return run_measured(python_runner(RUNNER, str(config), str(project / "site")), env, cwd=project)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("commit", help="the earlier commit, e.g. 2eceb54")
    parser.add_argument("--practices", type=int, default=1000)
    parser.add_argument("--rounds", type=int, default=3)
    parser.add_argument("--english-only", action="store_true", help="build English only (default: every language)")
    args = parser.parse_args(argv)
    with tempfile.TemporaryDirectory(prefix="kb-against-") as temp:
        root = Path(temp)
        every_language = not args.english_only
        sides = {args.commit: old_project(commit_sources(args.commit, root / "sources"), root / "before",
                                          args.practices, every_language),
                 "now": hooked_project(root / "now", args.practices, every_language)}
        for config in sides.values():  # a first build of each: not counted
            build(config, cold=True)
        ratios: dict[str, list[float]] = {"cold": [], "warm": [], "cold CPU": []}
        for number in range(args.rounds):
            order = list(sides) if number % 2 == 0 else list(reversed(sides))
            figures: dict[str, dict[str, dict]] = {}
            for name in order:
                figures[name] = {kind: build(sides[name], cold=kind == "cold") for kind in ("cold", "warm")}
                for kind, f in figures[name].items():
                    print(f"round {number + 1}, {name:>8}, {kind}: {f['seconds']:6.1f} s, CPU {f['cpu']:6.1f} s", flush=True)
            before, now = figures[args.commit], figures["now"]
            ratios["cold"].append(now["cold"]["seconds"] / before["cold"]["seconds"])
            ratios["warm"].append(now["warm"]["seconds"] / before["warm"]["seconds"])
            ratios["cold CPU"].append(now["cold"]["cpu"] / before["cold"]["cpu"])
        languages = "English only" if args.english_only else "every language"
        print(f"{args.practices} practices, {languages}: now against {args.commit}, median of {args.rounds} rounds: "
              + ", ".join(f"{kind} {statistics.median(values):.2f} x" for kind, values in ratios.items()))
    return 0


if __name__ == "__main__":
    sys.exit(main())
