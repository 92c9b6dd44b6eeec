"""Write ``data/registry.json`` from the gazetteer, the newspaper list and ``data/curated.json``.

Run ``python -m crawler.sources.build`` after changing any of them; the test
suite checks that the committed file is what this script writes.

Generated entries:
- one provincial newspaper per province of the 63-unit map (and each
  provincial broadcaster of the newspaper list), under today's domain with
  the others as aliases, and the 2025 merger noted;
- one district portal per district-level unit, at ``<district>.<province>.gov.vn``
  built from the gazetteer's slugs (or the unit's own domain). District-level
  government ended on 1 July 2025, so these are ``archive-only``: the live
  hosts are unverified guesses, and their 2015-2025 content is reached through
  web archives; a source named on the command line is still crawled live.
"""

from __future__ import annotations

import argparse
import json
import sys
from collections import defaultdict
from pathlib import Path
from typing import Any

from crawler.extraction.placenames import District, gazetteer
from crawler.packagedata import read_package_json
from crawler.sources.registry import Source

# Inputs are package data, read through importlib.resources like every reader of them.
SOURCES_DATA = "crawler.sources.data"
EXTRACTION_DATA = "crawler.extraction.data"
# The output is written into the source checkout this tool runs from, so it is a file path.
REGISTRY_PATH = Path(__file__).resolve().parent / "data" / "registry.json"

# Today's domain where the newspaper list holds several for one province; otherwise the
# first listed is the current one.
CURRENT_NEWS_DOMAIN: dict[str, str] = {
    "Bắc Ninh": "baobacninhtv.vn",  # paper and broadcaster merged in 2025
    "Bến Tre": "dongkhoi.baovinhlong.vn",  # Đồng Khởi now renders under Vĩnh Long's paper
}

# CMS family of a province's district portals, where sister sites of the same province
# show it (vn-sites.md §3.1); other provinces' portals are detected at run time.
PROVINCE_PLATFORM: dict[str, tuple[str, str]] = {
    "Thanh Hóa": ("sharepoint_portal", "hauloc, quangxuong, muonglat"),
    "Ninh Thuận": ("sharepoint_portal", "thuannam"),
    "Điện Biên": ("aspnet_mvc", "dienbiendong, huyendienbien"),
    "Lạng Sơn": ("drupal_langson", "bacson, huulung, chilang"),
    "Phú Thọ": ("phutho_cms", "yenlap, thanhba"),
    "Tuyên Quang": ("tuyenquang_cms", "lambinh, hdndtuyenquang"),
    "Quảng Bình": ("quangbinh_3cms", "quangtrach"),
}

_KIND_ORDER = ("provincial_newspaper", "provincial_broadcaster", "council_site",
               "district_portal", "district_party_site", "provincial_portal", "other")  # fmt: skip
_DISTRICT_WORD = {"huyện": "huyện", "quận": "quận", "thị xã": "thị xã", "thành phố": "thành phố"}


def _successor_note(province: str) -> str:
    successor = gazetteer().provinces[province].successor
    if successor == province:
        return f"{province} kept its province in the 2025-07-01 reorganisation."
    return (f"From 2025-07-01 {province} is part of {successor}; expect the paper to merge "
            f"into {successor}'s and old URLs to redirect.")  # fmt: skip


def news_sources() -> list[Source]:
    """One source per province and kind (newspaper, broadcaster), aliases for its other hosts."""
    sites = read_package_json(EXTRACTION_DATA, "newspapers.json")["sites"]
    groups: dict[tuple[str, str], list[dict[str, Any]]] = defaultdict(list)
    for site in sites:
        if site["kind"] in ("provincial_newspaper", "provincial_broadcaster") and site["province"]:
            groups[(site["kind"], site["province"])].append(site)
    sources = []
    for (kind, province), group in groups.items():
        current = CURRENT_NEWS_DOMAIN.get(province) if kind == "provincial_newspaper" else None
        primary = next((s for s in group if s["domain"] == current), group[0])
        aliases = tuple(s["domain"] for s in group if s is not primary)
        notes = _successor_note(province)
        if aliases:
            notes += f" Also served at: {', '.join(aliases)}."
        sources.append(Source(
            id=primary["domain"], name=primary["name"], kind=kind, province=province,
            platform="newspaper", start_urls=(f"https://{primary['domain']}/",),
            status="active", notes=notes, aliases=aliases,
        ))  # fmt: skip
    return sources


