"""The incremental crawler's state, the same on SQLite and on a real PostgreSQL server.

The behavioural checks run once per backend; then `crawler crawl` runs the same
fixture site into each backend and must store the same records and re-crawl alike.
"""

from __future__ import annotations

import os
import sqlite3
import subprocess
import sys
import threading
import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pg_support
import pytest
from test_incremental import PORTAL, FixtureWeb, article_requests

from crawler.storage import StorageError, open_storage
from crawler.storage.base import PROVENANCE_FIELDS
from crawler.storage.state import CrawlState, LockHolder
from crawler.storage.state_postgres import PostgresCrawlState
from crawler.storage.state_sqlite import SQLiteCrawlState

postgres_server = pg_support.postgres_server
postgres_url = pg_support.postgres_url

ROOT = Path(__file__).resolve().parents[1]
STATE_TABLES = ("urls", "source_watermarks", "runs", "source_locks")


@pytest.fixture(params=["sqlite", "postgres"])
def database(request: pytest.FixtureRequest, tmp_path: Path) -> str:
    """Where the state lives: a SQLite file, or a fresh database on the test server."""
    if request.param == "sqlite":
        return str(tmp_path / "db.sqlite")
    return str(request.getfixturevalue("postgres_url"))


@pytest.fixture
def state(database: str) -> Iterator[CrawlState]:
    opened = CrawlState(database)
    yield opened
    opened.close()


def lock_until_free(state: CrawlState, source_id: str, run_id: str) -> LockHolder | None:
    """try_lock for up to 10 s: a dead client's session may take a moment to end."""
    deadline = time.monotonic() + 10
    holder = state.try_lock(source_id, run_id)
    while holder is not None and time.monotonic() < deadline:
        time.sleep(0.1)
        holder = state.try_lock(source_id, run_id)
    return holder


# -- the same behaviour on both backends -------------------------------------------------
def test_the_database_setting_chooses_the_backend(database: str) -> None:
    opened = CrawlState(database)
    try:
        wanted = PostgresCrawlState if "://" in database else SQLiteCrawlState
        assert type(opened) is wanted
        assert opened.label == database  # no password in these: nothing hidden
    finally:
        opened.close()


def test_a_locked_source_names_its_holder(database: str, state: CrawlState) -> None:
    assert state.try_lock("a.gov.vn", "run1") is None
    assert state.try_lock("a.gov.vn", "run1") is None  # the holder may lock again
    assert state.try_lock("a.gov.vn", "run9") == state.lock_holder("a.gov.vn")  # not twice
    other = CrawlState(database)
    try:
        holder = other.try_lock("a.gov.vn", "run2")
        assert holder is not None and holder.run_id == "run1" and holder.pid == os.getpid()
        assert "run run1" in holder.describe()
        assert other.try_lock("b.gov.vn", "run2") is None  # other sources are free
        fellow = CrawlState(database)  # another worker of the same run may join it
        assert fellow.try_lock("a.gov.vn", "run1") is None
        fellow.close()
        assert other.try_lock("a.gov.vn", "run2") is not None
        state.release("a.gov.vn", "run2")  # not its run: nothing happens
        assert other.try_lock("a.gov.vn", "run2") is not None
        state.release("a.gov.vn", "run1")  # once, after locking twice, is enough
        assert state.lock_holder("a.gov.vn") is None
        assert other.try_lock("a.gov.vn", "run2") is None
        assert state.try_lock("a.gov.vn", "run1") is not None
    finally:
        other.close()


def test_a_lock_left_by_a_dead_process_is_taken_over(database: str, state: CrawlState) -> None:
    crash = (
        "import os, sys\n"
        "from crawler.storage.state import CrawlState\n"
        "state = CrawlState(sys.argv[1])\n"
        "assert state.try_lock('a.gov.vn', 'crashed') is None\n"
        "os._exit(0)  # no release, no close: as a killed crawler\n"
    )
    done = subprocess.run([sys.executable, "-c", crash, database], capture_output=True,
                          text=True, timeout=60, cwd=ROOT, check=False)  # fmt: skip
    assert done.returncode == 0, done.stderr
    left = state.lock_holder("a.gov.vn")
    assert left is not None and left.run_id == "crashed"
    assert lock_until_free(state, "a.gov.vn", "new") is None
    holder = state.lock_holder("a.gov.vn")
    assert holder is not None and (holder.run_id, holder.pid) == ("new", os.getpid())


