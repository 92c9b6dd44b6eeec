"""Numbers as meeting reports write them: Roman, Arabic or Vietnamese words.

Sessions and terms are numbered "lần thứ XVI", "khóa 19", "kỳ họp thứ Chín",
"lần thứ mười hai". :func:`parse_numeral` turns one such token into an int and
returns None for anything else, so callers can use it to validate a regex hit.
"""

from __future__ import annotations

import re

from crawler.textnorm import fold_keep_marks

# Roman numerals up to 399 (C, L, X, V, I only): session and term numbers never
# go higher, and leaving out D and M keeps words such as "mid" or "dim" out.
_ROMAN_RE = re.compile(r"(?=[ivxlc])(c{0,3})(xc|xl|l?x{0,3})(ix|iv|v?i{0,3})")
_ROMAN_VALUES = {"i": 1, "v": 5, "x": 10, "l": 50, "c": 100}
_DIGITS_RE = re.compile(r"[0-9]{1,6}")
_EDGE_PUNCTUATION = " \t\n.,;:!?()[]{}\"'“”‘’-–—"

# Digit words, keyed in fold_keep_marks form (lower case, marks kept so that
# "năm" (five) is not "Nam" (a name), "chín" (nine) not "chìn").
_UNITS: dict[str, int] = {
    "một": 1,  # one
    "hai": 2,  # two
    "ba": 3,  # three
    "bốn": 4,  # four
    "năm": 5,  # five
    "sáu": 6,  # six
    "bảy": 7,  # seven
    "bẩy": 7,  # seven (northern spelling)
    "tám": 8,  # eight
    "chín": 9,  # nine
}
# Unit words that follow "mười"/"mươi": "hai mươi mốt" (21), "mười lăm" (15),
# "hai mươi tư" (24).
_UNITS_AFTER_TENS: dict[str, int] = {**_UNITS, "mốt": 1, "lăm": 5, "tư": 4}
# Ordinals that stand alone after "thứ": "thứ nhất" (first), "thứ nhì"
# (second), "thứ tư" (fourth).
_ORDINALS: dict[str, int] = {"nhất": 1, "nhì": 2, "tư": 4}
_TEN = "mười"  # ten, and the tens word of 10-19
_TENS_MARK = "mươi"  # "-ty" in 20-99 ("hai mươi")
_HUNDRED = "trăm"  # hundred
_HUNDRED_LINK = ("linh", "lẻ")  # "một trăm linh năm" = 105
_ORDINAL_PREFIXES = ("lần thứ ", "thứ ")  # "thứ nhất" -> 1

#: Regex fragment (fold_keep_marks form) matching any numeral word, for callers
#: that look for "thứ <numeral>" in running text.
NUMERAL_WORD_PATTERN = "(?:" + "|".join(
    sorted({*_UNITS_AFTER_TENS, *_ORDINALS, _TEN, _TENS_MARK, _HUNDRED, *_HUNDRED_LINK},
           key=len, reverse=True)
) + ")"


def parse_numeral(token: str) -> int | None:
    """The value of one numeral token, or None when it is not a numeral.

    "XVI" -> 16, "12" -> 12, "Chín" -> 9, "thứ nhất" -> 1, "hai mươi mốt" -> 21.
    """
    cleaned = fold_keep_marks(token).strip(_EDGE_PUNCTUATION)
    for prefix in _ORDINAL_PREFIXES:
        if cleaned.startswith(prefix):
            cleaned = cleaned[len(prefix):].strip()
            break
    if not cleaned:
        return None
    if _DIGITS_RE.fullmatch(cleaned):
        return int(cleaned)
    roman = _roman_value(cleaned)
    if roman is not None:
        return roman
    return _words_value(cleaned.split())


def _roman_value(token: str) -> int | None:
    if not _ROMAN_RE.fullmatch(token):
        return None
    total = 0
    for current, following in zip(token, token[1:] + " ", strict=True):
        value = _ROMAN_VALUES[current]
        total += -value if _ROMAN_VALUES.get(following, 0) > value else value
    return total


def _words_value(words: list[str]) -> int | None:
    if len(words) == 1 and words[0] in _ORDINALS:
        return _ORDINALS[words[0]]
    if len(words) >= 2 and words[1] == _HUNDRED:
        hundreds = _UNITS.get(words[0])
        if hundreds is None:
            return None
        rest = words[2:]
        if not rest:
            return hundreds * 100
        if rest[0] in _HUNDRED_LINK:
            unit = _UNITS.get(rest[1]) if len(rest) == 2 else None
            return None if unit is None else hundreds * 100 + unit
        below = _below_hundred(rest)
        # "một trăm năm" is ambiguous (105 or 150); accept only full tens.
        return None if below is None or below < 10 else hundreds * 100 + below
    return _below_hundred(words)


def _below_hundred(words: list[str]) -> int | None:
    if not words:
        return None
    if words[0] == _TEN:
        tens, rest = 10, words[1:]
    elif len(words) >= 2 and words[1] == _TENS_MARK and _UNITS.get(words[0], 0) >= 2:
        tens, rest = _UNITS[words[0]] * 10, words[2:]
    else:
        return _UNITS.get(words[0]) if len(words) == 1 else None
    if not rest:
        return tens
    if len(rest) != 1 or rest[0] not in _UNITS_AFTER_TENS:
        return None
    if rest[0] == "mốt" and tens == 10:  # "mười mốt" is not a numeral; 11 is "mười một"
        return None
    return tens + _UNITS_AFTER_TENS[rest[0]]
