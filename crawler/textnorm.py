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
#: Composed second vowel with its tone -> (first vowel's mark, bare second vowel):
#: "à" -> ("\u0300", "a"). Matching on composed text saves decomposing every text.
_TONED_SECOND_VOWELS = {
    unicodedata.normalize("NFC", vowel + mark): (mark, vowel)
    for vowel in "aAeEyY"
    for mark in _TONE_MARKS
}
_SECOND_VOWEL_TONE = re.compile(
    r"(?<![qQ])([oOuU])([" + "".join(_TONED_SECOND_VOWELS) + r"])(?!\w)"
)

_SPACE_RE = re.compile(r"[ \t\u00a0\u2000-\u200b\u202f\u3000]+")


def nfc(text: str) -> str:
    return unicodedata.normalize("NFC", text)


def normalize_tone_placement(text: str) -> str:
    """Move a tone mark from the second to the first vowel of word-final oa/oe/uy.

    "hoà" -> "hòa", "khoá" -> "khóa", "Uỷ" -> "Ủy". Only word-final pairs move:
    inside a word ("hoàng", "thuyền") there is one accepted spelling.
    """
    composed = unicodedata.normalize("NFC", text)
    moved = _SECOND_VOWEL_TONE.sub(_move_tone, composed)
    # Composed again only when a mark moved: a stray mark after the vowel may compose now.
    return composed if moved is composed else unicodedata.normalize("NFC", moved)


def _move_tone(match: re.Match[str]) -> str:
    mark, vowel = _TONED_SECOND_VOWELS[match.group(2)]
    return unicodedata.normalize("NFC", match.group(1) + mark) + vowel


def fold_keep_marks(text: str) -> str:
    """NFC, new-style tone placement, lower case, single spaces."""
    if text.isascii():  # nothing to compose and no tone mark to move
        return _SPACE_RE.sub(" ", text).strip().casefold()
    return _SPACE_RE.sub(" ", normalize_tone_placement(text)).strip().casefold()


#: Characters below this are remembered once met (Latin, Vietnamese, Greek, Cyrillic,
#: combining marks, punctuation); others are worked out on every call, so that a
#: page of every code point cannot grow the table without bound.
_REMEMBERED_BELOW = 0x3000


class _BareLetters(dict[int, str]):
    """Code point -> the character without its diacritics, filled in as characters are met.

    ``str.translate`` over it does in C what NFD followed by dropping the combining
    marks does in a Python loop, with the same result: NFD decomposes each character on
    its own and only reorders marks, which are dropped anyway. A lone combining mark
    maps to nothing.
    """

    def __missing__(self, code: int) -> str:
        decomposed = unicodedata.normalize("NFD", chr(code))
        bare = "".join(ch for ch in decomposed if not unicodedata.combining(ch))
        bare = bare.replace("đ", "d").replace("Đ", "D")
        if code < _REMEMBERED_BELOW:
            self[code] = bare
        return bare


_BARE_LETTERS = _BareLetters()


def strip_diacritics(text: str) -> str:
    """Remove every diacritic, mapping đ/Đ to d/D ("Thọ Xuân" -> "Tho Xuan")."""
    if text.isascii():
        return text
    return text.translate(_BARE_LETTERS)


def fold(text: str) -> str:
    """Diacritic-free, lower-case, single-spaced key for loose matching."""
    # No NFC first: the decomposition of a text and of its composed form are the same.
    return _SPACE_RE.sub(" ", strip_diacritics(text)).strip().casefold()


def normalize_spaces(text: str) -> str:
    return _SPACE_RE.sub(" ", text).strip()


def same_text(a: str, b: str) -> bool:
    """Equality as SCHEMA.md defines it for names, titles and places."""
    return fold_keep_marks(a) == fold_keep_marks(b)
