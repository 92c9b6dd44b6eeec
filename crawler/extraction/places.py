"""Vietnam's provinces and district-level units, and the place an article is about.

The gazetteer (``data/gazetteer.json``) lists the 63 provinces in force before
July 2025 and their district-level units (quận, thị xã, thành phố, huyện) of
2015-2025. A name in running text counts only after a unit word ("huyện",
"Huyện ủy", "thị xã", "TP.", "tỉnh" ...) matched with its diacritics, since
without them "quan"/"huyen"/"tinh" also spell common words ("cơ quan", "tình").
The name after it is matched without diacritics, as the longest run of words
found in one dict (no per-name regex), on a lower-cased copy of the text that
keeps every character in place, so the match maps back to the article's own
spelling.
"""

from __future__ import annotations

import json
import re
from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import TYPE_CHECKING, Any

from crawler.textnorm import fold, fold_keep_marks, nfc, strip_diacritics

if TYPE_CHECKING:
    from crawler.extraction.hosts import HostInfo

_DATA_FILE = Path(__file__).parent / "data" / "gazetteer.json"


@dataclass(frozen=True)
class District:
    name: str
    kind: str
    province: str
    #: Every kind the unit had in 2015-2025 (an upgraded huyện keeps "huyện").
    kinds: tuple[str, ...]
    aliases: tuple[str, ...]
    #: ASCII host labels of its site ("thoxuan"), before any "huyen"/"tp" prefix.
    slugs: tuple[str, ...]
    #: Own domains of its site ("doluong.gov.vn").
    domains: tuple[str, ...]
    #: Name and aliases compared with their diacritics (tone placement normalised).
    marked: frozenset[str]


@dataclass(frozen=True)
class Province:
    name: str
    type: str
    slugs: tuple[str, ...]
    successor: str


@dataclass(frozen=True)
class Gazetteer:
    provinces: dict[str, Province]
    #: name_key of province names, aliases and slugs -> canonical name.
    province_keys: dict[str, str]
    districts: tuple[District, ...]
    #: name_key of district names and aliases -> every unit so called.
    district_keys: dict[str, tuple[District, ...]]
    max_words: int
    #: Words a name may open with ("1" too, for "quận 1"): most unit words lead to none.
    first_words: frozenset[str]


@dataclass
class Place:
    province: str | None = None
    district: str | None = None
    district_kind: str | None = None  # "huyện" | "quận" | "thị xã" | "thành phố"
    evidence: str | None = None  # sentence/string it came from
    raw: str | None = None  # matched text as written


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


# --- keys ----------------------------------------------------------------------------------

_APOSTROPHES = "'’‘`´ʼ"
_DROP_APOSTROPHES = {ord(a): None for a in _APOSTROPHES}
_NON_WORD = re.compile(r"[\W_]+")


def name_key(text: str) -> str:
    """Key without diacritics: "Cư M’gar" -> "cu mgar", "Hà-Nội" -> "ha noi"."""
    return _NON_WORD.sub(" ", fold(text).translate(_DROP_APOSTROPHES)).strip()


def marks_key(text: str) -> str:
    """Key with diacritics, to tell "Thanh Trì" from "Thạnh Trị" when the text has marks."""
    return _NON_WORD.sub(" ", fold_keep_marks(text).translate(_DROP_APOSTROPHES)).strip()


# --- loading -------------------------------------------------------------------------------


def _district_from(row: dict[str, Any]) -> District:
    aliases = tuple(row.get("aliases", []))
    return District(
        name=row["name"],
        kind=row["kind"],
        province=row["province"],
        kinds=(row["kind"], *row.get("other_kinds", [])),
        aliases=aliases,
        slugs=(row["slug"], *row.get("extra_slugs", [])),
        domains=tuple(row.get("domains", [])),
        marked=frozenset(marks_key(n) for n in (row["name"], *aliases)),
    )


@lru_cache(maxsize=1)
def gazetteer() -> Gazetteer:
    """The gazetteer, read once per process."""
    doc = json.loads(_DATA_FILE.read_text(encoding="utf-8"))
    provinces = {
        p["name"]: Province(p["name"], p["type"], tuple(p["slugs"]), p["successor"])
        for p in doc["provinces"]
    }
    province_keys: dict[str, str] = {}
    for p in doc["provinces"]:
        for alias in (p["name"], *p["aliases"], *p["slugs"]):
            province_keys.setdefault(name_key(alias), p["name"])
    districts = tuple(_district_from(row) for row in doc["districts"])
    by_key: dict[str, list[District]] = {}
    for d in districts:
        for key in {name_key(n) for n in (d.name, *d.aliases)}:
            by_key.setdefault(key, []).append(d)
    keys = [k.split() for k in (*by_key, *province_keys)]
    return Gazetteer(
        provinces=provinces,
        province_keys=province_keys,
        districts=districts,
        district_keys={k: tuple(v) for k, v in by_key.items()},
        max_words=max(len(words) for words in keys),
        first_words=frozenset(
            w[i] for w in keys for i in (0, 1)[: len(w)] if i == 0 or w[0] == "quan"
        ),
    )


