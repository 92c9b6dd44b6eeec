"""Storage backends behind one interface; :func:`open_storage` picks one from a URL."""

from __future__ import annotations

import os
from pathlib import Path

from crawler.storage.base import Outcome, Storage, StorageError, StoredPage

DEFAULT_DATABASE = Path("data") / "meetings.sqlite"

__all__ = [
    "DEFAULT_DATABASE",
    "Outcome",
    "Storage",
    "StorageError",
    "StoredPage",
    "open_storage",
    "resolve_database",
]


def resolve_database(explicit: str | None = None) -> str:
    """The database to use: --db, then DATABASE_URL, then ./data/meetings.sqlite."""
    return explicit or os.environ.get("DATABASE_URL") or str(DEFAULT_DATABASE)


def open_storage(database: str | None = None) -> Storage:
    """Open the backend a database URL or path names.

    ``sqlite:///path``, ``sqlite:path`` or a plain path -> SQLite;
    ``postgresql://...`` or ``postgres://...`` -> PostgreSQL (needs psycopg).
    """
    target = resolve_database(database)
    if target.startswith(("postgresql://", "postgres://")):
        try:
            from crawler.storage.postgres import PostgresStorage
        except ImportError as exc:
            raise StorageError(f"PostgreSQL storage needs psycopg 3 installed: {exc}") from exc
        return PostgresStorage(target)
    if target.startswith("sqlite:///"):
        target = target[len("sqlite:///") :]
    elif target.startswith("sqlite:"):
        target = target[len("sqlite:") :]
    elif "://" in target:
        raise StorageError(f"unsupported database URL: {target}")
    from crawler.storage.sqlite import SQLiteStorage

    return SQLiteStorage(Path(target))
