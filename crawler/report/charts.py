"""Charts of the report as inline SVG (matplotlib, no display needed).

Text is drawn as glyph outlines, so the page shows the same letters (Vietnamese
included) on any machine without fonts or a network. Figures are made with the
object API rather than pyplot: no global state, nothing left open.
"""

from __future__ import annotations

import io
import re

import matplotlib

matplotlib.use("Agg")

from matplotlib.axes import Axes
from matplotlib.figure import Figure
from matplotlib.ticker import MaxNLocator, PercentFormatter

from crawler.report.data import Chart

#: Bars drawn for ranked charts; the table under the chart lists every category.
MAX_BARS = 25
WIDTH_INCHES = 10.0
COLOURS = ("#1f6f8b", "#e07a1f", "#5a9e4b", "#b8435b")

# The XML prologue and the metadata block (which names outside URIs) are not
# wanted inside an HTML page.
_PROLOGUE = re.compile(r"^.*?(?=<svg\b)", re.DOTALL)
_METADATA = re.compile(r"<metadata>.*?</metadata>\s*", re.DOTALL)


def _svg(figure: Figure, label: str) -> str:
    buffer = io.StringIO()
    figure.savefig(buffer, format="svg", bbox_inches="tight", metadata={"Date": None})
    text = _METADATA.sub("", _PROLOGUE.sub("", buffer.getvalue(), count=1))
    return text.replace("<svg ", f'<svg role="img" aria-label="{label}" ', 1)


def _style(axes: Axes) -> None:
    axes.spines[["top", "right"]].set_visible(False)
    axes.grid(axis="both", color="#dddddd", linewidth=0.6)
    axes.set_axisbelow(True)


def _time_chart(chart: Chart) -> Figure:
    figure = Figure(figsize=(WIDTH_INCHES, 3.6))
    axes = figure.add_subplot()
    positions = list(range(len(chart.categories)))
    for index, (name, values) in enumerate(chart.series.items()):
        axes.bar(positions, values, color=COLOURS[index % len(COLOURS)], label=name)
    # At most about 24 month labels, so they stay readable.
    step = max(1, len(positions) // 24 + (1 if len(positions) % 24 else 0))
    axes.set_xticks(positions[::step], chart.categories[::step], rotation=60, ha="right")
    axes.yaxis.set_major_locator(MaxNLocator(integer=True))
    axes.set_ylabel(next(iter(chart.series)))
    _style(axes)
    axes.grid(axis="x", visible=False)
    return figure


def _ranked_chart(chart: Chart) -> Figure:
    shown = chart.categories[:MAX_BARS][::-1]
    names = list(chart.series)
    height = 0.8 / len(names)
    figure = Figure(figsize=(WIDTH_INCHES, 1.0 + 0.32 * max(len(shown), 1) * len(names) ** 0.5))
    axes = figure.add_subplot()
    rows = range(len(shown))
    for index, name in enumerate(names):
        values = chart.series[name][:MAX_BARS][::-1]
        offset = (index - (len(names) - 1) / 2) * -height
        axes.barh(
            [row + offset for row in rows],
            values,
            height=height,
            color=COLOURS[index % len(COLOURS)],
            label=name,
        )
    axes.set_yticks(list(rows), shown)
    if chart.kind == "share":
        axes.set_xlim(0, 1)
        axes.xaxis.set_major_formatter(PercentFormatter(xmax=1))
    else:
        axes.xaxis.set_major_locator(MaxNLocator(integer=True))
    if len(names) > 1:
        axes.legend(loc="lower left", bbox_to_anchor=(1.0, 0.0), frameon=False)
    _style(axes)
    axes.grid(axis="y", visible=False)
    return figure


def render(chart: Chart) -> str:
    """The chart as an ``<svg>`` element; an empty chart gets a short notice instead."""
    if not chart.categories:
        return '<p class="empty">Nothing to show yet.</p>'
    if chart.kind == "time":
        figure = _time_chart(chart)
    elif chart.kind == "share":
        share_only = Chart(
            chart.key,
            chart.title,
            chart.category_label,
            chart.categories,
            {"share": chart.series["share"]},
            kind="share",
        )
        figure = _ranked_chart(share_only)
    else:
        figure = _ranked_chart(chart)
    return _svg(figure, chart.title)
