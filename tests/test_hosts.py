"""Host classification: kinds, provinces and districts from host names and site names."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from crawler.extraction.hosts import SOURCE_KINDS, HostInfo, host_info, normalise_host

DATA = Path(__file__).resolve().parents[1] / "crawler" / "extraction" / "data"


@pytest.mark.parametrize(
    ("value", "host"),
    [
        ("https://www.baonghean.vn/abc-post1.html", "baonghean.vn"),
        ("HTTP://WWW.ThoXuan.ThanhHoa.gov.vn:8080/x?y=1#z", "thoxuan.thanhhoa.gov.vn"),
        ("user:secret@hdnd.bentre.gov.vn/Pages/a.aspx", "hdnd.bentre.gov.vn"),
        ("qrt.vn.", "qrt.vn"),
        ("  baothanhhoa.vn/thoi-su/x/1.htm ", "baothanhhoa.vn"),
        ("http://[::1]:8080/", "::1"),
        ("", ""),
    ],
)
def test_normalise_host(value: str, host: str) -> None:
    assert normalise_host(value) == host


# URL or host -> (source_kind, province, district, commune_site)
CASES: list[tuple[str, tuple[str, str | None, str | None, bool]]] = [
    ("http://thoxuan.thanhhoa.gov.vn/web/trang-chu/tin-tuc-su-kien/x.html",
     ("district_portal", "Thanh Hóa", "Thọ Xuân", False)),
    ("http://hauloc.thanhhoa.gov.vn/portal/pages/print.aspx?p=7372",
     ("district_portal", "Thanh Hóa", "Hậu Lộc", False)),
    ("https://thuannam.ninhthuan.gov.vn/portal/pages/print.aspx?p=30659",
     ("district_portal", "Ninh Thuận", "Thuận Nam", False)),
    ("http://tamduong.vinhphuc.gov.vn/noidung/tintuc/Lists/ThoiSuTongHop/View_Detail.aspx?ItemID=1",
     ("district_portal", "Vĩnh Phúc", "Tam Dương", False)),
    ("https://phuocson.quangnam.gov.vn/webcenter/portal/phuocson/pages_tin-tuc/chi-tiet",
     ("district_portal", "Quảng Nam", "Phước Sơn", False)),
    ("https://dienbiendong.dienbien.gov.vn/TinTuc/View/Hop-chuan-bi?PageIndex=12",
     ("district_portal", "Điện Biên", "Điện Biên Đông", False)),
    ("https://bacson.langson.gov.vn/bm/print/6813",
     ("district_portal", "Lạng Sơn", "Bắc Sơn", False)),
    ("https://krongpa.gialai.gov.vn/TIN-TUC/x.aspx",
     ("district_portal", "Gia Lai", "Krông Pa", False)),
    ("myduc.hanoi.gov.vn", ("district_portal", "Hà Nội", "Mỹ Đức", False)),
    ("nari.backan.gov.vn", ("district_portal", "Bắc Kạn", "Na Rì", False)),
    ("muongte.laichau.gov.vn", ("district_portal", "Lai Châu", "Mường Tè", False)),
    ("quangbinh.hagiang.gov.vn", ("district_portal", "Hà Giang", "Quang Bình", False)),
    ("quan1.hochiminhcity.gov.vn", ("district_portal", "Hồ Chí Minh", "Quận 1", False)),
    ("baria.baria-vungtau.gov.vn", ("district_portal", "Bà Rịa - Vũng Tàu", "Bà Rịa", False)),
    ("tpthanhhoa.thanhhoa.gov.vn", ("district_portal", "Thanh Hóa", "Thanh Hóa", False)),
    ("txnghison.thanhhoa.gov.vn", ("district_portal", "Thanh Hóa", "Nghi Sơn", False)),
    ("tho-xuan.thanhhoa.gov.vn", ("district_portal", "Thanh Hóa", "Thọ Xuân", False)),
    ("http://thitran.huulung.langson.gov.vn/hoi-nghi",
     ("other", "Lạng Sơn", "Hữu Lũng", True)),
    ("ttchilang.chilang.langson.gov.vn", ("other", "Lạng Sơn", "Chi Lăng", True)),
    ("tanmy.chomoi.angiang.gov.vn", ("other", "An Giang", "Chợ Mới", True)),
    ("nghiadan.vn", ("district_portal", "Nghệ An", "Nghĩa Đàn", False)),
    # commune sites keep their district but are not district portals
    ("nghiadong.nghiadan.vn", ("other", "Nghệ An", "Nghĩa Đàn", True)),
    ("xatrungson.doluong.gov.vn", ("other", "Nghệ An", "Đô Lương", True)),
    ("http://xaquangphu.thoxuan.thanhhoa.gov.vn/tin-tuc/1.html",
     ("other", "Thanh Hóa", "Thọ Xuân", True)),
    ("doluong.gov.vn", ("district_portal", "Nghệ An", "Đô Lương", False)),
    ("haihau.vn", ("district_portal", "Nam Định", "Hải Hậu", False)),
    ("huyendienbien.gov.vn", ("district_portal", "Điện Biên", "Điện Biên", False)),
    ("langgiang.gov.vn", ("district_portal", "Bắc Giang", "Lạng Giang", False)),
    ("thanhhoa.gov.vn", ("provincial_portal", "Thanh Hóa", None, False)),
    ("baria-vungtau.gov.vn", ("provincial_portal", "Bà Rịa - Vũng Tàu", None, False)),
    ("svhttdl.dienbien.gov.vn", ("other", "Điện Biên", None, False)),
    ("tnmttuyenquang.gov.vn", ("other", "Tuyên Quang", None, False)),
    ("tuyphong.binhthuan.dcs.vn", ("district_party_site", "Bình Thuận", "Tuy Phong", False)),
    ("huonghoa.tinhuyquangtri.vn", ("district_party_site", "Quảng Trị", "Hướng Hóa", False)),
    ("thainguyen.dcs.vn", ("other", "Thái Nguyên", None, False)),
    ("https://dbnd.hagiang.gov.vn/index.php?nv=news", ("council_site", "Hà Giang", None, False)),
    ("hdnd.bentre.gov.vn", ("council_site", "Bến Tre", None, False)),
    ("http://hdnd.dongnai.gov.vn/Pages/glp-x.html", ("council_site", "Đồng Nai", None, False)),
    ("hdnd.haiduong.gov.vn", ("council_site", "Hải Dương", None, False)),
    ("hdndtuyenquang.gov.vn", ("council_site", "Tuyên Quang", None, False)),
    ("dbndthanhhoa.gov.vn", ("council_site", "Thanh Hóa", None, False)),
    ("vphdnd.bacninh.gov.vn", ("council_site", "Bắc Ninh", None, False)),
    ("dbndnghean.vn", ("council_site", "Nghệ An", None, False)),
    ("hdnd.thoxuan.thanhhoa.gov.vn", ("council_site", "Thanh Hóa", "Thọ Xuân", False)),
    ("https://baonghean.vn/huyen-anh-son-post263295.html",
     ("provincial_newspaper", "Nghệ An", None, False)),
    ("https://baothanhhoa.vn/thoi-su/x/1.htm", ("provincial_newspaper", "Thanh Hóa", None, False)),
    ("baoninhbinh.org.vn", ("provincial_newspaper", "Ninh Bình", None, False)),
    ("http://baotayninh.vn/thoi-su-chinh-tri/?p=5",
     ("provincial_newspaper", "Tây Ninh", None, False)),
    ("dongkhoi.baovinhlong.vn", ("provincial_newspaper", "Bến Tre", None, False)),
    ("https://qrt.vn/x?utm_source=rss", ("provincial_broadcaster", "Quảng Nam", None, False)),
    ("gialaitv.vn", ("provincial_broadcaster", "Gia Lai", None, False)),
    ("truyenhinhthanhhoa.vn", ("provincial_broadcaster", "Thanh Hóa", None, False)),
    ("hungyentv.vn", ("provincial_broadcaster", "Hưng Yên", None, False)),
    ("www.vnexpress.net", ("national_media", None, None, False)),
    ("baochinhphu.vn", ("national_media", None, None, False)),
    ("nhandan.vn", ("national_media", None, None, False)),
    ("mpi.gov.vn", ("other", None, None, False)),
    ("chauthanh.gov.vn", ("other", None, None, False)),  # ten districts share the name
    ("example.com", ("other", None, None, False)),
    ("", ("other", None, None, False)),
]  # fmt: skip


@pytest.mark.parametrize(("url", "expected"), CASES)
def test_host_info(url: str, expected: tuple[str, str | None, str | None, bool]) -> None:
    info = host_info(url)
    assert (info.source_kind, info.province, info.district, info.commune_site) == expected
    assert info.host == normalise_host(url)


@pytest.mark.parametrize(
    ("source_name", "expected"),
    [
        ("Cổng thông tin điện tử huyện Thọ Xuân", ("district_portal", "Thanh Hóa", "Thọ Xuân")),
        ("Trang thông tin điện tử huyện gia viễn", ("district_portal", "Ninh Bình", "Gia Viễn")),
        (
            "Trang tin Đảng bộ huyện Châu Thành, tỉnh Long An",
            ("district_party_site", "Long An", "Châu Thành"),
        ),
        ("Thường trực HĐND huyện Kim Sơn", ("council_site", "Ninh Bình", "Kim Sơn")),
        ("Cổng thông tin điện tử tỉnh Thanh Hóa", ("provincial_portal", "Thanh Hóa", None)),
        ("Tin tức tổng hợp", ("other", None, None)),
    ],
)
def test_source_name_identifies_the_site(
    source_name: str, expected: tuple[str, str | None, str | None]
) -> None:
    info = host_info("https://portal.example.com/a", source_name)
    assert (info.source_kind, info.province, info.district) == expected


def test_source_name_does_not_override_a_known_host() -> None:
    info = host_info("baonghean.vn", "Cổng thông tin điện tử huyện Thọ Xuân")
    assert (info.source_kind, info.district) == ("provincial_newspaper", None)


def test_a_commune_site_stays_a_commune_site_whatever_its_name_says() -> None:
    info = host_info("tanmy.chomoi.angiang.gov.vn",
                     "Trang thông tin điện tử xã Tân Mỹ, huyện Chợ Mới, tỉnh An Giang")
    assert (info.source_kind, info.province, info.district, info.commune_site) == (
        "other", "An Giang", "Chợ Mới", True)


def test_answers_are_independent_copies() -> None:
    first = host_info("thoxuan.thanhhoa.gov.vn")
    first.district = "changed"
    assert host_info("thoxuan.thanhhoa.gov.vn").district == "Thọ Xuân"


def test_news_sites_data() -> None:
    sites = json.loads((DATA / "newspapers.json").read_text(encoding="utf-8"))["sites"]
    gazetteer = json.loads((DATA / "gazetteer.json").read_text(encoding="utf-8"))
    provinces = {p["name"] for p in gazetteer["provinces"]}
    domains = [s["domain"] for s in sites]
    assert len(domains) == len(set(domains))
    for site in sites:
        assert site["kind"] in SOURCE_KINDS, site
        assert re.fullmatch(r"[a-z0-9-]+(\.[a-z0-9-]+)+", site["domain"]), site
        assert (site["province"] is None) == (site["kind"] == "national_media"), site
        assert site["province"] is None or site["province"] in provinces, site
    papers = {s["province"] for s in sites if s["kind"] == "provincial_newspaper"}
    assert papers == provinces  # every province's newspaper is listed


_HOSTY = st.lists(
    st.sampled_from(["hdnd", "dbnd", "thoxuan", "thanhhoa", "gov", "vn", "dcs", "tinhuyquangtri",
                     "huyenuy", "www", "-", "x", "tp", "baonghean", "quan1", "chauthanh"]),
    max_size=6,
).map(".".join)  # fmt: skip


@settings(max_examples=300, deadline=None)
@given(value=st.one_of(st.text(max_size=80), _HOSTY), name=st.none() | st.text(max_size=60))
def test_host_info_never_raises(value: str, name: str | None) -> None:
    info = host_info(value, name)
    assert isinstance(info, HostInfo)
    assert info.source_kind in SOURCE_KINDS
    assert info.host == info.host.lower()


def test_every_district_slug_names_its_district() -> None:
    gazetteer = json.loads((DATA / "gazetteer.json").read_text(encoding="utf-8"))
    slugs = {p["name"]: p["slugs"][0] for p in gazetteer["provinces"]}
    for d in gazetteer["districts"]:
        info = host_info(f"https://{d['slug']}.{slugs[d['province']]}.gov.vn/tin-tuc")
        assert (info.source_kind, info.province, info.district) == (
            "district_portal",
            d["province"],
            d["name"],
        ), d
