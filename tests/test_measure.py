"""The benchmark's peak memory of a process tree counts a page its processes share once, and its CPU
by kind of process finds the CPU a child used, and a worker of the build by its name."""
from __future__ import annotations

import sys
from pathlib import Path

import pytest

from benchmarks.measure import run_measured

pytestmark = pytest.mark.unit  # the fast inner loop: make test-fast

REPO = Path(__file__).resolve().parents[1]

# 200 MB written (so resident), then a fork: the child shares every page until either writes.
SHARED = """
import os, time
memory = bytearray(b"x") * 200_000_000
child = os.fork()
time.sleep(1.5)
if child:
    os.waitpid(child, 0)
else:
    os._exit(0)
print("{}")
"""


def test_a_forked_child_s_shared_pages_are_counted_once():
    figures = run_measured([sys.executable, "-c", SHARED], env={})
    assert 190 < figures["peak_mb"] < 300  # counted in each process, it would be above 400


# A child that works for about a second on one core, and a parent that waits for it.
BUSY_CHILD = """
import subprocess, sys
subprocess.run([sys.executable, "-c", "import time\\nend = time.process_time() + 1\\nwhile time.process_time() < end: pass"])
print("{}")
"""


def test_the_cpu_by_kind_of_process_finds_a_child_s_work():
    figures = run_measured([sys.executable, "-c", BUSY_CHILD], env={"PATH": "/usr/bin:/bin"})
    by_kind = figures["cpu_by_kind"]
    children = sum(seconds for kind, seconds in by_kind.items() if kind != "build")
    assert 0.7 < children <= figures["cpu"] + 0.05  # the child's second, less what the last sample missed
    assert by_kind.get("build", 0) < 0.5  # the parent only waited


# A BackgroundBatch whose one worker works for about a second: the benchmark finds its CPU under its name.
NAMED_WORKER = """
import time
from practicekb.core.workers import BackgroundBatch

def busy(chunk):
    end = time.process_time() + 1
    while time.process_time() < end:
        pass
    with open("/proc/self/comm", encoding="ascii") as comm:
        return [comm.read().strip()]

if __name__ == "__main__":
    batch = BackgroundBatch("kb-test-work", busy, [[None]])
    assert batch.result(0) == ["kb-test-work"], batch.result(0)
    batch.cancel()
    print("{}")
"""


def test_a_worker_is_named_after_its_job_and_its_cpu_is_found_under_that_name(tmp_path):
    script = tmp_path / "named_worker.py"  # spawned workers import the main module from a file
    script.write_text(NAMED_WORKER, encoding="utf-8")
    figures = run_measured([sys.executable, str(script)], env={"PYTHONPATH": str(REPO / "hooks")})
    assert figures["cpu_by_kind"].get("kb-test-work", 0) > 0.8