def _portal_notes(unit: District, row: dict[str, Any], platform: tuple[str, str] | None) -> str:
    parts = []
    if unit.domains:
        parts.append("Own domain (gazetteer).")
    else:
        parts.append("Host built from the gazetteer slugs; unverified.")
    if row.get("until"):
        parts.append(f"The unit merged into {row.get('merged_into')} on {row['until']}.")
    if row.get("since"):
        parts.append(f"The unit was created in {row['since']}.")
    parts.append("District level ended 2025-07-01: use archive-harvest; name it to crawl live.")
    if platform:
        parts.append(f"Platform as sister sites ({platform[1]}).")
    return " ".join(parts)


def district_sources() -> list[Source]:
    g = gazetteer()
    rows = read_package_json(EXTRACTION_DATA, "gazetteer.json")["districts"]
    sources = []
    for unit, row in zip(g.districts, rows, strict=True):
        province = g.provinces[unit.province]
        province_slug = province.slugs[0]
        hosts = list(unit.domains) or [f"{slug}.{province_slug}.gov.vn" for slug in unit.slugs]
        hosts = list(dict.fromkeys(hosts))
        platform = PROVINCE_PLATFORM.get(unit.province)
        word = _DISTRICT_WORD.get(unit.kind, unit.kind)
        sources.append(Source(
            id=hosts[0], name=f"Cổng thông tin điện tử {word} {unit.name}",
            kind="district_portal", province=unit.province, district=unit.name,
            platform=platform[0] if platform else None, start_urls=(f"https://{hosts[0]}/",),
            status="archive-only", notes=_portal_notes(unit, row, platform),
            aliases=tuple(hosts[1:]),
        ))  # fmt: skip
    return sources


def curated_sources() -> list[Source]:
    document = read_package_json(SOURCES_DATA, "curated.json")
    return [Source.from_dict(row) for row in document["sources"]]


def build_sources() -> list[Source]:
    """Generated entries with the curated ones put in their place (same id) or added."""
    by_id: dict[str, Source] = {}
    for source in (*news_sources(), *district_sources(), *curated_sources()):
        by_id[source.id] = source
    return sorted(by_id.values(), key=lambda s: (
        _KIND_ORDER.index(s.kind) if s.kind in _KIND_ORDER else len(_KIND_ORDER),
        s.province or "", s.id))  # fmt: skip


def render_registry(sources: list[Source]) -> str:
    """The registry file: a header, then one source per line (readable diffs)."""
    header = {
        "_about": "Sources the crawler knows. Generated by `python -m crawler.sources.build` "
        "from crawler/extraction/data/gazetteer.json, newspapers.json and "
        "crawler/sources/data/curated.json; edit those, not this file.",
    }
    lines = [json.dumps(s.to_dict(), ensure_ascii=False) for s in sources]
    body = ",\n".join(lines)
    return f'{{"_about": {json.dumps(header["_about"])},\n"sources": [\n{body}\n]}}\n'


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description="Regenerate crawler/sources/data/registry.json.")
    parser.add_argument("--check", action="store_true", help="exit 1 if the file is outdated")
    args = parser.parse_args(argv)
    text = render_registry(build_sources())
    if args.check:
        current = REGISTRY_PATH.read_text(encoding="utf-8") if REGISTRY_PATH.exists() else ""
        if current != text:
            print(f"{REGISTRY_PATH} is outdated: run python -m crawler.sources.build",
                  file=sys.stderr)  # fmt: skip
            return 1
        return 0
    REGISTRY_PATH.write_text(text, encoding="utf-8")
    print(f"wrote {REGISTRY_PATH} ({text.count(chr(10)) - 3} sources)", file=sys.stderr)
    return 0


if __name__ == "__main__":
    sys.exit(main())
