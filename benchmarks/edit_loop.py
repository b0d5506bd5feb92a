"""Edit to served: `properdocs serve` on a project, one practice edited, the page polled until the
edit shows. What a contributor waits for after saving a file."""
from __future__ import annotations

import os
import socket
import statistics
import subprocess
import sys
import time
import urllib.error
import urllib.request
from pathlib import Path
from urllib.parse import urlsplit

import yaml

POLL_SECONDS = 0.05
START_TIMEOUT = 900  # the first build of a large project under serve
EDIT_TIMEOUT = 300


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def fetch(url: str) -> str:
    try:
        with urllib.request.urlopen(url, timeout=30) as response:
            return response.read().decode("utf-8", "replace")
    except (urllib.error.URLError, OSError):
        return ""


def wait_for(url: str, text: str, timeout: float, server: subprocess.Popen) -> float:
    """Seconds until the page at `url` holds `text`."""
    start = time.perf_counter()
    while time.perf_counter() - start < timeout:
        if server.poll() is not None:
            raise SystemExit(f"serve stopped (exit {server.returncode}) before {url} showed {text!r}")
        if text in fetch(url):
            return time.perf_counter() - start
        time.sleep(POLL_SECONDS)
    raise SystemExit(f"{url} did not show {text!r} within {timeout} s")


def edit_to_served(config: Path, practice: Path, page: str, edits: int = 3, env: dict[str, str] | None = None) -> dict:
    """Serve the project of `config`, then edit `practice` `edits` times (a new sentence at its end)
    and time each until `page` (its address below site_url's path) shows the sentence."""
    site_url = yaml.load(config.read_text(encoding="utf-8"), Loader=yaml.BaseLoader).get("site_url", "")
    port = free_port()
    url = f"http://127.0.0.1:{port}{urlsplit(site_url).path or '/'}{page}"
    properdocs = Path(sys.executable).with_name("properdocs")
    env = dict(os.environ, NO_MKDOCS_2_WARNING="1", **(env or {}))
    server = subprocess.Popen([str(properdocs), "serve", "-f", str(config), "--dev-addr", f"127.0.0.1:{port}"],
                              cwd=config.parent, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    original = practice.read_text(encoding="utf-8")
    try:
        first = wait_for(url, "</html>", START_TIMEOUT, server)
        seconds = []
        for n in range(edits):
            marker = f"Edited for the benchmark, round {n + 1}."
            time.sleep(1)  # the watcher sees one change, after the last rebuild settled
            practice.write_text(original.rstrip("\n") + f"\n\n{marker}\n", encoding="utf-8")
            seconds.append(wait_for(url, marker, EDIT_TIMEOUT, server))
    finally:
        practice.write_text(original, encoding="utf-8")
        server.terminate()
        try:
            server.wait(timeout=30)
        except subprocess.TimeoutExpired:
            server.kill()
    return {"first_build": first, "edits": seconds, "median": statistics.median(seconds)}
