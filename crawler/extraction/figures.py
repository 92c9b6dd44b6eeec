"""Quantities a report states, read in Vietnamese number format.

Vietnamese writes "." between thousands and "," before decimals:
"7.455.344 triệu đồng" is 7455344, "1.621,41 tỷ đồng" is 1621.41, "8,62%" is
8.62. A quantity counts only with a unit from :mod:`crawler.extraction.data.units`
after it, so years, dates, document numbers ("số 19-CT/TW"), session numbers
and "tháng 6" are never reported. "14/27 chỉ tiêu" is the ratio "14/27";
"43,7 triệu đồng/người/năm" and "14,3 tiêu chí/01 xã" are rates whose unit
keeps the "per" part ("triệu đồng/người/năm", "tiêu chí/xã").
"""

from __future__ import annotations

import re

from crawler.extraction.data.units import RATE_DENOMINATORS, UNITS
from crawler.extraction.types import Figure
from crawler.textnorm import fold_keep_marks, nfc

# Words right before a number that make it an ordinal, an identifier or a time
# rather than a quantity.
_NOT_QUANTITY_BEFORE = (
    ("số", "number (document, house)"),
    ("thứ", "ordinal / rank"),
    ("lần", "time (occurrence)"),
    ("khóa", "term"),
    ("kỳ", "period / session"),
    ("kì", "period / session (variant spelling)"),
    ("phiên", "sitting"),
    ("đợt", "round"),
    ("ngày", "day"),
    ("tháng", "month"),
    ("năm", "year"),
    ("quý", "quarter"),
    ("điều", "article (of a law)"),
    ("khoản", "clause"),
    ("chương", "chapter"),
    ("mục", "section"),
    ("tổ", "residential group"),
    ("thôn", "village"),
    ("xóm", "hamlet"),
    ("khu", "zone"),
    ("phố", "street"),
    ("đường", "road"),
    ("quốc lộ", "national road"),
    ("tỉnh lộ", "provincial road"),
    ("hạng", "rank"),
)

# A number: grouped thousands with an optional decimal part ("7.455.344",
# "1.621,41"), a decimal comma ("8,62"), a decimal point before 1-2 digits
# ("1.5"), or a plain integer.
_NUMBER = r"\d{1,3}(?:\.\d{3})+(?:,\d+)?(?![.\d])|\d+\.\d{1,2}(?![.\d])|\d+(?:,\d+)?"


def _alternation(spellings: list[str]) -> str:
    ordered = sorted(set(spellings), key=len, reverse=True)
    return "|".join(re.escape(s).replace(r"\ ", r"\s+") for s in ordered)


_UNIT_BY_SPELLING = {fold_keep_marks(s): canonical for canonical, spellings, _ in UNITS
                     for s in spellings}
_RATE_BY_SPELLING = {fold_keep_marks(s): canonical for canonical, spellings, _ in RATE_DENOMINATORS
                     for s in spellings} | _UNIT_BY_SPELLING
_UNIT = _alternation([s for _, spellings, _ in UNITS for s in spellings])
_RATE_UNIT = _alternation([s for _, spellings, _ in (*UNITS, *RATE_DENOMINATORS) for s in spellings
                           if s != "%"])
_FIGURE_RE = re.compile(
    rf"(?<![\w.,/\-–])(?P<a>{_NUMBER})(?:[ \t]*/[ \t]*(?P<b>{_NUMBER}))?[ \t\u00a0]*"
    rf"(?P<unit>{_UNIT})(?P<per>(?:[ \t]*/[ \t]*(?:\d+[ \t]*)?(?:{_RATE_UNIT})(?!\w))*)(?!\w)",
    re.IGNORECASE,
)
_PER_RE = re.compile(rf"/[ \t]*(?:\d+[ \t]*)?(?P<unit>{_RATE_UNIT})", re.IGNORECASE)
_NOT_QUANTITY_RE = re.compile(
    r"(?<!\w)(?:" + _alternation([w for w, _ in _NOT_QUANTITY_BEFORE]) + r")\s*$"
)
_BEFORE_WINDOW = 20  # characters read before a number to find "số", "thứ", "ngày", ...


def find_figures(text: str) -> list[Figure]:
    """Quantities with units, in text order; a repeated (value, unit) is reported once."""
    text = nfc(text or "")
    figures: list[Figure] = []
    seen: set[tuple[str, str]] = set()
    for match in _FIGURE_RE.finditer(text):
        before = fold_keep_marks(text[max(0, match.start() - _BEFORE_WINDOW):match.start()])
        if _NOT_QUANTITY_RE.search(before):
            continue
        value = _value(match.group("a"), match.group("b"))
        unit = _unit(match.group("unit"), match.group("per"))
        if value is None or (str(value), unit) in seen:
            continue
        seen.add((str(value), unit))
        figures.append(Figure(value=value, unit=unit, raw=match.group(0)))
    return figures


def parse_number(written: str) -> int | float | None:
    """A number as Vietnamese writes it: int when whole, float otherwise."""
    if re.fullmatch(r"\d{1,3}(?:\.\d{3})+(?:,\d+)?", written):
        written = written.replace(".", "")
    written = written.replace(",", ".")
    try:
        number = float(written)
    except ValueError:
        return None
    return int(number) if number.is_integer() else number


def _value(first: str, second: str | None) -> int | float | str | None:
    number = parse_number(first)
    if second is None:
        return number
    denominator = parse_number(second)
    if number is None or denominator is None:
        return None
    return f"{number}/{denominator}"


def _unit(written: str, per: str) -> str:
    unit = _UNIT_BY_SPELLING[fold_keep_marks(written)]
    rates = [_RATE_BY_SPELLING[fold_keep_marks(m.group("unit"))] for m in _PER_RE.finditer(per)]
    return "/".join([unit, *rates])
