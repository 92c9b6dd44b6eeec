"""Capture indexes: request URLs, both JSON flavours, resume keys, the choice of captures."""

from __future__ import annotations

import json
from urllib.parse import parse_qs, urlsplit

import pytest
from hypothesis import given
from hypothesis import strategies as st

from crawler.archive import cdx
from crawler.archive.cdx import Capture, CaptureSelector, select_captures
from crawler.urls import url_key

SITE = "http://sonvan.thanhhoa.gov.vn"
ARTICLE = f"{SITE}/tin-tuc/ky-hop-thu-bay-hdnd-huyen-1201.html"
OTHER = f"{SITE}/tin-tuc/hoi-nghi-ban-chap-hanh-lan-thu-15-1202.html"

WAYBACK_PAGE = json.dumps([
    ["urlkey", "timestamp", "original", "mimetype", "statuscode", "digest", "length"],
    ["vn,gov,thanhhoa,sonvan)/tin-tuc/a-1.html", "20190102030405",
     f"{SITE}/tin-tuc/a-1.html", "text/html", "200", "AAAA", "2301"],
    ["vn,gov,thanhhoa,sonvan)/tin-tuc/a-1.html", "20200102030405",
     f"{SITE}/tin-tuc/a-1.html", "warc/revisit", "-", "AAAA", "512"],
    ["vn,gov,thanhhoa,sonvan)/tin-tuc/b-2.html", "20210102030405",
     f"{SITE}/tin-tuc/b-2.html", "text/html", "301", "BBBB", "400"],
    [],
    ["vn,gov,thanhhoa,sonvan)/tin-tuc/c-3.html 20210102030405"],
])  # fmt: skip


def capture(original: str = ARTICLE, timestamp: str = "20200101000000", status: int | None = 200,
            mimetype: str = "text/html") -> Capture:  # fmt: skip
    return Capture(original=original, timestamp=timestamp, status=status, mimetype=mimetype)


def query(url: str) -> dict[str, list[str]]:
    return parse_qs(urlsplit(url).query)


# -- request URLs ---------------------------------------------------------------------
def test_wayback_query_walks_a_domain_in_resumable_pages() -> None:
    url = cdx.wayback_query_url(cdx.DEFAULT_WAYBACK_CDX, "www.sonvan.thanhhoa.gov.vn",
                                from_year=2015, to_year=2025, limit=500)  # fmt: skip
    assert url.startswith("https://web.archive.org/cdx/search/cdx?")
    params = query(url)
    assert params["url"] == ["sonvan.thanhhoa.gov.vn"]  # subdomains, www included
    assert params["matchType"] == ["domain"]
    assert params["output"] == ["json"]
    assert params["from"] == ["2015"] and params["to"] == ["2025"]
    assert params["filter"] == ["statuscode:200"]
    assert params["showResumeKey"] == ["true"] and params["limit"] == ["500"]
    assert "resumeKey" not in params
    following = cdx.wayback_query_url(cdx.DEFAULT_WAYBACK_CDX, "sonvan.thanhhoa.gov.vn",
                                      resume_key="vn,gov)/x 2019", collapse="digest")  # fmt: skip
    assert query(following)["resumeKey"] == ["vn,gov)/x 2019"]
    assert query(following)["collapse"] == ["digest"]


@pytest.mark.parametrize(
    ("target", "url", "match"),
    [
        ("sonvan.thanhhoa.gov.vn", "sonvan.thanhhoa.gov.vn", "domain"),
        ("http://sonvan.thanhhoa.gov.vn/", "sonvan.thanhhoa.gov.vn", "domain"),
        ("sonvan.thanhhoa.gov.vn/tin-tuc/", "sonvan.thanhhoa.gov.vn/tin-tuc/", "prefix"),
        ("http://a.gov.vn/portal/Pages/", "http://a.gov.vn/portal/Pages/", "prefix"),
    ],
)
def test_target_is_a_domain_or_a_prefix(target: str, url: str, match: str) -> None:
    assert cdx.target_query(target) == {"url": url, "matchType": match}


def test_empty_target_is_refused() -> None:
    with pytest.raises(ValueError, match="target"):
        cdx.target_query("  ")