def test_one_of_many_simultaneous_runs_gets_the_source(database: str) -> None:
    racers = 6
    start, finish = threading.Barrier(racers), threading.Barrier(racers)
    outcomes: list[LockHolder | None] = [None] * racers
    errors: list[BaseException] = []

    def race(number: int) -> None:
        # Each on a connection of its own, opened in its own thread (as SQLite wants);
        # all hold on until every one has tried.
        try:
            state = CrawlState(database)
            try:
                start.wait(timeout=30)
                outcomes[number] = state.try_lock("a.gov.vn", f"run{number}")
                finish.wait(timeout=30)
            finally:
                state.close()
        except BaseException as exc:  # reported by the assertion below
            errors.append(exc)

    threads = [threading.Thread(target=race, args=(n,)) for n in range(racers)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=90)
    assert errors == []
    winners = [n for n, holder in enumerate(outcomes) if holder is None]
    assert len(winners) == 1
    assert {holder.run_id for holder in outcomes if holder is not None} == {f"run{winners[0]}"}


def test_known_urls_keep_validators_and_signatures(state: CrawlState) -> None:
    url = "http://a.gov.vn/tin-tuc/bai-1.html?utm_source=rss"
    state.record_url(url, "a.gov.vn", status="fetched", etag='"x1"',
                     last_modified="Mon, 01 Jan 2024 00:00:00 GMT", listing_sig="s1")  # fmt: skip
    state.record_stored(url, "hash1")
    state.record_url(url, "a.gov.vn", status="fetched", listing_sig="s2")  # a 304 re-check
    (known,) = state.known_urls("a.gov.vn").values()
    assert (known.etag, known.last_modified, known.listing_sig, known.content_hash) == (
        '"x1"', "Mon, 01 Jan 2024 00:00:00 GMT", "s2", "hash1")  # fmt: skip
    assert known.status == "stored" and known.last_checked is not None
    state.set_listing_sig(url, "s3")
    state.record_url("http://a.gov.vn/tin-tuc", "a.gov.vn", status="listing", etag='"l"')
    state.record_url("http://a.gov.vn/", "a.gov.vn", status="channel", etag='"c"')
    state.forget_listing_validators("a.gov.vn")
    by_status = {k.status: k for k in state.known_urls("a.gov.vn").values()}
    assert by_status["listing"].etag is None and by_status["channel"].etag == '"c"'
    assert by_status["stored"].listing_sig == "s3"
    state.record_stored(url, "", status="dropped")
    assert {k.status for k in state.known_urls("a.gov.vn").values()} >= {"dropped"}
    assert state.known_urls("b.gov.vn") == {}


def test_stored_articles_of_a_harvest_become_known(database: str, state: CrawlState) -> None:
    storage = open_storage(database)
    for number, published in ((1, "2023-05-01"), (2, "2023-06-15")):
        storage.upsert_article({
            "url": f"http://a.gov.vn/tin-tuc/bai-{number}.html?PageIndex=2", "source": "a.gov.vn",
            "title": f"Bài {number}", "text": "Nội dung.", "content_hash": f"h{number}",
            "published": published, "is_meeting_report": False,
        })  # fmt: skip
    storage.close()
    identity = lambda url: url.split("?")[0]  # noqa: E731
    assert state.adopt_articles("a.gov.vn", {"A.gov.vn"}, {}, identity) == 2
    known = state.known_urls("a.gov.vn")
    assert {k.url for k in known.values()} == {
        "http://a.gov.vn/tin-tuc/bai-1.html", "http://a.gov.vn/tin-tuc/bai-2.html"}  # fmt: skip
    assert {(k.status, k.content_hash) for k in known.values()} == {
        ("stored", "h1"), ("stored", "h2")}  # fmt: skip
    assert state.adopt_articles("a.gov.vn", {"a.gov.vn"}, known, identity) == 0
    assert state.newest_stored({"a.gov.vn"}) == "2023-06-15"
    assert state.newest_stored({"b.gov.vn"}) is None
    assert state.watermark("a.gov.vn") is None
    state.raise_watermark("a.gov.vn", "2023-06-15")
    state.raise_watermark("a.gov.vn", "2023-01-01")  # never lowered
    assert state.watermark("a.gov.vn") == "2023-06-15"
    state.raise_watermark("a.gov.vn", "2023-06-16")
    assert state.watermark("a.gov.vn") == "2023-06-16"


