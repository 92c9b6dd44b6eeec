"""The gazetteer data, the place lookups, and find_place on sentences and on the seeds."""

from __future__ import annotations

import json
import re
from collections import Counter
from pathlib import Path
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from crawler.extraction.hosts import host_info
from crawler.extraction.places import (
    Place,
    canonical_province,
    find_mentions,
    find_place,
    lookup_district,
    province_successor,
)
from crawler.textnorm import same_text

DATA = Path(__file__).resolve().parents[1] / "crawler" / "extraction" / "data"
GAZETTEER = json.loads((DATA / "gazetteer.json").read_text(encoding="utf-8"))
KINDS = {"huyện", "quận", "thị xã", "thành phố"}

# The 34 provinces from 1 July 2025 (Resolution 202/2025/QH15), written out independently.
PROVINCES_2025 = {
    "Hà Nội", "Huế", "Hải Phòng", "Đà Nẵng", "Hồ Chí Minh", "Cần Thơ", "Lai Châu", "Điện Biên",
    "Sơn La", "Lạng Sơn", "Quảng Ninh", "Thanh Hóa", "Nghệ An", "Hà Tĩnh", "Cao Bằng",
    "Tuyên Quang", "Lào Cai", "Thái Nguyên", "Phú Thọ", "Bắc Ninh", "Hưng Yên", "Ninh Bình",
    "Quảng Trị", "Quảng Ngãi", "Gia Lai", "Khánh Hòa", "Lâm Đồng", "Đắk Lắk", "Đồng Nai",
    "Tây Ninh", "Vĩnh Long", "Đồng Tháp", "Cà Mau", "An Giang",
}  # fmt: skip


def _current(rows: list[dict[str, Any]]) -> list[dict[str, Any]]:
    return [d for d in rows if "until" not in d]


# --- the data ------------------------------------------------------------------------------


def test_sixty_three_provinces_with_valid_successors() -> None:
    provinces = GAZETTEER["provinces"]
    names = [p["name"] for p in provinces]
    assert len(names) == 63 == len(set(names))
    assert {p["successor"] for p in provinces} == PROVINCES_2025
    cities = {p["name"] for p in provinces if p["type"] == "thành phố trực thuộc trung ương"}
    assert cities == {"Hà Nội", "Hồ Chí Minh", "Hải Phòng", "Đà Nẵng", "Cần Thơ"}
    for p in provinces:
        assert all(re.fullmatch(r"[a-z0-9-]+", s) for s in p["slugs"]), p


def test_every_province_has_a_plausible_number_of_districts() -> None:
    districts = GAZETTEER["districts"]
    provinces = {p["name"] for p in GAZETTEER["provinces"]}
    assert {d["province"] for d in districts} == provinces
    per_province = Counter(d["province"] for d in _current(districts))
    assert set(per_province) == provinces
    assert all(6 <= n <= 30 for n in per_province.values()), per_province
    assert per_province["Hà Nội"] == 30
    assert per_province["Hồ Chí Minh"] == 22
    assert 680 <= sum(per_province.values()) <= 710


def test_unit_count_at_the_end_of_2023_is_the_official_705() -> None:
    def existed(d: dict[str, Any]) -> bool:
        return d.get("since", "0") < "2024" and d.get("until", "9999") >= "2024"

    # A name shared by a thị xã and a huyện of one province is one row with twin_kind.
    total = sum(1 + ("twin_kind" in d) for d in GAZETTEER["districts"] if existed(d))
    assert total == 705


def test_district_rows_are_well_formed() -> None:
    rows = GAZETTEER["districts"]
    pairs = [(d["name"], d["province"]) for d in rows]
    assert len(pairs) == len(set(pairs))
    names_by_province: dict[str, set[str]] = {}
    for d in rows:
        names_by_province.setdefault(d["province"], set()).add(d["name"])
    for d in rows:
        assert d["kind"] in KINDS and set(d.get("other_kinds", [])) <= KINDS, d
        assert re.fullmatch(r"[a-z0-9]+", d["slug"]), d
        assert not d["name"].lower().startswith(("huyện ", "thị xã ", "thành phố ")), d
        for successor in d.get("merged_into", "").split(", "):
            assert not successor or successor in names_by_province[d["province"]], d


