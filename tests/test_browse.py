"""`crawler browse`: Datasette over the database, facets and full-text search."""

from __future__ import annotations

import hashlib
import json
import os
import signal
import socket
import sqlite3
import subprocess
import sys
import time
import urllib.parse
import urllib.request
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pg_support
import pytest

from crawler import cli
from crawler.commands import browse as browse_command
from crawler.commands.browse import FACETS
from crawler.commands.browse_snapshot import (
    FTS_TABLE,
    VIEW,
    Snapshot,
    default_snapshot,
    prepare_snapshot,
)
from crawler.storage import StorageError, open_storage

postgres_server = pg_support.postgres_server
postgres_url = pg_support.postgres_url

ROOT = Path(__file__).resolve().parents[1]
CRAWLER = (sys.executable, "-m", "crawler")

# (host, province, district, body, meeting_type, meeting_date, published, text)
ARTICLES = (
    (
        "a.gov.vn",
        "Thanh Hóa",
        "Thọ Xuân",
        "party_committee",
        "plenum",
        "2024-03-05",
        "2024-03-06",
        "Hội nghị Ban Chấp hành Đảng bộ huyện bàn về chuyển đổi cây trồng.",
    ),
    (
        "a.gov.vn",
        "Thanh Hóa",
        "Thọ Xuân",
        "peoples_council",
        "council_session",
        "2024-07-10",
        "2024-07-11",
        "Kỳ họp thứ Mười thông qua nghị quyết về nạo vét kênh mương nội đồng.",
    ),
    (
        "b.gov.vn",
        "Nghệ An",
        "Yên Thành",
        "peoples_committee",
        "regular_meeting",
        "2023-11-20",
        "2023-11-21",
        "Phiên họp thường kỳ tháng Mười Một bàn tiến độ khánh thành cầu treo.",
    ),
    (
        "b.gov.vn",
        "Nghệ An",
        None,
        "party_standing_committee",
        "review_conference",
        None,
        "2025-01-15",
        "Ban Thường vụ sơ kết công tác phòng chống thiên tai năm qua.",
    ),
    (
        "c.vn",
        "Thanh Hóa",
        "Sầm Sơn",
        "party_committee",
        "plenum",
        "2025-02-02",
        "2025-02-03",
        "Hội nghị lần thứ Hai mươi bàn kế hoạch mùa du lịch biển.",
    ),
)


def make_record(index: int, row: tuple[Any, ...]) -> dict[str, Any]:
    host, province, district, body, meeting_type, meeting_date, published, text = row
    return {
        "url": f"http://{host}/tin/{index}",
        "source": host,
        "title": f"Bản tin số {index}",
        "text": text,
        "content_hash": f"hash-{index}-{len(text)}",
        "published": published,
        "is_meeting_report": True,
        "level": "district" if district else "province",
        "body": body,
        "meeting_type": meeting_type,
        "meeting_date": meeting_date,
        "province": province,
        "district": district,
        "fetched_at": "2025-03-01T08:00:00+00:00",
    }


@pytest.fixture
def database(tmp_path: Path) -> Path:
    path = tmp_path / "meetings.sqlite"
    storage = open_storage(str(path))
    for index, row in enumerate(ARTICLES):
        storage.upsert_article(make_record(index, row))
    storage.upsert_article(
        {
            "url": "http://c.vn/tin/thoi-tiet",
            "source": "c.vn",
            "title": "Dự báo thời tiết cuối tuần",
            "text": "Trời nắng nhẹ, gió đông nam cấp hai.",
            "content_hash": "hash-weather",
            "published": "2025-02-08",
            "is_meeting_report": False,
        }
    )
    storage.close()
    return path


def search_urls(path: Path, query: str) -> set[str]:
    conn = sqlite3.connect(path)
    try:
        rows = conn.execute(
            f"SELECT url FROM articles WHERE rowid IN"
            f" (SELECT rowid FROM {FTS_TABLE} WHERE {FTS_TABLE} MATCH ?)",
            (query,),
        ).fetchall()
    finally:
        conn.close()
    return {url for (url,) in rows}