def test_common_crawl_query_and_record_range() -> None:
    count = cdx.cc_query_url(cdx.DEFAULT_CC_INDEX, "CC-MAIN-2024-51", "sonvan.thanhhoa.gov.vn",
                             show_num_pages=True)  # fmt: skip
    assert count.startswith("https://index.commoncrawl.org/CC-MAIN-2024-51-index?")
    assert query(count)["showNumPages"] == ["true"]
    page = cdx.cc_query_url(cdx.DEFAULT_CC_INDEX, "CC-MAIN-2024-51", "sonvan.thanhhoa.gov.vn",
                            page=3, from_year=2024)  # fmt: skip
    assert query(page)["page"] == ["3"] and query(page)["from"] == ["2024"]
    record = Capture(ARTICLE, "20241201000000", 200, "text/html",
                     filename="crawl-data/x.warc.gz", offset=1000, length=500)  # fmt: skip
    assert cdx.cc_record_range(record) == "bytes=1000-1499"
    assert cdx.cc_archive_url("https://data.commoncrawl.org/", record) == (
        "https://data.commoncrawl.org/crawl-data/x.warc.gz#offset=1000&length=500"
    )
    with pytest.raises(ValueError):
        cdx.cc_record_range(capture())


def test_raw_capture_url_and_its_parse() -> None:
    raw = cdx.capture_url("https://web.archive.org/", "20190102030405", ARTICLE + "?id=5")
    assert raw == f"https://web.archive.org/web/20190102030405id_/{ARTICLE}?id=5"
    assert cdx.parse_replay_url(raw) == ("20190102030405", ARTICLE + "?id=5")
    collapsed = f"http://127.0.0.1:8080/web/2019id_/http:/{ARTICLE[len('http://') :]}"
    assert cdx.parse_replay_url(collapsed) == ("20190101000000", ARTICLE)
    assert cdx.replay_url("https://web.archive.org", "20190102030405", ARTICLE) == (
        f"https://web.archive.org/web/20190102030405/{ARTICLE}"
    )
    assert cdx.parse_replay_url(ARTICLE) is None


def test_timestamps_become_iso_utc() -> None:
    assert cdx.timestamp_to_iso("20190102030405") == "2019-01-02T03:04:05+00:00"
    assert cdx.timestamp_to_iso("201903") == "2019-03-01T00:00:00+00:00"
    with pytest.raises(ValueError):
        cdx.timestamp_to_iso("20x9")


# -- responses --------------------------------------------------------------------------
def test_wayback_json_with_header_row_and_resume_key() -> None:
    page = cdx.parse_cdx_json(WAYBACK_PAGE)
    assert page.rows == 3
    assert page.resume_key == "vn,gov,thanhhoa,sonvan)/tin-tuc/c-3.html 20210102030405"
    first, revisit, moved = page.captures
    assert first.original == f"{SITE}/tin-tuc/a-1.html" and first.status == 200
    assert first.capture_time == "2019-01-02T03:04:05+00:00"
    assert revisit.status is None and revisit.mimetype == "warc/revisit"
    assert moved.status == 301


def test_last_wayback_page_has_no_resume_key() -> None:
    rows = json.loads(WAYBACK_PAGE)[:2]
    page = cdx.parse_cdx_json(json.dumps(rows))
    assert page.resume_key is None and len(page.captures) == 1
    assert cdx.parse_cdx_json("").captures == []
    assert cdx.parse_cdx_json("[]").captures == []


def test_one_object_per_line_flavour() -> None:
    lines = "\n".join(json.dumps(row) for row in (
        {"urlkey": "vn,gov,a)/x", "timestamp": "20240101000000", "url": ARTICLE,
         "mime": "text/html", "mime-detected": "text/html", "status": "200",
         "filename": "crawl-data/CC/x.warc.gz", "offset": "12345", "length": "6789"},
        {"error": "No Captures found for: x"},
    ))  # fmt: skip
    page = cdx.parse_cdx_json(lines)
    assert page.resume_key is None and page.rows == 1
    (only,) = page.captures
    assert (only.filename, only.offset, only.length) == ("crawl-data/CC/x.warc.gz", 12345, 6789)


def test_page_count_and_collections() -> None:
    assert cdx.parse_num_pages('{"pages": 7, "pageSize": 5, "blocks": 31}') == 7
    with pytest.raises(ValueError):
        cdx.parse_num_pages('{"pages": "many"}')
    collinfo = json.dumps([{"id": "CC-MAIN-2025-05"}, {"id": "CC-MAIN-2024-51"},
                           {"id": "CC-MAIN-2019-04"}, {"id": "CC-MAIN-2013-20"},
                           {"id": "CC-NEWS"}])  # fmt: skip
    assert cdx.parse_collinfo(collinfo, 2015, 2024) == ["CC-MAIN-2024-51", "CC-MAIN-2019-04"]


