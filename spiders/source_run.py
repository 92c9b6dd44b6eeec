"""One source's part of an incremental crawl: what it knew, what it saw, when to stop.

Kept apart from the spider so the stop and re-check rules read on their own
and can be tested without a crawl.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import UTC, date, datetime, timedelta

from crawler.health import INTERRUPTED, RunMetrics
from crawler.sources.registry import Source
from crawler.storage.state import ARTICLE_STATUSES, KnownUrl, RunRow
from spiders.platforms import Platform, get_platform
from spiders.platforms.base import ListingEntry


@dataclass
class RecheckPolicy:
    """When a known article is fetched again (conditionally) although its entry is unchanged.

    Fresh articles are corrected in their first days; after that only a changed
    listing entry (headline, date, lead) brings a re-check.
    """

    #: Re-check articles first seen within this many days...
    window_days: float = 3.0
    #: ...when the last check is at least this old.
    every_hours: float = 20.0

    def due(self, known: KnownUrl, now: datetime) -> bool:
        first_seen = _parse_time(known.first_seen)
        last_checked = _parse_time(known.last_checked or known.first_seen)
        if first_seen is None or last_checked is None:
            return False
        young = now - first_seen <= timedelta(days=self.window_days)
        return young and now - last_checked >= timedelta(hours=self.every_hours)


def _parse_time(value: str | None) -> datetime | None:
    if not value:
        return None
    try:
        moment = datetime.fromisoformat(value)
    except ValueError:
        return None
    return moment if moment.tzinfo else moment.replace(tzinfo=UTC)


def sane_watermark(value: str | None, today: date | None = None) -> str | None:
    """A stored newest date, unless it lies in the future (a misread date must not stop runs)."""
    if not value:
        return None
    limit = (today or date.today()) + timedelta(days=1)
    return value if value[:10] <= limit.isoformat() else None


def news_since(history: list[RunRow], run_id: str) -> str | None:
    """Since when what a source's listings show counts as news for reading on.

    The start of this run, or, when runs before it were killed or interrupted, the
    start of the earliest of them since the last complete run: those stored some
    articles and stopped before reading the rest of the listings. Counting their
    articles as known would stop the next run at the first listing page. ``history``
    is the source's runs, oldest first; the workers of a distributed run share its row.
    """
    since = None
    for row in reversed(history):
        if row.run_id == run_id:
            since = row.started
        elif since is not None:
            if row.ended is not None and INTERRUPTED not in row.flags:
                break  # the last complete run: what it knew is known
            since = row.started
    return since


@dataclass
class SourceRun:
    source: Source
    known: dict[str, KnownUrl] = field(default_factory=dict)
    watermark: str | None = None
    metrics: RunMetrics = field(default_factory=RunMetrics)
    platform: Platform | None = None
    #: Article keys scheduled (or passed over) in this run.
    seen: set[str] = field(default_factory=set)
    #: Listing URL keys requested in this run.
    listings: set[str] = field(default_factory=set)
    #: First page of a listing -> page block -> article keys the block showed in this run.
    chains: dict[str, dict[str, set[str]]] = field(default_factory=dict)
    hosts: set[str] = field(default_factory=set)
    #: URLs first seen from this time on (this run, or runs cut short before it) are news
    #: when deciding to read the next listing page, known or not (see :func:`news_since`).
    news_since: str | None = None
    #: The newest publication date stored in this run: the watermark once the run completes.
    newest_published: str | None = None

    def __post_init__(self) -> None:
        self.hosts = set(self.source.hosts)
        if self.platform is None and self.source.platform:
            self.platform = get_platform(self.source.platform)

    @property
    def id(self) -> str:
        return self.source.id

    @property
    def reader(self) -> Platform:
        """The family reading this source (generic until detection names one)."""
        return self.platform or get_platform(None)

    def is_news(self, known: KnownUrl) -> bool:
        """A known URL first seen since :attr:`news_since` (stored by this run or a cut one)."""
        return self.news_since is not None and known.first_seen >= self.news_since

    def saw_published(self, published: str | None) -> None:
        if published and (self.newest_published is None or published > self.newest_published):
            self.newest_published = published

    @property
    def known_articles(self) -> int:
        return sum(1 for k in self.known.values() if k.status in ARTICLE_STATUSES)

    def is_stale(self, entries: list[ListingEntry], since: str) -> bool:
        """True when every dated entry is older than the watermark or --since."""
        dates = [e.date for e in entries if e.date]
        if not dates or 2 * len(dates) < len(entries):  # mostly undated: no verdict
            return False
        limits = [d for d in (self.watermark, since) if d]
        return bool(limits) and max(dates) < max(limits)[:10]
