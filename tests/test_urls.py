"""URL cleaning, canonical keys, trap detection and link-kind guesses."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from crawler.discovery import ARTICLE, LISTING, OTHER, guess_link_kind
from crawler.urls import clean_url, host_of, is_print_view, page_number, trap_reason, url_key


@pytest.mark.parametrize(
    ("dirty", "clean"),
    [
        (
            "HTTP://BaoNgheAn.vn/a-b-post1.html?utm_source=rss&utm_medium=x#top",
            "http://baonghean.vn/a-b-post1.html",
        ),
        ("http://x.gov.vn:80/tin?id=5&sessionid=abc", "http://x.gov.vn/tin?id=5"),
        ("https://x.gov.vn:443/a;jsessionid=ABC123?p=1", "https://x.gov.vn/a?p=1"),
        (
            "http://x.gov.vn/(S(abcdef123))/TinTuc/View/Hop?PageIndex=2",
            "http://x.gov.vn/TinTuc/View/Hop?PageIndex=2",
        ),
        (
            "http://x.gov.vn/index.php?nv=news&op=HOAT-DONG/Hop-1&fbclid=zz",
            "http://x.gov.vn/index.php?nv=news&op=HOAT-DONG/Hop-1",
        ),
        ("http://x.gov.vn", "http://x.gov.vn/"),
    ],
)
def test_clean_url(dirty: str, clean: str) -> None:
    assert clean_url(dirty) == clean


def test_url_key_ignores_query_order_and_tracking() -> None:
    assert url_key("http://x.vn/a?b=2&a=1&utm_campaign=z") == url_key("http://x.vn/a?a=1&b=2#c")
    assert url_key("http://x.vn/a?a=1") != url_key("http://x.vn/a?a=2")


def test_host_of_drops_www_and_port() -> None:
    assert host_of("http://WWW.baothanhhoa.vn:8080/x") == "baothanhhoa.vn"


@pytest.mark.parametrize(
    ("url", "reason"),
    [
        ("http://x.gov.vn/files/bao-cao.pdf", "binary"),
        ("http://x.gov.vn/Uploads/anh.JPG", "binary"),
        ("http://x.gov.vn/tim-kiem?q=hoi+nghi", "trap-path"),
        ("http://x.gov.vn/lich?thang=3&nam=2021", "trap-path"),
        ("http://x.gov.vn/su-kien?month=3&year=2021", "trap-query"),
        ("http://x.gov.vn/portal/pages/print.aspx?p=7372", "print-view"),
        ("http://x.gov.vn/bm/print/6813", "print-view"),
        ("http://x.gov.vn/3cms/Ban-in-507.htm?art=1570789573083", "print-view"),
        ("http://x.gov.vn/tin-tuc?page=99999", "pagination-limit"),
        ("mailto:a@b.vn", "scheme"),
        ("http://x.gov.vn/a/b/a/b/a/b/a/b", "repeating-path"),
        ("http://x.gov.vn/portal/Pages/2022-12-13/Hoi-nghi-BCH-lan-thu-XVIabc123.aspx", None),
        ("http://x.gov.vn/TinTuc/View/Hop-chuan-bi-ky-hop?PageIndex=12", None),
    ],
)
def test_trap_reason(url: str, reason: str | None) -> None:
    assert trap_reason(url, max_page=2000) == reason


def test_print_views_are_recognised() -> None:
    assert is_print_view("http://hauloc.thanhhoa.gov.vn/portal/pages/print.aspx?p=7372")
    assert not is_print_view("http://hauloc.thanhhoa.gov.vn/portal/Pages/2021-5-7/Tin.aspx")


@pytest.mark.parametrize(
    ("url", "number"),
    [
        ("http://a.vn/x?PageIndex=12", 12),
        ("http://a.vn/tin-hoat-dong/trang-302.html", 302),
        ("http://a.vn/1024/chinh-tri/p-2", 2),
        ("http://a.vn/x?p=5&d=", 5),
        ("http://a.vn/x", None),
    ],
)
def test_page_number(url: str, number: int | None) -> None:
    assert page_number(url) == number


@pytest.mark.parametrize(
    ("url", "text", "kind"),
    [
        (
            "http://thoxuan.thanhhoa.gov.vn/portal/Pages/2022-12-13/Hoi-nghi-lan-thu-XVIabc123.aspx",
            "",
            ARTICLE,
        ),
        (
            "https://dbnd.hagiang.gov.vn/index.php?nv=news&op=HOAT-DONG-CO-SO/Vi-Xuyen-hop-6563",
            "",
            ARTICLE,
        ),
        ("https://dienbiendong.dienbien.gov.vn/TinTuc/View/Hop-chuan-bi?PageIndex=12", "", ARTICLE),
        ("https://baonghean.vn/huyen-anh-son-thu-ngan-sach-post263295.html", "", ARTICLE),
        ("https://baolamdong.vn/chinhtri/202211/hoi-nghi-huyen-uy-123456/", "", ARTICLE),
        ("http://x.gov.vn/portal/KenhTin/Tin-tuc.aspx", "Tin tức", LISTING),
        ("http://x.gov.vn/tin-tuc?page=2", "2", LISTING),
        ("http://x.gov.vn/tin-tuc", "Trang sau", LISTING),
        ("http://x.gov.vn/gioi-thieu", "Giới thiệu", OTHER),
        (
            "http://bacson.langson.gov.vn/hoi-nghi-ban-chap-hanh-dang-bo-huyen-lan-thu-12",
            "",
            ARTICLE,
        ),
    ],
)
def test_guess_link_kind(url: str, text: str, kind: str) -> None:
    assert guess_link_kind(url, text) == kind


@given(st.text(max_size=300))
def test_clean_url_never_raises_and_is_idempotent(text: str) -> None:
    url = "http://x.gov.vn/" + text
    try:
        once = clean_url(url)
    except ValueError:
        return  # urllib rejects some inputs (e.g. bad ports); that is a clear error
    assert clean_url(once) == once
    assert url_key(once) == url_key(url_key(once))
    trap_reason(once)
    guess_link_kind(once, text)
