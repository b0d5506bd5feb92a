"""Social cards benchmark: what the cards add to a build of N synthetic practices.

Builds the same project twice, first with an empty card cache (every card drawn, as in CI
or a fresh clone), then again (every card copied from .cache/cards/), and prints for each
the build time, the CPU time of the build and its worker processes, the time the card step
took, and the size of the cards in the site. Each build runs in its own process.
"""
from __future__ import annotations

import argparse
import shutil
import sys
import tempfile
from pathlib import Path

from benchmarks.build_benchmark import folder_size, hooked_project, timed_build

RUNNER = """
import json, logging, sys, time
from mkdocs.commands.build import build
from mkdocs.config import load_config
logging.disable(logging.NOTSET)
logging.getLogger("mkdocs").setLevel(logging.WARNING)
messages = []
class Keep(logging.Handler):
    def emit(self, record):
        messages.append(record.getMessage())
cards = logging.getLogger("mkdocs.plugins.practicekb")
cards.setLevel(logging.INFO)
cards.addHandler(Keep())
start = time.perf_counter()
build(load_config(sys.argv[1], site_dir=sys.argv[2]))
seconds = time.perf_counter() - start
print(json.dumps({"seconds": seconds, "cards": [m for m in messages if m.startswith("Social cards")]}))
"""


def timed_card_build(config: Path, site: Path) -> dict:
    figures = timed_build(config, site, RUNNER)
    figures["cards_mb"] = folder_size(site / "assets" / "cards") / 1e6
    return figures


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("sizes", nargs="*", type=int, default=[1000])
    args = parser.parse_args(argv)
    with tempfile.TemporaryDirectory(prefix="kb-cards-bench-") as temp:
        for count in args.sizes:
            base = Path(temp) / str(count)
            config = hooked_project(base / "project", count)
            for label in ("empty cache", "warm cache"):
                figures = timed_card_build(config, base / "site")
                step = figures["cards"][0] if figures["cards"] else "no card step logged"
                print(f"N={count:>5}  {label:<11}  build {figures['seconds']:6.1f} s  cpu {figures['cpu']:6.1f} s  "
                      f"cards {figures['cards_mb']:5.1f} MB  |  {step}", flush=True)
            shutil.rmtree(base)
    return 0


if __name__ == "__main__":
    sys.exit(main())
