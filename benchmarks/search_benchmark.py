"""Search and Explore benchmark: N synthetic practices (default 5,000), built, served on 127.0.0.1
and driven in headless Chromium (Debian's, through Playwright).

Prints:
- the bytes a browser downloads from typing in the header search to the first result shown
  (as served here, without compression, and as gzip would send them), and how long it took;
- how long the Explore page takes to become usable (filters shown, results listed), and its bytes;
- how long a filter change takes until the results are updated and painted;
- the size of Material's own search index for the same site (a second build, with Material's
  search plugin in place of the site's).

Figures, not tests: nothing here fails on a slow machine. Record them in notes/benchmark.md.
"""
from __future__ import annotations

import argparse
import gzip
import json
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import yaml

from benchmarks.build_benchmark import hooked_project
from benchmarks.serve import SiteServer, find_chromium

PRECOMPRESSED = (".pf_meta", ".pf_index", ".pf_filter", ".pf_fragment", ".pagefind")
SEARCH_WORDS = ("mediator", "library", "housing")
LOAD_RUNS = 5
TYPING_DELAY_MS = 200  # explore.js waits this long after the last key before searching
FILTER_RUNS = 8


def build(config: Path, site: Path) -> float:
    """`mkdocs build` of one project in its own process, so it imports that project's hooks."""
    mkdocs = Path(sys.executable).with_name("mkdocs")
    env = dict(os.environ, NO_MKDOCS_2_WARNING="1", PYTHONPATH=str(config.parent / "hooks"))
    start = time.perf_counter()
    result = subprocess.run([str(mkdocs), "build", "--quiet", "--config-file", str(config), "--site-dir", str(site)],
                            capture_output=True, text=True, env=env)
    if result.returncode != 0:
        raise SystemExit(f"build of {config} failed:\n{result.stderr[-3000:]}")
    return time.perf_counter() - start


def material_search_project(hooked: Path, root: Path) -> Path:
    """The same project with Material's search plugin, to measure the index it would publish.
    The plugin's prerender is off: with it, a generated page's HTML is put in after Material's
    search has read the page (on_page_context), so its index held titles only (0.1 MB at 5,000
    practices); without it every page has its HTML when the search reads it, as in a plain build."""
    shutil.copytree(hooked.parent, root, symlinks=True, ignore=shutil.ignore_patterns("__pycache__", ".cache"))
    config_path = root / "mkdocs.yml"
    config = yaml.load(config_path.read_text(encoding="utf-8"), Loader=yaml.Loader)
    for plugin in config["plugins"]:
        if isinstance(plugin, dict) and "practicekb" in plugin:
            plugin["practicekb"]["prerender"] = False
    config["plugins"] = [{"search": {"lang": "en"}}] + list(config["plugins"])
    config_path.write_text(yaml.safe_dump(config, allow_unicode=True, sort_keys=False), encoding="utf-8")
    return config_path


def gzip_size(data: bytes, url: str) -> int:
    return len(data) if url.split("?")[0].endswith(PRECOMPRESSED) else len(gzip.compress(data, 6))


class Traffic:
    """Every response a page receives while recording: address, bytes as served, bytes gzipped."""

    def __init__(self, page):
        self.rows: list[tuple[str, int, int]] = []
        self.recording = False
        page.on("response", self._response)

    def _response(self, response) -> None:
        if not self.recording:
            return
        try:
            body = response.body()
        except Exception:  # noqa: BLE001 - a redirect or aborted request has no body
            body = b""
        self.rows.append((response.url, len(body), gzip_size(body, response.url)))

    def start(self) -> None:
        self.rows, self.recording = [], True

    def stop(self) -> list[tuple[str, int, int]]:
        self.recording = False
        return self.rows


def kb(n: float) -> str:
    return f"{n / 1024:,.0f} KB"


def measure_header_search(browser, url: str, word: str) -> dict:
    context = browser.new_context()
    page = context.new_page()
    traffic = Traffic(page)
    page.goto(url, wait_until="load")
    page.wait_for_load_state("networkidle")
    traffic.start()
    started = time.perf_counter()
    page.click("#kb-search-input")
    page.keyboard.type(word)
    page.wait_for_selector("#kb-search-results li a")
    seconds = time.perf_counter() - started
    page.wait_for_timeout(200)  # responses still being read are counted too
    rows = traffic.stop()
    results = page.locator("#kb-search-meta").inner_text()
    context.close()
    return {"word": word, "seconds": seconds, "raw": sum(r[1] for r in rows), "gzip": sum(r[2] for r in rows),
            "requests": rows, "results": results}


