"""Rebuild records from stored pages after the extractor changed, without fetching.

Only pages whose stored record was made by an older extractor (or carries
no version, or is missing) are rebuilt, so running it twice does the work
once. Records go through the storage interface like the pipelines' do.
"""

from __future__ import annotations

import logging
import re
from collections import Counter
from dataclasses import dataclass, field
from typing import Any

from crawler.extraction import record as extraction
from crawler.items import ArticleItem, FetchedPage
from crawler.schema import rejection_reason, validate_record
from crawler.storage import StoredPage, open_storage
from crawler.urls import host_of

logger = logging.getLogger(__name__)

_VERSION_PART = re.compile(r"\d+")


def build_record(page: FetchedPage) -> tuple[dict[str, Any] | None, str | None]:
    """The stored form of a page's record, or (None, why not).

    The same steps as the item pipelines (boilerplate, meeting fields,
    validation), so a rebuilt or imported record equals a crawled one.
    """
    try:
        fields = extraction.page_fields(page.body, page.url, "html", encoding=page.encoding)
    except ValueError as exc:
        logger.warning("cannot read %s: %s", page.url, exc)
        return None, "unparseable"
    record = extraction.meeting_record(fields, page.url)
    record.update(
        fetched_at=page.fetched_at, capture_time=page.capture_time, archive_url=page.archive_url
    )
    stored = ArticleItem.from_record(record).to_record()
    reason = rejection_reason(stored)
    if reason:
        return None, reason
    problems = validate_record(stored)
    if problems:
        logger.error("record for %s breaks SCHEMA.md: %s", page.url, "; ".join(problems))
        return None, "schema"
    return stored, None


def version_key(version: str) -> tuple[int, ...] | None:
    """ "1.10" -> (1, 10); None for a version that is not dotted numbers."""
    parts = version.strip().split(".")
    if not parts or not all(_VERSION_PART.fullmatch(part) for part in parts):
        return None
    return tuple(int(part) for part in parts)


def is_outdated(stored_version: object, current: str) -> bool:
    """True when a record made by ``stored_version`` should be rebuilt by ``current``."""
    if stored_version in (None, ""):
        return True
    stored_key, current_key = version_key(str(stored_version)), version_key(current)
    if stored_key is None or current_key is None:
        return str(stored_version) != current
    return stored_key < current_key


@dataclass
class ReextractSummary:
    pages: int = 0
    #: Pages whose record is already from the current extractor.
    current: int = 0
    #: Pages outside the --source / --since selection.
    filtered: int = 0
    #: Storage outcome of each rebuilt record (new, updated, reextracted, unchanged).
    outcomes: Counter[str] = field(default_factory=Counter)
    #: Pages that gave no valid record, by reason.
    dropped: Counter[str] = field(default_factory=Counter)

    @property
    def rebuilt(self) -> int:
        return sum(self.outcomes.values())

    def line(self, version: str) -> str:
        outcomes = ", ".join(f"{n} {name}" for name, n in sorted(self.outcomes.items()))
        return (
            f"re-extracted {self.rebuilt} of {self.pages} stored pages with extractor "
            f"{version} ({outcomes or 'nothing to do'}); {self.current} already current, "
            f"{self.filtered} not selected, {sum(self.dropped.values())} without a record"
        )


def _selected(page: StoredPage, stored: dict[str, Any] | None, source: str | None,
              since: str | None) -> bool:  # fmt: skip
    if source:
        page_source = (stored or {}).get("source") or host_of(page.url)
        if page_source != host_of(f"http://{source}") and page_source != source.lower():
            return False
    if since:
        published = (stored or {}).get("published")
        # As with harvest --since: an article without a date is kept.
        if published and published < since[: len(published)]:
            return False
    return True


def _as_fetched(page: StoredPage) -> FetchedPage:
    return FetchedPage(
        url=page.url, status=page.status, body=page.body, fetched_at=page.fetched_at,
        headers=dict(page.headers), encoding=page.encoding, discovered_via="stored",
        capture_time=page.capture_time, archive_url=page.archive_url,
    )  # fmt: skip


def reextract(database: str | None, source: str | None = None,
              since: str | None = None) -> ReextractSummary:  # fmt: skip
    """Rebuild outdated records from the stored pages of ``database``."""
    current = extraction.EXTRACTOR_VERSION
    summary = ReextractSummary()
    # One connection streams the pages while the other writes records.
    reader, writer = open_storage(database), open_storage(database)
    try:
        for page in reader.iter_pages():
            summary.pages += 1
            stored = writer.get_article(page.url)
            if not _selected(page, stored, source, since):
                summary.filtered += 1
                continue
            if stored is not None and not is_outdated(stored.get("extractor_version"), current):
                summary.current += 1
                continue
            record, reason = build_record(_as_fetched(page))
            if record is None:
                summary.dropped[reason or "unknown"] += 1
                continue
            summary.outcomes[writer.upsert_article(record).value] += 1
    finally:
        reader.close()
        writer.close()
    return summary
