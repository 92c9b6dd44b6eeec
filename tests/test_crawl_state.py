"""The incremental crawler's state tables: locks, known URLs, adoption of stored articles, runs."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

from crawler.storage import open_storage
from crawler.storage.state import CrawlState


@pytest.fixture
def state(tmp_path: Path) -> CrawlState:
    return CrawlState(str(tmp_path / "db.sqlite"))


def test_a_locked_source_names_its_holder(tmp_path: Path, state: CrawlState) -> None:
    assert state.try_lock("a.gov.vn", "run1") is None
    assert state.try_lock("a.gov.vn", "run1") is None  # the holder may lock again
    other = CrawlState(str(tmp_path / "db.sqlite"))
    holder = other.try_lock("a.gov.vn", "run2")
    assert holder is not None and holder.run_id == "run1"
    assert "run run1" in holder.describe()
    assert other.try_lock("b.gov.vn", "run2") is None  # other sources are free
    state.release("a.gov.vn", "run1")
    assert other.try_lock("a.gov.vn", "run2") is None


def test_a_lock_left_by_a_dead_process_is_taken_over(state: CrawlState) -> None:
    finished = subprocess.run([sys.executable, "-c", "import os; print(os.getpid())"],
                              capture_output=True, text=True, check=True)  # fmt: skip
    dead_pid = int(finished.stdout)
    assert state.try_lock("a.gov.vn", "old") is None
    for table in ("source_locks", "source_lock_holders"):  # the lock, and who holds it
        state.conn.execute(f"UPDATE {table} SET pid = ? WHERE source_id = 'a.gov.vn'",
                           (dead_pid,))  # fmt: skip
    assert state.try_lock("a.gov.vn", "new") is None
    holder = state.lock_holder("a.gov.vn")
    assert holder is not None and holder.run_id == "new"


def test_known_urls_keep_validators_and_signatures(state: CrawlState) -> None:
    url = "http://a.gov.vn/tin-tuc/bai-1.html?utm_source=rss"
    state.record_url(url, "a.gov.vn", status="fetched", etag='"x1"', listing_sig="s1")
    state.record_stored(url, "hash1")
    state.record_url(url, "a.gov.vn", status="fetched", listing_sig="s2")  # a 304 re-check
    (known,) = state.known_urls("a.gov.vn").values()
    assert (known.etag, known.listing_sig, known.content_hash, known.status) == (
        '"x1"', "s2", "hash1", "stored")  # fmt: skip
    state.record_url("http://a.gov.vn/tin-tuc", "a.gov.vn", status="listing", etag='"l"')
    state.forget_listing_validators("a.gov.vn")
    listing = [k for k in state.known_urls("a.gov.vn").values() if k.status == "listing"]
    assert listing[0].etag is None


def test_stored_articles_of_a_harvest_become_known(tmp_path: Path) -> None:
    database = str(tmp_path / "db.sqlite")
    storage = open_storage(database)
    for number, published in ((1, "2023-05-01"), (2, "2023-06-15")):
        storage.upsert_article({
            "url": f"http://a.gov.vn/tin-tuc/bai-{number}.html", "source": "a.gov.vn",
            "title": f"Bài {number}", "text": "Nội dung.", "content_hash": f"h{number}",
            "published": published, "is_meeting_report": False,
        })  # fmt: skip
    storage.close()
    state = CrawlState(database)
    assert state.adopt_articles("a.gov.vn", {"a.gov.vn"}, {}) == 2
    known = state.known_urls("a.gov.vn")
    assert {k.status for k in known.values()} == {"stored"}
    assert state.adopt_articles("a.gov.vn", {"a.gov.vn"}, known) == 0
    assert state.newest_stored({"a.gov.vn"}) == "2023-06-15"
    state.raise_watermark("a.gov.vn", "2023-06-15")
    state.raise_watermark("a.gov.vn", "2023-01-01")  # never lowered
    assert state.watermark("a.gov.vn") == "2023-06-15"


def test_runs_round_trip(state: CrawlState) -> None:
    state.start_run("r1", "a.gov.vn")
    state.end_run("r1", "a.gov.vn", {"requests": 9, "pages": 8, "new_records": 3},
                  {"404": 1}, ["layout_drift"], {"platform": "nukeviet"})  # fmt: skip
    (run,) = state.runs(source_id="a.gov.vn")
    assert (run.requests, run.pages, run.new_records, run.http_errors, run.flags) == (
        9, 8, 3, {"404": 1}, ["layout_drift"])  # fmt: skip
    assert run.ended is not None and run.details == {"platform": "nukeviet"}
    assert state.runs(run_id="other") == []





def test_what_a_shared_or_resumed_run_stored_is_news_for_paging(
    state: CrawlState, monkeypatch: pytest.MonkeyPatch
) -> None:
    from crawler.storage import state_base
    from spiders.source_run import news_since

    # One reading each: record_url (old), start_run, record_url (new), start_run again.
    clock = iter(["2026-01-01T00:00:00+00:00", "2026-01-02T00:00:00+00:00",
                  "2026-01-02T00:00:05+00:00", "2026-01-02T00:00:09+00:00"])  # fmt: skip
    monkeypatch.setattr(state_base, "now_iso", lambda: next(clock))
    old, new = "http://a.gov.vn/tin/cu.html", "http://a.gov.vn/tin/moi.html"
    state.record_url(old, "a.gov.vn", status="fetched")  # a night before
    state.record_stored(old, "h-old")
    state.start_run("job-1", "a.gov.vn")  # the first worker of tonight's job
    state.record_url(new, "a.gov.vn", status="fetched")  # stored by that worker
    state.record_stored(new, "h-new")
    state.start_run("job-1", "a.gov.vn")  # a second worker joins the same run later
    history = state.runs("a.gov.vn")
    assert [row.started for row in history] == ["2026-01-02T00:00:00+00:00"]
    since = news_since(history, "job-1")
    known = state.known_urls("a.gov.vn")
    news = {entry.url for entry in known.values() if since and entry.first_seen >= since}
    assert news == {new}


def test_newest_stored_can_leave_out_what_a_run_stored(state: CrawlState, tmp_path: Path) -> None:
    storage = open_storage(str(tmp_path / "db.sqlite"))
    dated = (("http://a.gov.vn/1", "2023-06-15"), ("http://a.gov.vn/2", "2024-01-09"))
    for url, published in dated:
        storage.upsert_article({"url": url, "source": "a.gov.vn", "published": published,
                                "text": url, "content_hash": url})  # fmt: skip
    storage.close()
    assert state.newest_stored({"a.gov.vn"}) == "2024-01-09"
    assert state.newest_stored({"a.gov.vn"}, stored_before="2000-01-01T00:00:00+00:00") is None
    assert state.newest_stored({"a.gov.vn"}, stored_before="2999-01-01T00:00:00+00:00") == (
        "2024-01-09")  # fmt: skip



def test_the_workers_of_one_run_hold_a_source_until_the_last_lets_go(tmp_path: Path) -> None:
    database = str(tmp_path / "db.sqlite")
    first, other_run = CrawlState(database), CrawlState(database)
    sleeper = subprocess.Popen([sys.executable, "-c", "import time; time.sleep(60)"])
    try:
        assert first.try_lock("a.gov.vn", "job-1") is None
        # A second worker of the same run, another live process on this machine.
        first.conn.execute("INSERT INTO source_lock_holders(source_id, run_id, pid, hostname)"
                           " SELECT source_id, run_id, ?, hostname FROM source_locks",
                           (sleeper.pid,))  # fmt: skip
        first.release("a.gov.vn", "job-1")  # the first worker is done; the second is not
        holder = other_run.try_lock("a.gov.vn", "job-2")
        assert holder is not None and holder.run_id == "job-1"
        sleeper.kill()
        sleeper.wait()
        assert other_run.try_lock("a.gov.vn", "job-2") is None  # the last one died: free
    finally:
        if sleeper.poll() is None:
            sleeper.kill()
        first.close()
        other_run.close()
