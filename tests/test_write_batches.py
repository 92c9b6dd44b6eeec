"""Batched writes: one transaction per batch, and an article is reported stored
only once its batch is committed."""

from __future__ import annotations

import asyncio
import json
import sqlite3
from pathlib import Path
from types import SimpleNamespace
from typing import cast

import pytest
from scrapy.crawler import Crawler
from scrapy.exceptions import DropItem
from scrapy.settings import Settings

from crawler.extraction.record import fields_with_record, meeting_record, page_fields
from crawler.items import ArticleItem, FetchedPage
from crawler.storage import Outcome, StorageError
from crawler.storage.sqlite import SQLiteStorage
from pipelines.storage import WRITE_INTERVAL, StoragePipeline

DEVSET = Path(__file__).resolve().parent / "devset"


def record(url: str, text: str = "Nội dung", **extra: object) -> dict[str, object]:
    base: dict[str, object] = {
        "url": url,
        "source": "a.gov.vn",
        "source_kind": "district_portal",
        "title": "Kỳ họp thứ Năm",
        "text": text,
        "content_hash": str(hash(text)),
        "is_meeting_report": False,
    }
    base.update(extra)
    return base


def stored_urls(path: Path) -> set[str]:
    conn = sqlite3.connect(path)
    try:
        return {url for (url,) in conn.execute("SELECT url FROM articles")}
    finally:
        conn.close()


def test_a_batch_behaves_as_its_calls_one_after_another(tmp_path: Path) -> None:
    storage = SQLiteStorage(tmp_path / "db.sqlite")
    outcomes = storage.upsert_many(
        [record("http://a.gov.vn/1"), record("http://a.gov.vn/1"),
         record("http://a.gov.vn/1", text="Nội dung đã sửa"), record("http://a.gov.vn/2")]
    )  # fmt: skip
    assert outcomes == [Outcome.NEW, Outcome.UNCHANGED, Outcome.UPDATED, Outcome.NEW]
    assert len(storage.article_versions("http://a.gov.vn/1")) == 1
    page = FetchedPage(url="http://a.gov.vn/1", status=200, body=b"<p>x</p>", fetched_at="t")
    assert storage.save_many([page, page]) == [True, False]
    storage.close()


def test_a_failed_batch_keeps_nothing_of_itself_and_everything_before(tmp_path: Path) -> None:
    path = tmp_path / "db.sqlite"
    storage = SQLiteStorage(path)
    storage.upsert_many([record("http://a.gov.vn/kept")])
    broken = record("http://a.gov.vn/broken")
    broken["source"] = None  # the articles table requires a source
    with pytest.raises(StorageError, match="cannot write"):
        storage.upsert_many([record("http://a.gov.vn/3"), broken])
    assert stored_urls(path) == {"http://a.gov.vn/kept"}
    storage.upsert_many([record("http://a.gov.vn/4")])  # the connection is usable again
    assert stored_urls(path) == {"http://a.gov.vn/kept", "http://a.gov.vn/4"}
    storage.close()


def crawler_for(path: Path) -> Crawler:
    """What the pipeline reads of a crawler, before any crawl starts (no stats, no engine)."""
    settings = Settings({"CRAWLER_DATABASE": str(path)})
    return cast(Crawler, SimpleNamespace(settings=settings, stats=None, engine=None))


def _article(url: str) -> ArticleItem:
    item = ArticleItem.from_record(record(url))
    item.page = FetchedPage(url=url, status=200, body=b"<p>trang</p>", fetched_at="t")
    return item


def test_articles_are_reported_only_after_their_batch_is_committed(tmp_path: Path) -> None:
    path = tmp_path / "db.sqlite"
    pipeline = StoragePipeline.from_crawler(crawler_for(path))
    pipeline.open_spider()

    async def scenario() -> None:
        tasks = [asyncio.ensure_future(pipeline.process_item(_article(f"http://a.gov.vn/{n}")))
                 for n in range(3)]  # fmt: skip
        await asyncio.sleep(0)
        assert not any(task.done() for task in tasks)
        assert stored_urls(path) == set()  # waiting for the batch: nothing reported yet
        done = await asyncio.wait_for(asyncio.gather(*tasks), timeout=WRITE_INTERVAL + 5)
        assert len(done) == 3
        assert len(stored_urls(path)) == 3
        # What is still waiting when the spider closes is written then.
        last = asyncio.ensure_future(pipeline.process_item(_article("http://a.gov.vn/last")))
        await asyncio.sleep(0)
        pipeline.close_spider()
        await last

    asyncio.run(scenario())
    assert "http://a.gov.vn/last" in stored_urls(path)


def test_a_write_error_drops_the_whole_batch_and_stops(tmp_path: Path) -> None:
    path = tmp_path / "db.sqlite"
    pipeline = StoragePipeline.from_crawler(crawler_for(path))
    pipeline.open_spider()
    broken = _article("http://a.gov.vn/broken")
    broken.source = None  # type: ignore[assignment]

    async def scenario() -> list[object]:
        items = [_article("http://a.gov.vn/ok"), broken]
        return await asyncio.gather(*(pipeline.process_item(i) for i in items),
                                    return_exceptions=True)  # fmt: skip

    results = asyncio.run(scenario())
    assert all(isinstance(result, DropItem) for result in results)
    assert pipeline.write_error is not None
    assert stored_urls(path) == set()
    pipeline.close_spider()


@pytest.mark.skipif(not DEVSET.is_dir(), reason="tests/devset is absent")
def test_one_pool_call_makes_the_same_record_as_the_two_halves() -> None:
    for html in sorted(DEVSET.glob("*.html"))[:12]:
        label = html.with_suffix(".json")
        url = json.loads(label.read_text(encoding="utf-8"))["url"] if label.exists() else None
        body = html.read_bytes()
        fields = page_fields(body, url)
        both = fields_with_record(body, url)
        assert both.record == meeting_record(fields, url), html.name
        assert both.text == fields.text and both.title == fields.title