def measure_explore_load(browser, url: str) -> dict:
    context = browser.new_context()
    page = context.new_page()
    traffic = Traffic(page)
    traffic.start()
    page.goto(url + "explore/", wait_until="load")
    page.wait_for_selector("#kb-explore[data-kb-ready='true']")
    timing = page.evaluate("""() => {
        const nav = performance.getEntriesByType('navigation')[0];
        const ready = performance.getEntriesByName('kb-explore-ready')[0];
        return {ready: ready.startTime, dom: nav.domContentLoadedEventEnd, load: nav.loadEventEnd};
    }""")
    rows = traffic.stop()
    context.close()
    timing.update(raw=sum(r[1] for r in rows), gzip=sum(r[2] for r in rows), requests=rows)
    return timing


FILTER_STEP = """async ([selector, value]) => {
    const control = document.querySelector(selector);
    const root = document.querySelector('#kb-explore');
    const before = Number(root.dataset.kbDrawn || 0);
    const painted = () => new Promise(done => requestAnimationFrame(() => setTimeout(done, 0)));
    // the results are drawn once the facet index (the first change) and the cards they show are here
    const drawn = () => new Promise(done => {
        const check = () => Number(root.dataset.kbDrawn || 0) > before ? done() : setTimeout(check, 1);
        check();
    });
    const start = performance.now();
    if (control.type === 'checkbox') { control.click(); }
    else { control.value = value; control.dispatchEvent(new Event('change', {bubbles: true})); }
    await drawn();
    await painted();
    return {ms: performance.now() - start, results: document.querySelector('#kb-explore').dataset.kbResults};
}"""


def measure_filters(browser, url: str) -> list[dict]:
    """Toggle filters one after another and time each until the new results are painted."""
    context = browser.new_context()
    page = context.new_page()
    page.goto(url + "explore/")
    page.wait_for_selector("#kb-explore[data-kb-ready='true']")
    countries = page.eval_on_selector_all("input[name=country]", "boxes => boxes.map(b => b.value)")
    themes = page.eval_on_selector_all("input[name=theme]", "boxes => boxes.map(b => b.value)")
    steps = [(f"input[name=country][value='{countries[0]}']", None, f"country {countries[0]} on"),
             (f"input[name=theme][value='{themes[0]}']", None, f"theme {themes[0]} on"),
             (f"input[name=country][value='{countries[1]}']", None, f"country {countries[1]} on"),
             ("#kb-sort", "newest", "sort newest"),
             ("#kb-from", "2015", "from 2015"),
             (f"input[name=theme][value='{themes[0]}']", None, f"theme {themes[0]} off"),
             ("#kb-sort", "place", "sort place"),
             (f"input[name=country][value='{countries[0]}']", None, f"country {countries[0]} off")]
    figures = []
    for selector, value, label in steps[:FILTER_RUNS]:
        outcome = page.evaluate(FILTER_STEP, [selector, value])
        figures.append({"step": label, **outcome})
    for word, label in (("mediator", "first search: loads Pagefind"), ("library", "Pagefind loaded")):
        page.evaluate("() => { window.kbStarted = performance.now(); }")
        page.fill("#kb-q", word)
        page.wait_for_function("w => document.querySelector('#kb-explore').dataset.kbWords === w", arg=word, timeout=20000)
        ms = page.evaluate("() => performance.now() - window.kbStarted") - TYPING_DELAY_MS
        figures.append({"step": f"words '{word}' ({label}; less the {TYPING_DELAY_MS} ms typing pause)", "ms": ms,
                        "results": page.get_attribute("#kb-explore", "data-kb-results")})
    context.close()
    return figures


def file_size(path: Path) -> int:
    return path.stat().st_size if path.is_file() else 0