def test_known_units() -> None:
    pairs = {(d["name"], d["province"]): d for d in GAZETTEER["districts"]}
    assert pairs[("Thọ Xuân", "Thanh Hóa")]["slug"] == "thoxuan"
    assert pairs[("Sầm Sơn", "Thanh Hóa")]["kind"] == "thành phố"
    assert pairs[("Nghi Sơn", "Thanh Hóa")]["kind"] == "thị xã"
    assert pairs[("Gia Viễn", "Ninh Bình")]["kind"] == "huyện"
    assert pairs[("Bà Rịa", "Bà Rịa - Vũng Tàu")]["kind"] == "thành phố"
    assert pairs[("Thủ Đức", "Hồ Chí Minh")]["kind"] == "thành phố"
    assert pairs[("Quận 2", "Hồ Chí Minh")]["merged_into"] == "Thủ Đức"
    assert pairs[("Hoành Bồ", "Quảng Ninh")]["merged_into"] == "Hạ Long"


# --- lookups -------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("name", "expected"),
    [
        ("Thanh Hóa", "Thanh Hóa"),
        ("tỉnh Thanh Hoá", "Thanh Hóa"),
        ("THANH HOÁ", "Thanh Hóa"),
        ("TP.HCM", "Hồ Chí Minh"),
        ("Thành phố Hồ Chí Minh", "Hồ Chí Minh"),
        ("Sài Gòn", "Hồ Chí Minh"),
        ("Huế", "Thừa Thiên Huế"),
        ("Thừa Thiên - Huế", "Thừa Thiên Huế"),
        ("Bà Rịa-Vũng Tàu", "Bà Rịa - Vũng Tàu"),
        ("baria-vungtau", "Bà Rịa - Vũng Tàu"),
        ("Đăk Lăk", "Đắk Lắk"),
        ("nghean", "Nghệ An"),
        ("Atlantis", None),
        ("", None),
    ],
)
def test_canonical_province(name: str, expected: str | None) -> None:
    assert canonical_province(name) == expected


@pytest.mark.parametrize(
    ("province", "successor"),
    [
        ("Hà Giang", "Tuyên Quang"),
        ("Tuyên Quang", "Tuyên Quang"),
        ("Bắc Giang", "Bắc Ninh"),
        ("Thái Bình", "Hưng Yên"),
        ("Hà Nam", "Ninh Bình"),
        ("Nam Định", "Ninh Bình"),
        ("Quảng Bình", "Quảng Trị"),
        ("Thừa Thiên Huế", "Huế"),
        ("Bà Rịa - Vũng Tàu", "Hồ Chí Minh"),
        ("Bình Dương", "Hồ Chí Minh"),
        ("TP.HCM", "Hồ Chí Minh"),
        ("Thanh Hóa", "Thanh Hóa"),
        ("Yên Bái", "Lào Cai"),
        ("Kon Tum", "Quảng Ngãi"),
        ("Bạc Liêu", "Cà Mau"),
        ("Kiên Giang", "An Giang"),
        ("Narnia", None),
    ],
)
def test_province_successor(province: str, successor: str | None) -> None:
    assert province_successor(province) == successor


