"""The benchmark's peak memory of a process tree counts a page its processes share once, and its CPU
by kind of process finds the CPU a child used."""
from __future__ import annotations

import sys

import pytest

from benchmarks.measure import run_measured

pytestmark = pytest.mark.unit  # the fast inner loop: make test-fast

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
