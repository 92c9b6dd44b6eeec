"""Vietnamese text in legacy 8-bit font codes (TCVN3/ABC and VNI), back to Unicode.

Before Unicode, Vietnamese pages were typed in fonts that draw Vietnamese
letters in place of Latin-1 characters: the bytes say "Hµ Néi" and the
.VnTime font shows "Hà Nội". Such text survives in old portal pages (often
inside a UTF-8 page: the characters were carried over, not converted), so
after decoding the page it reads as Latin-1 gibberish.

- TCVN3 (ABC, fonts ".VnTime", ".VnArial"): one code per letter, tone included.
- VNI (fonts "VNI-Times", ...): a base letter followed by one code for its
  marks ("Vieät" = "Việt"); a few letters have codes of their own.

Proper Vietnamese never puts characters like "µ", "Ö", "ø" or "ä" inside a
word, so text is converted only where such marker characters stand in words
and no letter beyond Latin-1 appears (legacy text cannot contain one). Whole
pages in a legacy code are converted at once; in a mixed page, each text run
between tags is judged on its own.
"""

from __future__ import annotations

import contextlib
import re
import unicodedata
from collections.abc import Callable
from dataclasses import dataclass
from functools import wraps
from typing import ParamSpec

from crawler.extraction.data.legacy_fonts import (
    TCVN3_LETTERS,
    VIETNAMESE_NUCLEI,
    VNI_BASE_MARKS,
    VNI_LETTERS,
    VNI_MARK_CODES,
)

P = ParamSpec("P")
TCVN3 = "tcvn3"
VNI = "vni"

_TCVN3_TABLE = str.maketrans({code: letter for code, (letter, _gloss) in TCVN3_LETTERS.items()})
_VNI_SINGLE = {code: letter for code, (letter, _gloss) in VNI_LETTERS.items()}
_VNI_PAIRS: dict[str, str] = {}
for _base, _marks in VNI_BASE_MARKS.items():
    for _mark, _letter in _marks.items():
        for _code in VNI_MARK_CODES[_mark]:
            _VNI_PAIRS[_base + _code] = _letter
            _VNI_PAIRS[_base.upper() + _code] = _letter.upper()
_VNI_BASES = "".join(VNI_BASE_MARKS) + "".join(VNI_BASE_MARKS).upper()
_VNI_CODES = "".join(code for pair in VNI_MARK_CODES.values() for code in pair)
# A vowel and its mark code, or a letter with a code of its own.
_VNI_RE = re.compile(f"[{_VNI_BASES}][{_VNI_CODES}]|[{''.join(_VNI_SINGLE)}]")

# Latin-1 characters that no Vietnamese word contains but legacy codes put in
# words: letters of other languages and signs ("Hµ", "ViÖt", "Vieät", "ñaõ").
_MARKERS = "µ¶¸¹»¼½¾ÆÇËÎÏÐÑÖØÜÞßäåæçëîïñöøûüþ¢£¤¥ª¬¡­ÄÅÛð"
# Signs that also stand beside words in proper text («», ©, ·): counted only
# inside a word, between two letters or after a letter before a space.
_LETTER = "A-Za-z\u00c0-\u00ff"
_MARKER_IN_WORD = re.compile(rf"[{_LETTER}][{_MARKERS}]|[{_MARKERS}][{_LETTER}]")
# Letters beyond Latin-1 that Vietnamese uses: legacy text has none.
_VIETNAMESE_ONLY = re.compile("[ĂăĐđĨĩŨũƠơƯư\u1ea0-\u1ef9]")
_CONTROL_CHARACTERS = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f]")
# Text between tags (and the tags themselves), for judging runs one by one.
_TAG_SPLIT = re.compile(r"(<[^>]*>)")
_SCRIPT_OR_STYLE = re.compile(r"<(script|style)\b", re.IGNORECASE)
_WORD = re.compile(r"[^\s<>]+")
_ASCII_UPPER = re.compile(r"[A-Z]")
_ASCII_LETTER = re.compile(r"[A-Za-z]")
# A page needs this much evidence before all of its text is converted.
MIN_PAGE_MARKERS = 5
# A run of text within a mixed page needs this much.
MIN_RUN_MARKERS = 2