# --- scanning ------------------------------------------------------------------------------


def _lowered(text: str) -> str:
    """Lower-case copy with every character at its place (matching runs on it)."""
    low = text.lower()
    return low if len(low) == len(text) else "".join(c.lower()[:1] or c for c in text)


# Unit words before a name, on the lower-cased NFC text; "ủy" is also written "uỷ".
_UY = "(?:ủy|uỷ)"
_UNIT_WORD = re.compile(
    rf"(?<!\w)(huyện\s+{_UY}|huyện|quận\s+{_UY}|quận|thị\s+xã|thị\s+{_UY}|thành\s+phố"
    rf"|thành\s+{_UY}|tỉnh\s+{_UY}|tỉnh|tp|tx)(?:\s*\.\s*|\s+|(?=hcm\b))"
)
# Unit word (name_key) -> (what may follow, kind stated).
_UNIT_WORDS: dict[str, tuple[str, str | None]] = {
    "huyen": ("district", "huyện"),  # rural district
    "huyen uy": ("district", "huyện"),  # district Party committee
    "quan": ("district", "quận"),  # urban district
    "quan uy": ("district", "quận"),  # urban district Party committee
    "thi xa": ("district", "thị xã"),  # town
    "thi uy": ("district", "thị xã"),  # town Party committee
    "tx": ("district", "thị xã"),
    "thanh pho": ("city", "thành phố"),  # city: district level or province level
    "thanh uy": ("city", "thành phố"),  # city Party committee
    "tp": ("city", "thành phố"),
    "tinh": ("province", None),  # province
    "tinh uy": ("province", None),  # provincial Party committee
}
_KIND_OF_WORD = {word: kind for word, (_, kind) in _UNIT_WORDS.items() if kind}
# The same words, folded, before a name handed to the lookups ("TP Thanh Hóa").
_LOOKUP_PREFIX = re.compile(rf"^({'|'.join(sorted(_UNIT_WORDS, key=len, reverse=True))}) ")
# A headline about a province-level body ("Tỉnh ủy", "HĐND tỉnh") unless it also speaks of a
# district-level one ("... dự hội nghị của huyện").
_PROVINCE_WORD = re.compile(r"(?<!\w)tỉnh(?!\w)")
_DISTRICT_WORD = re.compile(rf"(?<!\w)(?:huyện|quận|thị\s+xã|thị\s+{_UY})(?!\w)")
_TOKEN = re.compile(r"[^\W_]+(?:['’‘ʼ][^\W_]+)*")
# Words of one name are joined by spaces or one hyphen ("Phan Rang - Tháp Chàm").
_NAME_GAP = re.compile(r"[^\S\n]*(?:[-–—][^\S\n]*)?")


# --- public lookups ------------------------------------------------------------------------


def canonical_province(name: str) -> str | None:
    """Canonical province for a name, alias or host slug ("TP.HCM" -> "Hồ Chí Minh")."""
    keys = gazetteer().province_keys
    key = name_key(name)
    return keys.get(key) or keys.get(_LOOKUP_PREFIX.sub("", key))


def province_successor(province: str) -> str | None:
    """The province of the 34-unit map (from 1 July 2025) that took ``province`` over."""
    canonical = canonical_province(province)
    return gazetteer().provinces[canonical].successor if canonical else None


def lookup_district(name: str, province: str | None = None) -> list[tuple[str, str]]:
    """(district, province) pairs a name may denote: "Châu Thành" gives ten."""
    g = gazetteer()
    key = name_key(name)
    word = _LOOKUP_PREFIX.match(key)
    bare = key[word.end() :] if word else key
    units: Sequence[District] = g.district_keys.get(key) or g.district_keys.get(bare, ())
    if province is not None:
        wanted = canonical_province(province)
        units = [d for d in units if d.province == wanted]
    kind = _KIND_OF_WORD.get(word.group(1)) if word else None
    units = narrow(units, kind, _strip_unit_word(name), ())
    return list(dict.fromkeys((d.name, d.province) for d in units))


