"""What the build benchmark measures of one build: time, CPU of the whole process tree and of each
kind of process in it (the build, its workers, Pagefind), peak memory of the whole process tree
(sampled from /proc), the site's size and files, and the bytes of its practice pages. Linux only
(/proc), like the machines it runs on."""
from __future__ import annotations

import gzip
import json
import os
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path

SAMPLE_SECONDS = 0.1


def _stat(pid: int | str) -> list[bytes]:
    """The fields of /proc/<pid>/stat after the process's name (its 3rd field on), or [] once it has gone."""
    try:
        with open(f"/proc/{pid}/stat", "rb") as stat:
            return stat.read().rsplit(b")", 1)[1].split()
    except (OSError, IndexError):
        return []


def _children() -> dict[int, list[int]]:
    """Every process's children, from /proc/<pid>/stat (its parent is the 4th field)."""
    tree: dict[int, list[int]] = {}
    for entry in os.scandir("/proc"):
        fields = _stat(entry.name) if entry.name.isdigit() else []
        if len(fields) > 1:
            tree.setdefault(int(fields[1]), []).append(int(entry.name))
    return tree


def _memory(path: str, field: bytes) -> int:
    """A `field:` line of a /proc file, in bytes (0 once the process has gone)."""
    try:
        with open(path, "rb") as lines:
            for line in lines:
                if line.startswith(field):
                    return int(line.split()[1]) * 1024
    except OSError:
        pass
    return 0


def _rss(pid: int) -> int:
    return _memory(f"/proc/{pid}/status", b"VmRSS:")


def _pss(pid: int) -> int:
    """Resident memory with each shared page divided among the processes sharing it: a sum over
    processes counts a page once (a worker just forked from the build, before it executes, shares
    all of the build's pages and its RSS alone would count them twice)."""
    return _memory(f"/proc/{pid}/smaps_rollup", b"Pss:")


TICKS = os.sysconf("SC_CLK_TCK")  # /proc counts CPU time in these


def _cpu(pid: int) -> float:
    """The CPU seconds (user and system) a process has used so far; 0 once it has gone."""
    fields = _stat(pid)
    return (int(fields[11]) + int(fields[12])) / TICKS if len(fields) > 12 else 0.0  # utime and stime: the 14th and 15th fields


def _name(pid: int) -> str:
    try:
        with open(f"/proc/{pid}/comm", encoding="utf-8") as comm:
            return comm.read().strip()
    except OSError:
        return "?"


def tree_rss(root: int) -> dict[int, int]:
    """The resident memory of `root` and of each of its descendants, by process (pages two processes
    share are counted in each: their sum is an upper bound)."""
    tree, found, todo = _children(), {}, [root]
    while todo:
        pid = todo.pop()
        found[pid] = _rss(pid)
        todo.extend(tree.get(pid, []))
    return found


class PeakMemory:
    """Samples a process tree's memory (PSS: shared pages counted once) in a thread until stopped;
    `peak` is the largest sum seen, `at_peak` what each kind of process held then (the build, its
    workers, Pagefind), in bytes; and each process's CPU, for cpu_by_kind()."""

    def __init__(self, pid: int):
        self.pid, self.peak = pid, 0
        self.at_peak: dict[str, int] = {}
        self._cpu: dict[int, tuple[str, float]] = {}  # pid -> (kind, CPU seconds when last seen)
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._sample, daemon=True)
        self._thread.start()

    def _sample(self) -> None:
        while not self._stop.wait(SAMPLE_SECONDS):
            # RSS is cheap to read and never less than PSS: only a sum of RSS above the peak can be one.
            resident = tree_rss(self.pid)
            for pid in resident:
                seconds = _cpu(pid)  # 0 once the process has gone: keep what was seen before
                if seconds >= self._cpu.get(pid, ("", 0.0))[1]:
                    self._cpu[pid] = (self._kind(pid), seconds)
            if sum(resident.values()) <= self.peak:
                continue
            sizes = {pid: _pss(pid) for pid in resident}
            if sum(sizes.values()) > self.peak:
                self.peak, self.at_peak = sum(sizes.values()), {}
                for pid, size in sizes.items():
                    kind = self._kind(pid)
                    self.at_peak[kind] = self.at_peak.get(kind, 0) + size

    def _kind(self, pid: int) -> str:
        return "build" if pid == self.pid else _name(pid)

    def cpu_by_kind(self) -> dict[str, float]:
        """CPU seconds by kind of process, as last sampled (a process's last tenth of a second
        before it ended is missed): where the tree's CPU, which os.wait4 gives exactly, went."""
        totals: dict[str, float] = {}
        for kind, seconds in self._cpu.values():
            totals[kind] = totals.get(kind, 0.0) + seconds
        return totals

    def stop(self) -> int:
        self._stop.set()
        self._thread.join()
        return self.peak


def run_measured(command: list[str], env: dict[str, str], cwd: Path | None = None) -> dict:
    """Run `command`; its wall time, the CPU seconds of it and every process it waited for (workers,
    Pagefind), and the peak memory of its whole process tree. Its last line of output is JSON,
    merged into the figures."""
    with tempfile.TemporaryFile() as out, tempfile.TemporaryFile() as err:
        start = time.perf_counter()
        process = subprocess.Popen(command, stdout=out, stderr=err, env=env, cwd=cwd)
        memory = PeakMemory(process.pid)
        _, status, usage = os.wait4(process.pid, 0)
        seconds = time.perf_counter() - start
        peak = memory.stop()
        out.seek(0), err.seek(0)
        stdout, stderr = out.read().decode(), err.read().decode()
    if os.waitstatus_to_exitcode(status) != 0:
        raise SystemExit(f"{' '.join(command[:3])} … failed:\n{stderr[-3000:]}")
    lines = stdout.strip().splitlines()
    figures = json.loads(lines[-1]) if lines else {}
    figures.update(seconds=seconds, cpu=usage.ru_utime + usage.ru_stime, system=usage.ru_stime, peak_mb=peak / 1e6,
                   at_peak_mb={kind: size / 1e6 for kind, size in memory.at_peak.items()},
                   cpu_by_kind=memory.cpu_by_kind())
    return figures


def python_runner(code: str, *args: str) -> list[str]:
    return [sys.executable, "-c", code, *args]


def site_figures(site: Path) -> dict:
    """Size and number of files of a built site, and where the bytes go (its top folders)."""
    sizes: dict[str, int] = {}
    files = 0
    for path in site.rglob("*"):
        if path.is_file():
            files += 1
            parts = path.relative_to(site).parts
            top = parts[0] if len(parts) > 1 else "(root files)"
            sizes[top] = sizes.get(top, 0) + path.stat().st_size
    return {"site_mb": sum(sizes.values()) / 1e6, "files": files, "folders_mb": {k: v / 1e6 for k, v in sizes.items()}}


def page_bytes(folders: list[Path]) -> dict:
    """Raw and gzipped bytes of every index.html one level under each of `folders` (every
    language's practice pages): the median and the largest."""
    raw, zipped = [], []
    for page in (page for folder in folders for page in folder.glob("*/index.html")):
        data = page.read_bytes()
        raw.append(len(data))
        zipped.append(len(gzip.compress(data, 6)))
    if not raw:
        return {}
    return {"raw_median": statistics.median(raw), "raw_max": max(raw),
            "gzip_median": statistics.median(zipped), "gzip_max": max(zipped), "pages": len(raw)}