def marker_count(text: str) -> int:
    """How many marker characters stand inside words of ``text``."""
    return len(_MARKER_IN_WORD.findall(text))


def vietnamese_letters(text: str) -> int:
    return len(_VIETNAMESE_ONLY.findall(text))


def _restore_capitals(word: str, converted: str) -> str:
    # Capital-letter fonts (".VnTimeH") draw lower-case codes as capitals: a word
    # whose plain letters are all capitals is a capital word.
    letters = _ASCII_LETTER.findall(word)
    if len(letters) >= 2 and all(_ASCII_UPPER.match(letter) for letter in letters):
        return converted.upper()
    return converted


def tcvn3_to_unicode(text: str) -> str:
    """TCVN3 (ABC) codes to Unicode letters (composed)."""
    return _WORD.sub(
        lambda m: _restore_capitals(m.group(), m.group().translate(_TCVN3_TABLE)), text
    )


def vni_to_unicode(text: str) -> str:
    """VNI codes (a base letter and its mark code, or a letter code) to Unicode."""

    def letter(match: re.Match[str]) -> str:
        found = match.group()
        return _VNI_PAIRS.get(found) or _VNI_SINGLE.get(found, found)

    return _VNI_RE.sub(letter, text)


CONVERTERS: dict[str, Callable[[str], str]] = {TCVN3: tcvn3_to_unicode, VNI: vni_to_unicode}


# Tone marks (decomposed): a Vietnamese syllable carries at most one.
_TONE_MARKS = dict.fromkeys(map(ord, "\u0300\u0301\u0303\u0309\u0323"))
_VOWEL_RUN = re.compile("[aăâeêioôơuưy]+")
_NON_ASCII_WORD = re.compile(r"[^\W\d_]*[^\x00-\x7f][^\W\d_]*")
_VALID_NUCLEI = frozenset(VIETNAMESE_NUCLEI)


def _toneless(word: str) -> str:
    return unicodedata.normalize("NFC", unicodedata.normalize("NFD", word).translate(_TONE_MARKS))


def is_vietnamese_syllable(word: str) -> bool:
    """Does ``word`` have the vowels of one Vietnamese syllable ("nước": ươ, "quyết": yê)?"""
    plain = _toneless(word.lower())
    if plain.startswith("qu") or (plain.startswith("gi") and len(plain) > 2):
        plain = plain[2:] if _VOWEL_RUN.match(plain, 2) else plain[1:]
    runs = _VOWEL_RUN.findall(plain)
    return len(runs) == 1 and runs[0] in _VALID_NUCLEI


def syllable_share(text: str) -> tuple[int, int]:
    """(words that are Vietnamese syllables, words that are not), among words with
    a non-ASCII letter; plain-ASCII words say nothing either way."""
    good = bad = 0
    for word in _NON_ASCII_WORD.findall(text):
        if is_vietnamese_syllable(word):
            good += 1
        else:
            bad += 1
    return good, bad


def detect(text: str, min_markers: int = MIN_RUN_MARKERS) -> str | None:
    """TCVN3, VNI or None: the legacy code ``text`` is written in, if any.

    A conversion counts when it clears the markers and its words are
    Vietnamese syllables; reading VNI as TCVN3 (or the reverse, or German as
    either) leaves markers or vowel clusters no syllable has.
    """
    before = marker_count(text)
    if before < min_markers or vietnamese_letters(text):
        return None
    best = 0.0
    chosen = None
    for name, convert in CONVERTERS.items():
        converted = convert(text)
        left = marker_count(converted)
        good, bad = syllable_share(converted)
        if left * 2 > before or good < 2 * bad or good == 0:
            continue
        score = good - 2 * bad - 3 * left
        if score > best:
            best, chosen = score, name
    return chosen


