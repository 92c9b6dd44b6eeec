"""The bench's tables and its verdict on the targets."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from bench.fields import FieldCost
from bench.runs import CrawlRun, ExtractRun

#: harvest rate / link-only rate, at least.
HARVEST_FLOOR_RATIO = 0.8
#: crawler extract rate / single-process trafilatura.extract rate, at least.
EXTRACT_RATIO = 1.6
#: peak memory of the largest site / of the smallest, at most; and in MB, below.
MEMORY_GROWTH = 1.2
MEMORY_CAP_MB = 400
#: meeting fields per article, median, at most (ms).
FIELDS_MS = 5.0


def _table(header: tuple[str, ...], rows: Sequence[tuple[str, ...]]) -> str:
    widths = [max(len(row[i]) for row in (header, *rows)) for i in range(len(header))]

    def line(cells: tuple[str, ...]) -> str:
        return "| " + " | ".join(c.rjust(w) for c, w in zip(cells, widths, strict=True)) + " |"

    rule = "|" + "|".join("-" * (w + 2) for w in widths) + "|"
    return "\n".join([line(header), rule, *(line(row) for row in rows)])


def _floor(runs: list[CrawlRun], size: int) -> CrawlRun | None:
    return next((r for r in runs if r.size == size and r.crawler == "link-only"), None)


def crawl_table(runs: list[CrawlRun]) -> str:
    rows = []
    for run in runs:
        m = run.measurement
        floor = _floor(runs, run.size)
        ratio = f"{m.rate / floor.measurement.rate:.2f}×" if floor else "-"
        rows.append((f"{run.size:,}", run.crawler, f"{run.served:,}",
                     "-" if run.stored is None else f"{run.stored:,}", f"{m.wall:.1f}",
                     f"{m.rate:.0f}", ratio, f"{m.cpu:.1f}", f"{m.cpu_ms_per_unit:.2f}",
                     f"{m.peak_mb:.0f}"))  # fmt: skip
    header = ("site pages", "crawler", "requests", "records", "wall s", "pages/s",
              "vs link-only", "CPU s", "CPU ms/page", "peak MB")  # fmt: skip
    return _table(header, rows)


def extract_table(runs: list[ExtractRun]) -> str:
    base = runs[0].measurement.rate
    rows = [(run.name, f"{run.documents:,}", f"{run.measurement.wall:.1f}",
             f"{run.measurement.rate:.0f}", f"{run.measurement.rate / base:.2f}×",
             f"{run.measurement.cpu_ms_per_unit:.2f}", f"{run.measurement.peak_mb:.0f}")
            for run in runs]  # fmt: skip
    header = ("extraction (WARC)", "documents", "wall s", "docs/s", "vs trafilatura",
              "CPU ms/doc", "peak MB")  # fmt: skip
    return _table(header, rows)


def fields_table(cost: FieldCost) -> str:
    rows = []
    for name, values in (("page_fields", cost.page_fields_ms),
                         ("meeting_record", cost.meeting_record_ms)):  # fmt: skip
        median, p95, worst = FieldCost.summary(values)
        rows.append((name, str(cost.articles), f"{median:.2f}", f"{p95:.2f}", f"{worst:.2f}"))
    return _table(("per article (dev set)", "pages", "median ms", "p95 ms", "max ms"), rows)


@dataclass
class Targets:
    crawls: list[CrawlRun]
    extraction: list[ExtractRun]
    fields: FieldCost | None

    def checks(self) -> list[tuple[str, bool | None, str]]:
        """(target, met or None when not measured, the figures)."""
        out: list[tuple[str, bool | None, str]] = []
        for run in (r for r in self.crawls if r.crawler == "harvest"):
            floor = _floor(self.crawls, run.size)
            if floor is None:
                continue
            ratio = run.measurement.rate / floor.measurement.rate
            out.append((f"harvest ≥ {HARVEST_FLOOR_RATIO}× link-only ({run.size:,} pages)",
                        ratio >= HARVEST_FLOOR_RATIO, f"{ratio:.2f}×"))  # fmt: skip
        if len(self.extraction) == 2:
            ratio = self.extraction[1].measurement.rate / self.extraction[0].measurement.rate
            out.append((f"WARC extraction ≥ {EXTRACT_RATIO}× trafilatura.extract",
                        ratio >= EXTRACT_RATIO, f"{ratio:.2f}×"))  # fmt: skip
        harvests = sorted((r for r in self.crawls if r.crawler == "harvest"), key=lambda r: r.size)
        if len(harvests) >= 2:
            small, large = harvests[0].measurement.peak_mb, harvests[-1].measurement.peak_mb
            out.append((f"peak memory at {harvests[-1].size:,} ≤ {MEMORY_GROWTH}× at "
                        f"{harvests[0].size:,} and < {MEMORY_CAP_MB} MB",
                        large <= MEMORY_GROWTH * small and large < MEMORY_CAP_MB,
                        f"{large:.0f} MB vs {small:.0f} MB ({large / small:.2f}×)"))  # fmt: skip
        if self.fields is not None:
            median = FieldCost.summary(self.fields.meeting_record_ms)[0]
            out.append((f"meeting fields ≤ {FIELDS_MS:g} ms per article", median <= FIELDS_MS,
                        f"{median:.2f} ms median"))  # fmt: skip
        return out

    def lines(self) -> str:
        verdict = {True: "met", False: "NOT MET", None: "not measured"}
        return "\n".join(f"target: {name}: {verdict[met]} ({figures})"
                         for name, met, figures in self.checks())  # fmt: skip
