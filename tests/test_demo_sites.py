"""The demo web: every page answers, pagination must be followed, labels cover every article."""

from __future__ import annotations

import re
import time
import urllib.error
import urllib.request
import xml.etree.ElementTree as ET
from collections import Counter
from collections.abc import Callable, Collection, Iterator
from html import unescape
from html.parser import HTMLParser
from pathlib import Path
from typing import Any
from urllib.parse import urljoin, urlsplit

import pytest

# tests/ is not a package: pytest puts it on sys.path, so its fixtures import as "fixtures".
from fixtures.trapweb import build_trap_web

from crawler.demo.content import BODIES, LEVELS, MEETING_TYPES, SOURCE_KINDS, load_all
from crawler.demo.generate import generate_portal, synthetic_articles
from crawler.demo.server import VirtualWeb
from crawler.demo.sites import (
    DEMO_START_URLS,
    build_all,
    build_demo_web,
    expected_articles,
    listing_and_article_urls,
)

SHARED = Path(__file__).resolve().parents[1].parent / "shared"
NEWSPAPER = "baothanhhoa.vn"


class _Links(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.hrefs: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag == "a":
            self.hrefs.extend(value for name, value in attrs if name == "href" and value)


def links_of(html: str, base: str) -> list[str]:
    parser = _Links()
    parser.feed(html)
    return [urljoin(base, href).split("#", 1)[0] for href in parser.hrefs]


Fetch = Callable[[str], tuple[int, str, str]]


@pytest.fixture(scope="module")
def web() -> Iterator[VirtualWeb]:
    with VirtualWeb(build_demo_web()) as running:
        yield running


@pytest.fixture(scope="module")
def fetch(web: VirtualWeb) -> Fetch:
    opener = urllib.request.build_opener(urllib.request.ProxyHandler({"http": web.url}))

    def get(url: str) -> tuple[int, str, str]:
        """(status, final URL, body) of a GET through the proxy, redirects followed."""
        try:
            with opener.open(url, timeout=5) as response:
                return response.status, response.url, response.read().decode("utf-8")
        except urllib.error.HTTPError as error:
            return error.code, url, error.read().decode("utf-8", "replace")

    return get


def crawl(
    fetch: Fetch, start: str, skip: Collection[str] = (), failures: list[str] | None = None
) -> set[str]:
    """Final URLs of every same-host page reachable from ``start`` by links."""
    host = urlsplit(start).hostname
    queue, seen, fetched = [start], {start}, set()
    while queue and len(seen) < 400:
        url = queue.pop(0)
        status, final, body = fetch(url)
        fetched.add(final)
        if status != 200:
            if failures is not None:
                failures.append(f"{status} {url}")
            continue
        for link in links_of(body, final):
            parts = urlsplit(link)
            same_site = parts.scheme == "http" and parts.hostname == host
            if same_site and link not in seen and link not in skip:
                seen.add(link)
                queue.append(link)
    return fetched


# -- the sites as built ------------------------------------------------------------


def test_demo_web_has_the_families_and_sizes_the_product_is_tested_on() -> None:
    built = build_all()
    families = {b.catalog.info.family for b in built.values()}
    assert families >= {
        "sharepoint_portal", "liferay", "nukeviet", "aspnet_mvc",
        "drupal_langson", "table_layout", "newspaper",
    }  # fmt: skip
    kinds = Counter(b.catalog.info.source_kind for b in built.values())
    assert kinds["district_portal"] >= 5 and kinds["provincial_newspaper"] >= 1
    for host, site in built.items():
        assert 6 <= len(site.article_urls) <= 12, host
        assert 2 <= len(site.listing_urls) <= 4, host
    assert [b.start_urls[0] for b in built.values()] == DEMO_START_URLS


def test_every_listing_and_article_url_answers_200(fetch: Fetch) -> None:
    for host, urls in listing_and_article_urls().items():
        for url in urls:
            status, final, body = fetch(url)
            assert status == 200, url
            assert final == url, "listing and article pages are served without redirects"
            assert "<html" in body and host in url


def test_following_links_from_the_start_urls_reaches_every_page(fetch: Fetch) -> None:
    for start in DEMO_START_URLS:
        host = urlsplit(start).hostname or ""
        failures: list[str] = []
        reached = crawl(fetch, start, failures=failures)
        missing = listing_and_article_urls()[host] - reached
        assert not missing, f"{host}: not reachable by links: {sorted(missing)}"
        assert not failures, f"{host}: broken same-site links (the trap web has those)"


def test_older_articles_are_reachable_only_through_pagination(fetch: Fetch) -> None:
    for host, built in build_all().items():
        catalog = built.catalog
        first_pages = {catalog.info.url(catalog.listing(c)) for c in catalog.info.categories}
        later_pages = set(built.listing_urls) - first_pages
        assert later_pages, f"{host} has a single listing page"
        reached = crawl(fetch, built.start_urls[0], skip=later_pages)
        unreached = set(built.article_urls.values()) - reached
        assert unreached, f"{host}: every article is reachable without the listing pages"


def test_expected_articles_cover_every_article_page_once() -> None:
    rows = expected_articles()
    urls = [row["url"] for row in rows]
    assert len(urls) == len(set(urls)) >= 40
    served = {u for b in build_all().values() for u in b.article_urls.values()}
    assert set(urls) == served


def test_expected_labels_use_schema_enums_and_are_consistent() -> None:
    for row in expected_articles():
        assert row["source_kind"] in SOURCE_KINDS
        assert row["province"]
        if row["is_meeting_report"]:
            assert row["level"] in LEVELS, row["url"]
            assert row["body"] in BODIES and row["meeting_type"] in MEETING_TYPES, row["url"]
            assert re.fullmatch(r"\d{4}-\d{2}-\d{2}", row["meeting_date"]), row["url"]
            assert row["meeting_date"] <= row["published"], row["url"]
            assert row["author"], "meeting reports carry a byline"
            if row["level"] != "province":
                assert row["district"], row["url"]
        else:
            for name in ("level", "body", "meeting_type", "meeting_date", "session_number"):
                assert row[name] is None, (row["url"], name)
        if row["term_period"]:
            start, end = map(int, row["term_period"].split("-"))
            assert end - start == 5


def test_content_mixes_district_meetings_with_hard_negatives() -> None:
    rows = expected_articles()
    district_meetings = [r for r in rows if r["is_meeting_report"] and r["level"] == "district"]
    assert 0.4 <= len(district_meetings) / len(rows) <= 0.65
    assert {r["meeting_type"] for r in district_meetings} >= MEETING_TYPES - {"other_meeting"}
    assert {r["body"] for r in district_meetings} >= BODIES - {"other"}
    assert {r["level"] for r in rows if r["is_meeting_report"]} == LEVELS
    lengths = [sum(len(p) for p in a.paragraphs) for _info, arts in load_all() for a in arts]
    assert min(lengths) < 250, "a short notice is among the hard negatives"


def test_labels_match_what_each_article_page_shows(fetch: Fetch) -> None:
    for row in expected_articles():
        _status, _final, body = fetch(row["url"])
        text = unescape(re.sub(r"<[^>]+>", " ", body))
        assert row["title"] in text
        day = row["published"].split("-")[::-1]
        assert "/".join(day) in text or "-".join(day) in text, row["url"]
        if row["author"]:
            assert row["author"] in text, row["url"]
        for official in row["officials"]:
            assert official["name"] in text, (row["url"], official["name"])
            for title in official["titles"]:
                assert title in text, (row["url"], title)


def test_print_views_carry_the_article(fetch: Fetch) -> None:
    rows = [r for r in expected_articles() if r["print_url"]]
    assert {r["family"] for r in rows} == {"sharepoint_portal", "drupal_langson"}
    for row in rows:
        status, _final, body = fetch(row["print_url"])
        assert status == 200 and row["title"] in unescape(body)


def test_newspaper_announces_a_sitemap_with_lastmod(fetch: Fetch) -> None:
    _status, _final, robots = fetch(f"http://{NEWSPAPER}/robots.txt")
    sitemap_url = re.search(r"^Sitemap:\s*(\S+)", robots, re.MULTILINE)
    assert sitemap_url
    status, _final, xml = fetch(sitemap_url.group(1))
    assert status == 200
    ns = {"s": "http://www.sitemaps.org/schemas/sitemap/0.9"}
    entries = ET.fromstring(xml).findall("s:url", ns)
    assert all(e.find("s:lastmod", ns) is not None for e in entries)
    locs = {e.findtext("s:loc", namespaces=ns) for e in entries}
    assert locs >= {r["url"] for r in expected_articles() if r["source"] == NEWSPAPER}


@pytest.mark.parametrize(
    ("host", "feed"),
    [("dbnd.hagiang.gov.vn", "/index.php?nv=news&op=rss"), (NEWSPAPER, "/rss/home.rss")],
)
def test_rss_feeds_list_every_article(fetch: Fetch, host: str, feed: str) -> None:
    status, _final, xml = fetch(f"http://{host}{feed}")
    assert status == 200
    links = {item.findtext("link") for item in ET.fromstring(xml).iter("item")}
    assert links == {r["url"] for r in expected_articles() if r["source"] == host}


FAMILY_MARKS: dict[str, tuple[str, ...]] = {
    "sharepoint_portal": (
        r'content="Microsoft SharePoint"', r'class="article-content"',
        r"Đăng lúc: \d{2}/\d{2}/\d{4} \(GMT\+7\)", r"/portal/Pages/\d{4}-\d{1,2}-\d{1,2}/",
    ),
    "liferay": (r"\d{2}-\d{2}-\d{4} \d{2}:\d{2}", r"/-/view_content/\d+-", r"_INSTANCE_"),
    "nukeviet": (r"nv=news&amp;op=[A-Z-]+/[A-Za-z0-9-]+-\d+", r"\d{2}/\d{2}/\d{4} \d{2}:\d{2}"),
    "aspnet_mvc": (r"/TinTuc/View/[A-Za-z0-9-]+\?PageIndex=\d", r">\d{2}/\d{2}/\d{4}<"),
    "drupal_langson": (r"Skip to main content", r"/bm/print/\d+", r"Đại hội đại biểu Đảng bộ tỉnh"),
    "table_layout": (r"<table", r"Ngày đăng \d{2}/\d{2}/\d{4} \| \d{2}:\d{2} \| Lượt xem: \d+"),
    "newspaper": (
        r'<div class="detail__sapo">', r"<figcaption>", r"0:00 / 0:00", r"Nam miền Bắc",
        r"Theo dõi Báo Thanh Hóa trên Google News", r"Tin cùng chuyên mục",
        r"\d{2}:\d{2}, \d{2}/\d{2}/\d{4}", r"-post\d+\.html",
    ),
}  # fmt: skip
COMMON_CHROME = (
    r"Tin mới",
    r"Thống kê truy cập",
    r"Đang online",
    r"Tăng cỡ chữ|title=\"Tăng cỡ chữ\"",
)


@pytest.mark.parametrize("family", sorted(FAMILY_MARKS))
def test_article_pages_carry_their_family_markup(fetch: Fetch, family: str) -> None:
    row = next(r for r in expected_articles() if r["family"] == family and r["is_meeting_report"])
    _status, _final, body = fetch(row["url"])
    marks = FAMILY_MARKS[family] + (COMMON_CHROME if family != "newspaper" else ())
    for mark in marks:
        assert re.search(mark, body, re.IGNORECASE), (family, mark)


def test_newspaper_sapo_sits_outside_the_body_div(fetch: Fetch) -> None:
    row = next(r for r in expected_articles() if r["source"] == NEWSPAPER)
    _status, _final, body = fetch(row["url"])
    assert body.index('class="detail__sapo"') < body.index('class="detail__content"')


def test_demo_web_is_deterministic() -> None:
    first, second = build_demo_web(), build_demo_web()
    assert first.keys() == second.keys()
    for host, site in first.items():
        assert site.paths() == second[host].paths()
        for path in site.paths():
            assert site.resources[path].body == second[host].resources[path].body, (host, path)


def test_content_is_not_copied_from_the_seed_documents() -> None:
    seeds = sorted((SHARED / "seeds").glob("*.txt"))
    if not seeds:
        pytest.skip(f"the shared seed documents are not beside the project ({SHARED})")
    sentences = {
        s.strip()
        for path in seeds
        for s in re.split(r"(?<=[.;:])\s+", path.read_text(encoding="utf-8"))
        if len(s.strip()) >= 50
    }
    prose = " ".join(p for _info, arts in load_all() for a in arts for p in a.paragraphs)
    copied = [s for s in sentences if s in prose]
    assert not copied


# -- generated portals and the trap web ---------------------------------------------


def test_generated_portal_is_deterministic_lazy_and_fast() -> None:
    host = "huyenmau.demo.gov.vn"
    started = time.monotonic()
    site = generate_portal(host, 10_000, seed=3)
    rows = synthetic_articles(host, 10_000, seed=3)
    for row in rows:
        resource = site.get(urlsplit(row["url"]).path)
        assert resource is not None and resource.status == 200
    assert time.monotonic() - started < 15
    listings = -(-len(rows) // 10)
    assert 9_990 <= 1 + listings + len(rows) <= 10_000
    assert site.get(f"/tin-tuc?page={listings}") is not None
    assert site.get(f"/tin-tuc?page={listings + 1}") is None
    assert site.get("/tin-tuc/sai-duong-dan-5.html") is None
    share = sum(r["is_meeting_report"] for r in rows) / len(rows)
    assert 0.15 <= share <= 0.25
    again = generate_portal(host, 10_000, seed=3).get(urlsplit(rows[7]["url"]).path)
    first = site.get(urlsplit(rows[7]["url"]).path)
    assert again is not None and first is not None and again.body == first.body
    assert synthetic_articles(host, 10_000, seed=4)[0]["url"] != rows[0]["url"]


def _trap() -> tuple[VirtualWeb, dict[str, Any], Fetch]:
    sites, description = build_trap_web()
    web = VirtualWeb(sites)
    web.start()
    opener = urllib.request.build_opener(urllib.request.ProxyHandler({"http": web.url}))

    def get(url: str) -> tuple[int, str, str]:
        try:
            with opener.open(url, timeout=5) as response:
                charset = response.headers.get_content_charset()
                return response.status, response.url, f"{charset}\n" + response.read().decode()
        except urllib.error.HTTPError as error:
            return error.code, url, ""

    return web, description, get


def test_trap_web_serves_what_its_description_says() -> None:
    web, trap, get = _trap()
    try:
        assert get(trap["flaky_url"])[0] == 503
        assert get(trap["flaky_url"])[0] == 200
        status, final, _body = get(trap["redirect_chain"][0])
        assert (status, final) == (200, trap["redirect_target"])
        status, _final, body = get(trap["wrong_charset_url"])
        assert status == 200 and body.startswith("iso-8859-1\n")
        assert trap["wrong_charset_title"] in body and 'charset=utf-8"' in body
        for variant in trap["variant_urls"]:
            assert get(variant)[0] == 200
        for url in trap["broken_urls"]:
            assert get(url)[0] == 404
        for url in trap["expected_urls"]:
            assert get(url)[0] == 200, url
        assert len({row["url"] for row in trap["articles"]}) == len(trap["articles"])
        endless = trap["endless_listing"]
        far = get(f"{endless['prefix']}{endless['real_pages'] + 40}")[2]
        last = get(f"{endless['prefix']}{endless['real_pages']}")[2]
        assert f"page={endless['real_pages'] + 41}" in far

        def articles_linked(html: str) -> set[str]:
            return {u for u in links_of(html, trap["start_urls"][0]) if u.endswith(".html")}

        assert articles_linked(far) == articles_linked(last)
        calendar = get(f"{trap['trap_prefixes'][0]}?thang=12&nam=2087")
        assert calendar[0] == 200 and "thang=1&amp;nam=2088" in calendar[2]
        home = get(trap["start_urls"][0])[2]
        redirect_path = urlsplit(trap["redirect_target"]).path
        assert urlsplit(trap["redirect_chain"][0]).path in home and redirect_path not in home
        assert web.count("quangcao.example.com") == 0
    finally:
        web.stop()
