"""The enumerations of SCHEMA.md and a check that a record respects them."""

from __future__ import annotations

import re
from typing import Any

SOURCE_KINDS = frozenset(
    {
        "district_portal",
        "district_party_site",
        "council_site",
        "provincial_newspaper",
        "provincial_broadcaster",
        "provincial_portal",
        "national_media",
        "other",
    }
)
LEVELS = frozenset({"province", "district", "commune"})
BODIES = frozenset(
    {
        "party_committee",
        "party_standing_committee",
        "party_other",
        "peoples_council",
        "peoples_council_standing",
        "peoples_committee",
        "fatherland_front",
        "other",
    }
)
MEETING_TYPES = frozenset(
    {
        "plenum",
        "congress",
        "council_session",
        "regular_meeting",
        "review_conference",
        "self_criticism",
        "briefing",
        "other_meeting",
    }
)

#: What the meeting is: its level, body, type, date, session and term (SCHEMA.md order).
MEETING_FACT_FIELDS = (
    "level",
    "body",
    "meeting_type",
    "meeting_date",
    "session_number",
    "term_number",
    "term_period",
)
#: Where the meeting was held.
PLACE_FIELDS = ("province", "district")
#: The meeting part of the record, in SCHEMA.md order.
MEETING_FIELDS = (*MEETING_FACT_FIELDS, *PLACE_FIELDS, "officials", "figures")

#: Field order of the exported record (SCHEMA.md order first).
RECORD_FIELDS = (
    "url",
    "source",
    "source_name",
    "source_kind",
    "title",
    "published",
    "published_raw",
    "author",
    "author_raw",
    "text",
    "content_hash",
    "is_meeting_report",
    *MEETING_FIELDS,
)

_DATE = re.compile(r"^\d{4}-\d{2}(-\d{2})?$")
_PERIOD = re.compile(r"^\d{4}-\d{4}$")


def validate_record(record: dict[str, Any]) -> list[str]:
    """Problems that make a record break SCHEMA.md (empty when it is valid)."""
    problems = [f"missing field {name}" for name in RECORD_FIELDS if name not in record]
    for name, allowed in (
        ("source_kind", SOURCE_KINDS),
        ("level", LEVELS),
        ("body", BODIES),
        ("meeting_type", MEETING_TYPES),
    ):
        value = record.get(name)
        if value is not None and value not in allowed:
            problems.append(f"{name}={value!r} is not a SCHEMA.md value")
    for name in ("published", "meeting_date"):
        value = record.get(name)
        if value is not None and not _DATE.match(str(value)):
            problems.append(f"{name}={value!r} is not YYYY-MM-DD or YYYY-MM")
    period = record.get("term_period")
    if period is not None and not _PERIOD.match(str(period)):
        problems.append(f"term_period={period!r} is not YYYY-YYYY")
    for name in ("session_number", "term_number"):
        value = record.get(name)
        if value is not None and not isinstance(value, int):
            problems.append(f"{name}={value!r} is not an integer")
    if not isinstance(record.get("is_meeting_report"), bool):
        problems.append("is_meeting_report is not a boolean")
    for official in record.get("officials") or []:
        if not isinstance(official.get("name"), str) or not isinstance(
            official.get("titles"), list
        ):
            problems.append(f"official {official!r} lacks name or titles")
    return problems


def rejection_reason(record: dict[str, Any], since: str = "") -> str | None:
    """Why a record is not stored (a counted reason), or None to store it.

    Shared by the crawl's validation pipeline, WARC import and re-extraction,
    so a record is kept or not whichever way its page arrived.
    """
    from crawler.discovery import is_article_url

    if not str(record.get("text") or "").strip():
        return "no_text"
    if not str(record.get("title") or "").strip():
        return "no_title"
    published = record.get("published")
    if published is None and not is_article_url(str(record.get("url") or "")):
        # Neither a date nor an article-shaped URL: a static page ("Giới thiệu",
        # "Liên hệ") or a category page, not an article.
        return "not_an_article"
    if since and published and published < since[: len(published)]:
        return "before_since"
    return None
