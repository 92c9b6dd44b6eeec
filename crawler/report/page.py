"""The report as one self-contained HTML page: inline SVG, inline CSS, no scripts to run.

Each chart is followed by a table of its numbers, and a JSON block
(``<script type="application/json" id="report-data">``) holds every series, so
the figures can be checked or reused without reading the pictures.
"""

from __future__ import annotations

import json
from html import escape

from crawler.report.charts import MAX_BARS, render
from crawler.report.data import Chart, ReportData

#: Tables up to this many rows are shown unfolded.
OPEN_TABLE_ROWS = 15

_STYLE = """
body { font-family: "DejaVu Sans", "Segoe UI", Arial, sans-serif; margin: 2em auto;
       max-width: 1040px; color: #222; background: #fff; line-height: 1.4; }
h1 { font-size: 1.6em; margin-bottom: 0.2em; }
h2 { font-size: 1.25em; margin-top: 2.2em; border-bottom: 2px solid #1f6f8b; }
.meta { color: #666; font-size: 0.9em; }
.totals { display: flex; gap: 1em; flex-wrap: wrap; margin: 1em 0; }
.totals div { background: #eef5f8; padding: 0.6em 1em; border-radius: 6px; }
.totals b { display: block; font-size: 1.5em; color: #1f6f8b; }
figure { margin: 0; }
svg { max-width: 100%; height: auto; }
.note, .empty { color: #666; font-style: italic; }
details { margin: 0.5em 0 1em; }
table { border-collapse: collapse; font-size: 0.88em; }
th, td { border: 1px solid #ccc; padding: 0.2em 0.6em; text-align: left; }
td.num { text-align: right; font-variant-numeric: tabular-nums; }
"""


def _number(value: float, kind: str) -> str:
    if kind == "share" and isinstance(value, float):
        return f"{value:.1%}"
    return f"{int(value)}" if float(value).is_integer() else f"{value}"


def data_table(chart: Chart) -> str:
    """The chart's numbers, one row per category, in the chart's order."""
    headers = [chart.category_label, *chart.series, *chart.table_only]
    head = "".join(f"<th>{escape(name)}</th>" for name in headers)
    rows = []
    for index, category in enumerate(chart.categories):
        cells = [f"<td>{escape(category)}</td>"]
        for name, values in chart.series.items():
            kind = "share" if name == "share" else "count"
            cells.append(f'<td class="num">{_number(values[index], kind)}</td>')
        for values_text in chart.table_only.values():
            cells.append(f"<td>{escape(values_text[index])}</td>")
        rows.append(f"<tr>{''.join(cells)}</tr>")
    return (
        f'<table id="table-{chart.key}" data-chart="{chart.key}">'
        f"<thead><tr>{head}</tr></thead><tbody>{''.join(rows)}</tbody></table>"
    )


def chart_section(chart: Chart) -> str:
    notes = [chart.note] if chart.note else []
    if chart.kind == "category" and len(chart.categories) > MAX_BARS:
        notes.append(f"The chart shows the first {MAX_BARS}; the table lists all.")
    note = "".join(f'<p class="note">{escape(text)}</p>' for text in notes)
    summary = f"The numbers ({len(chart.categories)} rows)"
    # Long tables start folded so the charts stay close together.
    opened = " open" if len(chart.categories) <= OPEN_TABLE_ROWS else ""
    return (
        f'<section id="{chart.key}"><h2>{escape(chart.title)}</h2>'
        f'<figure id="chart-{chart.key}">{render(chart)}</figure>{note}'
        f"<details{opened}><summary>{summary}</summary>{data_table(chart)}</details></section>"
    )


def _json_block(data: ReportData) -> str:
    payload = json.dumps(data.as_json(), ensure_ascii=False, indent=1)
    # "</" would end the script element early; "<\/" reads the same to a JSON parser.
    payload = payload.replace("</", "<\\/")
    return f'<script type="application/json" id="report-data">{payload}</script>'


def render_page(data: ReportData) -> str:
    labels = {
        "articles": "articles",
        "meeting_reports": "meeting reports",
        "meetings": "meetings",
        "sources": "sources",
    }
    totals = "".join(
        f'<div id="total-{key}"><b>{data.totals[key]}</b>{label}</div>'
        for key, label in labels.items()
    )
    contents = "".join(
        f'<li><a href="#{chart.key}">{escape(chart.title)}</a></li>' for chart in data.charts
    )
    sections = "".join(chart_section(chart) for chart in data.charts)
    return (
        '<!DOCTYPE html>\n<html lang="en"><head><meta charset="utf-8">'
        '<meta name="viewport" content="width=device-width, initial-scale=1">'
        "<title>Local government meeting reports</title>"
        f"<style>{_STYLE}</style></head><body>"
        "<h1>Local government meeting reports</h1>"
        f'<p class="meta">Database {escape(data.database)}, generated {data.generated_at}.</p>'
        f'<div class="totals">{totals}</div><ul class="contents">{contents}</ul>'
        f"{sections}{_json_block(data)}</body></html>\n"
    )
