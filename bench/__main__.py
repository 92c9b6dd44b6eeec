"""`python -m bench` (`make bench`): crawl and extraction throughput, printed as tables.

For each site size (``--pages``, default 10,000 and 50,000) a generated portal
is served on 127.0.0.1 and crawled by three programs, each in its own process:

- ``harvest``: the real ``crawler harvest`` into SQLite (pages kept, records
  extracted in its process pool);
- ``link-only``: a Scrapy spider that only follows links (bench.linkonly), the floor;
- ``trafilatura``: trafilatura's focused crawler, a peer (links only, one request at a time).

Then extraction: ``crawler extract FILE.warc.gz`` on a WARC of the first size's
pages against ``trafilatura.extract`` alone in one process; and the per-article
cost of the meeting fields on the dev set. Ratios are against baselines measured
in the same run. ``--quick`` is a smoke run on 2,000 pages.
"""

from __future__ import annotations

import argparse
import sys
import tempfile
from collections.abc import Sequence
from pathlib import Path

from bench.fields import FieldCost, measure_fields
from bench.report import Targets, crawl_table, extract_table, fields_table
from bench.runs import CrawlRun, ExtractRun, run_crawls, run_extraction
from bench.site import build_portal


def _sizes(text: str) -> list[int]:
    try:
        sizes = [int(part.replace("_", "")) for part in text.split(",") if part.strip()]
    except ValueError:
        raise argparse.ArgumentTypeError(f"expected sizes like 10000,50000, got {text!r}") from None
    if not sizes or min(sizes) < 50:
        raise argparse.ArgumentTypeError("each size must be at least 50 pages")
    return sizes


def parse_args(argv: Sequence[str] | None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(
        prog="python -m bench",
        description=__doc__,
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    parser.add_argument(
        "--pages",
        type=_sizes,
        default=[10_000, 50_000],
        help="site sizes in pages, comma-separated (default 10000,50000)",
    )
    parser.add_argument("--quick", action="store_true", help="smoke run: one site of 2,000 pages")
    parser.add_argument(
        "--concurrency",
        type=int,
        default=16,
        help="CONCURRENT_REQUESTS(_PER_DOMAIN) of the Scrapy crawls (default 16)",
    )
    parser.add_argument(
        "--skip",
        action="append",
        default=[],
        choices=("harvest", "link-only", "trafilatura", "extract", "fields"),
        help="leave one measurement out (repeatable)",
    )
    parser.add_argument(
        "--peer-max-pages",
        type=int,
        default=10_000,
        help="run trafilatura's crawler only on sites up to this size (default 10000: its "
        "URL store slows down quadratically, 35 minutes for 50,000 pages)",
    )
    parser.add_argument("--keep", metavar="DIR", help="keep databases, WARC and logs in DIR")
    return parser.parse_args(argv)


def main(argv: Sequence[str] | None = None) -> int:
    args = parse_args(argv)
    sizes = [2_000] if args.quick else args.pages
    with tempfile.TemporaryDirectory(prefix="bench-") as scratch:
        workdir = Path(args.keep or scratch)
        workdir.mkdir(parents=True, exist_ok=True)
        # First, while this process is small: its garbage collector would
        # otherwise walk the rendered portals during every extraction timed.
        fields: FieldCost | None = None if "fields" in args.skip else measure_fields()
        crawls: list[CrawlRun] = []
        extraction: list[ExtractRun] = []
        for size in sizes:
            print(f"generating a portal of {size} pages ...", file=sys.stderr, flush=True)
            portal = build_portal(size)
            skip = set(args.skip) | ({"trafilatura"} if size > args.peer_max_pages else set())
            crawls += run_crawls(portal, size, workdir, args.concurrency, skip)
            if size == sizes[0] and "extract" not in args.skip:
                extraction = run_extraction(portal, workdir)
    print(crawl_table(crawls))
    if extraction:
        print()
        print(extract_table(extraction))
    if fields is not None:
        print()
        print(fields_table(fields))
    print()
    print(Targets(crawls, extraction, fields).lines())
    return 0


if __name__ == "__main__":
    sys.exit(main())