@dataclass
class LegacyScan:
    """What :func:`repair_text` found: the code, runs converted, runs left as they were."""

    encoding: str | None = None
    converted_runs: int = 0
    #: Runs that look legacy but could not be converted with confidence (flagged).
    doubtful_runs: int = 0


def _runs(markup: str) -> list[str]:
    return _TAG_SPLIT.split(markup)


def repair_text(markup: str) -> tuple[str, LegacyScan]:
    """``markup`` (HTML or plain text) with legacy-coded text converted to Unicode.

    Tags are left alone, and so are scripts and styles; text in proper
    Unicode is never touched.
    """
    scan = LegacyScan()
    if not _MARKER_IN_WORD.search(markup):
        return markup, scan  # the common case, decided in one pass
    parts = _runs(markup)
    texts = [i for i in range(0, len(parts), 2) if not _in_code(parts, i)]
    whole = " ".join(parts[i] for i in texts)
    page_code = detect(whole, MIN_PAGE_MARKERS)
    for i in texts:
        run = parts[i]
        if page_code is not None:
            parts[i] = CONVERTERS[page_code](run)
            scan.converted_runs += run != parts[i]
            continue
        if marker_count(run) < MIN_RUN_MARKERS:
            continue
        code = detect(run)
        if code is None:
            scan.doubtful_runs += not vietnamese_letters(run)
            continue
        parts[i] = CONVERTERS[code](run)
        scan.converted_runs += 1
        scan.encoding = scan.encoding or code
    scan.encoding = page_code or scan.encoding
    return "".join(parts), scan


def _in_code(parts: list[str], index: int) -> bool:
    """Is the text run at ``index`` inside <script> or <style>?"""
    return index > 0 and bool(_SCRIPT_OR_STYLE.match(parts[index - 1]))


def repair(markup: str) -> str:
    """:func:`repair_text` without the scan."""
    return repair_text(markup)[0]


def _reads_as_vietnamese(text: str) -> bool:
    good, bad = syllable_share(text)
    return good >= 3 * bad


def best_reading(raw: bytes, decoded: str) -> str:
    """The reading of non-UTF-8 ``raw`` bytes that is most plainly Vietnamese.

    ``decoded`` is the reading the page's charset (or a guess) gave. The
    charset of old portals is often missing or wrong: a VNI page guessed as a
    Baltic code page, a Windows-1258 page labelled Windows-1252. So two other
    readings compete: Latin-1 with the legacy font codes converted, and
    Windows-1258 (whose tones are separate combining marks). Another reading
    wins only with clearly more Vietnamese letters, in words that are syllables.
    """
    best, best_letters = decoded, vietnamese_letters(decoded)
    readings = [repair(raw.decode("latin-1"))]
    # Bytes that Windows-1258 leaves undefined: not that code page.
    with contextlib.suppress(UnicodeDecodeError):
        readings.append(unicodedata.normalize("NFC", raw.decode("cp1258")))
    for text in readings:
        letters = vietnamese_letters(text)
        clearly_more = letters >= MIN_PAGE_MARKERS and letters > best_letters * 1.2 + 2
        if clearly_more and _reads_as_vietnamese(text):
            best, best_letters = text, letters
    return best


def _is_utf8(raw: bytes) -> bool:
    try:
        raw.decode("utf-8")
    except UnicodeDecodeError:
        return False
    return True


def repairs_legacy_text(decode: Callable[P, str]) -> Callable[P, str]:
    """Wrap a page decoder (bytes or text first) so that Vietnamese in a legacy
    code (TCVN3, VNI, or Windows-1258 without a charset) comes out as Unicode,
    and without the C0 control characters that no HTML text may hold."""

    @wraps(decode)
    def decoded(*args: P.args, **kwargs: P.kwargs) -> str:
        # Control characters (a stray \x1f, \x00) cannot stand in an element tree.
        text = repair(_CONTROL_CHARACTERS.sub("", decode(*args, **kwargs)))
        raw = args[0] if args else None
        if isinstance(raw, bytes) and not _is_utf8(raw):
            return best_reading(raw, text)
        return text

    return decoded
