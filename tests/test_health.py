"""Bot walls and challenge pages are told from content; run flags follow what a run saw."""

from __future__ import annotations

from collections import Counter
from datetime import UTC, date, datetime, timedelta

import pytest

from crawler.health import (
    CHALLENGE,
    EMPTY_LISTING,
    INTERRUPTED,
    LAYOUT_DRIFT,
    NO_ARTICLES,
    UNREACHABLE,
    RunMetrics,
    challenge_reason,
    is_success,
    run_flags,
)
from crawler.storage.state import KnownUrl
from spiders.source_run import RecheckPolicy, sane_watermark

ARTICLE = (
    "<html><head><title>Kỳ họp thứ tám HĐND huyện</title></head><body><h1>Kỳ họp thứ tám</h1>"
    + "<p>Ngày 20/6, HĐND huyện tổ chức kỳ họp thứ tám, kỳ họp thường lệ giữa năm. Các đại biểu "
    "thảo luận về tình hình kinh tế - xã hội và thông qua các nghị quyết quan trọng.</p>" * 12
    + "</body></html>"
)


@pytest.mark.parametrize(
    ("page", "reason"),
    [
        ("<html><head><title>Just a moment...</title></head><body>"
         "<script>window._cf_chl_opt={cvId:'3'}</script></body></html>", "cloudflare-challenge"),
        ("<html><body><h1>Checking your browser before accessing baoxyz.vn.</h1>"
         "<p>This process is automatic.</p></body></html>", "browser-check"),
        ("<html><head><title>Attention Required! | Cloudflare</title></head>"
         "<body>Sorry, you have been blocked</body></html>", "cloudflare-block"),
        ("<html><head><title>Access Denied</title></head><body>You don't have permission to "
         "access this server.</body></html>", "access-denied"),
        ("<html><body><form><div class='g-recaptcha' data-sitekey='x'></div></form>"
         "</body></html>", "captcha"),
        ("<html><body><p>Vui lòng xác minh bạn không phải là robot để tiếp tục.</p>"
         "</body></html>", "captcha"),
        ("<html><body><script src='/aes.min.js'></script><script>var a=toNumbers("
         "\"f655ba9d09a112d4968c63579db590b4\");document.cookie=\"__test=\"+"
         "toHex(slowAES.decrypt(c,2,a,b));location.href=\"/?i=1\";</script>"
         "<noscript>This site requires Javascript to work</noscript></body></html>",
         "js-cookie-wall"),
        ("<html><body><script>document.cookie='bm_sv=8f2a; path=/';"
         "window.location.reload();</script></body></html>", "js-cookie-wall"),
        ("<html><body>Request unsuccessful. Incapsula incident ID: 123-456</body></html>",
         "incapsula"),
    ],
)  # fmt: skip
def test_challenge_pages_are_recognised(page: str, reason: str) -> None:
    assert challenge_reason(page) == reason
    assert challenge_reason(page.encode("utf-8")) == reason


@pytest.mark.parametrize(
    "page",
    [
        ARTICLE,
        # A long article whose comment form loads reCAPTCHA is still an article.
        ARTICLE.replace("</body>", "<script src='https://www.google.com/recaptcha/api.js'>"
                        "</script><div class='g-recaptcha'></div></body>"),
        # A short notice that sets a preference cookie but does not reload.
        "<html><body><p>Thông báo lịch tiếp công dân tháng 7.</p>"
        "<script>document.cookie='font=14'</script></body></html>",
        # Not found pages are not challenges.
        "<html><head><title>Không tìm thấy trang</title></head><body>404</body></html>",
    ],
)  # fmt: skip
def test_ordinary_pages_are_not_challenges(page: str) -> None:
    assert challenge_reason(page) is None


def test_run_flags() -> None:
    healthy = RunMetrics(listings_requested=2, listings_read=2, article_links=20)
    assert run_flags(healthy, known_before=50, finished=True) == []
    quiet = RunMetrics(listings_requested=2, listings_unchanged=2)
    assert run_flags(quiet, known_before=50, finished=True) == []
    drift = RunMetrics(listings_requested=1, listings_read=1, listings_empty=1)
    assert run_flags(drift, known_before=50, finished=True) == [LAYOUT_DRIFT, NO_ARTICLES]
    assert run_flags(drift, known_before=0, finished=True) == [EMPTY_LISTING]
    walled = RunMetrics(listings_requested=1, challenges=Counter({"captcha": 1}))
    assert run_flags(walled, known_before=50, finished=True) == [CHALLENGE]
    down = RunMetrics(listings_requested=2, http_errors=Counter({"503": 2}))
    assert run_flags(down, known_before=5, finished=False) == [UNREACHABLE, INTERRUPTED]
    assert is_success([]) and not is_success([LAYOUT_DRIFT]) and not is_success([INTERRUPTED])


def _known(first_seen: datetime, last_checked: datetime) -> KnownUrl:
    return KnownUrl(url="http://x.gov.vn/a", etag=None, last_modified=None, content_hash="h",
                    listing_sig="s", first_seen=first_seen.isoformat(),
                    last_checked=last_checked.isoformat(), status="stored")  # fmt: skip


def test_recheck_policy_rechecks_fresh_articles_once_a_day() -> None:
    now = datetime(2024, 5, 10, 2, 0, tzinfo=UTC)
    policy = RecheckPolicy(window_days=3, every_hours=20)
    assert policy.due(_known(now - timedelta(days=1), now - timedelta(hours=23)), now)
    assert not policy.due(_known(now - timedelta(days=1), now - timedelta(hours=2)), now)
    assert not policy.due(_known(now - timedelta(days=9), now - timedelta(days=2)), now)


def test_watermarks_in_the_future_are_ignored() -> None:
    today = date(2024, 5, 10)
    assert sane_watermark("2024-05-09", today) == "2024-05-09"
    assert sane_watermark("2099-01-01", today) is None
    assert sane_watermark(None, today) is None


def test_listing_pages_older_than_the_watermark_stop_the_crawl() -> None:
    from crawler.sources.registry import Source
    from spiders.platforms.base import ListingEntry
    from spiders.source_run import SourceRun

    source = Source(id="a.gov.vn", name="A", kind="other", province=None,
                    start_urls=("http://a.gov.vn/",))  # fmt: skip
    run = SourceRun(source, watermark="2024-03-01")

    def page(*dates: str | None) -> list[ListingEntry]:
        return [ListingEntry(url=f"http://a.gov.vn/{i}", title="", signature="", date=d)
                for i, d in enumerate(dates)]  # fmt: skip

    assert run.is_stale(page("2024-02-20", "2024-02-11"), since="")
    assert not run.is_stale(page("2024-03-02", "2024-02-11"), since="")
    assert not run.is_stale(page(None, None, "2024-01-01"), since="")  # mostly undated
    assert run.is_stale(page("2024-03-05"), since="2024-04-01")  # --since is later
    assert not SourceRun(source).is_stale(page("2020-01-01"), since="")  # no watermark yet
