"""The measured runs: three crawlers over one served portal; extraction of its WARC."""

from __future__ import annotations

import json
import sqlite3
import sys
from dataclasses import dataclass
from pathlib import Path

from bench.measure import Measurement, run_measured
from bench.site import HOST, START_URL, Portal, serve, write_warc
from crawler import settings as project_settings


@dataclass
class CrawlRun:
    size: int
    crawler: str
    measurement: Measurement
    #: Requests the server answered during the run.
    served: int
    #: Records stored (harvest only).
    stored: int | None = None


@dataclass
class ExtractRun:
    name: str
    measurement: Measurement
    documents: int


def shared_settings(concurrency: int) -> list[str]:
    """Download settings every Scrapy crawl of the bench gets, the floor included."""
    return [
        "AUTOTHROTTLE_ENABLED=False",
        "DOWNLOAD_DELAY=0",
        "ROBOTSTXT_OBEY=True",
        f"CONCURRENT_REQUESTS={concurrency}",
        f"CONCURRENT_REQUESTS_PER_DOMAIN={concurrency}",
        # The engine's own knobs as the project sets them, so that only the work differs.
        f"CONCURRENT_ITEMS={getattr(project_settings, 'CONCURRENT_ITEMS', 100)}",
        f"REQUEST_FINGERPRINTER_IMPLEMENTATION={project_settings.REQUEST_FINGERPRINTER_IMPLEMENTATION}",
    ]


def _dash_s(settings: list[str]) -> list[str]:
    return [part for setting in settings for part in ("-s", setting)]


def _stored_records(database: Path) -> int:
    conn = sqlite3.connect(database)
    try:
        return int(conn.execute("SELECT COUNT(*) FROM articles").fetchone()[0])
    finally:
        conn.close()


def _check(measurement: Measurement) -> None:
    if measurement.returncode != 0:
        tail = measurement.stderr[-2000:]
        raise RuntimeError(f"{measurement.name} exited {measurement.returncode}:\n{tail}")


def run_crawls(portal: Portal, size: int, workdir: Path, concurrency: int,
               skip: set[str]) -> list[CrawlRun]:  # fmt: skip
    runs: list[CrawlRun] = []
    with serve(portal) as web:
        proxy = web.url
        common = shared_settings(concurrency)
        plans = {
            "harvest": ["-m", "crawler", "harvest", START_URL, "--db",
                        str(workdir / f"harvest-{size}.sqlite"), "--log-level", "WARNING",
                        *_dash_s([*common, f"CRAWLER_FIXED_PROXY={proxy}",
                                  "CRAWLER_PROGRESS=False"])],
            "link-only": ["-m", "bench.linkonly", START_URL, "--proxy", proxy, *_dash_s(common)],
            "trafilatura": ["-m", "bench.trafpeer", "crawl", START_URL, "--proxy", proxy,
                            "--pages", str(len(portal.paths))],
        }  # fmt: skip
        for crawler, args in plans.items():
            if crawler in skip:
                continue
            print(f"  {size} pages: {crawler} ...", file=sys.stderr, flush=True)
            database = workdir / f"harvest-{size}.sqlite"
            if crawler == "harvest":
                for stale in workdir.glob(f"harvest-{size}.sqlite*"):
                    stale.unlink()
            web.reset_log()
            measurement = run_measured(f"{crawler}-{size}", args, workdir)
            _check(measurement)
            served = web.count(HOST)
            measurement.units = served
            stored = _stored_records(database) if crawler == "harvest" else None
            runs.append(CrawlRun(size, crawler, measurement, served, stored))
    return runs


def run_extraction(portal: Portal, workdir: Path) -> list[ExtractRun]:
    warc = workdir / "portal.warc.gz"
    documents = write_warc(portal, warc)
    print(f"  extraction: {documents} documents in {warc.name} ...", file=sys.stderr, flush=True)
    runs = []
    plans = {
        "trafilatura.extract, 1 process": ["-m", "bench.trafpeer", "extract", str(warc)],
        "crawler extract": ["-m", "crawler", "extract", str(warc)],
    }
    for name, args in plans.items():
        measurement = run_measured(name.split(",")[0].replace(" ", "-"), args, workdir)
        _check(measurement)
        if name == "crawler extract":
            done = sum(1 for line in measurement.stdout.splitlines() if line.startswith("{"))
        else:
            done = int(json.loads(measurement.stdout.strip().splitlines()[-1])["documents"])
        if done != documents:
            raise RuntimeError(f"{name} read {done} of {documents} documents")
        measurement.units = done
        runs.append(ExtractRun(name, measurement, done))
    return runs
