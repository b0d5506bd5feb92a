"""The benchmark's peak memory of a process tree counts a page its processes share once."""
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
