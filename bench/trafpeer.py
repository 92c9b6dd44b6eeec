"""Peers measured against the harvest, each run in its own process.

- ``crawl``: trafilatura's focused crawler (``trafilatura.spider.focused_crawler``)
  over the generated site, through the local proxy; it fetches pages one at a
  time and keeps links, extracting nothing.
- ``extract``: ``trafilatura.extract`` alone, in one process, over every HTML
  response of a WARC file: the baseline of ``crawler extract FILE.warc.gz``.

``python -m bench.trafpeer crawl URL --proxy http://127.0.0.1:PORT --pages N``
``python -m bench.trafpeer extract FILE.warc.gz``

Each prints one JSON line on stdout with what it counted.
"""

from __future__ import annotations

import argparse
import json
import sys
from collections.abc import Sequence
from typing import Any

import urllib3


def focused_crawl(url: str, proxy: str, pages: int) -> dict[str, Any]:
    from trafilatura import downloads
    from trafilatura.settings import use_config
    from trafilatura.spider import focused_crawler

    config = use_config()
    # No pause between requests (the default is 5 s) and no address filter:
    # the only server is the local one, reached as a forward HTTP proxy.
    config.set("DEFAULT", "SLEEP_TIME", "0")
    config.set("DEFAULT", "SSRF_PROTECTION", "off")
    downloads.HTTP_POOL = urllib3.ProxyManager(proxy, num_pools=50)  # type: ignore[assignment]
    todo, known = focused_crawler(
        url, max_seen_urls=pages + 10, max_known_urls=10 * pages + 100, config=config
    )
    return {"known": len(known), "left": len(todo)}


def extract_warc(path: str) -> dict[str, Any]:
    import trafilatura

    from crawler.archive.warcin import iter_warc_pages

    documents = extracted = 0
    for page in iter_warc_pages(path):
        documents += 1
        if trafilatura.extract(page.body, url=page.url):
            extracted += 1
    return {"documents": documents, "extracted": extracted}


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description="trafilatura as a peer of the crawler")
    sub = parser.add_subparsers(dest="what", required=True)
    crawl = sub.add_parser("crawl")
    crawl.add_argument("url")
    crawl.add_argument("--proxy", required=True)
    crawl.add_argument("--pages", type=int, required=True)
    extract = sub.add_parser("extract")
    extract.add_argument("warc")
    args = parser.parse_args(argv)
    if args.what == "crawl":
        result = focused_crawl(args.url, args.proxy, args.pages)
    else:
        result = extract_warc(args.warc)
    print(json.dumps(result))
    return 0


if __name__ == "__main__":
    sys.exit(main())
