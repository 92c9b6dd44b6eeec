"""The place an article is about: its district-level unit and province.

The gazetteer and its lookups live in ``placenames``, the finding of unit names
in a string in ``placementions``; this module weighs the mentions of one page
(host, site name, header lines, headline, lead, body) and picks the article's
own place. The names other modules import from here are re-exported.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING

from crawler.extraction.placementions import (
    DISTRICT_WORD,
    PROVINCE_WORD,
    Mention,
    bare_title_mentions,
    dateline_mention,
    find_mentions,
    lowered,
    sentence_around,
)
from crawler.extraction.placenames import (
    District,
    Gazetteer,
    Province,
    canonical_province,
    gazetteer,
    lookup_district,
    marks_key,
    name_key,
    narrow,
    province_successor,
)
from crawler.textnorm import fold, nfc

if TYPE_CHECKING:
    from crawler.extraction.hosts import HostInfo

__all__ = [
    "District",
    "Gazetteer",
    "Mention",
    "Place",
    "Province",
    "bare_title_mentions",
    "canonical_province",
    "dateline_mention",
    "find_mentions",
    "find_place",
    "gazetteer",
    "lookup_district",
    "marks_key",
    "name_key",
    "narrow",
    "province_successor",
    "sentence_around",
]


@dataclass
class Place:
    province: str | None = None
    district: str | None = None
    district_kind: str | None = None  # "huyện" | "quận" | "thị xã" | "thành phố"
    evidence: str | None = None  # sentence/string it came from
    raw: str | None = None  # matched text as written


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
    low_title = lowered(nfc(title))
    province_level = any(m.province for m in title_mentions) or bool(
        PROVINCE_WORD.search(low_title)
    )
    items = [m for line in _LIST_ITEM.findall(nfc(text or "")) for m in find_mentions(line)]
    return _Evidence(host, find_mentions(source_name or ""), site_name, site_other,
                     dateline_mention(title), title_mentions, find_mentions(lead),
                     find_mentions(body),
                     province_level and not DISTRICT_WORD.search(low_title), items)  # fmt: skip


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
    itemised = {
        (p.district, p.province) for p in (_resolve(m, context) for m in ev.list_items) if p
    }
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
