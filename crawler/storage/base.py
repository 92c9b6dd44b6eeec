"""The storage interface the pipelines and the CLI use.

A backend stores two things: fetched pages (compressed bytes with their HTTP
metadata, so records can be rebuilt without fetching again) and article
records (SCHEMA.md objects). Writes are idempotent: storing what is already
there changes nothing; a record whose text changed is updated and its
previous version kept.
"""

from __future__ import annotations

import enum
import hashlib
import json
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from typing import Any, Protocol

from crawler.items import FetchedPage

# Fields that say when or how a record was made, not what the article says;
# a change in them alone is not a new version.
#: Record fields copied into columns of the articles table, for filtering and reports.
FILTER_COLUMNS = (
    "source",
    "source_kind",
    "title",
    "published",
    "level",
    "body",
    "meeting_type",
    "meeting_date",
    "province",
    "district",
    "content_hash",
    "extractor_version",
)

PROVENANCE_FIELDS = frozenset({"fetched_at", "capture_time", "archive_url", "extractor_version"})


class Outcome(enum.Enum):
    NEW = "new"
    UPDATED = "updated"  # the text changed; the old version was kept
    REEXTRACTED = "reextracted"  # same text, different extracted fields
    UNCHANGED = "unchanged"


@dataclass
class StoredPage:
    url: str
    status: int
    headers: dict[str, str]
    body: bytes
    fetched_at: str
    encoding: str | None
    capture_time: str | None = None
    archive_url: str | None = None


class StorageError(RuntimeError):
    """A clear, user-facing storage failure (read-only file, disk full, bad URL)."""


class Storage(Protocol):
    def save_page(self, page: FetchedPage) -> bool:
        """Store a fetched page; False when the same bytes were already stored."""

    def upsert_article(self, record: dict[str, Any]) -> Outcome: ...

    def get_article(self, url: str) -> dict[str, Any] | None: ...

    def iter_articles(self, *, meetings_only: bool = False) -> Iterator[dict[str, Any]]: ...

    def iter_pages(self) -> Iterator[StoredPage]: ...

    def article_versions(self, url: str) -> list[dict[str, Any]]: ...

    def counts(self) -> dict[str, Any]: ...

    # -- meetings (derived tables, rebuilt by crawler.meetings.build) ------------
    def replace_meetings(
        self,
        meetings: Iterable[dict[str, Any]],
        links: Iterable[dict[str, Any]],
        *,
        duplicates: Iterable[dict[str, Any]] = (),
        marker: str | None = None,
    ) -> None:
        """Replace meetings, report links and near-duplicate rows wholesale, in one transaction."""

    def iter_meetings(self) -> Iterator[dict[str, Any]]:
        """Each meeting: id, reconciled fields, conflicts, report_count, reports, sources."""

    def iter_meeting_links(self) -> Iterator[dict[str, Any]]: ...

    def iter_near_duplicates(self) -> Iterator[dict[str, Any]]: ...

    def meetings_marker(self) -> str | None:
        """Marker of the articles the stored meetings were built from; None if never built."""

    def articles_marker(self) -> str:
        """Marker of the articles stored now."""

    def flush(self) -> None: ...

    def close(self) -> None: ...


def comparable(record: dict[str, Any]) -> str:
    """Canonical JSON of a record without provenance, for change detection."""
    content = {k: v for k, v in record.items() if k not in PROVENANCE_FIELDS}
    return json.dumps(content, ensure_ascii=False, sort_keys=True, default=str)


def is_older_capture(stored: dict[str, Any], record: dict[str, Any]) -> bool:
    """``record`` comes from an archive capture older than the one ``stored`` was made from.

    Captures of one URL may finish extraction in any order (several extraction
    processes); the current record is always the newest capture, and an older one
    arriving late is kept as an earlier version instead.
    """
    older, newer = record.get("capture_time"), stored.get("capture_time")
    return bool(older and newer) and str(older) < str(newer)


#: SQL condition (both backends) under which an incoming page row replaces the stored
#: one: never an older archive capture over a newer one.
PAGE_IS_NOT_OLDER = (
    "excluded.capture_time IS NULL OR pages.capture_time IS NULL"
    " OR excluded.capture_time >= pages.capture_time"
)


def body_digest(body: bytes) -> str:
    return hashlib.sha256(body).hexdigest()
