"""The article table: one row per stored article, the SCHEMA.md record as columns.

The descriptions are the column dictionary printed in the README (see
:mod:`crawler.exporting.dictionary`); they say the format as well as the meaning,
because a reader of a CSV file has nothing else to go on.
"""

from __future__ import annotations

from crawler.exporting.columns import Column
from crawler.schema import BODIES, LEVELS, MEETING_TYPES, SOURCE_KINDS


def _one_of(values: frozenset[str]) -> str:
    return ", ".join(f"`{value}`" for value in sorted(values))


_DATE_FORMAT = "ISO 8601 text, `YYYY-MM-DD`, or `YYYY-MM` when only the month is known"

ARTICLE_COLUMNS: tuple[Column, ...] = (
    Column("url", "str", "Final URL of the article (for an archived copy, the original URL)."),
    Column("source", "str", "The site's host, lower-case, without `www.`."),
    Column("source_name", "str", "The site's own name as it prints it; null when not shown."),
    Column("source_kind", "str", f"Kind of site: {_one_of(SOURCE_KINDS)}."),
    Column("title", "str", "The article's headline (not the site name)."),
    Column("published", "date", f"Publication date shown by the page; {_DATE_FORMAT}."),
    Column("published_raw", "str", "The publication date as the page prints it."),
    Column("author", "str", "Byline name only, without the unit; null when unsigned."),
    Column("author_raw", "str", "The whole byline as printed."),
    Column(
        "text",
        "str",
        "The article's main text without site chrome; paragraphs separated by blank lines.",
    ),
    Column(
        "content_hash",
        "str",
        "sha256 (hex) of the text's words after case and tone-mark folding; equal for "
        "copies of one report, used for de-duplication.",
    ),
    Column(
        "is_meeting_report",
        "bool",
        "True when the article reports a meeting, session, conference or congress of a "
        "government or Party body.",
    ),
    Column("level", "str", f"Level of the body that met: {_one_of(LEVELS)}; null if unknown."),
    Column("body", "str", f"The body that met: {_one_of(BODIES)}; null if unknown."),
    Column("meeting_type", "str", f"Kind of meeting: {_one_of(MEETING_TYPES)}; null if unknown."),
    Column(
        "meeting_date",
        "date",
        f"Day the meeting was held (the first day if several); {_DATE_FORMAT}.",
    ),
    Column(
        "session_number",
        "int",
        "Number of the session, plenum or regular meeting (`lần thứ XVI` gives 16).",
    ),
    Column(
        "term_number",
        "int",
        "Term of the body (`khóa XXVII` gives 27); for a congress, the congress number.",
    ),
    Column("term_period", "str", "Years of the term as `YYYY-YYYY`."),
    Column("province", "str", "Canonical province name (the 63 provinces before July 2025)."),
    Column("district", "str", "Canonical district-level unit name, without its prefix."),
    Column(
        "officials",
        "json",
        'Named officials in order of first mention: JSON array of `{"name": str, '
        '"titles": [str]}`, titles as written.',
    ),
    Column(
        "figures",
        "json",
        'Quantities the report states: JSON array of `{"value": number or "a/b", '
        '"unit": str, "raw": str}`.',
    ),
    Column("captions", "list", "Photo captions found beside the text, in page order."),
    Column(
        "fetched_at",
        "str",
        "When the page was fetched: ISO 8601 timestamp with time zone.",
    ),
    Column(
        "capture_time",
        "str",
        "For an archived copy, the archive's capture time (ISO 8601); null for live pages.",
    ),
    Column("archive_url", "str", "For an archived copy, the URL of the capture it came from."),
    Column(
        "extractor_version",
        "str",
        "Version of the extractor that made the record (`crawler reextract` rebuilds older ones).",
    ),
)
