"""`kb links` reports dead source addresses and still exits 0: a report, not a failed build."""
from __future__ import annotations

import http.server
import threading

import re
import shutil

from conftest import FIXTURE_VOCABULARIES, VALID_PRACTICE, make_project, run_kb


class Handler(http.server.BaseHTTPRequestHandler):
    def do_HEAD(self):
        self.send_response(200 if self.path == "/alive" else 405 if self.path == "/no-head" else 404)
        self.end_headers()

    def do_GET(self):
        self.send_response(200 if self.path in ("/alive", "/no-head") else 404)
        self.end_headers()

    def log_message(self, *args):
        pass


def test_links_report_names_dead_addresses_and_who_cites_them(tmp_path):
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    base = f"http://127.0.0.1:{server.server_port}"
    try:
        files = {
            "alive.md": VALID_PRACTICE.replace("https://example.org/source", f"{base}/alive"),
            "no-head.md": VALID_PRACTICE.replace("https://example.org/source", f"{base}/no-head"),
            "gone.md": VALID_PRACTICE.replace("https://example.org/source", f"{base}/gone"),
        }
        vocabularies = tmp_path / "vocabularies"  # without official addresses: the test stays off the network
        shutil.copytree(FIXTURE_VOCABULARIES, vocabularies)
        for path in vocabularies.glob("*.yml"):
            path.write_text(re.sub(r"(?m)^\s+url: .*\n", "", path.read_text(encoding="utf-8")), encoding="utf-8")
        project = make_project(tmp_path / "p", files, vocabularies=vocabularies)
        result = run_kb(project, "links", "--timeout", "5")
    finally:
        server.shutdown()
    assert result.returncode == 0, result.stdout + result.stderr
    dead = [line for line in result.stdout.splitlines() if line.startswith("| http")]
    assert dead == [f"| {base}/gone | 404 | practices/gone.md |"]
    assert result.stdout.splitlines()[0] == "# Source links: 2 of 3 answer"
