"""The gazetteer of provinces and district-level units, and lookups of a name in it.

The gazetteer (``data/gazetteer.json``) lists the 63 provinces in force before
July 2025 and their district-level units (quận, thị xã, thành phố, huyện) of
2015-2025. Names are looked up by a key without diacritics; a spelling that
carries its marks then narrows same-keyed units ("Thanh Trì" vs "Thạnh Trị").
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from functools import lru_cache
from typing import Any

from crawler.packagedata import read_package_json
from crawler.textnorm import fold, fold_keep_marks, strip_diacritics

_DATA_PACKAGE = "crawler.extraction.data"
_DATA_FILE = "gazetteer.json"


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


# --- keys ----------------------------------------------------------------------------------

_APOSTROPHES = "'’‘`´ʼ"
DROP_APOSTROPHES = {ord(a): None for a in _APOSTROPHES}
_NON_WORD = re.compile(r"[\W_]+")


def name_key(text: str) -> str:
    """Key without diacritics: "Cư M’gar" -> "cu mgar", "Hà-Nội" -> "ha noi"."""
    return _NON_WORD.sub(" ", fold(text).translate(DROP_APOSTROPHES)).strip()


def marks_key(text: str) -> str:
    """Key with diacritics, to tell "Thanh Trì" from "Thạnh Trị" when the text has marks."""
    return _NON_WORD.sub(" ", fold_keep_marks(text).translate(DROP_APOSTROPHES)).strip()


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
    doc = read_package_json(_DATA_PACKAGE, _DATA_FILE)
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


# --- unit words ----------------------------------------------------------------------------

# Unit word (name_key) -> (what may follow, kind stated).
UNIT_WORDS: dict[str, tuple[str, str | None]] = {
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
_KIND_OF_WORD = {word: kind for word, (_, kind) in UNIT_WORDS.items() if kind}
# The same words, folded, before a name handed to the lookups ("TP Thanh Hóa").
_LOOKUP_PREFIX = re.compile(rf"^({'|'.join(sorted(UNIT_WORDS, key=len, reverse=True))}) ")


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
