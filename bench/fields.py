"""Per-article cost of the meeting fields on top of trafilatura, on the dev set.

``page_fields`` is the page half (trafilatura plus the portal rules: headline,
dates, byline, clean text); ``meeting_record`` is everything after it
(classification, meeting date, session and term, places, officials, figures).
Each is timed on every dev-set page (tests/devset/*.html), best of a few runs
so that a scheduler hiccup does not count as extraction time.
"""

from __future__ import annotations

import json
import statistics
import time
from dataclasses import dataclass
from pathlib import Path

from crawler.extraction.record import meeting_record, page_fields

DEVSET = Path(__file__).resolve().parents[1] / "tests" / "devset"
REPEATS = 5


@dataclass
class FieldCost:
    articles: int
    page_fields_ms: list[float]
    meeting_record_ms: list[float]

    @staticmethod
    def summary(values: list[float]) -> tuple[float, float, float]:
        """Median, 95th percentile and maximum."""
        ordered = sorted(values)
        p95 = ordered[min(len(ordered) - 1, round(0.95 * (len(ordered) - 1)))]
        return statistics.median(ordered), p95, ordered[-1]


def _best_ms(function: object, *args: object) -> float:
    best = float("inf")
    for _ in range(REPEATS):
        started = time.perf_counter()
        function(*args)  # type: ignore[operator]
        best = min(best, time.perf_counter() - started)
    return best * 1000


def measure_fields(folder: Path = DEVSET) -> FieldCost:
    page_ms, record_ms = [], []
    for html in sorted(folder.glob("*.html")):
        label = html.with_suffix(".json")
        url = json.loads(label.read_text(encoding="utf-8"))["url"] if label.exists() else None
        body = html.read_bytes()
        fields = page_fields(body, url)
        page_ms.append(_best_ms(page_fields, body, url))
        record_ms.append(_best_ms(meeting_record, fields, url))
    return FieldCost(len(page_ms), page_ms, record_ms)