# -- choice -------------------------------------------------------------------------------
def test_latest_good_capture_per_canonical_url() -> None:
    captures = [
        capture(ARTICLE, "20170101000000"),
        capture(ARTICLE + "?utm_source=zalo&fbclid=1", "20190101000000"),
        capture(ARTICLE + "#comments", "20180101000000"),
        capture(ARTICLE, "20220101000000", status=404),  # deleted later
        capture(ARTICLE, "20230101000000", status=301),  # redirected later
        capture(OTHER, "20200101000000"),
    ]
    chosen = select_captures(captures)
    assert [(c.original, c.timestamp) for c in chosen] == [
        (ARTICLE + "?utm_source=zalo&fbclid=1", "20190101000000"),
        (OTHER, "20200101000000"),
    ]


def test_unusable_captures_are_skipped_with_their_reason() -> None:
    selector = CaptureSelector()
    chosen = selector.feed([
        capture(status=302), capture(status=500), capture(status=None, mimetype="warc/revisit"),
        capture(mimetype="image/jpeg"), capture(f"{SITE}/files/report.pdf", mimetype="unk"),
        capture(f"{SITE}/", mimetype="text/html"), capture(f"{SITE}/tim-kiem?q=hop"),
        capture(f"{SITE}/tin-tuc/bai-1.html", mimetype="unk"),
    ]) + selector.finish()  # fmt: skip
    assert [c.original for c in chosen] == [f"{SITE}/tin-tuc/bai-1.html"]
    assert selector.skipped == {
        "redirect": 1, "error_status": 1, "revisit": 1, "not_html": 2, "home_page": 1,
        "trap_url": 1,
    }  # fmt: skip
    assert selector.listed == 8


def test_all_captures_keeps_every_good_one_oldest_first() -> None:
    captures = [
        capture(timestamp="20200101000000"), capture(timestamp="20180101000000"),
        capture(timestamp="20180101000000"), capture(timestamp="20190101000000", status=404),
    ]  # fmt: skip
    chosen = select_captures(captures, all_captures=True)
    assert [c.timestamp for c in chosen] == ["20180101000000", "20200101000000"]


def test_a_url_split_across_index_pages_is_chosen_once() -> None:
    selector = CaptureSelector()
    assert selector.feed([capture(OTHER, "20190101000000"), capture(ARTICLE, "20170101000000")]) \
        == [capture(OTHER, "20190101000000")]  # fmt: skip
    # The next page continues with the same URL: its newest capture wins.
    assert selector.feed([capture(ARTICLE, "20210101000000")]) == []
    assert selector.finish() == [capture(ARTICLE, "20210101000000")]
    # The same URL met again later (another collection): only a newer capture is taken.
    assert selector.feed([capture(ARTICLE, "20200101000000")]) + selector.finish() == []
    assert selector.feed([capture(ARTICLE, "20240101000000")]) + selector.finish() == [
        capture(ARTICLE, "20240101000000")
    ]


_stamps = st.integers(min_value=2015, max_value=2025).map(lambda y: f"{y}0101000000")
_rows = st.lists(
    st.builds(
        capture,
        original=st.sampled_from([ARTICLE, ARTICLE + "?utm_source=x", OTHER, OTHER + "#a"]),
        timestamp=_stamps,
        status=st.sampled_from([200, 200, 301, 404, None]),
        mimetype=st.sampled_from(["text/html", "text/html", "image/png"]),
    ),
    max_size=30,
)


@given(_rows)
def test_choice_is_one_latest_usable_capture_per_url(rows: list[Capture]) -> None:
    chosen = select_captures(sorted(rows, key=lambda c: (c.key, c.timestamp)))
    keys = [c.key for c in chosen]
    assert len(keys) == len(set(keys))
    usable = [c for c in rows if cdx.skip_reason(c) is None]
    assert set(keys) == {c.key for c in usable}
    for chosen_capture in chosen:
        same = [c.timestamp for c in usable if url_key(c.original) == chosen_capture.key]
        assert chosen_capture.timestamp == max(same)
