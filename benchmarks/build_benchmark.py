"""Build benchmark: N synthetic practices with the hooks, against a plain Material build of the same pages.

Prints, for each N: build seconds, seconds per practice, peak memory, site size,
and the ratio to the plain build; the hooked build twice, cold (empty .cache/, as in a fresh
clone) and warm (the .cache/ the first build left, as in `mkdocs serve` or CI keeping .cache/). Each build runs in its own process so memory
figures are that build's own.
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
print(json.dumps({"seconds": seconds, "peak_mb": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024}))
"""

# The hooks of issue 2 alone: the same cold build with the search index (issue 4), the social
# cards and the QR codes (issue 6) left out, to show what the foundation itself costs (its target
# was set for term pages and related links). Timing only: the site it writes lacks those files.
CORE_RUNNER = """
import sys
from pathlib import Path
sys.path.insert(0, str(Path(sys.argv[1]).parent / "hooks"))  # the project's hooks, as MkDocs loads them
from practicekb.adapter import previews, search, site as mkdocs_site

class Skipped:  # stands in for the search indexer: every method does nothing
    def __init__(self, *args, **kwargs):
        pass
    def __getattr__(self, name):
        return lambda *args, **kwargs: {}

assert hasattr(mkdocs_site, "qr_batch") and hasattr(search, "SearchIndexer"), "benchmarks: update CORE_RUNNER"
assert hasattr(previews.SocialCards, "start"), "benchmarks: update CORE_RUNNER"
mkdocs_site.qr_batch = lambda *args, **kwargs: None
previews.SocialCards.start = lambda self, config, kb: None
search.SearchIndexer = Skipped
""" + RUNNER


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
    """The real project with `count` synthetic practices. English only unless `all_languages`: every
    other language is one more build of every page (about as long as the English one each), which
    would make the larger sizes take minutes; the English figures stay comparable over time."""
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


NAMES = {"cold": "cold", "warm": "warm", "core": "without search, cards, QR"}


def print_row(count: int, cold: dict, warm: dict, core: dict, plain: dict) -> None:
    print(f"N={count:>5}  hooks cold {cold['seconds']:6.1f} s  warm {warm['seconds']:6.1f} s  "
          f"(cpu {cold['cpu']:5.1f} / {warm['cpu']:5.1f} s)  "
          f"{NAMES['core']} {core['seconds']:6.1f} s (cpu {core['cpu']:5.1f} s)  "
          f"{1000 * cold['seconds'] / count:5.1f} / {1000 * warm['seconds'] / count:5.1f} ms/practice  "
          f"peak {max(cold['peak_mb'], warm['peak_mb']):5.0f} MB  site {cold['site_mb']:6.1f} MB  |  "
          f"plain {plain['seconds']:6.1f} s (cpu {plain['cpu']:5.1f} s)  peak {plain['peak_mb']:5.0f} MB  "
          f"site {plain['site_mb']:6.1f} MB  |  "
          f"ratio cold {cold['seconds'] / plain['seconds']:.2f}  warm {warm['seconds'] / plain['seconds']:.2f}  "
          f"{NAMES['core']} {core['seconds'] / plain['seconds']:.2f}", flush=True)


def paired_ratios(rounds: list[dict[str, float]]) -> str:
    """Each round's hooked builds against its own plain build, built minutes apart: steadier than
    the fastest of each when the machine's speed drifts between rounds."""
    parts = []
    for variant in ("cold", "warm", "core"):
        ratios = [figures[variant] / figures["plain"] for figures in rounds]
        parts.append(f"{NAMES[variant]} " + " ".join(f"{ratio:.2f}" for ratio in ratios) + f" (median {statistics.median(ratios):.2f})")
    return "paired by round: " + ";  ".join(parts)


def fastest(best: dict | None, figures: dict) -> dict:
    return figures if best is None or figures["seconds"] < best["seconds"] else best


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("sizes", nargs="*", type=int, default=[100, 1000, 5000])
    parser.add_argument("--repeat", type=int, default=1,
                        help="build each variant this many times and keep the fastest (shared machines are noisy)")
    parser.add_argument("--all-languages", action="store_true",
                        help="build every language of mkdocs.yml (default: English only)")
    args = parser.parse_args(argv)
    best: dict[int, dict[str, dict | None]] = {count: {"cold": None, "warm": None, "core": None, "plain": None}
                                               for count in args.sizes}
    rounds: dict[int, list[dict[str, float]]] = {count: [] for count in args.sizes}  # seconds per variant, per round
    with tempfile.TemporaryDirectory(prefix="kb-bench-") as temp:
        configs = {}
        for count in args.sizes:
            hooked_config = hooked_project(Path(temp) / str(count) / "hooked", count, args.all_languages)
            configs[count] = (hooked_config, plain_project(Path(temp) / str(count) / "plain", hooked_config))
        # Rounds go over every size in turn, so a machine that slows down for a while slows all sizes
        # alike (the ratios and the scaling stay fair); each figure is the fastest of its rounds.
        for round_number in range(max(1, args.repeat)):
            for count, (hooked_config, plain_config) in configs.items():
                base = hooked_config.parent.parent
                # cold: an empty .cache/ (a fresh clone); warm: the .cache/ the cold build left (mkdocs
                # serve, a second build, CI that keeps .cache/): the same practices, no card or QR code made;
                # core: cold again, without the search index, cards and QR codes (CORE_RUNNER).
                rounds[count].append({})
                for variant, config, site in (("cold", hooked_config, "hooked-site"), ("warm", hooked_config, "hooked-site-warm"),
                                              ("core", hooked_config, "hooked-site-core"), ("plain", plain_config, "plain-site")):
                    if variant in ("cold", "core"):
                        shutil.rmtree(hooked_config.parent / ".cache", ignore_errors=True)
                    figures = timed_build(config, base / site, CORE_RUNNER if variant == "core" else RUNNER)
                    best[count][variant] = fastest(best[count][variant], figures)
                    rounds[count][-1][variant] = figures["seconds"]
                    shutil.rmtree(base / site)
                if round_number == max(1, args.repeat) - 1:
                    print_row(count, **best[count])
    rows = [(count, figures["cold"], figures["warm"], figures["core"], figures["plain"]) for count, figures in best.items()]
    if 1000 in best and 5000 in best:
        ratio = {variant: best[5000][variant]["seconds"] / best[1000][variant]["seconds"] for variant in ("cold", "warm", "plain")}
        print(f"scaling: time(5000) / time(1000) = {ratio['cold']:.2f} cold, {ratio['warm']:.2f} warm (target ≤ 5.5); "
              f"Material alone: {ratio['plain']:.2f} (well above 5 means the machine slowed down meanwhile)")
    for count, cold, warm, core, plain in rows:
        if len(rounds[count]) > 1:
            print(f"N={count:>5}  " + paired_ratios(rounds[count]))
        if count == 1000:
            print(f"hook overhead at N=1000: {cold['seconds'] / plain['seconds']:.2f}× the plain build cold, "
                  f"{warm['seconds'] / plain['seconds']:.2f}× warm; the foundation's hooks alone (cold, without "
                  f"the search index, social cards and QR codes of issues 4 and 6) {core['seconds'] / plain['seconds']:.2f}× "
                  f"(target ≤ 1.2)")
        if count == 5000:
            print(f"peak memory at N=5000: {max(cold['peak_mb'], warm['peak_mb']):.0f} MB (target < 1024)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
