"""The site's search index: Pagefind, run over the built site, written to <site>/pagefind/.

Pagefind ships as a binary inside the `pagefind[bin]` wheel and runs offline. Only pages
marked data-pagefind-body are indexed (practices and hand-written pages; list pages are
not). The browser downloads the index in small pieces, only those a query needs.
"""
from __future__ import annotations

import shutil
import subprocess
from pathlib import Path

OUTPUT = "pagefind"
# Pagefind's own ready-made interfaces: the site has its own, so these are never loaded.
UNUSED = ("pagefind-ui.js", "pagefind-ui.css", "pagefind-component-ui.js", "pagefind-component-ui.css",
          "pagefind-modular-ui.js", "pagefind-modular-ui.css", "pagefind-highlight.js")


class SearchIndexError(RuntimeError):
    """Pagefind is missing or failed; the message says what to do."""


def pagefind_executable() -> str:
    try:
        from pagefind_bin import get_executable
    except ImportError:
        raise SearchIndexError("Pagefind is not installed: run `.venv/bin/pip install -e .` "
                               "(it installs the 'pagefind[bin]' package).") from None
    return str(get_executable())


def build_search_index(site_dir: Path, keep_index_url: bool = False) -> Path:
    """Index `site_dir` (every language's pages) into `site_dir/pagefind`, and return that folder.

    Pagefind splits the index by each page's <html lang>: a page in Slovak searches the Slovak
    pages (with its stemming, where Pagefind has one). Every practice has a page in every
    language (untranslated ones show the original), so each language's index finds them all.
    """
    output = Path(site_dir) / OUTPUT
    shutil.rmtree(output, ignore_errors=True)
    command = [pagefind_executable(), "--site", str(site_dir), "--output-subdir", OUTPUT,
               "--exclude-selectors", ".headerlink", "--silent"]
    if keep_index_url:
        command.append("--keep-index-url")
    result = subprocess.run(command, capture_output=True, text=True)
    if result.returncode != 0 or not (output / "pagefind.js").is_file():
        raise SearchIndexError(f"Pagefind failed (exit {result.returncode}): {(result.stderr or result.stdout).strip()}")
    for name in UNUSED:
        (output / name).unlink(missing_ok=True)
    return output