def test_lookup_district() -> None:
    assert lookup_district("Thọ Xuân") == [("Thọ Xuân", "Thanh Hóa")]
    assert lookup_district("tho xuan") == [("Thọ Xuân", "Thanh Hóa")]
    assert lookup_district("TX Nghi Sơn") == [("Nghi Sơn", "Thanh Hóa")]
    assert lookup_district("TP Thanh Hóa") == [("Thanh Hóa", "Thanh Hóa")]
    assert lookup_district("Tĩnh Gia") == [("Nghi Sơn", "Thanh Hóa")]
    assert len(lookup_district("Châu Thành")) == 10
    assert lookup_district("Châu Thành", "Long An") == [("Châu Thành", "Long An")]
    assert lookup_district("thị xã Phước Long") == [("Phước Long", "Bình Phước")]
    assert lookup_district("Thạnh Hóa") == [("Thạnh Hóa", "Long An")]
    assert lookup_district("Cư Mgar") == [("Cư M'gar", "Đắk Lắk")]
    assert lookup_district("Nowhere") == []


def test_mentions_need_a_real_unit_word() -> None:
    # Folded "quan" is also "cơ quan"/"quân"; "tinh" is also "tình"/"tính".
    assert find_mentions("các cơ quan Thanh Hóa và tình Nghệ An") == []
    raws = [m.raw for m in find_mentions("Huyện uỷ Thọ Xuân, TP. Sầm Sơn và Quận 10.")]
    assert raws == ["Huyện uỷ Thọ Xuân", "TP. Sầm Sơn", "Quận 10"]


# --- find_place on written sentences -------------------------------------------------------

