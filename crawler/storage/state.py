"""Crawl state of the incremental crawler, in the same database as the articles.

``CrawlState(database)`` opens it in a SQLite file (crawler.storage.state_sqlite)
or, for a ``postgresql://`` URL, in PostgreSQL (crawler.storage.state_postgres);
both keep the same tables and behave alike.

Tables (own names, beside ``pages`` and ``articles``)
- ``urls``: every article and listing URL a source has shown, with its HTTP
  validators (ETag, Last-Modified) for conditional re-checks, the content hash
  of the record made from it, the signature of its listing entry, and a status
  (``listing``, ``channel``, ``fetched``, ``stored``, ``dropped``).
- ``source_watermarks``: the newest publication date stored per source.
- ``runs``: one row per source per crawl run: times, counts, HTTP errors, flags;
  the workers of a distributed run add their shares up in it
  (crawler.storage.state_runs).
- ``source_locks``: which run is crawling a source now, so two runs never
  crawl the same source at once; a lock whose run died is taken over.
"""

from __future__ import annotations

from crawler.storage.state_base import (
    ARTICLE_STATUSES,
    CrawlState,
    KnownUrl,
    LockHolder,
    RunRow,
    now_iso,
)
from crawler.storage.state_sqlite import sqlite_path

__all__ = [
    "ARTICLE_STATUSES",
    "CrawlState",
    "KnownUrl",
    "LockHolder",
    "RunRow",
    "now_iso",
    "sqlite_path",
]
