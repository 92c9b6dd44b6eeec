"""What kind of site a host is, and which province and district it belongs to.

Local-government sites follow the Government's domain scheme:
``<district>.<province>.gov.vn`` (district portal), ``<commune>.<district>.<province>.gov.vn``
(commune site: kind ``other``, with the district it lies in), ``<province>.gov.vn``
(provincial portal), ``<district>.<province>.dcs.vn`` and ``<district>.tinhuy<province>.vn``
(Party sites), and ``hdnd.*`` / ``dbnd*`` / ``*hdnd*``
hosts for People's Council (HĐND) sites. News sites and the few district sites on their own
domains are listed as data. A provincial Party site (``<province>.dcs.vn``) is classed
``other`` with its province: it is neither the provincial government's portal nor a district
site.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, replace
from functools import lru_cache
from urllib.parse import urlsplit

from crawler.extraction.placementions import find_mentions
from crawler.extraction.placenames import District, gazetteer, narrow
from crawler.packagedata import read_package_json
from crawler.schema import SOURCE_KINDS
from crawler.textnorm import fold

__all__ = ["SOURCE_KINDS", "HostInfo", "host_info", "normalise_host"]

_DATA_PACKAGE = "crawler.extraction.data"
_NEWS_FILE = "newspapers.json"


@dataclass
class HostInfo:
    host: str  # lower-case, no "www.", no port
    source_kind: str  # one of SOURCE_KINDS
    province: str | None
    district: str | None
    commune_site: bool = False  # <commune>.<district>.<province>.gov.vn


# Labels that open a People's Council host: hdnd (Hội đồng nhân dân), dbnd (Đại biểu nhân
# dân), vphdnd (Văn phòng HĐND).
_COUNCIL_LABEL = re.compile(r"^(?:vp)?(?:hdnd|dbnd)|hdnd")
# Prefixes a district's host label may carry: huyện, thành phố, thị xã, quận.
_SLUG_PREFIXES = ("", "huyen", "tp", "thanhpho", "tx", "thixa", "quan", "q")
# Labels of Party committee sites: tỉnh ủy / huyện ủy / thị ủy / thành ủy / quận ủy + place.
_PARTY_LABEL = re.compile(r"^(tinhuy|huyenuy|thiuy|thanhuy|quanuy)(.+)$")
# Source names that belong to a Party site or a council site, on folded text.
_PARTY_NAME = re.compile(r"\b(?:huyen|thi|thanh|quan) uy\b|dang bo|dang cong san")
_COUNCIL_NAME = re.compile(r"\bhdnd\b|hoi dong nhan dan")
_PORTAL_NAME = re.compile(r"thong tin dien tu|cong thong tin|trang thong tin|ubnd|uy ban nhan dan")


@dataclass(frozen=True)
class _Indexes:
    sites: dict[str, tuple[str, str | None, str | None]]  # domain -> (kind, province, district)
    province_slugs: dict[str, str]
    district_slugs: dict[str, dict[str, District]]  # province -> label -> unit
    national_slugs: dict[str, tuple[District, ...]]  # label -> units anywhere


@lru_cache(maxsize=1)
def _indexes() -> _Indexes:
    g = gazetteer()
    news = read_package_json(_DATA_PACKAGE, _NEWS_FILE)["sites"]
    sites: dict[str, tuple[str, str | None, str | None]] = {
        s["domain"]: (s["kind"], s["province"], None) for s in news
    }
    province_slugs = {s.replace("-", ""): p.name for p in g.provinces.values() for s in p.slugs}
    by_province: dict[str, dict[str, District]] = {}
    national: dict[str, list[District]] = {}
    for d in g.districts:
        sites.update({domain: ("district_portal", d.province, d.name) for domain in d.domains})
        for slug in d.slugs:
            for label in (prefix + slug for prefix in _SLUG_PREFIXES):
                # The bare slug wins over a prefixed form of another unit's slug.
                by_province.setdefault(d.province, {}).setdefault(label, d)
                national.setdefault(label, []).append(d)
    return _Indexes(
        sites=sites,
        province_slugs=province_slugs,
        district_slugs=by_province,
        national_slugs={k: tuple(v) for k, v in national.items()},
    )


def normalise_host(url_or_host: str) -> str:
    """Host of a URL or host string: lower-case, without "www.", port, user or trailing dot."""
    value = (url_or_host or "").strip()
    if "//" not in value:
        value = "//" + value
    try:
        host = urlsplit(value).hostname or ""
    except ValueError:  # malformed IPv6 brackets: fall back to plain splitting
        host = value.split("//", 1)[1].split("/", 1)[0].rsplit("@", 1)[-1].split(":", 1)[0]
    host = host.strip().strip("[]").rstrip(".").lower()
    return host[4:] if host.startswith("www.") else host


def _province_of_label(label: str) -> str | None:
    """Province named by a host label: "thanhhoa", "baria-vungtau", "hdndtuyenquang"."""
    slugs = _indexes().province_slugs
    bare = label.replace("-", "")
    if bare in slugs:
        return slugs[bare]
    # A department or council code glued before the slug; short slugs ("hue") are too loose.
    endings = [s for s in slugs if len(s) >= 5 and bare.endswith(s)]
    return slugs[max(endings, key=len)] if endings else None


def _district_in(province: str | None, label: str) -> District | None:
    label = label.replace("-", "")
    if province is None:
        units = _indexes().national_slugs.get(label, ())
        return units[0] if len({d.name for d in units}) == 1 and len(units) == 1 else None
    return _indexes().district_slugs.get(province, {}).get(label)


def _listed_site(host: str) -> HostInfo | None:
    labels = host.split(".")
    sites = _indexes().sites
    for i in range(len(labels) - 1):
        entry = sites.get(".".join(labels[i:]))
        if entry:
            kind, province, district = entry
            if kind == "district_portal" and i > 0:
                # A site under a district's own domain: one of its communes.
                return HostInfo(host, "other", province, district, commune_site=True)
            return HostInfo(host, kind, province, district, commune_site=False)
    return None


def _council_site(host: str, labels: list[str]) -> HostInfo | None:
    # The registrable part ("gov.vn", "org.vn", "vn") is never the council label.
    core = labels[:-2] if labels[-2:] in (["gov", "vn"], ["org", "vn"]) else labels[:-1]
    if not any(_COUNCIL_LABEL.search(label) for label in core):
        return None
    at = next((i for i in range(len(core) - 1, -1, -1) if _province_of_label(core[i])), None)
    if at is None:
        return HostInfo(host, "council_site", None, None)
    province = _province_of_label(core[at])
    # A district council sits left of the province: hdnd.<district>.<province>.gov.vn.
    inner = (_district_in(province, x) for x in core[:at] if not _COUNCIL_LABEL.search(x))
    district = next((d for d in inner if d), None)
    return HostInfo(host, "council_site", province, district.name if district else None)


def _party_site(host: str, labels: list[str]) -> HostInfo | None:
    if labels[-2:] == ["dcs", "vn"] and len(labels) >= 3:
        province = _province_of_label(labels[-3])
        district = _district_in(province, labels[-4]) if len(labels) >= 4 else None
    else:
        party = _PARTY_LABEL.match(labels[-2]) if len(labels) >= 2 else None
        if party is None:
            return None
        province = _province_of_label(party.group(2))
        own = None if party.group(1) == "tinhuy" else _district_in(None, party.group(2))
        inner = _district_in(province, labels[-3]) if len(labels) >= 3 and province else None
        district = own or inner
        province = district.province if district else province
    if district is None:
        return HostInfo(host, "other", province, None)
    return HostInfo(host, "district_party_site", district.province, district.name)


def _government_site(host: str, labels: list[str]) -> HostInfo | None:
    if labels[-2:] != ["gov", "vn"] or len(labels) < 3:
        return None
    province = _province_of_label(labels[-3])
    if province is None:
        # A district site on its own gov.vn domain: doluong.gov.vn, huyendienbien.gov.vn.
        own = _district_in(None, labels[-3])
        if own is None:
            return HostInfo(host, "other", None, None)
        if len(labels) > 3:  # a commune's site under the district's own domain
            return HostInfo(host, "other", own.province, own.name, commune_site=True)
        return HostInfo(host, "district_portal", own.province, own.name)
    if labels[-3].replace("-", "") not in _indexes().province_slugs:
        return HostInfo(host, "other", province, None)  # a department: svhttdl-, sotnmt- ...
    if len(labels) == 3:
        return HostInfo(host, "provincial_portal", province, None)
    district = _district_in(province, labels[-4])
    if district is None:
        return HostInfo(host, "other", province, None)
    if len(labels) > 4:
        # A commune's site under its district's domain: not a district portal, but the
        # district it lies in is known.
        return HostInfo(host, "other", province, district.name, commune_site=True)
    return HostInfo(host, "district_portal", province, district.name)


def _from_source_name(info: HostInfo, source_name: str) -> HostInfo:
    """Use the site's own name when the host says nothing about a district."""
    mentions = find_mentions(source_name)
    context = [m.province for m in mentions if m.province]
    if info.province:
        context.insert(0, info.province)
    for mention in mentions:
        units = narrow(mention.districts, mention.kind, mention.name_raw, context)
        if units and len({(d.name, d.province) for d in units}) == 1:
            folded = fold(source_name)
            kind = (
                "district_party_site" if _PARTY_NAME.search(folded)
                else "council_site" if _COUNCIL_NAME.search(folded)
                else "district_portal"
            )  # fmt: skip
            return HostInfo(info.host, kind, units[0].province, units[0].name, info.commune_site)
    if context and not info.province:
        kind = "provincial_portal" if _PORTAL_NAME.search(fold(source_name)) else info.source_kind
        return HostInfo(info.host, kind, context[0], None, info.commune_site)
    return info


@lru_cache(maxsize=4096)
def _classify(host: str) -> HostInfo:
    labels = host.split(".")
    if len(labels) < 2 or not all(labels):
        return HostInfo(host, "other", None, None)
    for rule in (_council_site, _party_site, _government_site):
        info = rule(host, labels)
        if info is not None:
            return info
    return HostInfo(host, "other", None, None)


def host_info(url_or_host: str, source_name: str | None = None) -> HostInfo:
    """Classify a site by its host (and its own name when the host is not telling)."""
    host = normalise_host(url_or_host)
    listed = _listed_site(host)
    info = replace(listed or _classify(host))  # a copy: _classify's answers are cached
    if (
        source_name
        and listed is None
        and not info.commune_site
        and info.source_kind in ("other", "provincial_portal")
    ):
        info = _from_source_name(info, source_name)
    return info
