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


def test_codes_are_kept_on_disk_and_the_next_build_makes_none(monkeypatch, tmp_path):
    monkeypatch.setattr(qrbatch, "MADE", {})
    cache = tmp_path / "qr"
    first = qrbatch.QrBatch(ADDRESSES, cache).files()
    assert len(list(cache.glob("*.svg"))) == len(ADDRESSES)

    def must_not_make(address: str) -> str:
        raise AssertionError(f"made again: {address}")

    monkeypatch.setattr(qrbatch, "MADE", {})  # a new build process: nothing in memory
    monkeypatch.setattr(qrbatch, "qr_svg", must_not_make)
    assert qrbatch.QrBatch(ADDRESSES, cache).files() == first


def test_the_cache_drops_codes_no_longer_wanted_and_remakes_unreadable_ones(monkeypatch, tmp_path):
    monkeypatch.setattr(qrbatch, "MADE", {})
    cache = tmp_path / "qr"
    qrbatch.QrBatch(ADDRESSES, cache).files()
    fewer = dict(list(ADDRESSES.items())[:3])
    monkeypatch.setattr(qrbatch, "MADE", {})
    damaged = cache / qrbatch.cache_name(fewer["qr/p0.svg"])
    damaged.write_bytes(b"\xff\xfe not UTF-8")
    files = qrbatch.QrBatch(fewer, cache).files()
    assert files["qr/p0.svg"] == qr_svg(fewer["qr/p0.svg"])
    assert sorted(path.name for path in cache.iterdir()) == sorted(qrbatch.cache_name(a) for a in fewer.values())


def test_the_build_links_each_code_from_the_cache_file_that_holds_it(monkeypatch, tmp_path):
    """write_qr_codes links cached_file into the site (no bytes written): that file must hold the
    very code files() gives, for codes made now and codes read from the cache alike."""
    monkeypatch.setattr(qrbatch, "MADE", {})
    cache = tmp_path / "qr"
    assert qrbatch.QrBatch(ADDRESSES).cached_file(ADDRESSES["qr/p0.svg"]) is None  # no cache: written
    for _ in range(2):  # made now, then read back
        monkeypatch.setattr(qrbatch, "MADE", {})
        batch = qrbatch.QrBatch(ADDRESSES, cache)
        files = batch.files()
        assert {path: batch.cached_file(address).read_text(encoding="utf-8") for path, address in ADDRESSES.items()} == files


def test_a_batch_started_on_a_guess_delivers_the_codes_the_site_turned_out_to_need(monkeypatch, tmp_path):
    """The build starts the codes from the practices' file names, before reading them; the site's
    real addresses then decide what is delivered and kept."""
    monkeypatch.setattr(qrbatch, "PARALLEL_FROM", 1)
    monkeypatch.setattr(qrbatch, "CHUNK", 2)
    monkeypatch.setattr(qrbatch, "worker_count", lambda: 1)
    monkeypatch.setattr(qrbatch, "MADE", {})
    cache = tmp_path / "qr"
    guessed = dict(list(ADDRESSES.items())[:5])
    wanted = dict(list(ADDRESSES.items())[2:])  # two guessed in vain, two not guessed
    batch = qrbatch.QrBatch(guessed, cache)
    assert batch._pool is not None
    batch.expect(wanted)
    assert batch.files() == {path: qr_svg(address) for path, address in wanted.items()}
    assert sorted(path.name for path in cache.glob("*.svg")) == sorted(qrbatch.cache_name(a) for a in wanted.values())