def _strip_unit_word(name: str) -> str:
    words = name.split()
    for size in (2, 1):
        if len(words) > size and name_key(" ".join(words[:size])) in _KIND_OF_WORD:
            return " ".join(words[size:])
    return name


def narrow(
    units: Sequence[District], kind: str | None, name_raw: str, provinces: Iterable[str]
) -> list[District]:
    """Units that fit the spelling, the stated kind, then the first context province."""
    candidates = list(units)
    if strip_diacritics(name_raw) != name_raw:
        spelled = marks_key(name_raw)
        candidates = [d for d in candidates if spelled in d.marked] or candidates
    if kind:
        candidates = [d for d in candidates if kind in d.kinds] or candidates
    if len({d.province for d in candidates}) > 1:
        for province in provinces:
            here = [d for d in candidates if d.province == province]
            if here:
                return here
    return candidates


@lru_cache(maxsize=8192)
def _word_key(word: str) -> str:
    return fold(word).translate(_DROP_APOSTROPHES)


@lru_cache(maxsize=256)
def _unit_role(word: str) -> tuple[str, str | None]:
    return _UNIT_WORDS[name_key(word)]


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
    low = _lowered(text)
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
    low = _lowered(title)
    g = gazetteer()
    found: list[Mention] = []
    for before in _BARE_NAME_BEFORE.finditer(low):
        end, key = _read_name(low, before.end(), g.district_keys)
        name = title[before.end():end]
        if not end or not all(word[:1].isupper() for word in _TOKEN.findall(name)):
            continue
        if key in g.province_keys:
            continue  # "tại Hà Nội", "ở Thanh Hóa": a province first
        found.append(Mention(g.district_keys[key], None, None, name, name, title))
    return found


def dateline_mention(title: str) -> Mention | None:
    """A district name opening a headline: "Cẩm Thủy: ...", "Thọ Xuân (Thanh Hóa): ..."."""
    title = nfc(title or "")
    low = _lowered(title)
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


# --- choosing the article's place ----------------------------------------------------------

# Header lines that name the site itself ("Cổng thông tin điện tử huyện ...", "Chào mừng ..."),
# matched on folded text.
_SITE_NAME_CUE = re.compile(
    r"thong tin dien tu|cong thong tin|trang thong tin|trang tin|chao mung|website|ttdt"
    r"|ubnd|uy ban nhan dan"
)
_LEAD_CHARS = 1200
# A list item of the text: a line opened by a dash or a bullet.
_LIST_ITEM = re.compile(r"^[^\S\n]*[-–•+*][^\S\n]*(\S[^\n]*)$", re.MULTILINE)


@dataclass
class _Evidence:
    """Mentions grouped by where they were found."""

    host: HostInfo | None
    source: list[Mention]
    site_name: list[Mention]
    site_other: list[Mention]
    dateline: Mention | None
    title: list[Mention]
    lead: list[Mention]
    body: list[Mention]
    province_level_title: bool
    #: Mentions in the text's list items ("- Huyện A: ..."), as a digest is written.
    list_items: list[Mention]

    def all_mentions(self) -> list[Mention]:
        return [*self.source, *self.site_name, *self.site_other, *self.title, *self.lead,
                *self.body]  # fmt: skip


def _lead_and_body(text: str) -> tuple[str, str]:
    """The first two paragraphs (at most ~1200 chars) and the rest."""
    end, seen = 0, 0
    for line in re.finditer(r"[^\n]+", text):
        if line.group().strip():
            seen, end = seen + 1, line.end()
        if seen == 2 or end >= _LEAD_CHARS:
            break
    return text[:end], text[end:]


def _gather(
    title: str, text: str, host: HostInfo | None, source_name: str | None, site_lines: Sequence[str]
) -> _Evidence:
    lead, body = _lead_and_body(nfc(text or ""))
    site_name: list[Mention] = []
    site_other: list[Mention] = []
    for line in site_lines:
        group = site_name if _SITE_NAME_CUE.search(fold(line or "")) else site_other
        group.extend(find_mentions(line or ""))
    title_mentions = find_mentions(title) + bare_title_mentions(title)
    low_title = _lowered(nfc(title))
    province_level = any(m.province for m in title_mentions) or bool(
        _PROVINCE_WORD.search(low_title)
    )
    items = [m for line in _LIST_ITEM.findall(nfc(text or "")) for m in find_mentions(line)]
    return _Evidence(host, find_mentions(source_name or ""), site_name, site_other,
                     dateline_mention(title), title_mentions, find_mentions(lead),
                     find_mentions(body),
                     province_level and not _DISTRICT_WORD.search(low_title), items)  # fmt: skip


