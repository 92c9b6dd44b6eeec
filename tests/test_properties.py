"""Property-based tests: no input makes the extraction functions or URL
canonicalisation raise; canonicalisation is idempotent; legacy conversion
round-trips."""

from __future__ import annotations

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from crawler.extraction.classify import classify
from crawler.extraction.dates import find_meeting_date, parse_date_line
from crawler.extraction.figures import find_figures
from crawler.extraction.legacy import repair, tcvn3_to_unicode, vni_to_unicode
from crawler.extraction.officials import find_officials
from crawler.extraction.page import decode_html
from crawler.extraction.places import find_place
from crawler.extraction.record import extract_record
from crawler.extraction.session import find_session_number, find_term
from crawler.urls import clean_url, host_of, trap_reason, url_key

FEW = settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow])
SOME = settings(max_examples=150, deadline=None)

# Words of the genre, so that generated text reaches the rules, not only their guards.
WORDS = (
    "Hội nghị", "Ban Chấp hành", "Đảng bộ", "huyện", "Thọ Xuân", "tỉnh", "Thanh Hóa", "lần thứ",
    "XXVII", "khóa", "kỳ họp thứ", "Chín", "HĐND", "UBND", "nhiệm kỳ", "2020 - 2025", "ngày",
    "25/12/2023", "đồng chí", "Nguyễn Văn An", "Bí thư Huyện ủy", "Chủ tịch", "đạt", "95,6%",
    "1.234 tỷ đồng", "ha", "sáng", "(", ")", ":", ",", ".", "\n\n", "-", "Uỷ", "khoá", "xã",
)  # fmt: skip
genre_text = st.lists(st.one_of(st.sampled_from(WORDS), st.text(max_size=12)), max_size=60).map(
    " ".join
)
any_text = st.one_of(st.text(max_size=300), genre_text)

TAGS = ("p", "div", "h1", "h2", "span", "table", "tr", "td", "a", "b", "font", "title", "meta")


@st.composite
def html_documents(draw: st.DrawFn) -> str:
    """Markup of any shape: nested, unclosed, stray, with genre text in it."""
    parts = []
    for _ in range(draw(st.integers(0, 25))):
        tag = draw(st.sampled_from(TAGS))
        form = draw(st.sampled_from(("open", "close", "text", "pair", "attr")))
        if form == "open":
            parts.append(f"<{tag}>")
        elif form == "close":
            parts.append(f"</{tag}>")
        elif form == "attr":
            parts.append(f'<{tag} class="{draw(st.sampled_from(("title", "date", "menu", "")))}">')
        elif form == "pair":
            parts.append(f"<{tag}>{draw(genre_text)}</{tag}>")
        else:
            parts.append(draw(any_text))
    prefix = draw(st.sampled_from(("", "<!DOCTYPE html>", "<?xml version='1.0'?>", "<html><body>")))
    return prefix + "".join(parts)


urls = st.one_of(
    st.text(max_size=80),
    st.builds(
        lambda scheme, host, path, query, fragment: f"{scheme}://{host}{path}{query}{fragment}",
        st.sampled_from(("http", "https", "HTTP", "ftp", "")),
        st.sampled_from(
            (
                "thoxuan.thanhhoa.gov.vn",
                "WWW.Example.VN",
                "[::1]",
                "a.b:8080",
                "x.gov.vn:80",
                "",
                "ạ.vn",
            )
        ),
        st.text(alphabet="/abcđ.%-_~;=()SA1", max_size=30),
        st.sampled_from(("", "?", "?utm_source=x&a=1", "?page=2&PHPSESSID=9", "?a=%zz&b")),
        st.sampled_from(("", "#", "#binh-luan")),
    ),
)


@FEW
@given(html_documents(), st.sampled_from((None, "http://thoxuan.thanhhoa.gov.vn/tin-tuc/a.html")))
def test_extract_record_never_raises_on_html(markup: str, url: str | None) -> None:
    record = extract_record(markup.encode("utf-8"), url, "html")
    assert isinstance(record["text"], str) and isinstance(record["officials"], list)


@FEW
@given(any_text)
def test_extract_record_never_raises_on_text(text: str) -> None:
    record = extract_record(text, None, "text")
    assert isinstance(record["is_meeting_report"], bool)


@SOME
@given(any_text, any_text)
def test_find_functions_never_raise(title: str, text: str) -> None:
    verdict = classify(title, text)
    find_meeting_date(title, text, None)
    find_meeting_date(title, text, "2024-03-12")
    find_session_number(title, text, verdict.meeting_type)
    find_term(title, text, verdict.meeting_type, verdict.level, body=verdict.body)
    find_place(title, text)
    find_officials(text, [title])
    find_figures(text)
    for line in text.splitlines()[:5]:
        parse_date_line(line)


@SOME
@given(st.binary(max_size=400), st.sampled_from((None, "utf-8", "cp1252", "cp1258", "x-bogus")))
def test_decoding_never_raises(raw: bytes, encoding: str | None) -> None:
    assert isinstance(decode_html(raw, encoding), str)


@SOME
@given(st.text(max_size=200))
def test_legacy_repair_never_raises_and_leaves_unicode_vietnamese_alone(text: str) -> None:
    assert isinstance(repair(text), str)
    assert isinstance(tcvn3_to_unicode(text), str) and isinstance(vni_to_unicode(text), str)


@SOME
@given(genre_text)
def test_proper_vietnamese_is_never_converted(text: str) -> None:
    if any("\u1ea0" <= char <= "\u1ef9" or char in "đĐ" for char in text):
        assert repair(text) == text


@SOME
@given(urls)
def test_url_canonicalisation_never_raises_and_is_idempotent(url: str) -> None:
    cleaned = clean_url(url)
    assert clean_url(cleaned) == cleaned
    key = url_key(url)
    assert url_key(key) == key
    assert url_key(cleaned) == key
    host_of(url)
    trap_reason(url)
