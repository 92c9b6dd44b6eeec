"""Vietnamese text normalisation used for matching (never for storage).

Stored text keeps the article's own spelling; every comparison goes through
:func:`fold` (or :func:`fold_keep_marks`) so that Unicode form, tone-mark
placement ("Uỷ" / "Ủy", "khoá" / "khóa", "hoà" / "hòa") and case do not matter.
"""

from __future__ import annotations

import re
import unicodedata

# Word-final "oa", "oe", "uy" take the tone mark on either vowel: "hòa"/"hoà",
# "khóa"/"khoá", "Ủy"/"Uỷ". Both spellings appear on the same portal, so
# matching moves the mark to the first vowel (the spelling most official
# texts use). "quý" is left alone: after q the u is part of the consonant.
_TONE_MARKS = "\u0300\u0301\u0303\u0309\u0323"  # grave, acute, tilde, hook, dot below
_SECOND_VOWEL_TONE = re.compile(r"(?<![qQ])([oOuU])([aAeEyY])([" + _TONE_MARKS + r"])(?!\w)")

_SPACE_RE = re.compile(r"[ \t\u00a0\u2000-\u200b\u202f\u3000]+")


def nfc(text: str) -> str:
    return unicodedata.normalize("NFC", text)


def normalize_tone_placement(text: str) -> str:
    """Move a tone mark from the second to the first vowel of word-final oa/oe/uy.

    "hoà" -> "hòa", "khoá" -> "khóa", "Uỷ" -> "Ủy". Only word-final pairs move:
    inside a word ("hoàng", "thuyền") there is one accepted spelling.
    """
    decomposed = unicodedata.normalize("NFD", text)
    moved = _SECOND_VOWEL_TONE.sub(lambda m: m.group(1) + m.group(3) + m.group(2), decomposed)
    return unicodedata.normalize("NFC", moved)


def fold_keep_marks(text: str) -> str:
    """NFC, new-style tone placement, lower case, single spaces."""
    return _SPACE_RE.sub(" ", normalize_tone_placement(nfc(text))).strip().casefold()


def strip_diacritics(text: str) -> str:
    """Remove every diacritic, mapping đ/Đ to d/D ("Thọ Xuân" -> "Tho Xuan")."""
    decomposed = unicodedata.normalize("NFD", text)
    bare = "".join(ch for ch in decomposed if not unicodedata.combining(ch))
    return bare.replace("đ", "d").replace("Đ", "D")


def fold(text: str) -> str:
    """Diacritic-free, lower-case, single-spaced key for loose matching."""
    return _SPACE_RE.sub(" ", strip_diacritics(nfc(text))).strip().casefold()


def normalize_spaces(text: str) -> str:
    return _SPACE_RE.sub(" ", text).strip()


def same_text(a: str, b: str) -> bool:
    """Equality as SCHEMA.md defines it for names, titles and places."""
    return fold_keep_marks(a) == fold_keep_marks(b)
