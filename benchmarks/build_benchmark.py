"""Build benchmark: what users feel, for N synthetic practices in every language of mkdocs.yml,
in paired rounds against plain Material building the same practice pages in the same languages.

Prints, for each N (default 1,000 and 5,000): the cold build's time (empty .cache/, as in a fresh
clone or CI), its CPU seconds (user and system, the build and every process it waited for:
workers and Pagefind), the peak memory of the whole process tree (sampled, benchmarks/measure.py),
the site's size and number of files and where the bytes go, and the practice pages' bytes (raw and
gzipped, every language's); the same for plain Material, and each round's ratio. Then the scaling
from 1,000 to 5,000, and, at 1,000, edit to served under `properdocs serve` (benchmarks/edit_loop.py)
for both.
Each build runs in its own process. Record the figures in notes/benchmark.md.
"""
from __future__ import annotations

import argparse
import json
import os
import re
import shutil
import statistics
import subprocess
import sys
import tempfile
from pathlib import Path

import yaml

from benchmarks.edit_loop import edit_to_served
from benchmarks.measure import page_bytes, python_runner, run_measured, site_figures
from benchmarks.synthetic import write_practices

REPO = Path(__file__).resolve().parents[1]

RUNNER = """
import json, resource, sys, time, logging
from mkdocs.commands.build import build
from mkdocs.config import load_config
logging.disable(logging.WARNING)
start = time.perf_counter()
config = load_config(sys.argv[1], site_dir=sys.argv[2])
build(config)
seconds = time.perf_counter() - start
print(json.dumps({"seconds": seconds, "peak_mb": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024,
                  "main_peak_mb": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024}))
"""

# Plain Material in every language, as the hooked site has them: one build per language, the first at
# the root and each other under <site>/<code>/ with Material's interface in that language.
PLAIN_RUNNER = """
import json, sys, logging
from mkdocs.commands.build import build
from mkdocs.config import load_config
logging.disable(logging.WARNING)
site, languages = sys.argv[2], sys.argv[3].split(",")
base = load_config(sys.argv[1]).site_url or ""
for n, language in enumerate(languages):
    other = {} if n == 0 else {"site_dir": f"{site}/{language}", "site_url": f"{base}{language}/"}
    config = load_config(sys.argv[1], **({"site_dir": site} | other))
    config.theme["language"] = language
    build(config)
print(json.dumps({}))
"""


def folder_size(folder: Path) -> int:
    return sum(p.stat().st_size for p in folder.rglob("*") if p.is_file())


def timed_build(config: Path, site: Path, runner: str = RUNNER) -> dict:
    """Build in a fresh process (its own memory peak, no warm imports) with `runner`, which
    prints its figures as JSON on its last line; the site's size is added to them, and the CPU
    seconds of the build and every process it waited for (workers, Pagefind): the work done,
    whatever the number of cores."""
    with tempfile.TemporaryFile() as out, tempfile.TemporaryFile() as err:
        process = subprocess.Popen([sys.executable, "-c", runner, str(config), str(site)], stdout=out, stderr=err,
                                   env={"NO_MKDOCS_2_WARNING": "1", "PATH": ""})
        _, status, usage = os.wait4(process.pid, 0)
        process.returncode = os.waitstatus_to_exitcode(status)
        out.seek(0), err.seek(0)
        stdout, stderr = out.read().decode(), err.read().decode()
    if process.returncode != 0:
        raise SystemExit(f"build of {config} failed:\n{stderr[-3000:]}")
    figures = json.loads(stdout.strip().splitlines()[-1])
    figures["site_mb"] = folder_size(site) / 1e6
    figures["cpu"] = usage.ru_utime + usage.ru_stime
    return figures


LANGUAGES_SETTING = re.compile(r"^(      languages: )\[.*\]$", re.MULTILINE)  # under plugins: - practicekb:


def hooked_project(root: Path, count: int, all_languages: bool = False) -> Path:
    """The real project with `count` synthetic practices, in every language if `all_languages`, else
    in English only (the search and cards benchmarks)."""
    for folder in ("docs", "overrides", "hooks", "vocabularies", "translations"):
        shutil.copytree(REPO / folder, root / folder, ignore=shutil.ignore_patterns("__pycache__"))
    (root / "node_modules").symlink_to(REPO / "node_modules", target_is_directory=True)  # the map's boundaries
    config = root / "mkdocs.yml"
    text = (REPO / "mkdocs.yml").read_text(encoding="utf-8")
    config.write_text(text if all_languages else LANGUAGES_SETTING.sub(r"\1[en]", text), encoding="utf-8")
    if not all_languages:
        for page in (root / "docs").rglob("*.*.md"):  # translations of pages: not built
            page.unlink()
    write_practices(root / "practices", count, root / "vocabularies")
    return config


def plain_project(root: Path, hooked: Path) -> Path:
    """The same practice files as plain Markdown pages in Material as it comes: the same theme
    settings and templates, Material's default search plugin, no hooks or macros."""
    config = yaml.load(hooked.read_text(encoding="utf-8"), Loader=yaml.Loader)
    for key in ("hooks", "watch", "nav"):
        config.pop(key, None)
    # Material as it comes: its own search plugin on (the hooked site has search too: Pagefind).
    config["plugins"] = ["search"]
    config["nav"] = ["index.md"]
    config["theme"].pop("custom_dir", None)  # the overrides need the hooks (interface strings): plain Material
    (root / "docs").mkdir(parents=True)
    shutil.copytree(hooked.parent / "practices", root / "docs" / "practices")
    (root / "docs" / "index.md").write_text("# Plain build\n", encoding="utf-8")
    shutil.copytree(REPO / "docs" / "assets", root / "docs" / "assets")
    path = root / "mkdocs.yml"
    path.write_text(yaml.safe_dump(config, allow_unicode=True, sort_keys=False), encoding="utf-8")
    return path


def languages_of(config: Path) -> list[str]:
    match = LANGUAGES_SETTING.search(config.read_text(encoding="utf-8"))
    return [code.strip() for code in match[0].split("[", 1)[1].rstrip("]").split(",")] if match else ["en"]


def build_figures(config: Path, site: Path, plain: bool, languages: list[str]) -> dict:
    env = {"NO_MKDOCS_2_WARNING": "1", "PATH": ""}
    runner = python_runner(PLAIN_RUNNER, str(config), str(site), ",".join(languages)) if plain \
        else python_runner(RUNNER, str(config), str(site))
    figures = run_measured(runner, env)
    figures.update(site_figures(site))
    # every language's practice pages: the default language's at the root, the others' under <code>/
    figures["pages"] = page_bytes([site / "practices"] + [site / code / "practices" for code in languages[1:]])
    return figures


