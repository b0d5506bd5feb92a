"""QR codes made in worker processes (large builds) are the same files as those made in the build's
own process, and a cancelled batch leaves no worker behind."""
from __future__ import annotations

import practicekb.qrbatch as qrbatch
from practicekb.qrcodes import qr_svg

ADDRESSES = {f"qr/p{n}.svg": f"https://example.org/kb/practices/p{n}/" for n in range(7)}


def test_workers_make_the_same_svg_as_the_build_process(monkeypatch):
    monkeypatch.setattr(qrbatch, "PARALLEL_FROM", 1)
    monkeypatch.setattr(qrbatch, "CHUNK", 2)
    monkeypatch.setattr(qrbatch, "worker_count", lambda: 1)
    monkeypatch.setattr(qrbatch, "MADE", {})
    batch = qrbatch.QrBatch(ADDRESSES)
    assert batch._pool is not None and len(batch._tasks) == 4
    files = batch.files()
    assert files == {path: qr_svg(address) for path, address in ADDRESSES.items()}
    assert batch._pool is None


def test_a_cancelled_batch_stops_its_workers_and_a_later_one_still_delivers(monkeypatch):
    monkeypatch.setattr(qrbatch, "PARALLEL_FROM", 1)
    monkeypatch.setattr(qrbatch, "worker_count", lambda: 1)
    monkeypatch.setattr(qrbatch, "MADE", {})
    batch = qrbatch.QrBatch(ADDRESSES)
    pool = batch._pool
    batch.cancel()
    pool.shutdown(wait=True)
    assert all(process.exitcode is not None for process in (pool._processes or {}).values())
    assert qrbatch.QrBatch(ADDRESSES).files()["qr/p3.svg"] == qr_svg(ADDRESSES["qr/p3.svg"])
