"""Rebuild the derived meeting tables of a storage from its articles.

The tables (``meetings``, ``meeting_reports``, ``near_duplicates``) are derived
data: every rebuild replaces them wholesale in one transaction, so readers see
the old set or the new one, never a mix. The build records a marker of the
articles it was made from; :func:`ensure_meetings` rebuilds only when the
articles changed since.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from dataclasses import asdict, dataclass
from datetime import UTC, datetime
from itertools import islice
from typing import Any, TypeVar

import numpy as np

from crawler.meetings.linking import MeetingSet, link_meetings
from crawler.meetings.neardup import NearDuplicateIndex, signature
from crawler.meetings.ranking import credits_another_outlet
from crawler.meetings.reconcile import MEETING_FIELDS
from crawler.parallel_extract import imap_ordered
from crawler.storage.base import Storage

T = TypeVar("T")

#: Record fields kept in memory per article while linking (the text is not).
_KEPT_FIELDS = (
    "url",
    "source",
    "source_kind",
    "title",
    "published",
    "content_hash",
    "is_meeting_report",
    *MEETING_FIELDS,
)
#: Texts sent to a worker process at a time: enough that the trip costs little.
TEXTS_PER_BATCH = 64
#: Batches worked out here before a process pool is worth starting (its workers
#: take a second or so to start): a corpus of up to this many batches needs none.
INLINE_BATCHES = 16


@dataclass(frozen=True)
class BuildSummary:
    articles: int
    near_duplicate_groups: int
    meetings: int
    reports_linked: int
    meetings_with_conflicts: int
    built_at: str

    def as_dict(self) -> dict[str, Any]:
        return asdict(self)


def text_facts(batch: list[tuple[str, str]]) -> list[tuple[str, np.ndarray | None, bool]]:
    """(url, signature, credits another outlet) of each (url, text): the work done per
    text, which takes most of a rebuild's time and runs on every core."""
    return [(url, signature(text), credits_another_outlet(text)) for url, text in batch]


def link_articles(
    articles: Iterable[dict[str, Any]], workers: int | None = None
) -> tuple[MeetingSet, int]:
    """Meetings of an iterable of article records, and how many articles there were.

    The texts go to ``workers`` processes (default: one per core, see
    :func:`crawler.parallel_extract.default_workers`) in batches, and come back in
    order, so the result is the same as on one process. Small corpora stay in this one.
    """
    records: dict[str, dict[str, Any]] = {}

    def texts() -> Iterator[tuple[str, str]]:
        for article in articles:
            url = article["url"]
            if url not in records:
                records[url] = {name: article.get(name) for name in _KEPT_FIELDS}
                yield url, article.get("text") or ""

    index = NearDuplicateIndex()
    batches = _batches(texts(), TEXTS_PER_BATCH)
    for batch in imap_ordered(text_facts, batches, workers, inline_first=INLINE_BATCHES):
        for url, values, credits_other in batch:
            records[url]["credits_other"] = credits_other
            index.add_signature(url, values)
    return link_meetings(records, index), len(records)


def _batches(items: Iterable[T], size: int) -> Iterator[list[T]]:
    iterator = iter(items)
    while batch := list(islice(iterator, size)):
        yield batch


def rebuild_meetings(storage: Storage) -> BuildSummary:
    """Link every stored article to its meeting and replace the derived tables."""
    # Taken before reading: an article written meanwhile makes the next check rebuild.
    marker = storage.articles_marker()
    built_at = datetime.now(UTC).isoformat(timespec="seconds")
    found, article_count = link_articles(storage.iter_articles())
    for meeting in found.meetings:
        meeting["built_at"] = built_at
    storage.replace_meetings(
        found.meetings, found.links, duplicates=found.duplicates, marker=marker
    )
    return BuildSummary(
        articles=article_count,
        near_duplicate_groups=found.duplicate_groups,
        meetings=len(found.meetings),
        reports_linked=len(found.links),
        meetings_with_conflicts=sum(1 for meeting in found.meetings if meeting["conflicts"]),
        built_at=built_at,
    )


def meetings_are_current(storage: Storage) -> bool:
    """True when the stored meetings were built from the articles stored now."""
    built_from = storage.meetings_marker()
    return built_from is not None and built_from == storage.articles_marker()


def ensure_meetings(storage: Storage) -> BuildSummary | None:
    """Rebuild when the articles changed since the last build; None when nothing was to do."""
    if meetings_are_current(storage):
        return None
    return rebuild_meetings(storage)
