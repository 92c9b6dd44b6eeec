"""The archived history of the Sơn Vân portal: captures of every kind, in two WARC files.

Each article has one or more good captures; around them are the captures an
archive really holds for a closed portal: later 404s and redirects, a
tracking-parameter variant, a capture from before the harvested years, a
revisit, home and listing pages, images, search pages.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from archive_support import WarcBuilder
from archive_support.content import ARTICLES, HOST, article_html, home_html, listing_html

FROM_YEAR, TO_YEAR = 2015, 2025
BASE = f"http://{HOST}"


@dataclass
class ArchiveFixture:
    warcs: list[Path]
    #: Article URL -> (timestamp of the capture that must be chosen, revision it shows).
    expected: dict[str, tuple[str, int]] = field(default_factory=dict)
    #: URLs that must never become records.
    never_stored: list[str] = field(default_factory=list)


def _article_captures(first: WarcBuilder, second: WarcBuilder) -> dict[str, tuple[str, int]]:
    a = ARTICLES
    html = [lambda rev, art=art: article_html(art, rev).encode() for art in a]
    expected: dict[str, tuple[str, int]] = {}
    # Three captures, each a new revision: the latest is chosen.
    for stamp, rev in (("20221209080000", 0), ("20230501100000", 1), ("20240210093000", 2)):
        first.response(a[0].url(), stamp, html[0](rev))
    expected[a[0].url()] = ("20240210093000", 2)
    # The page was deleted later: the 404 capture is passed over.
    first.response(a[1].url(), "20230722070000", html[1](0))
    second.response(a[1].url(), "20250801000000", b"<html><body>404</body></html>",
                    status="404 Not Found")  # fmt: skip
    expected[a[1].url()] = ("20230722070000", 0)
    # Later it redirected to the home page: the redirect capture is passed over.
    first.response(a[2].url(), "20210605120000", html[2](0))
    second.response(a[2].url(), "20220101000000", b"", status="301 Moved Permanently",
                    headers=[("Location", f"{BASE}/")])  # fmt: skip
    expected[a[2].url()] = ("20210605120000", 0)
    # Also captured with a tracking parameter, later: same article, newest capture.
    first.response(a[3].url(), "20190720000000", html[3](0))
    second.response(a[3].url() + "?utm_source=zalo", "20200303000000", html[3](1))
    expected[a[3].url()] = ("20200303000000", 1)
    # A capture from before the harvested years is not considered.
    first.response(a[4].url(), "20180311000000", html[4](0))
    second.response(a[4].url(), "20120505000000", html[4](3))
    expected[a[4].url()] = ("20180311000000", 0)
    # Unchanged later: the archive stored a revisit, which holds no page of its own.
    first.response(a[5].url(), "20190627000000", html[5](0))
    second.revisit(a[5].url(), "20210101000000", "20190627000000", html[5](0))
    expected[a[5].url()] = ("20190627000000", 0)
    first.response(a[6].url(), "20231115000000", html[6](0))
    second.response(a[6].url(), "20231201000000", html[6](1))
    expected[a[6].url()] = ("20231201000000", 1)
    first.response(a[7].url(), "20160903000000", html[7](0))
    expected[a[7].url()] = ("20160903000000", 0)
    return expected


def _other_captures(first: WarcBuilder, second: WarcBuilder) -> list[str]:
    for stamp in ("20170101000000", "20200101000000", "20230101000000"):
        first.response(f"{BASE}/", stamp, home_html().encode())
    first.response(f"{BASE}/chuyen-muc/tin-hoat-dong", "20200202000000", listing_html().encode())
    first.response(f"{BASE}/lien-he.html", "20190505000000",
                   b"<html><head><title>Lien he</title></head><body><p>0237 3999 000</p>"
                   b"</body></html>")  # fmt: skip
    second.response(f"{BASE}/index.php?id=77", "20200404000000", b"",
                    status="302 Found", headers=[("Location", ARTICLES[0].url())])  # fmt: skip
    second.response(f"{BASE}/tin-tuc/thong-bao-da-go-bo-1100.html", "20210404000000",
                    b"<html><body>Not Found</body></html>", status="404 Not Found")  # fmt: skip
    second.response(f"{BASE}/images/logo.png", "20210404000000", b"\x89PNG\r\n\x1a\n" * 40,
                    content_type="image/png")  # fmt: skip
    second.response(f"{BASE}/tim-kiem?q=hop", "20210404000000", listing_html().encode())
    return [
        f"{BASE}/", f"{BASE}/chuyen-muc/tin-hoat-dong", f"{BASE}/lien-he.html",
        f"{BASE}/index.php?id=77", f"{BASE}/tin-tuc/thong-bao-da-go-bo-1100.html",
        f"{BASE}/images/logo.png", f"{BASE}/tim-kiem?q=hop",
    ]  # fmt: skip


def build_archive_fixture(folder: Path) -> ArchiveFixture:
    folder.mkdir(parents=True, exist_ok=True)
    paths = [folder / "sonvan-part1.warc.gz", folder / "sonvan-part2.warc.gz"]
    with paths[0].open("wb") as one, paths[1].open("wb") as two:
        first, second = WarcBuilder(one), WarcBuilder(two)
        expected = _article_captures(first, second)
        never = _other_captures(first, second)
    return ArchiveFixture(warcs=paths, expected=expected, never_stored=never)