def describe(name: str, f: dict) -> str:
    pages = f["pages"]
    return (f"{name:>6}: {f['seconds']:6.1f} s, CPU {f['cpu']:6.1f} s ({f['system']:5.1f} s system), "
            f"peak memory of the process tree {f['peak_mb']:6.0f} MB, site {f['site_mb']:7.1f} MB in {f['files']:,} files, "
            f"practice page (every language) {pages.get('raw_median', 0) / 1024:4.1f} KB (largest {pages.get('raw_max', 0) / 1024:4.1f}), "
            f"gzipped {pages.get('gzip_median', 0) / 1024:3.1f} KB (largest {pages.get('gzip_max', 0) / 1024:3.1f})"
            + ("; memory at the peak: " + ", ".join(f"{kind} {mb:.0f} MB" for kind, mb in
                                                   sorted(f["at_peak_mb"].items(), key=lambda item: -item[1]))
               if f.get("at_peak_mb") else "")
            + ("; CPU by process (sampled): " + ", ".join(f"{kind} {seconds:.1f} s" for kind, seconds in
                                                         sorted(f["cpu_by_kind"].items(), key=lambda item: -item[1])
                                                         if seconds >= 0.05)
               if f.get("cpu_by_kind") else ""))


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("sizes", nargs="*", type=int, default=[1000, 5000])
    parser.add_argument("--repeat", type=int, default=1, help="paired rounds (hooked, then plain, for every size)")
    parser.add_argument("--english-only", action="store_true", help="build English only (default: every language)")
    parser.add_argument("--edit-size", type=int, default=1000, help="practices for edit to served (0: skip)")
    args = parser.parse_args(argv)
    rounds: dict[int, list[dict[str, dict]]] = {count: [] for count in args.sizes}
    with tempfile.TemporaryDirectory(prefix="kb-bench-") as temp:
        configs = {}
        for count in sorted(set(args.sizes) | ({args.edit_size} if args.edit_size else set())):
            hooked = hooked_project(Path(temp) / str(count) / "hooked", count, not args.english_only)
            configs[count] = (hooked, plain_project(Path(temp) / str(count) / "plain", hooked))
        for round_number in range(max(1, args.repeat)):
            for count in args.sizes:  # every size in turn: a slow spell of the machine slows all alike
                hooked, plain = configs[count]
                base = hooked.parent.parent
                shutil.rmtree(hooked.parent / ".cache", ignore_errors=True)  # cold: a fresh clone, CI
                figures = {}
                for name, config, is_plain in (("hooked", hooked, False), ("plain", plain, True)):
                    site = base / f"{name}-site"
                    figures[name] = build_figures(config, site, is_plain, languages_of(hooked))
                    shutil.rmtree(site)
                rounds[count].append(figures)
                print(f"round {round_number + 1}, N={count}:", flush=True)
                for name in ("hooked", "plain"):
                    print("  " + describe(name, figures[name]), flush=True)
        languages = languages_of(next(iter(configs.values()))[0])
        print(f"\nCold builds in {len(languages)} language(s) ({', '.join(languages)}), fastest of "
              f"{max(1, args.repeat)} round(s):")
        best = {}
        for count, runs in rounds.items():
            best[count] = {name: min((run[name] for run in runs), key=lambda f: f["seconds"]) for name in ("hooked", "plain")}
            print(f"N={count}")
            for name in ("hooked", "plain"):
                print("  " + describe(name, best[count][name]))
            ratios = [run["hooked"]["seconds"] / run["plain"]["seconds"] for run in runs]
            print(f"  time, hooked / plain, by round: {' '.join(f'{r:.2f}' for r in ratios)} (median {statistics.median(ratios):.2f})")
            top = sorted(best[count]["hooked"]["folders_mb"].items(), key=lambda item: -item[1])[:8]
            print("  where the hooked site's bytes go: " + ", ".join(f"{name} {mb:.1f} MB" for name, mb in top))
        if 1000 in best and 5000 in best:
            ratio = {name: best[5000][name]["seconds"] / best[1000][name]["seconds"] for name in ("hooked", "plain")}
            print(f"scaling: time(5000) / time(1000) = {ratio['hooked']:.2f} (target ≤ 5.5); plain Material {ratio['plain']:.2f}")
        if args.edit_size:
            hooked, plain = configs[args.edit_size]
            page = "practices/synthetic-practice-00001/"
            print(f"\nEdit to served, N={args.edit_size} (properdocs serve, a practice edited, its page polled):", flush=True)
            # the hooked project as `make serve` serves it (the default language only), plain Material as it comes
            for name, config, practice, env in (
                    ("hooked", hooked, hooked.parent / "practices" / "synthetic-practice-00001.md", {"KB_DEFAULT_LANGUAGE_ONLY": "true"}),
                    ("plain", plain, plain.parent / "docs" / "practices" / "synthetic-practice-00001.md", {})):
                run = edit_to_served(config, practice, page, env=env)
                print(f"  {name:>6}: median {run['median']:.2f} s (edits: {', '.join(f'{s:.2f}' for s in run['edits'])} s; "
                      f"first build under serve {run['first_build']:.0f} s)", flush=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