CASES: list[tuple[str, str, dict[str, Any], tuple[str | None, str | None, str | None]]] = [
    ("Huyện ủy Quỳnh Lưu tổ chức hội nghị lần thứ 15", "", {}, ("Nghệ An", "Quỳnh Lưu", "huyện")),
    ("Thị ủy Kỳ Anh tổng kết công tác năm", "", {}, ("Hà Tĩnh", "Kỳ Anh", "thị xã")),
    ("HĐND huyện Kỳ Anh khai mạc kỳ họp thứ 8", "", {}, ("Hà Tĩnh", "Kỳ Anh", "huyện")),
    ("HUYỆN UỶ THIỆU HOÁ HỌP BAN THƯỜNG VỤ", "", {}, ("Thanh Hóa", "Thiệu Hóa", "huyện")),
    ("Kỳ họp thứ 9 HĐND huyện thiệu hoá", "", {}, ("Thanh Hóa", "Thiệu Hóa", "huyện")),
    (
        "Huyện Châu Thành tổng kết năm",
        "",
        {"host": "baolongan.vn"},
        ("Long An", "Châu Thành", "huyện"),
    ),
    (
        "Hội nghị giao ban quý I",
        "Sáng 5/4, UBND huyện Phú Tân, tỉnh Cà Mau tổ chức hội nghị.",
        {},
        ("Cà Mau", "Phú Tân", "huyện"),
    ),
    ("Huyện Phú Tân tổ chức kỳ họp", "", {}, (None, "Phú Tân", "huyện")),
    ("Thị xã Phước Long họp phiên thường kỳ", "", {}, ("Bình Phước", "Phước Long", "thị xã")),
    ("Huyện Phước Long sơ kết 6 tháng", "", {}, ("Bạc Liêu", "Phước Long", "huyện")),
    ("Quận Tân Phú triển khai nhiệm vụ", "", {}, ("Hồ Chí Minh", "Tân Phú", "quận")),
    ("Huyện Tân Phú triển khai nhiệm vụ", "", {}, ("Đồng Nai", "Tân Phú", "huyện")),
    ("Thành ủy Hòa Bình học tập nghị quyết", "", {}, ("Hòa Bình", "Hòa Bình", "thành phố")),
    ("Huyện Thạnh Hóa tổng kết công tác", "", {}, ("Long An", "Thạnh Hóa", "huyện")),
    ("Huyện Tam Đường họp", "", {}, ("Lai Châu", "Tam Đường", "huyện")),
    ("Huyện Tam Dương họp", "", {}, ("Vĩnh Phúc", "Tam Dương", "huyện")),
    ("Huyện ủy Phù Ninh họp", "", {}, ("Phú Thọ", "Phù Ninh", "huyện")),
    (
        "Đoàn công tác huyện Thường Xuân làm việc",
        "",
        {"host": "thoxuan.thanhhoa.gov.vn"},
        ("Thanh Hóa", "Thọ Xuân", "huyện"),
    ),
    (
        "Hội nghị Ban Chấp hành Đảng bộ thị trấn",
        "",
        {"host": "thitran.huulung.langson.gov.vn"},
        ("Lạng Sơn", "Hữu Lũng", "huyện"),
    ),
    (
        "UBND huyện họp phiên thường kỳ",
        "",
        {"source_name": "Cổng thông tin điện tử huyện Yên Định"},
        ("Thanh Hóa", "Yên Định", "huyện"),
    ),
    (
        "Tỉnh ủy Thanh Hóa tổng kết năm",
        "Trong năm, huyện Cẩm Thủy dẫn đầu về thu ngân sách.",
        {},
        ("Thanh Hóa", None, None),
    ),
    (
        "HĐND tỉnh khai mạc kỳ họp thứ 10",
        "Đại biểu huyện Quan Hóa phát biểu.",
        {"host": "baothanhhoa.vn"},
        ("Thanh Hóa", None, None),
    ),
    (
        "Phó Bí thư Tỉnh ủy dự hội nghị tổng kết của huyện",
        "Sáng 20/12, Huyện ủy Quan Hóa tổ chức hội nghị.",
        {"host": "baothanhhoa.vn"},
        ("Thanh Hóa", "Quan Hóa", "huyện"),
    ),
    ("TP. Vinh: Hội nghị Ban Chấp hành lần thứ 20", "", {}, ("Nghệ An", "Vinh", "thành phố")),
    ("TP.HCM tổng kết năm", "", {}, ("Hồ Chí Minh", None, None)),
    ("Quận 10 họp HĐND", "", {}, ("Hồ Chí Minh", "Quận 10", "quận")),
    ("Huyện Củ Chi, Thành phố Hồ Chí Minh tổng kết", "", {}, ("Hồ Chí Minh", "Củ Chi", "huyện")),
    (
        "Thành phố Phan Rang - Tháp Chàm họp",
        "",
        {},
        ("Ninh Thuận", "Phan Rang - Tháp Chàm", "thành phố"),
    ),
    ("Huyện Cư M’gar tổ chức hội nghị", "", {}, ("Đắk Lắk", "Cư M'gar", "huyện")),
    ("Huyện Cư Mgar tổ chức hội nghị", "", {}, ("Đắk Lắk", "Cư M'gar", "huyện")),
    ("Huyện Tĩnh Gia tổng kết năm 2019", "", {}, ("Thanh Hóa", "Nghi Sơn", "huyện")),
    ("Huyện Đông Sơn tổ chức kỳ họp", "", {}, ("Thanh Hóa", "Đông Sơn", "huyện")),
    ("Hòa Bình: Tổng kết công tác dân vận", "", {}, (None, None, None)),
    ("Hòa Bình (Bạc Liêu): Tổng kết năm", "", {}, ("Bạc Liêu", "Hòa Bình", "huyện")),
    ("Châu Thành (Long An): Tổng kết năm", "", {}, ("Long An", "Châu Thành", "huyện")),
    ("Huyện Châu Thành (tỉnh Trà Vinh) họp", "", {}, ("Trà Vinh", "Châu Thành", "huyện")),
    (
        "Hội nghị",
        "UBND huyện Châu Thành - Hậu Giang họp.",
        {},
        ("Hậu Giang", "Châu Thành", "huyện"),
    ),
    ("Bá Thước: Hội nghị Ban Chấp hành Đảng bộ huyện", "", {}, ("Thanh Hóa", "Bá Thước", "huyện")),
    ("Huyện Thọ Xuân họp", "", {"host": "baonghean.vn"}, ("Thanh Hóa", "Thọ Xuân", "huyện")),
    ("Huyện Anh Sơn họp", "", {"host": "vnexpress.net"}, ("Nghệ An", "Anh Sơn", "huyện")),
    ("Ban Thường vụ Huyện ủy, HĐND, UBND huyện họp", "", {}, (None, None, None)),
    ("", "", {}, (None, None, None)),
    (
        "Hội nghị",
        "Đầu năm hội nghị tổng kết.\n\nCác đại biểu thảo luận.\n\nĐoàn huyện Yên Thành "
        "tới dự. Huyện Nga Sơn báo cáo. Huyện Nga Sơn cũng dự. Huyện Nga Sơn kết luận.",
        {},
        ("Thanh Hóa", "Nga Sơn", "huyện"),
    ),
    (
        "Hội nghị",
        "Đầu năm hội nghị tổng kết.\n\nTiếp đó là huyện Yên Thành.\n\n"
        "Sau đó huyện Nga Sơn gửi thư. Huyện Nga Sơn cũng dự.",
        {},
        ("Nghệ An", "Yên Thành", "huyện"),
    ),
    ("Hội nghị trực tuyến", "", {"host": "baothanhhoa.vn"}, ("Thanh Hóa", None, None)),
    # a headline may name the district after "tại"/"ở" without a unit word
    (
        "Đoàn công tác Tỉnh ủy kiểm tra công tác chuẩn bị đại hội tại Như Xuân",
        "Chiều 4/6, đoàn công tác làm việc với Ban Thường vụ Huyện ủy Như Xuân.",
        {"host": "baothanhhoa.vn"},
        ("Thanh Hóa", "Như Xuân", "huyện"),
    ),
    ("Hội thảo khoa học ở Quỳ Châu", "", {"host": "baonghean.vn"},
     ("Nghệ An", "Quỳ Châu", "huyện")),
    # counter-examples: a province, a hall, a lower-case word after "tại"
    ("Hội nghị tại Thanh Hóa", "", {}, (None, None, None)),
    ("Hội nghị tại Trung tâm Hội nghị tỉnh", "", {"host": "baothanhhoa.vn"},
     ("Thanh Hóa", None, None)),
    ("Trao quà tại thọ xuân", "", {"host": "baothanhhoa.vn"}, ("Thanh Hóa", None, None)),
    # a round-up of several districts belongs to none of them
    (
        "Thời sự tối",
        "Chương trình có các tin chính:\n\n- Huyện Hậu Lộc tổng kết công tác năm.\n\n"
        "- UBND huyện Nga Sơn họp phiên thường kỳ.\n\n- Tỉnh ủy học tập nghị quyết.",
        {"host": "baothanhhoa.vn"},
        ("Thanh Hóa", None, None),
    ),
    (
        "Tin tổng hợp",
        "Trong tuần có nhiều hoạt động.\n\nKhông khí sôi nổi.\n\n"
        "Huyện Hậu Lộc tổng kết công tác năm. UBND huyện Nga Sơn họp phiên thường kỳ.",
        {"host": "baothanhhoa.vn"},
        ("Thanh Hóa", None, None),
    ),
    # counter-example: one district's list of items stays that district's
    (
        "Tin",
        "Sáng 5/1, UBND huyện Hậu Lộc tổng kết công tác năm.\n\n- Huyện Hậu Lộc thu ngân "
        "sách vượt kế hoạch.\n\n- Huyện Hậu Lộc có thêm 3 xã nông thôn mới.",
        {"host": "baothanhhoa.vn"},
        ("Thanh Hóa", "Hậu Lộc", "huyện"),
    ),
]


