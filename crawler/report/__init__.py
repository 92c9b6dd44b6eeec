"""`crawler report`: a static HTML page of charts about what the database holds."""

from __future__ import annotations

import os
from pathlib import Path

from crawler.report.data import ReportData, collect
from crawler.report.page import render_page
from crawler.storage import Storage

__all__ = ["ReportData", "collect", "render_page", "write_report"]


def write_report(storage: Storage, database_label: str, out_dir: Path) -> tuple[Path, ReportData]:
    """Write ``out_dir/index.html``; it is replaced whole, never left half-written."""
    data = collect(storage, database_label)
    out_dir.mkdir(parents=True, exist_ok=True)
    target = out_dir / "index.html"
    partial = out_dir / "index.html.part"
    partial.write_text(render_page(data), encoding="utf-8")
    os.replace(partial, target)
    return target, data