def test_runs_round_trip_in_the_order_they_started(state: CrawlState) -> None:
    for run_id in ("r1", "r2", "r3"):  # within one second, mostly: order by start, then row
        state.start_run(run_id, "a.gov.vn")
    state.start_run("r1", "b.gov.vn")
    details = {"platform": "nukeviet", "tên": "Hà Nội"}
    state.end_run("r1", "a.gov.vn", {"requests": 9, "pages": 8, "new_records": 3},
                  {"404": 1}, ["layout_drift"], details)  # fmt: skip
    assert [r.run_id for r in state.runs(source_id="a.gov.vn")] == ["r1", "r2", "r3"]
    first = state.runs(source_id="a.gov.vn", run_id="r1")[0]
    assert (first.requests, first.pages, first.new_records, first.retries) == (9, 8, 3, 0)
    assert (first.http_errors, first.flags) == ({"404": 1}, ["layout_drift"])
    assert first.ended is not None and first.details == details
    assert [r.source_id for r in state.runs(run_id="r1")] == ["a.gov.vn", "b.gov.vn"]
    state.start_run("r1", "a.gov.vn")  # another worker of the run joins its row
    assert [r.run_id for r in state.runs(source_id="a.gov.vn")] == ["r1", "r2", "r3"]
    assert state.runs(source_id="a.gov.vn", run_id="r1")[0] == first
    assert state.runs(run_id="other") == []


# -- PostgreSQL specifics -----------------------------------------------------------------
def test_postgres_state_tables_come_from_a_migration_step(postgres_url: str,
                                                          tmp_path: Path) -> None:  # fmt: skip
    import psycopg

    from crawler.storage.migrations import LATEST_VERSION, apply_migrations, current_version

    with psycopg.connect(postgres_url, autocommit=True) as conn:
        apply_migrations(conn, target=3)  # a database from before the crawl state
        conn.execute("INSERT INTO articles(url, source, is_meeting_report, content_hash, record,"
                     " stored_at, updated_at) VALUES ('http://a.gov.vn/1', 'a.gov.vn', 0, 'h',"
                     " '{}', 'x', 'x')")  # fmt: skip
    state = CrawlState(postgres_url)
    try:
        assert current_version(state.conn) == LATEST_VERSION  # type: ignore[attr-defined]
        assert state.adopt_articles("a.gov.vn", {"a.gov.vn"}, {}) == 1
    finally:
        state.close()
    sqlite_state = CrawlState(str(tmp_path / "db.sqlite"))
    try:
        for table in STATE_TABLES:
            lite = [row[1] for row in sqlite_state.conn.execute(  # type: ignore[attr-defined]
                "SELECT * FROM pragma_table_info(?)", (table,))]  # fmt: skip
            with psycopg.connect(postgres_url) as conn:
                pg = [name for (name,) in conn.execute(
                    "SELECT column_name FROM information_schema.columns WHERE table_name = %s"
                    " ORDER BY ordinal_position", (table,))]  # fmt: skip
            assert [name for name in pg if name != "rowid"] == lite, table
    finally:
        sqlite_state.close()


def test_postgres_workers_of_one_run_share_a_source_until_the_last_lets_go(
    postgres_url: str,
) -> None:
    first, second, rival = (CrawlState(postgres_url) for _ in range(3))
    try:
        assert first.try_lock("a.gov.vn", "job") is None
        assert second.try_lock("a.gov.vn", "job") is None
        first.release("a.gov.vn", "job")
        holder = rival.try_lock("a.gov.vn", "other")
        assert holder is not None and holder.run_id == "job"  # the second worker still crawls
        second.close()  # and dies without releasing
        assert lock_until_free(rival, "a.gov.vn", "other") is None
        assert first.try_lock("a.gov.vn", "job") == rival.lock_holder("a.gov.vn")
        rival.release("a.gov.vn", "other")
        assert first.lock_holder("a.gov.vn") is None
    finally:
        first.close()
        rival.close()