def file_digest(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def schema_of(path: Path) -> list[tuple[str, ...]]:
    conn = sqlite3.connect(f"{path.resolve().as_uri()}?mode=ro", uri=True)
    try:
        return conn.execute("SELECT type, name, sql FROM sqlite_master ORDER BY name").fetchall()
    finally:
        conn.close()


def test_the_database_is_read_never_written(database: Path, tmp_path: Path) -> None:
    digest, schema = file_digest(database), schema_of(database)
    target = default_snapshot(database)
    assert target == tmp_path / "meetings-browse.sqlite"
    snapshot = prepare_snapshot(str(database), target)
    assert (snapshot.articles, snapshot.rebuilt) == (6, True)
    assert file_digest(database) == digest
    assert schema_of(database) == schema
    assert {name for _, name, _ in schema} >= {"articles"}
    assert not {VIEW, FTS_TABLE} & {name for _, name, _ in schema}
    # The served file has the view and the index on top of a copy with the same row numbers.
    names = {name for _, name, _ in schema_of(target)}
    assert {VIEW, FTS_TABLE, "articles"} <= names
    original, copy = sqlite3.connect(database), sqlite3.connect(target)
    query = "SELECT rowid, * FROM articles ORDER BY rowid"
    assert copy.execute(query).fetchall() == original.execute(query).fetchall()
    original.close()
    copy.close()
    with pytest.raises(StorageError, match="database itself"):
        prepare_snapshot(str(database), database)
    assert file_digest(database) == digest


def test_search_finds_d_for_the_letter_dj(database: Path, tmp_path: Path) -> None:
    snapshot = tmp_path / "browse.sqlite"
    prepare_snapshot(str(database), snapshot)
    weather = "http://c.vn/tin/thoi-tiet"  # "gió đông nam"
    assert weather in search_urls(snapshot, "dong")
    assert weather in search_urls(snapshot, "đông")
    assert weather in search_urls(snapshot, "Đông Nam")
    assert weather not in search_urls(snapshot, "treo")


def test_snapshot_is_reused_until_the_database_changes(database: Path, tmp_path: Path) -> None:
    target = tmp_path / "elsewhere" / "served.sqlite"
    assert prepare_snapshot(str(database), target).rebuilt
    assert search_urls(target, "kênh") == {"http://a.gov.vn/tin/1"}
    # Diacritics are folded: the unaccented spelling finds the accented word.
    assert search_urls(target, "kenh") == {"http://a.gov.vn/tin/1"}
    built = (target.stat().st_ino, target.stat().st_mtime_ns, file_digest(target))
    again = prepare_snapshot(str(database), target)
    assert (again.articles, again.rebuilt) == (6, False)
    assert (target.stat().st_ino, target.stat().st_mtime_ns, file_digest(target)) == built

    storage = open_storage(str(database))
    storage.upsert_article(
        make_record(9, ("d.gov.vn", "Nghệ An", "Đô Lương", "peoples_council", "council_session",
                        "2025-04-01", "2025-04-02", "Kỳ họp chuyên đề về giải phóng mặt bằng."))
    )  # fmt: skip
    storage.close()
    digest = file_digest(database)
    fresh = prepare_snapshot(str(database), target)
    assert (fresh.articles, fresh.rebuilt) == (7, True)
    assert file_digest(database) == digest
    assert search_urls(target, "giai phong") == {"http://d.gov.vn/tin/9"}

    # A text changed in place (same number of articles) is seen too.
    storage = open_storage(str(database))
    changed = make_record(1, ARTICLES[1])
    changed.update(text="Kỳ họp thứ Mười bàn việc trồng rừng phòng hộ.", content_hash="new")
    time.sleep(1.1)  # update times are kept to the second
    storage.upsert_article(changed)
    storage.close()
    assert prepare_snapshot(str(database), target).rebuilt
    assert search_urls(target, "kênh") == set()
    assert search_urls(target, "rừng") == {"http://a.gov.vn/tin/1"}
    assert not prepare_snapshot(str(database), target).rebuilt


def test_meeting_tables_are_copied_and_followed(database: Path, tmp_path: Path) -> None:
    target = tmp_path / "served.sqlite"
    prepare_snapshot(str(database), target)
    storage = open_storage(str(database))
    meeting = {"meeting_id": "m1", "province": "Thanh Hóa", "report_count": 2}
    links = [
        {"meeting_id": "m1", "url": "http://a.gov.vn/tin/0", "position": 0},
        {"meeting_id": "m1", "url": "http://c.vn/tin/4", "position": 1},
    ]
    storage.replace_meetings([meeting], links, marker=storage.articles_marker())
    storage.close()
    assert prepare_snapshot(str(database), target).rebuilt
    copy = open_storage(str(target))
    original = open_storage(str(database))
    try:
        assert list(copy.iter_meetings()) == list(original.iter_meetings())
        assert list(copy.iter_meeting_links()) == list(original.iter_meeting_links())
        assert copy.meetings_marker() == original.meetings_marker()
    finally:
        copy.close()
        original.close()


def test_postgresql_is_served_from_a_snapshot(
    database: Path, postgres_url: str, tmp_path: Path
) -> None:
    original = open_storage(str(database))
    server = open_storage(postgres_url)
    for record in original.iter_articles():
        server.upsert_article(record)
    server.replace_meetings(
        [{"meeting_id": "m1", "report_count": 1}],
        [{"meeting_id": "m1", "url": "http://b.gov.vn/tin/2", "position": 0}],
        marker="built",
    )
    server.close()
    target = tmp_path / "snapshot.sqlite"
    target.write_text("an older snapshot, replaced whole")
    assert prepare_snapshot(postgres_url, target) == Snapshot(target, 6, rebuilt=True)
    copy = open_storage(str(target))
    assert list(copy.iter_articles()) == list(original.iter_articles())
    assert [m["reports"] for m in copy.iter_meetings()] == [["http://b.gov.vn/tin/2"]]
    copy.close()
    original.close()
    assert search_urls(target, "treo") == {"http://b.gov.vn/tin/2"}
    assert not prepare_snapshot(postgres_url, target).rebuilt

    row = ("d.gov.vn", "Nghệ An", None, "party_committee", "plenum", None, "2025-05-05",
           "Hội nghị tổng kết phong trào thi đua.")  # fmt: skip
    server = open_storage(postgres_url)
    server.upsert_article(make_record(9, row))
    server.close()
    assert prepare_snapshot(postgres_url, target) == Snapshot(target, 7, rebuilt=True)
    assert search_urls(target, "phong trao") == {"http://d.gov.vn/tin/9"}


def test_missing_datasette_is_one_clear_line(
    database: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.setattr(browse_command, "datasette_available", lambda: False)
    assert cli.main(["browse", "--db", str(database), "--no-open"]) == 2
    message = capsys.readouterr().err.strip()
    assert message.count("\n") == 0
    assert "pip install 'vn-meetings-crawler[browse]'" in message


def _free_port() -> int:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


# Straight to loopback, whatever proxy the environment names.
_LOCAL = urllib.request.build_opener(urllib.request.ProxyHandler({}))


def get_json(base: str, path: str, **params: str) -> Any:
    url = f"{base}{path}?{urllib.parse.urlencode(params)}"
    with _LOCAL.open(url, timeout=30) as response:
        return json.loads(response.read())


@pytest.fixture
def served(database: Path) -> Iterator[str]:
    if not browse_command.datasette_available():
        pytest.skip("Datasette is not installed (pip install 'vn-meetings-crawler[browse]')")
    port = _free_port()
    digest = file_digest(database)
    env = {k: v for k, v in os.environ.items() if k.lower() != "database_url"}
    process = subprocess.Popen(
        [*CRAWLER, "browse", "--db", str(database), "--port", str(port), "--no-open"],
        cwd=ROOT,
        env=env,
        start_new_session=True,
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
    )
    base = f"http://127.0.0.1:{port}"
    try:
        deadline = time.monotonic() + 60
        while True:
            try:
                get_json(base, "/-/versions.json")
                break
            except OSError:
                if process.poll() is not None or time.monotonic() > deadline:
                    output = process.stdout.read().decode() if process.stdout else ""
                    pytest.fail(f"datasette did not start: {output}")
                time.sleep(0.3)
        yield f"{base}/{default_snapshot(database).stem}"
    finally:
        # Ctrl-C reaches the whole foreground group: browse and Datasette.
        os.killpg(process.pid, signal.SIGINT)
        try:
            process.wait(timeout=20)
        finally:
            if process.poll() is None:
                os.killpg(process.pid, signal.SIGKILL)
    assert process.returncode == 0
    assert file_digest(database) == digest  # served from the snapshot beside it


def sql_counts(path: Path, expression: str) -> dict[str, int]:
    conn = sqlite3.connect(path)
    try:
        rows = conn.execute(
            f"SELECT {expression} AS value, COUNT(*) FROM articles"
            " WHERE value IS NOT NULL AND value != '' GROUP BY value"
        ).fetchall()
    finally:
        conn.close()
    return {str(value): count for value, count in rows}


def test_facets_and_search_through_the_json_api(served: str, database: Path) -> None:
    page = get_json(served, "/articles_browse.json", _facet_size="max")
    assert page["filtered_table_rows_count"] == 6
    facets = page["facet_results"]
    assert set(FACETS) <= set(facets)
    expressions = {name: name for name in FACETS}
    expressions["year"] = "substr(coalesce(meeting_date, published), 1, 4)"
    for name, expression in expressions.items():
        shown = {str(item["value"]): item["count"] for item in facets[name]["results"]}
        assert shown == sql_counts(database, expression), name
    assert facets["year"]["results"] and {"2023", "2024", "2025"} <= {
        str(item["value"]) for item in facets["year"]["results"]
    }

    found = get_json(served, "/articles_browse.json", _search="treo", _shape="array")
    assert [row["url"] for row in found] == ["http://b.gov.vn/tin/2"]
    assert "cầu treo" in found[0]["text"]
    nothing = get_json(served, "/articles_browse.json", _search="xylophone", _shape="array")
    assert nothing == []
    both = get_json(served, "/articles_browse.json", _search="plenum", _shape="array")
    assert both == []  # enumeration values are facets, not words of the text
