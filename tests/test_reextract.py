"""Re-extraction: outdated records are rebuilt from stored pages, once."""

from __future__ import annotations

from pathlib import Path

import pytest
from archive_support.content import ARTICLES, article_html

from crawler.archive.reextract import build_record, is_outdated, reextract, version_key
from crawler.extraction.record import EXTRACTOR_VERSION
from crawler.items import FetchedPage
from crawler.storage import open_storage

OTHER_HOST = "baosonvan.example.vn"


def page(index: int, host: str = "sonvan.thanhhoa.gov.vn") -> FetchedPage:
    article = ARTICLES[index]
    return FetchedPage(
        url=article.url(host), status=200, body=article_html(article).encode(),
        fetched_at="2025-01-02T03:04:05+00:00", headers={"content-type": "text/html"},
        encoding="utf-8", capture_time="2024-02-10T09:30:00+00:00",
        archive_url=f"https://web.archive.org/web/20240210093000/{article.url(host)}",
    )  # fmt: skip


def older_record(fetched: FetchedPage) -> dict:
    """What an earlier extractor stored: other field values, an older version."""
    record, reason = build_record(fetched)
    assert record is not None, reason
    record.update(title="Tiêu đề do bản cũ đọc sai", officials=[], extractor_version="0")
    return record


@pytest.fixture
def database(tmp_path: Path) -> str:
    """Five stored pages: two outdated records, one current, one without a record,
    and one outdated record of another site."""
    path = str(tmp_path / "stored.sqlite")
    storage = open_storage(path)
    pages = [page(0), page(1), page(2), page(3), page(4, OTHER_HOST)]
    for fetched in pages:
        storage.save_page(fetched)
    for fetched in (pages[0], pages[1], pages[4]):
        storage.upsert_article(older_record(fetched))
    current, _ = build_record(pages[2])
    assert current is not None
    storage.upsert_article(current)
    storage.close()
    return path


def test_outdated_records_are_rebuilt_once(database: str) -> None:
    summary = reextract(database)
    assert summary.pages == 5
    assert summary.current == 1
    assert summary.outcomes == {"reextracted": 3, "new": 1}
    storage = open_storage(database)
    try:
        for index in range(4):
            record = storage.get_article(ARTICLES[index].url())
            assert record is not None
            assert record["extractor_version"] == EXTRACTOR_VERSION
            assert record["title"] == ARTICLES[index].title
            # Provenance comes from the stored page, not from this run.
            assert record["capture_time"] == "2024-02-10T09:30:00+00:00"
            assert record["archive_url"].startswith("https://web.archive.org/web/2024")
    finally:
        storage.close()

    again = reextract(database)
    assert again.rebuilt == 0 and again.current == 5


def test_source_and_since_select_what_is_rebuilt(database: str) -> None:
    only_other = reextract(database, source=OTHER_HOST)
    assert only_other.outcomes == {"reextracted": 1}
    assert only_other.filtered == 4
    # Articles 0 and 1 were published in 2022 and 2023; article 3 (no record yet) has no
    # known date and is kept, as harvest --since keeps undated articles.
    recent = reextract(database, since="2023-01-01")
    assert recent.outcomes == {"reextracted": 1, "new": 1}
    storage = open_storage(database)
    try:
        assert storage.get_article(ARTICLES[0].url())["extractor_version"] == "0"
    finally:
        storage.close()


def test_a_page_without_a_usable_record_is_counted(tmp_path: Path) -> None:
    path = str(tmp_path / "empty.sqlite")
    storage = open_storage(path)
    storage.save_page(FetchedPage(url="http://sonvan.thanhhoa.gov.vn/trong.html", status=200,
                                  body=b"<html><body></body></html>",
                                  fetched_at="2025-01-01T00:00:00+00:00"))  # fmt: skip
    storage.close()
    summary = reextract(path)
    assert summary.rebuilt == 0
    assert sum(summary.dropped.values()) == 1


@pytest.mark.parametrize(
    ("stored", "current", "outdated"),
    [(None, "1", True), ("", "1", True), ("0", "1", True), ("1", "1", False),
     ("1.9", "1.10", True), ("2", "1.10", False), ("beta", "1", True), ("1", "1.0.1", True)],
)  # fmt: skip
def test_version_order(stored: str | None, current: str, outdated: bool) -> None:
    assert is_outdated(stored, current) is outdated


def test_version_key() -> None:
    assert version_key("1.10.2") == (1, 10, 2)
    assert version_key("v1") is None


def test_a_record_that_only_lacks_the_new_version_is_rebuilt_once(tmp_path: Path) -> None:
    path = str(tmp_path / "same.sqlite")
    storage = open_storage(path)
    fetched = page(0)
    storage.save_page(fetched)
    record, _ = build_record(fetched)
    assert record is not None
    storage.upsert_article({**record, "extractor_version": "0"})
    storage.close()
    assert reextract(path).rebuilt == 1
    assert reextract(path).rebuilt == 0


def test_reextract_command_prints_one_summary_line(
    database: str, capsys: pytest.CaptureFixture[str]
) -> None:
    from crawler.cli import main

    assert main(["reextract", "--db", database]) == 0
    lines = capsys.readouterr().err.strip().splitlines()
    assert len(lines) == 1 and lines[0].startswith("re-extracted 4 of 5 stored pages"), lines
    assert main(["reextract", "--db", database, "--since", "31/12/2023"]) == 2
    assert capsys.readouterr().err.startswith("error: --since expects a date")