def test_unusable_databases_are_clear_errors(postgres_server: Any, tmp_path: Path) -> None:
    silent_port = pg_support._free_port()
    with pytest.raises(StorageError, match="cannot open crawl state"):
        CrawlState(f"postgresql://postgres:secret@127.0.0.1:{silent_port}/none")
    with pytest.raises(StorageError, match="SQLite file or a postgresql://"):
        CrawlState("mysql://127.0.0.1/crawler")
    with pytest.raises(StorageError, match="cannot open crawl state"):
        CrawlState(postgres_server.url("no_such_database"))


# -- `crawler crawl` on both backends ----------------------------------------------------
def crawl_command(web: FixtureWeb, database: str, *ids: str) -> subprocess.CompletedProcess[str]:
    """`crawler crawl IDS` with the database given as DATABASE_URL, not --db."""
    args = web.crawl_args(*ids)
    at = args.index("--db")
    env = {**web.env(), "DATABASE_URL": database}
    return subprocess.run(args[:at] + args[at + 2 :], capture_output=True, text=True,
                          timeout=180, env=env, cwd=ROOT)  # fmt: skip


def crawl_twice(web: FixtureWeb, database: str) -> tuple[int, int, list[dict[str, Any]]]:
    """Requests of a first and a second crawl of the portal, and the stored records."""
    web.web.reset_log()
    first = crawl_command(web, database, PORTAL)
    assert first.returncode == 0, first.stderr
    first_requests = web.web.count(PORTAL)
    web.web.reset_log()
    second = crawl_command(web, database, PORTAL)
    assert second.returncode == 0, second.stderr
    assert article_requests(web, PORTAL) == set()
    storage = open_storage(database)
    try:
        records = [{k: v for k, v in record.items() if k not in PROVENANCE_FIELDS}
                   for record in storage.iter_articles()]  # fmt: skip
    finally:
        storage.close()
    return first_requests, web.web.count(PORTAL), records


@pytest.fixture
def fixture_web(tmp_path: Path) -> Iterator[FixtureWeb]:
    web = FixtureWeb(tmp_path)
    with web.web:
        yield web


def test_crawl_into_postgres_matches_sqlite(fixture_web: FixtureWeb, postgres_url: str) -> None:
    web = fixture_web
    # A crawler that died holding the source: its row is left, its session is gone.
    dead = CrawlState(postgres_url)
    assert dead.try_lock(PORTAL, "dead-run") is None
    busy = crawl_command(web, postgres_url, PORTAL)
    assert busy.returncode == 3, busy.stderr
    assert f"{PORTAL}: already being crawled by run dead-run" in busy.stderr
    dead.close()

    lite = crawl_twice(web, str(web.db))
    pg = crawl_twice(web, postgres_url)
    assert len(pg[2]) == 80 and pg[2] == lite[2]
    assert pg[1] == lite[1] and pg[1] <= 0.05 * pg[0], web.web.fetched_urls(PORTAL)
    state = CrawlState(postgres_url)
    try:
        runs = state.runs(source_id=PORTAL)
        assert [(r.new_records, r.ended is not None) for r in runs] == [(80, True), (0, True)]
        assert state.lock_holder(PORTAL) is None
        known = state.known_urls(PORTAL)
    finally:
        state.close()
    assert {k.status for k in known.values()} == {"stored", "listing"}
    with sqlite3.connect(web.db) as conn:
        lite_known = conn.execute("SELECT COUNT(*) FROM urls").fetchone()[0]
    assert len(known) == lite_known
    status = web.run(web.command("status", "--db", postgres_url))
    assert status.returncode == 0, status.stderr
    assert status.stdout.splitlines()[1].split()[0] == PORTAL
