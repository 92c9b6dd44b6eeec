"""Crash and resume: a harvest killed with SIGKILL at random points and started
again ends with the records of an uninterrupted one, none lost and none
duplicated, and the database passes its integrity check after every kill.
A disk that fills up mid-harvest gives one clear error line and loses nothing
that was stored before."""

from __future__ import annotations

import json
import os
import random
import resource
import signal
import sqlite3
import subprocess
import sys
import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from crawler.demo.generate import generate_portal
from crawler.demo.server import VirtualWeb
from crawler.storage.base import PROVENANCE_FIELDS
from crawler.urls import url_key

ROOT = Path(__file__).resolve().parents[1]
HOST = "huyenmau.demo.gov.vn"
START = f"http://{HOST}/"
PAGES = 160
FAST = ("AUTOTHROTTLE_ENABLED=False", "DOWNLOAD_DELAY=0", "CONCURRENT_REQUESTS_PER_DOMAIN=4")
KILLS = 3


def harvest_command(proxy: str, db: Path) -> list[str]:
    args = [sys.executable, "-m", "crawler", "harvest", START, "--db", str(db),
            "-s", f"CRAWLER_FIXED_PROXY={proxy}", "--log-level", "WARNING"]  # fmt: skip
    for setting in FAST:
        args += ["-s", setting]
    return args


def environment() -> dict[str, str]:
    dropped = ("http_proxy", "https_proxy", "no_proxy", "database_url")
    return {k: v for k, v in os.environ.items() if k.lower() not in dropped}


def records(db: Path) -> dict[str, dict[str, Any]]:
    """Each stored record by URL key, without the fields that say when it was made."""
    conn = sqlite3.connect(db)
    try:
        rows = conn.execute("SELECT url, record FROM articles").fetchall()
    finally:
        conn.close()
    found: dict[str, dict[str, Any]] = {}
    for url, payload in rows:
        record = {k: v for k, v in json.loads(payload).items() if k not in PROVENANCE_FIELDS}
        assert url_key(url) not in found, f"stored twice: {url}"
        found[url_key(url)] = record
    return found


def integrity(db: Path) -> str:
    conn = sqlite3.connect(db)
    try:
        return str(conn.execute("PRAGMA integrity_check").fetchone()[0])
    finally:
        conn.close()


def run_and_kill(web: VirtualWeb, db: Path, after_requests: int) -> bool:
    """Start a harvest and SIGKILL it (and its workers) after ``after_requests``
    requests reach the server; False when it finished before that."""
    start = web.count()
    process = subprocess.Popen(harvest_command(web.url, db), cwd=ROOT, env=environment(),
                               stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
                               start_new_session=True)  # fmt: skip
    deadline = time.monotonic() + 120
    try:
        while web.count() - start < after_requests:
            if process.poll() is not None:
                return False
            if time.monotonic() > deadline:
                raise AssertionError("the harvest made no progress")
            time.sleep(0.005)
        os.killpg(process.pid, signal.SIGKILL)  # the crawl and its extraction workers
        return True
    finally:
        process.wait(timeout=30)


@pytest.fixture(scope="module")
def portal_web() -> Iterator[VirtualWeb]:
    with VirtualWeb({HOST: generate_portal(HOST, PAGES, seed=7)}) as web:
        yield web


@pytest.fixture(scope="module")
def uninterrupted(portal_web: VirtualWeb, tmp_path_factory: pytest.TempPathFactory) -> Path:
    db = tmp_path_factory.mktemp("whole") / "whole.sqlite"
    result = subprocess.run(harvest_command(portal_web.url, db), cwd=ROOT, env=environment(),
                            capture_output=True, text=True, timeout=300)  # fmt: skip
    assert result.returncode == 0, result.stderr[-2000:]
    return db


def test_killed_harvests_resume_to_the_same_records(
    portal_web: VirtualWeb, uninterrupted: Path, tmp_path: Path
) -> None:
    expected = records(uninterrupted)
    assert len(expected) > 100
    db = tmp_path / "killed.sqlite"
    rng = random.Random(20240312)
    kills = 0
    for _ in range(KILLS):
        # Anywhere from the first pages to near the end of the site.
        if run_and_kill(portal_web, db, rng.randrange(5, PAGES - 10)):
            kills += 1
            assert db.exists()
            assert integrity(db) == "ok"
    assert kills >= 2
    result = subprocess.run(harvest_command(portal_web.url, db), cwd=ROOT, env=environment(),
                            capture_output=True, text=True, timeout=300)  # fmt: skip
    assert result.returncode == 0, result.stderr[-2000:]
    assert integrity(db) == "ok"
    got = records(db)
    assert set(got) == set(expected), sorted(set(got) ^ set(expected))[:5]
    different = [key for key in expected if got[key] != expected[key]]
    assert not different, different[:3]
    conn = sqlite3.connect(db)
    assert conn.execute("SELECT COUNT(*) FROM article_versions").fetchone()[0] == 0
    conn.close()


def _limit_file_size(limit: int) -> None:
    # A file cannot grow past ``limit`` bytes: writes fail as on a full disk.
    # SIGXFSZ would kill the process; ignored, the write returns an error instead.
    signal.signal(signal.SIGXFSZ, signal.SIG_IGN)
    resource.setrlimit(resource.RLIMIT_FSIZE, (limit, limit))


def test_full_disk_gives_a_clear_error_and_loses_nothing(
    portal_web: VirtualWeb, uninterrupted: Path, tmp_path: Path
) -> None:
    db = tmp_path / "full.sqlite"
    # A first, smaller harvest fills the database with what must survive.
    small = subprocess.run(
        [*harvest_command(portal_web.url, db), "--max-pages", "40"],
        cwd=ROOT,
        env=environment(),
        capture_output=True,
        text=True,
        timeout=300,
    )
    assert small.returncode == 0, small.stderr[-2000:]
    before = records(db)
    assert before
    limit = db.stat().st_size + 48 * 1024
    full = subprocess.run(harvest_command(portal_web.url, db), cwd=ROOT, env=environment(),
                          capture_output=True, text=True, timeout=300,
                          preexec_fn=lambda: _limit_file_size(limit))  # fmt: skip
    assert full.returncode == 1, full.stderr[-2000:]
    assert "Traceback" not in full.stderr
    errors = [line for line in full.stderr.splitlines() if "ERROR" in line or "error:" in line]
    assert any("disk is full" in line or "cannot write" in line for line in errors), errors
    assert len(errors) <= 3, errors  # one clear line (and the summary), not one per page
    assert integrity(db) == "ok"
    after = records(db)
    for key, record in before.items():
        assert after.get(key) == record, key
    assert len(after) < len(records(uninterrupted))  # the run did stop early
