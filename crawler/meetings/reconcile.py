"""One value per meeting field from the reports that describe the meeting.

The most specific value wins: a stated value over none, a full date over a
month ("2023-07-18" over "2023-07"). Values that disagree (two different days,
two session numbers) are a conflict: every distinct value is kept under the
field's name in ``conflicts``, and the value most reports give is chosen, ties
going to the report ranked first (the earliest, original one).
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from crawler.meetings.identity import normalise_date, normalise_number
from crawler.schema import MEETING_FACT_FIELDS, PLACE_FIELDS
from crawler.textnorm import fold

#: The meeting fields reconciled across reports, in export order.
MEETING_FIELDS = (*PLACE_FIELDS, *MEETING_FACT_FIELDS)
_NUMBERS = frozenset({"session_number", "term_number"})
_PLACES = frozenset({"province", "district"})


def _clean(field: str, value: Any) -> Any:
    if field == "meeting_date":
        return normalise_date(value)
    if field in _NUMBERS:
        return normalise_number(value)
    return value.strip() or None if isinstance(value, str) else None


def _same(field: str, a: Any, b: Any) -> bool:
    if field in _PLACES or field == "term_period":
        return bool(fold(str(a)) == fold(str(b)))
    return bool(a == b)


def reconcile_field(field: str, values: Sequence[Any]) -> tuple[Any, list[Any] | None]:
    """(chosen value, distinct disagreeing values or None) from values in rank order."""
    stated = [cleaned for value in values if (cleaned := _clean(field, value)) is not None]
    if field == "meeting_date":
        # A month is only less specific than a day of that month, not in conflict with it.
        stated = [d for d in stated if not any(o.startswith(d + "-") for o in stated)]
    distinct: list[Any] = []
    support: list[int] = []
    for value in stated:
        for index, seen in enumerate(distinct):
            if _same(field, seen, value):
                support[index] += 1
                break
        else:
            distinct.append(value)
            support.append(1)
    if not distinct:
        return None, None
    # max() keeps the first of equal counts: the value of the best-ranked report.
    chosen = distinct[max(range(len(distinct)), key=lambda i: support[i])]
    return chosen, (distinct if len(distinct) > 1 else None)


def reconcile(reports: Sequence[dict[str, Any]]) -> tuple[dict[str, Any], dict[str, list[Any]]]:
    """Reconciled meeting fields and the conflicts among reports given in rank order."""
    fields: dict[str, Any] = {}
    conflicts: dict[str, list[Any]] = {}
    for field in MEETING_FIELDS:
        value, disagreeing = reconcile_field(field, [report.get(field) for report in reports])
        fields[field] = value
        if disagreeing:
            conflicts[field] = disagreeing
    if fields["level"] == "province" and "district" in conflicts:
        # A province-level meeting has no district of its own: other mentions are no conflict.
        del conflicts["district"]
    return fields, conflicts