@pytest.mark.parametrize(("title", "text", "extra", "expected"), CASES)
def test_find_place(title: str, text: str, extra: dict[str, Any],
                    expected: tuple[str | None, str | None, str | None]) -> None:  # fmt: skip
    host = host_info(extra["host"]) if "host" in extra else None
    place = find_place(title, text, host=host, source_name=extra.get("source_name"))
    assert (place.province, place.district, place.district_kind) == expected


def test_find_place_keeps_raw_text_and_evidence() -> None:
    text = "Chiều 20/12, Huyện uỷ Anh Sơn tổ chức hội nghị. Dự có lãnh đạo tỉnh."
    place = find_place("Tổng kết năm", text)
    assert place.raw == "Huyện uỷ Anh Sơn"
    assert place.evidence == "Chiều 20/12, Huyện uỷ Anh Sơn tổ chức hội nghị."
    assert place.district == "Anh Sơn" and place.province == "Nghệ An"


def test_own_site_takes_the_articles_wording() -> None:
    host = host_info("http://kyanh.hatinh.gov.vn/tin-tuc/x.html")
    place = find_place("Thị xã Kỳ Anh tổng kết năm", "", host=host)
    assert (place.district, place.district_kind, place.raw) == ("Kỳ Anh", "thị xã", "Thị xã Kỳ Anh")