def _context_provinces(ev: _Evidence) -> list[str]:
    """Provinces that decide between same-named districts, strongest first."""
    ordered = [ev.host.province] if ev.host and ev.host.province else []
    for group in (ev.source, ev.site_name, ev.title, ev.lead, ev.site_other):
        ordered.extend(m.province for m in group if m.province)
    ordered.extend(p for p, _ in Counter(m.province for m in ev.body if m.province).most_common())
    # Last: the provinces of districts named without ambiguity elsewhere in the page.
    sole = Counter(
        m.districts[0].province
        for m in ev.all_mentions()
        if m.districts and len({d.province for d in m.districts}) == 1
    )
    ordered.extend(p for p, _ in sole.most_common())
    return list(dict.fromkeys(ordered))


def _place_of(units: Sequence[District], kind: str | None, raw: str, evidence: str) -> Place | None:
    if not units or len({d.name for d in units}) != 1:
        return None
    provinces = {d.province for d in units}
    kinds = {d.kind for d in units}
    return Place(
        province=provinces.pop() if len(provinces) == 1 else None,
        district=units[0].name,
        district_kind=kind or (kinds.pop() if len(kinds) == 1 else None),
        evidence=evidence,
        raw=raw,
    )


def _resolve(mention: Mention, context: list[str]) -> Place | None:
    if mention.beside:
        context = [mention.beside, *context]
    units = narrow(mention.districts, mention.kind, mention.name_raw, context)
    return _place_of(units, mention.kind, mention.raw, mention.evidence)


def _host_place(host: HostInfo | None, context: list[str]) -> Place | None:
    if host is None or not host.district:
        return None
    units: Sequence[District] = gazetteer().district_keys.get(name_key(host.district), ())
    if host.province:
        units = [d for d in units if d.province == host.province]
    return _place_of(narrow(units, None, host.district, context), None, host.host, host.host)


def _own_site_place(ev: _Evidence, context: list[str]) -> Place | None:
    """The district whose site this is: from the host, the site name, the site header."""
    place = _host_place(ev.host, context)
    for mention in (*ev.source, *ev.site_name):
        if place is not None:
            break
        place = _resolve(mention, context)
    if place is None:
        return None
    # Prefer the article's own words for the kind, raw text and evidence.
    for mention in (*ev.title, *ev.lead, *ev.body):
        said = _resolve(mention, context)
        if said and said.district == place.district and said.province in (None, place.province):
            return Place(place.province, place.district, said.district_kind, said.evidence,
                         said.raw)  # fmt: skip
    return place


def _mentioned_place(ev: _Evidence, context: list[str]) -> Place | None:
    """The district the headline, then the lead, then the body speaks of."""
    for mention in ([ev.dateline] if ev.dateline else []) + ev.title:
        place = _resolve(mention, context)
        if place:
            return place
    if ev.province_level_title:
        return None  # the headline is about a province-level body
    itemised = {(p.district, p.province) for p in (_resolve(m, context) for m in ev.list_items)
                if p}
    if len(itemised) >= 2:
        return None  # a digest: its items are about different districts
    for mention in (*ev.lead, *ev.site_other):
        place = _resolve(mention, context)
        if place:
            return place
    resolved = [p for p in (_resolve(m, context) for m in ev.body) if p]
    if not resolved:
        return None
    counts = Counter((p.district, p.province) for p in resolved).most_common(2)
    if len(counts) == 2 and counts[0][1] == counts[1][1]:
        return None  # a digest or round-up: no district is the article's own
    return next(p for p in resolved if (p.district, p.province) == counts[0][0])


def find_place(
    title: str,
    text: str,
    *,
    host: HostInfo | None = None,
    source_name: str | None = None,
    site_lines: Sequence[str] = (),
) -> Place:
    """The district-level unit the article is about, and its province.

    A district site's own district (host, site name, header line) wins over
    districts the article merely mentions; otherwise the headline, the lead,
    the other header lines and the body are read in that order. Same-named
    districts are told apart by the stated kind, then by the host's province,
    then by provinces the page names. The province comes from the district
    when that is unique, else from the host or the text.
    """
    ev = _gather(title or "", text or "", host, source_name, site_lines)
    context = _context_provinces(ev)
    place = _own_site_place(ev, context) or _mentioned_place(ev, context)
    if place is not None:
        return place
    if ev.host and ev.host.province:
        return Place(province=ev.host.province, evidence=ev.host.host, raw=ev.host.host)
    for mention in (*ev.source, *ev.site_name, *ev.title, *ev.lead, *ev.site_other, *ev.body):
        if mention.province:
            return Place(province=mention.province, evidence=mention.evidence, raw=mention.raw)
    return Place()