def folder_size(folder: Path) -> int:
    return sum(p.stat().st_size for p in folder.rglob("*") if p.is_file())


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("count", nargs="?", type=int, default=5000, help="synthetic practices (default 5000)")
    parser.add_argument("--skip-material", action="store_true", help="do not build the Material-search variant")
    parser.add_argument("--site", type=Path, help="measure this already built site instead of building one")
    args = parser.parse_args(argv)
    chromium = find_chromium()
    if chromium is None:
        raise SystemExit("Chromium is missing: install Debian's 'chromium' package or set CHROMIUM=/path/to/chromium")
    from playwright.sync_api import sync_playwright

    with tempfile.TemporaryDirectory(prefix="kb-search-bench-") as temp:
        temp_path = Path(temp)
        if args.site:
            site, config, seconds = args.site, None, 0.0
            args.skip_material = True
        else:
            config = hooked_project(temp_path / "project", args.count)
            site = temp_path / "site"
            seconds = build(config, site)
        print(f"N={args.count}: built with Pagefind in {seconds:.1f} s; Pagefind bundle {folder_size(site / 'pagefind') / 1e6:.1f} MB "
              f"in {sum(1 for p in (site / 'pagefind').rglob('*') if p.is_file())} files", flush=True)
        explore_html = site / "explore" / "index.html"
        explore_json = site / "explore" / "practices.json"
        sitemap = site / "sitemap.xml"
        print(f"sitemap.xml (fetched by Material's instant navigation on a first visit): {kb(file_size(sitemap))} "
              f"({kb(len(gzip.compress(sitemap.read_bytes(), 6)))} gzipped)")
        print(f"Explore page: HTML {kb(file_size(explore_html))} ({kb(len(gzip.compress(explore_html.read_bytes(), 6)))} gzipped), "
              f"facet index {kb(file_size(explore_json))} ({kb(len(gzip.compress(explore_json.read_bytes(), 6)))} gzipped)")

        server = SiteServer(site)
        try:
            with sync_playwright() as playwright:
                browser = playwright.chromium.launch(executable_path=chromium, headless=True)
                print("\nHeader search, from typing to the first result shown (home page already loaded):")
                for word in SEARCH_WORDS:
                    run = measure_header_search(browser, server.url, word)
                    print(f"  '{word}': {kb(run['raw'])} as served, {kb(run['gzip'])} gzipped, in {1000 * run['seconds']:.0f} ms "
                          f"({len(run['requests'])} requests; {run['results']})")
                    if word == SEARCH_WORDS[0]:
                        for request_url, raw, zipped in sorted(run["requests"], key=lambda r: -r[1]):
                            print(f"      {raw:>9,} B  {request_url.replace(server.url, '/')}")
                loads = [measure_explore_load(browser, server.url) for _ in range(LOAD_RUNS)]
                ready = statistics.median(run["ready"] for run in loads)
                print(f"\nExplore page usable (filters shown, results listed) after {ready:.0f} ms "
                      f"(median of {LOAD_RUNS}, from navigation start; runs: {', '.join('%.0f' % r['ready'] for r in loads)} ms); "
                      f"DOMContentLoaded {statistics.median(r['dom'] for r in loads):.0f} ms; "
                      f"downloaded {kb(loads[0]['raw'])} as served, {kb(loads[0]['gzip'])} gzipped, of which:")
                for request_url, raw, zipped in sorted(loads[0]["requests"], key=lambda r: -r[1])[:6]:
                    print(f"      {raw:>9,} B  ({zipped:>7,} B gzipped)  {request_url.replace(server.url, '/')}")
                print("\nFilter changes, until the new results are painted:")
                for step in measure_filters(browser, server.url):
                    print(f"  {step['ms']:7.1f} ms  {step['step']} -> {step['results']} results")
                browser.close()
        finally:
            server.stop()

        if not args.skip_material:
            material_config = material_search_project(config, temp_path / "material")
            material_site = temp_path / "material-site"
            build(material_config, material_site)
            index = material_site / "search" / "search_index.json"
            data = index.read_bytes()
            docs = json.loads(data)["docs"]
            practice_text = sum(len(doc.get("text", "")) for doc in docs if doc.get("location", "").startswith("practices/"))
            print(f"\nMaterial's search index for the same site: {data.__len__() / 1e6:.1f} MB "
                  f"({len(gzip.compress(data, 6)) / 1e6:.1f} MB gzipped), all of it downloaded before the first result; "
                  f"{len(docs)} entries, {practice_text / 1e6:.1f} MB of them the practices' text")
    return 0


if __name__ == "__main__":
    sys.exit(main())