# --- the seeds -----------------------------------------------------------------------------


def _seed_parts(text: str, title: str) -> tuple[list[str], str]:
    """Header lines above the headline, and the text below it (the whole text without one)."""
    lines = text.splitlines()
    at = next((i for i, line in enumerate(lines) if title and title in line), None)
    if at is None:
        return [], text
    return [line for line in lines[:at] if line.strip()], "\n".join(lines[at + 1 :])


def test_seeds_against_gold(seeds_dir: Path, gold: dict[str, Any]) -> None:
    assert gold, "gold.json lists no seed"
    for name, fields in gold.items():
        raw_text = (seeds_dir / name).read_text(encoding="utf-8")
        title = fields.get("title") or ""
        site_lines, text = _seed_parts(raw_text, title)
        host = host_info(fields["url"]) if fields.get("url") else None
        if host is not None:
            assert host.source_kind == fields["source_kind"], name
        place = find_place(title, text, host=host, site_lines=site_lines)
        assert place.province and same_text(place.province, fields["province"]), (name, place)
        assert place.district and same_text(place.district, fields["district"]), (name, place)


# --- robustness ----------------------------------------------------------------------------

_PIECES = st.sampled_from(
    ["huyện ", "Huyện ủy ", "thị xã ", "TP.", "tp ", "quận ", "tỉnh ", "Thọ Xuân", "Châu Thành",
     "Quận 1", "Cư M’", "- ", ": ", "\n", "  ", "HCM", "Hòa Bình", "ủy", "Phan Rang -", "x"]
)  # fmt: skip
_TEXTS = st.one_of(st.text(max_size=200), st.lists(_PIECES, max_size=30).map("".join))


@settings(max_examples=300, deadline=None)
@given(title=_TEXTS, text=_TEXTS, source=st.none() | _TEXTS, lines=st.lists(_TEXTS, max_size=3))
def test_find_place_never_raises(title: str, text: str, source: str | None,
                                 lines: list[str]) -> None:  # fmt: skip
    place = find_place(title, text, source_name=source, site_lines=lines)
    assert isinstance(place, Place)
    if place.district is not None:
        assert lookup_district(place.district, place.province)


@settings(max_examples=200, deadline=None)
@given(name=_TEXTS)
def test_lookups_never_raise(name: str) -> None:
    canonical_province(name)
    province_successor(name)
    lookup_district(name, name)


def test_every_unit_is_found_by_name_with_its_province_portal() -> None:
    slugs = {p["name"]: p["slugs"][0] for p in GAZETTEER["provinces"]}
    for d in GAZETTEER["districts"]:
        headline = d["name"] if d["name"].startswith("Quận ") else f"{d['kind']} {d['name']}"
        host = host_info(f"{slugs[d['province']]}.gov.vn")
        place = find_place(f"{headline.capitalize()} tổ chức hội nghị", "", host=host)
        assert (place.province, place.district) == (d["province"], d["name"]), (d, place)
