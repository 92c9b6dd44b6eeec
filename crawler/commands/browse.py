"""`crawler browse`: the articles in Datasette, with facets and full-text search.

Datasette is an optional extra (``pip install 'vn-meetings-crawler[browse]'``) and
reads SQLite files only. Browse never writes into the database: it serves a
snapshot, a separate SQLite file built from the database read-only, with the
browse view and the search index added (:mod:`crawler.commands.browse_snapshot`).
By default the snapshot of ``data/meetings.sqlite`` is ``data/meetings-browse.sqlite``,
and that of a PostgreSQL database ``data/browse-snapshot.sqlite``; ``--snapshot``
names another file. It is rebuilt only when the database changed since it was built.
"""

from __future__ import annotations

import argparse
import importlib.util
import json
import signal
import subprocess
import sys
import tempfile
from pathlib import Path
from types import FrameType
from typing import Any

from crawler.commands.browse_snapshot import (
    BUILD_TABLE,
    FTS_TABLE,
    VIEW,
    default_snapshot,
    is_postgres,
    prepare_snapshot,
)
from crawler.commands.options import add_db_option
from crawler.runner import UsageError
from crawler.storage import StorageError, resolve_database

INSTALL_HINT = "pip install 'vn-meetings-crawler[browse]'"
#: The snapshot of a PostgreSQL database, unless --snapshot names another file.
POSTGRES_SNAPSHOT = Path("data") / "browse-snapshot.sqlite"
FACETS = ("province", "district", "body", "meeting_type", "year")

COLUMN_DESCRIPTIONS = {
    "article_id": "row number of the article in the articles table (the search index key)",
    "title": "the article's headline",
    "meeting_report": "whether the article reports a meeting",
    "province": "province of the body that met (63-province map in force before July 2025)",
    "district": "district-level unit of the body that met, without its prefix",
    "level": "level of the body: province, district or commune",
    "body": "the body that met (party_committee, peoples_council, peoples_committee, ...)",
    "meeting_type": "plenum, congress, council_session, regular_meeting, review_conference, ...",
    "meeting_date": "the day the meeting was held",
    "published": "publication date shown by the page",
    "year": "year of the meeting, or of publication when the meeting date is not stated",
    "source": "the site's host",
    "source_kind": "kind of site: district_portal, provincial_newspaper, ...",
    "url": "the article's address",
    "text": "the article's clean text",
}


def datasette_available() -> bool:
    return importlib.util.find_spec("datasette") is not None


def browse_metadata(database_name: str) -> dict[str, Any]:
    """Datasette metadata: titles, facets, the search index and column descriptions."""
    return {
        "title": "Local government meeting reports",
        "databases": {
            database_name: {
                "tables": {
                    VIEW: {
                        "title": "Articles",
                        "description": "One row per stored article; search covers headline "
                        "and text.",
                        "facets": list(FACETS),
                        "fts_table": FTS_TABLE,
                        "fts_pk": "article_id",
                        "columns": COLUMN_DESCRIPTIONS,
                    },
                    FTS_TABLE: {"hidden": True},
                    BUILD_TABLE: {"hidden": True},
                }
            }
        },
    }


def datasette_command(
    path: Path, metadata: Path, *, host: str, port: int, open_browser: bool
) -> list[str]:
    command = [sys.executable, "-m", "datasette", "serve", str(path)]
    command += ["--metadata", str(metadata), "--host", host, "--port", str(port)]
    command += ["--setting", "truncate_cells_html", "300"]
    command += ["--setting", "suggest_facets", "off"]
    command += ["--setting", "facet_time_limit_ms", "2000"]
    if open_browser:
        command.append("--open")
    return command


def _sqlite_path(database: str) -> Path:
    for prefix in ("sqlite:///", "sqlite:"):
        if database.startswith(prefix):
            database = database[len(prefix) :]
            break
    if "://" in database:
        raise StorageError(f"unsupported database URL: {database}")
    path = Path(database)
    if not path.exists():
        raise FileNotFoundError(f"no database at {path} (run `crawler harvest` first)")
    return path


def _stop_on_sigterm(signum: int, frame: FrameType | None) -> None:
    raise SystemExit(128 + signum)


def _serve(command: list[str]) -> int:
    """Run Datasette until it exits or the user presses Ctrl-C (or the process is killed)."""
    previous = signal.signal(signal.SIGTERM, _stop_on_sigterm)
    process = subprocess.Popen(command)
    try:
        return process.wait()
    except KeyboardInterrupt:
        print("stopped", file=sys.stderr)
        return 0
    finally:
        # Uvicorn shuts down gracefully on SIGTERM; kill only one that hangs.
        if process.poll() is None:
            process.terminate()
        try:
            process.wait(timeout=10)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait()
        signal.signal(signal.SIGTERM, previous)


def snapshot_target(database: str, snapshot: str | None) -> Path:
    """The snapshot file to serve: --snapshot, else the default for the database's kind."""
    if snapshot:
        return Path(snapshot)
    return POSTGRES_SNAPSHOT if is_postgres(database) else default_snapshot(Path(database))


def browse(args: argparse.Namespace) -> int:
    if not datasette_available():
        raise UsageError(f"browsing needs Datasette: {INSTALL_HINT}")
    database = resolve_database(args.db)
    if not is_postgres(database):
        database = str(_sqlite_path(database))
    target = snapshot_target(database, args.snapshot)
    snapshot = prepare_snapshot(database, target)
    state = "built" if snapshot.rebuilt else "unchanged since the last build, reused"
    print(f"browse snapshot {target}: {snapshot.articles} articles, {state}", file=sys.stderr)
    with tempfile.TemporaryDirectory(prefix="crawler-browse-") as folder:
        metadata = Path(folder) / "metadata.json"
        metadata.write_text(json.dumps(browse_metadata(target.stem), ensure_ascii=False, indent=2))
        command = datasette_command(
            target, metadata, host=args.host, port=args.port, open_browser=not args.no_open
        )
        print(f"serving {target} at http://{args.host}:{args.port}/ (Ctrl-C stops)",
              file=sys.stderr)  # fmt: skip
        return _serve(command)


def add_browse_arguments(parser: argparse.ArgumentParser) -> None:
    add_db_option(parser)
    parser.add_argument("--port", type=int, default=8001, metavar="N", help="default 8001")
    parser.add_argument("--host", default="127.0.0.1", help="default 127.0.0.1 (this machine)")
    parser.add_argument("--no-open", action="store_true", help="do not open a web browser")
    parser.add_argument(
        "--snapshot",
        metavar="PATH",
        default=None,
        help="the SQLite file built for browsing and served (default: DB-browse.sqlite beside "
        f"a SQLite database DB.sqlite, {POSTGRES_SNAPSHOT} for PostgreSQL)",
    )
    parser.set_defaults(handler=browse)
