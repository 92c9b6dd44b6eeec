"""The identity of a meeting, from the stable fields of the reports that describe it.

Identity is province, district, level, body, meeting type, meeting date, and the
session and term numbers where the report states them. Titles and URLs never
take part: a republished copy has another headline and another address.

A report is *identifiable* when it names enough to tell its meeting from every
other: province, level, a named body and meeting type, a date (a month at
least) and, below province level, the district. Some reports are not:

- Commune-level meetings: the record has no commune field, and the communes of
  a district hold the same kind of meeting on the same days.
- Body ``other``/``party_other`` or type ``other_meeting``: several distinct
  bodies (the inspection committee, the propaganda board, ...) share the label.
- No meeting date.

Those are linked to other reports only through near-duplicate text.
"""

from __future__ import annotations

import hashlib
import json
import re
from dataclasses import dataclass, replace
from typing import Any

from crawler.textnorm import fold

#: Bodies that stand for several distinct bodies, so they cannot identify a meeting.
WEAK_BODIES = frozenset({"other", "party_other"})
#: Meeting types too loose to identify a meeting.
WEAK_MEETING_TYPES = frozenset({"other_meeting"})

_DAY = re.compile(r"^\d{4}-\d{2}-\d{2}$")
_MONTH = re.compile(r"^\d{4}-\d{2}$")


@dataclass(frozen=True)
class MeetingKey:
    """Normalised identity fields; None where not stated."""

    province: str | None
    district: str | None
    level: str | None
    body: str | None
    meeting_type: str | None
    meeting_date: str | None  # YYYY-MM-DD or YYYY-MM
    session_number: int | None
    term_number: int | None

    def identifiable(self) -> bool:
        return (
            self.province is not None
            and self.level in ("province", "district")
            and (self.level == "province" or self.district is not None)
            and self.body is not None
            and self.body not in WEAK_BODIES
            and self.meeting_type is not None
            and self.meeting_type not in WEAK_MEETING_TYPES
            and self.meeting_date is not None
        )

    def specificity(self) -> int:
        """How much of the optional part is known: a day over a month, a stated number."""
        date = self.meeting_date or ""
        return (2 if _DAY.match(date) else 1 if date else 0) + sum(
            value is not None for value in (self.session_number, self.term_number)
        )

    def compatible(self, other: MeetingKey) -> bool:
        """Nothing contradicts: required parts equal, optional parts equal where both are known."""
        required = ("province", "district", "level", "body", "meeting_type")
        if any(getattr(self, name) != getattr(other, name) for name in required):
            return False
        for mine, theirs in (
            (self.session_number, other.session_number),
            (self.term_number, other.term_number),
        ):
            if mine is not None and theirs is not None and mine != theirs:
                return False
        return dates_compatible(self.meeting_date, other.meeting_date)

    def stated(self) -> dict[str, Any]:
        """The fields that tell two copies of one text apart, where this key states them.

        A body label that stands for several bodies states none. The level and the
        meeting type are left out: they are read partly from the headline, which a
        republisher rewrites, so two copies of one report can differ there.
        """
        values = {
            "province": self.province,
            "district": self.district,
            "body": None if self.body in WEAK_BODIES else self.body,
            "meeting_date": self.meeting_date,
            "session_number": self.session_number,
            "term_number": self.term_number,
        }
        return {name: value for name, value in values.items() if value is not None}

    def contradicts(self, other: MeetingKey) -> bool:
        """True when the two state different meetings: a field both state differs
        (a month and a day of that month do not differ)."""
        mine, theirs = self.stated(), other.stated()
        for name in mine.keys() & theirs.keys():
            if name == "meeting_date":
                if not dates_compatible(mine[name], theirs[name]):
                    return True
            elif mine[name] != theirs[name]:
                return True
        return False

    def merged(self, other: MeetingKey) -> MeetingKey:
        """The key knowing what either knows (the two must be compatible)."""
        date = more_specific_date(self.meeting_date, other.meeting_date)
        return replace(
            self,
            meeting_date=date,
            session_number=self.session_number
            if self.session_number is not None
            else other.session_number,
            term_number=self.term_number if self.term_number is not None else other.term_number,
        )

    def meeting_id(self) -> str:
        """Stable id: the same key gives the same id on every rebuild."""
        return "m-" + _digest(["key", *self.as_list()])

    def as_list(self) -> list[Any]:
        return [
            self.province,
            self.district,
            self.level,
            self.body,
            self.meeting_type,
            self.meeting_date,
            self.session_number,
            self.term_number,
        ]


def text_meeting_id(content_hash: str, key: MeetingKey) -> str:
    """Id of a meeting known only through one (possibly republished) text and what it states."""
    return "m-" + _digest(["text", content_hash, *key.as_list()])


def _digest(parts: list[Any]) -> str:
    payload = json.dumps(parts, ensure_ascii=False, separators=(",", ":"))
    return hashlib.sha256(payload.encode("utf-8")).hexdigest()[:20]


def dates_compatible(a: str | None, b: str | None) -> bool:
    """Equal, or one only a month and the other a day of that month, or one unknown."""
    if a is None or b is None:
        return True
    return a == b or a.startswith(b + "-") or b.startswith(a + "-")


def more_specific_date(a: str | None, b: str | None) -> str | None:
    if a is None:
        return b
    if b is None:
        return a
    return a if len(a) >= len(b) else b


def normalise_date(value: Any) -> str | None:
    if not isinstance(value, str):
        return None
    value = value.strip()[:10]
    return value if _DAY.match(value) or _MONTH.match(value) else None


def normalise_number(value: Any) -> int | None:
    if isinstance(value, bool):
        return None
    if isinstance(value, int):
        return value if value > 0 else None
    if isinstance(value, str) and value.strip().isdigit():
        return int(value.strip()) or None
    return None


def normalise_place(value: Any) -> str | None:
    """Places compare folded (SCHEMA.md's comparison), so "Thọ Xuân" = "THỌ XUÂN"."""
    return fold(value) or None if isinstance(value, str) else None


def normalise_label(value: Any) -> str | None:
    return value.strip() or None if isinstance(value, str) else None


def key_of(record: dict[str, Any]) -> MeetingKey:
    """The normalised identity fields of one record (or of reconciled values)."""
    level = normalise_label(record.get("level"))
    return MeetingKey(
        province=normalise_place(record.get("province")),
        # A province-level meeting is the province's, whatever district the text names.
        district=None if level == "province" else normalise_place(record.get("district")),
        level=level,
        body=normalise_label(record.get("body")),
        meeting_type=normalise_label(record.get("meeting_type")),
        meeting_date=normalise_date(record.get("meeting_date")),
        session_number=normalise_number(record.get("session_number")),
        term_number=normalise_number(record.get("term_number")),
    )
