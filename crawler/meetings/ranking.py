"""Which of several copies of a text is the original.

The canonical report of a near-duplicate group is the one published first;
on the same day, a copy that credits another outlet ("Theo Báo Thanh Hóa")
yields to one that does not, then the body's own sites come before the
provincial and national media that republish them.
"""

from __future__ import annotations

import re
from typing import Any

from crawler.textnorm import fold

#: Openings of a credit line, folded (no diacritics, lower case), with their gloss.
CREDIT_OPENINGS: tuple[tuple[str, str], ...] = (
    ("theo", "according to / after (the outlet the text was taken from)"),
    ("nguon", "source:"),
    ("trich tu", "excerpted from"),
    ("dang lai tu", "republished from"),
)
#: A credit line is short; a longer paragraph opening with "Theo" is reporting
#: ("Theo báo cáo tại hội nghị, ...").
CREDIT_MAX_WORDS = 12
#: A credit names an outlet; these patterns (on folded text) say so, with their gloss.
OUTLET_PATTERNS: tuple[tuple[str, str], ...] = (
    (r"\bbao\b(?!\s+cao)", 'newspaper (not "bao cao", a report)'),
    (r"\bcong (?:thong tin|ttdt)\b", "portal"),
    (r"\btrang (?:thong tin|tin)\b", "web site"),
    (r"\bdai phat thanh\b", "radio station"),
    (r"\btruyen hinh\b", "television"),
    (r"\bttxvn\b", "Vietnam News Agency"),
    (r"\w\.vn\b", "a Vietnamese web address"),
)

#: Source kinds from the body's own sites to the media that republish them.
SOURCE_KIND_ORDER: tuple[str, ...] = (
    "council_site",
    "district_party_site",
    "district_portal",
    "provincial_portal",
    "provincial_newspaper",
    "provincial_broadcaster",
    "national_media",
    "other",
)

_CREDIT = re.compile(
    r"^[(\[]?\s*(?:" + "|".join(re.escape(word) for word, _gloss in CREDIT_OPENINGS) + r")\b"
)
_OUTLET = re.compile("|".join(pattern for pattern, _gloss in OUTLET_PATTERNS))


def credits_another_outlet(text: str) -> bool:
    """True when the first or last paragraph is a short credit line naming an outlet."""
    paragraphs = [p for p in (text or "").split("\n") if p.strip()]
    for paragraph in paragraphs[:1] + paragraphs[-1:]:
        folded = fold(paragraph)
        short = len(folded.split()) <= CREDIT_MAX_WORDS
        if short and _CREDIT.match(folded) and _OUTLET.search(folded):
            return True
    return False


def rank_key(report: dict[str, Any]) -> tuple[str, bool, int, str]:
    """Sort key: the best candidate for the original copy sorts first."""
    kind = report.get("source_kind")
    kind_rank = (
        SOURCE_KIND_ORDER.index(kind) if kind in SOURCE_KIND_ORDER else len(SOURCE_KIND_ORDER)
    )
    return (
        report.get("published") or "9999",
        bool(report.get("credits_other")),
        kind_rank,
        report["url"],
    )
