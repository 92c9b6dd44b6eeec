"""The `crawler` command line (also `python -m crawler`).

Each sub-command is a small function; errors the user can fix are printed as
one line (``error: ...``) with exit status 2, never as a traceback.
"""

from __future__ import annotations

import argparse
import importlib
import sys
from collections.abc import Callable, Sequence

from crawler import __version__
from crawler.commands.options import add_db_option, add_run_settings
from crawler.runner import UsageError
from crawler.storage import StorageError

Handler = Callable[[argparse.Namespace], int]


def _add_db(parser: argparse.ArgumentParser) -> None:
    add_db_option(parser)


def _add_crawl_options(parser: argparse.ArgumentParser) -> None:
    _add_db(parser)
    parser.add_argument("--max-pages", type=int, metavar="N", help="stop after N pages fetched")
    parser.add_argument("--max-depth", type=int, metavar="N", help="follow links at most N deep")
    parser.add_argument("--since", metavar="DATE", help="keep articles published on/after DATE")
    add_run_settings(
        parser, "any Scrapy setting for this run (repeatable), e.g. -s DOWNLOAD_DELAY=2"
    )
    parser.add_argument(
        "--warc-out", metavar="DIR", help="also write every response to rotating WARC files"
    )


def _lazy(module: str, name: str) -> Handler:
    """A handler imported when its sub-command runs: a crawl should not pay, at start-up,
    for the imports of the exports, the meetings index or the report."""

    def run(args: argparse.Namespace) -> int:
        handler: Handler = getattr(importlib.import_module(module), name)
        return handler(args)

    return run


def build_parser() -> argparse.ArgumentParser:
    from crawler.commands.sources import (
        add_crawl_arguments,
        add_sources_arguments,
        add_status_arguments,
    )
    from crawler.commands.worker import add_feed_arguments, add_worker_arguments

    parser = argparse.ArgumentParser(
        prog="crawler",
        description="Harvest Vietnamese local-government meeting reports into structured records.",
    )
    parser.add_argument("--version", action="version", version=f"%(prog)s {__version__}")
    sub = parser.add_subparsers(dest="command", required=True, metavar="COMMAND")

    harvest = sub.add_parser(
        "harvest",
        help="one-off harvest of whole sites from start URLs, or of a site's archived copies",
    )
    harvest.add_argument(
        "urls", nargs="+", metavar="URL", help="start URLs; with --from-archive, a domain or prefix"
    )
    _add_crawl_options(harvest)
    harvest.add_argument(
        "--from-archive", choices=("wayback", "commoncrawl"), help="harvest archived captures"
    )
    harvest.add_argument("--from", dest="from_year", type=int, metavar="YYYY")
    harvest.add_argument("--to", dest="to_year", type=int, metavar="YYYY")
    harvest.add_argument(
        "--all-captures", action="store_true", help="every capture, not only the latest"
    )
    add_feed_arguments(harvest)
    harvest.set_defaults(handler=_lazy("crawler.commands.harvest", "harvest"))

    import_ = sub.add_parser("import", help="store the HTML pages of WARC/ARC files")
    import_.add_argument("files", nargs="+", metavar="FILE")
    _add_db(import_)
    import_.set_defaults(handler=_lazy("crawler.commands.archive", "import_warc"))

    reextract = sub.add_parser("reextract", help="rebuild records made by an older extractor")
    _add_db(reextract)
    reextract.add_argument("--source", metavar="HOST", help="only this site")
    reextract.add_argument("--since", metavar="DATE", help="only articles published on/after")
    reextract.set_defaults(handler=_lazy("crawler.commands.archive", "reextract_command"))

    add_sources_arguments(sub.add_parser("sources", help="list or check the registry of sources"))
    add_crawl_arguments(
        sub.add_parser("crawl", help="scheduled incremental crawl of registry sources")
    )
    add_status_arguments(sub.add_parser("status", help="health of each source's last runs"))
    add_worker_arguments(
        sub.add_parser("worker", help="work on a distributed crawl's shared queue ($REDIS_URL)")
    )

    extract = sub.add_parser("extract", help="records from HTML, text or WARC files, to stdout")
    extract.add_argument("files", nargs="+", metavar="FILE")
    extract.add_argument("--url", help="the original URL of a single HTML or text file")
    extract.set_defaults(handler=_lazy("crawler.commands.extract", "extract"))

    export = sub.add_parser(
        "export", help="write stored records as JSON lines, CSV, Parquet or a text corpus"
    )
    _add_db(export)
    export.add_argument("--format", choices=("jsonl", "csv", "parquet", "text"), default="jsonl")
    export.add_argument(
        "--out",
        metavar="PATH",
        help="output file (default: stdout); required for parquet (a file) and text (a folder)",
    )
    export.add_argument("--meetings-only", action="store_true", help="only meeting reports")
    export.add_argument(
        "--meetings", action="store_true", help="one row per meeting instead of per article"
    )
    export.add_argument(
        "--all-articles",
        action="store_true",
        help="text format: a file for every article, not only meeting reports",
    )
    export.set_defaults(handler=_lazy("crawler.commands.export", "export"))

    stats = sub.add_parser("stats", help="counts by source, level, body and month")
    _add_db(stats)
    stats.set_defaults(handler=_lazy("crawler.commands.export", "stats"))

    from crawler.commands.meetings import add_meetings_arguments

    add_meetings_arguments(
        sub.add_parser("meetings", help="link reports to the meetings they describe, and count")
    )

    demo = sub.add_parser("demo", help="harvest the bundled sample sites and show what was found")
    demo.add_argument("--db", metavar="PATH", default="data/demo.sqlite")
    demo.set_defaults(handler=_lazy("crawler.commands.demo", "demo"))

    evaluate = sub.add_parser("eval", help="score extraction on a labelled folder")
    evaluate.add_argument("folder", metavar="DIR")
    evaluate.add_argument("--failures", action="store_true", help="list failing cases per field")
    evaluate.set_defaults(handler=_lazy("crawler.commands.evaluate", "evaluate"))

    from crawler.commands.browse import add_browse_arguments
    from crawler.commands.report import add_report_arguments

    add_browse_arguments(sub.add_parser("browse", help="explore the database in Datasette"))
    add_report_arguments(sub.add_parser("report", help="static HTML report with charts"))
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    parser = build_parser()
    args = parser.parse_args(argv)
    handler: Handler = args.handler
    try:
        return handler(args)
    except (UsageError, StorageError, FileNotFoundError, PermissionError) as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 2
    except KeyboardInterrupt:
        print("interrupted", file=sys.stderr)
        return 130


if __name__ == "__main__":
    sys.exit(main())
