"""Places named in a string: a unit word and the gazetteer name after it.

A name in running text counts only after a unit word ("huyện", "Huyện ủy",
"thị xã", "TP.", "tỉnh" ...) matched with its diacritics, since without them
"quan"/"huyen"/"tinh" also spell common words ("cơ quan", "tình"). The name
after it is matched without diacritics, as the longest run of words found in
one dict (no per-name regex), on a lower-cased copy of the text that keeps
every character in place, so the match maps back to the article's own
spelling. Headlines may also name a district bare: as a dateline ("Cẩm Thủy:
...") or after "tại"/"ở".
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache
from typing import Any

from crawler.extraction.placenames import (
    DROP_APOSTROPHES,
    UNIT_WORDS,
    District,
    gazetteer,
    name_key,
)
from crawler.textnorm import fold, nfc


@dataclass
class Mention:
    """A unit named in a string: the districts it may be, or a province."""

    districts: tuple[District, ...]
    province: str | None
    kind: str | None  # the kind its unit word states ("thị xã Kỳ Anh" -> "thị xã")
    raw: str  # unit word and name as written
    name_raw: str  # the name alone as written
    evidence: str  # the sentence it stands in
    #: A province written right after the name: "Châu Thành (Long An)", "Thọ Xuân - Thanh Hóa".
    beside: str | None = None


# --- scanning ------------------------------------------------------------------------------


def lowered(text: str) -> str:
    """Lower-case copy with every character at its place (matching runs on it)."""
    low = text.lower()
    return low if len(low) == len(text) else "".join(c.lower()[:1] or c for c in text)


# Unit words before a name, on the lower-cased NFC text; "ủy" is also written "uỷ".
_UY = "(?:ủy|uỷ)"
_UNIT_WORD = re.compile(
    rf"(?<!\w)(huyện\s+{_UY}|huyện|quận\s+{_UY}|quận|thị\s+xã|thị\s+{_UY}|thành\s+phố"
    rf"|thành\s+{_UY}|tỉnh\s+{_UY}|tỉnh|tp|tx)(?:\s*\.\s*|\s+|(?=hcm\b))"
)
# A headline about a province-level body ("Tỉnh ủy", "HĐND tỉnh") unless it also speaks of a
# district-level one ("... dự hội nghị của huyện").
PROVINCE_WORD = re.compile(r"(?<!\w)tỉnh(?!\w)")
DISTRICT_WORD = re.compile(rf"(?<!\w)(?:huyện|quận|thị\s+xã|thị\s+{_UY})(?!\w)")
_TOKEN = re.compile(r"[^\W_]+(?:['’‘ʼ][^\W_]+)*")
# Words of one name are joined by spaces or one hyphen ("Phan Rang - Tháp Chàm").
_NAME_GAP = re.compile(r"[^\S\n]*(?:[-–—][^\S\n]*)?")


@lru_cache(maxsize=8192)
def _word_key(word: str) -> str:
    return fold(word).translate(DROP_APOSTROPHES)


@lru_cache(maxsize=256)
def _unit_role(word: str) -> tuple[str, str | None]:
    return UNIT_WORDS[name_key(word)]


def _read_name(low: str, pos: int, keys: Any, lead_word: str | None = None) -> tuple[int, str]:
    """End and key of the longest name in ``keys`` starting at ``pos`` ((0, "") when none)."""
    g = gazetteer()
    words: list[str] = []
    ends: list[int] = []
    for _ in range(g.max_words):
        token = _TOKEN.match(low, pos)
        if token is None or not (words or _word_key(token.group()) in g.first_words):
            break
        words.append(_word_key(token.group()))
        ends.append(token.end())
        pos = _NAME_GAP.match(low, token.end()).end()  # type: ignore[union-attr]
    for size in range(len(words), 0, -1):
        key = " ".join(words[:size])
        if key in keys:
            return ends[size - 1], key
        if lead_word and f"{lead_word} {key}" in keys:
            return ends[size - 1], f"{lead_word} {key}"
    return 0, ""


_SENTENCE_END = re.compile(r"[.!?;](?=\s)|\n")


def sentence_around(text: str, start: int, end: int) -> str:
    """The sentence (or line) of ``text`` holding ``text[start:end]``, at most ~300 chars."""
    begin = max(text.rfind(p, 0, start) for p in ("\n", ". ", "! ", "? ", "; "))
    stop = _SENTENCE_END.search(text, end)
    sentence = text[begin + 1 : stop.end() if stop else len(text)].strip()
    return sentence if len(sentence) <= 300 else text[max(0, start - 120) : end + 160].strip()


def find_mentions(text: str) -> list[Mention]:
    """Units named after a unit word, in order: "huyện Thọ Xuân", "tỉnh Lạng Sơn", "TP.HCM"."""
    text = nfc(text or "")
    low = lowered(text)
    g = gazetteer()
    found: list[Mention] = []
    for word in _UNIT_WORD.finditer(low):
        scope, kind = _unit_role(word.group(1))
        pos = word.end()
        lead = "quan" if kind == "quận" else None  # "quận 1" is listed as "Quận 1"
        end, key = (0, "")
        if scope != "province":
            end, key = _read_name(low, pos, g.district_keys, lead)
        units, province = g.district_keys.get(key, ()), None
        if not end and scope != "district":
            end, key = _read_name(low, pos, g.province_keys)
            province = g.province_keys.get(key)
        if end:
            evidence = sentence_around(text, word.start(), end)
            raw = text[word.start() : end]
            beside = _province_beside(low, end)[0] if units else None
            found.append(Mention(units, province, kind, raw, text[pos:end], evidence, beside))
    return found


# What may join a district name to its province: "(", ",", "-", optionally "tỉnh"/"TP".
_BESIDE = re.compile(r"\s*[(,\-–—]\s*(?:(?:tỉnh|tp\.?|thành\s+phố)\s+)?")


def _province_beside(low: str, end: int) -> tuple[str | None, int]:
    """Province named right after a district name, and where that naming ends."""
    joint = _BESIDE.match(low, end)
    if joint is None:
        return None, end
    stop, key = _read_name(low, joint.end(), gazetteer().province_keys)
    if not stop:
        return None, end
    if low.startswith(")", stop) and "(" in low[end : joint.end()]:
        stop += 1
    return gazetteer().province_keys[key], stop


# What ends a headline's dateline: "Cẩm Thủy: ...", "Cẩm Thủy - ...", "Cẩm Thủy | ...".
_DATELINE_END = re.compile(r"\s*[:\-–—|]")


# Prepositions after which a headline may name a district without its unit word:
# "Đoàn công tác kiểm tra tại Quỳ Hợp", "Hội nghị ở Cẩm Thủy".
_BARE_NAME_BEFORE = re.compile(r"(?<!\w)(?:tại|ở)\s+(?=[^\W\d_])")


def bare_title_mentions(title: str) -> list[Mention]:
    """Districts a headline names after "tại"/"ở" without a unit word, every word capitalised."""
    title = nfc(title or "")
    low = lowered(title)
    g = gazetteer()
    found: list[Mention] = []
    for before in _BARE_NAME_BEFORE.finditer(low):
        end, key = _read_name(low, before.end(), g.district_keys)
        name = title[before.end() : end]
        if not end or not all(word[:1].isupper() for word in _TOKEN.findall(name)):
            continue
        if key in g.province_keys:
            continue  # "tại Hà Nội", "ở Thanh Hóa": a province first
        found.append(Mention(g.district_keys[key], None, None, name, name, title))
    return found


def dateline_mention(title: str) -> Mention | None:
    """A district name opening a headline: "Cẩm Thủy: ...", "Thọ Xuân (Thanh Hóa): ..."."""
    title = nfc(title or "")
    low = lowered(title)
    start = len(low) - len(low.lstrip())
    g = gazetteer()
    end, key = _read_name(low, start, g.district_keys)
    beside, after = _province_beside(low, end) if end else (None, 0)
    if not end or not _DATELINE_END.match(low, after):
        return None
    if key in g.province_keys and beside in (None, g.province_keys[key]):
        return None  # "Hòa Bình: ..." names the province; "Hòa Bình (Bạc Liêu): ..." does not
    name = title[start:end]
    return Mention(g.district_keys[key], None, None, name, name, title, beside)
