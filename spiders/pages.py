"""Reading fetched pages for discovery: links, feeds, sitemaps, listing dates.

Kept apart from the spider so the rules can be tested on bytes and strings.
XML is parsed with entity expansion and network access off.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass, field
from functools import lru_cache
from urllib.parse import urljoin, urlsplit

from lxml import etree
from scrapy.http import TextResponse
from scrapy.utils.gz import gunzip
from scrapy.utils.response import get_base_url

from crawler.discovery import ARTICLE, LISTING, guess_link_kind, is_pager_text
from crawler.extraction.dates import parse_date_line
from crawler.urls import page_number

_XML_PARSER_OPTIONS = {
    "resolve_entities": False,
    "no_network": True,
    "recover": True,
    "huge_tree": False,
    "remove_comments": True,
}
_INTERNAL_DTD = re.compile(rb"<!DOCTYPE[^\[>]*(?:\[.*?\]\s*)?>", re.IGNORECASE | re.DOTALL)
_DATE_IN_LISTING = re.compile(r"\b\d{1,2}[/.-]\d{1,2}[/.-]\d{4}\b")
# Chrome areas whose links and text say nothing about the page itself.
_CHROME_XPATH = (
    "ancestor::nav or ancestor::header or ancestor::footer or ancestor::aside"
    " or ancestor::*[contains(@class,'menu') or contains(@id,'menu')]"
)
# Compiled once: discovery runs them on every fetched page.
_FEED_LINKS = etree.XPath(
    "//link[@rel='alternate'][contains(@type,'rss') or contains(@type,'atom')]/@href",
    smart_strings=False,
)
_ANCHORS = etree.XPath("//a[@href]")
_IMAGE_ALTS = etree.XPath(".//img/@alt", smart_strings=False)
_FEED_URL = re.compile(r"(^|[/.?=])(rss|atom|feed)([/.?=&]|$)", re.IGNORECASE)
_PROSE_TEXTS = etree.XPath(f"//p[not({_CHROME_XPATH})]//text()", smart_strings=False)
_PROSE_ANCHORS = etree.XPath(f"//a[not({_CHROME_XPATH})]")
_LINKED_HEADINGS = etree.XPath(
    f"count((//h1|//h2|//h3|//h4|//*[contains(@class,'title')])[a][not({_CHROME_XPATH})])"
)


@dataclass
class Links:
    anchors: list[tuple[str, str]] = field(default_factory=list)
    feeds: list[str] = field(default_factory=list)

    @staticmethod
    def is_pager(href: str, text: str) -> bool:
        return is_pager_text(text) or page_number(href) is not None


@dataclass
class Entry:
    url: str
    date: str | None = None
    is_index: bool = False


def page_links(response: TextResponse) -> Links:
    """Every in-page link (absolute, with anchor text) and announced feeds."""
    # lxml directly, not parsel: a Selector per anchor cost more than the rest of the page.
    links = Links()
    root = response.selector.root
    base = get_base_url(response)  # once per page: response.urljoin looks it up per call
    parts = urlsplit(base)
    origin = f"{parts.scheme}://{parts.netloc}/"
    for feed in _FEED_LINKS(root):
        links.feeds.append(urljoin(base, feed))
    for anchor in _ANCHORS(root):
        href = (anchor.get("href") or "").strip()
        if not href or href.startswith(("#", "javascript:", "mailto:", "tel:")):
            continue
        text = " ".join(" ".join(anchor.itertext()).split())
        if not text:
            text = anchor.get("title", "") or " ".join(_IMAGE_ALTS(anchor))
        # A path from the root (menus, boxes of latest news) joins the same way on
        # every page of the site: joined once, remembered.
        rooted = href.startswith("/") and not href.startswith("//")
        absolute = _join_rooted(origin, href) if rooted else urljoin(base, href)
        if _FEED_URL.search(absolute) and (
            "rss" in text.lower() or absolute.lower().endswith((".rss", ".xml", "/rss", "=rss"))
        ):
            links.feeds.append(absolute)
            continue
        links.anchors.append((absolute, text))
    return links


@lru_cache(maxsize=1 << 14)
def _join_rooted(origin: str, href: str) -> str:
    return urljoin(origin, href)


def _paragraph_chars(root: etree._Element) -> int:
    return sum(len(t.strip()) for t in _PROSE_TEXTS(root))


def looks_like_article(response: TextResponse, link_kind: str) -> bool:
    """Is this page worth handing to the extraction pipelines?

    Listings and home pages are not; a page reached as an article is, unless
    it is plainly a list of headlines; any other page is when it has prose.
    """
    if response.meta.get("via") == "start" and link_kind == LISTING:
        return guess_link_kind(response.url) == ARTICLE
    article_link = link_kind == ARTICLE or guess_link_kind(response.url) == ARTICLE
    if not article_link and (link_kind == LISTING or page_number(response.url) is not None):
        return False  # decided by the URL: the page's markup need not be read
    root = response.selector.root
    headline_links = sum(
        1 for anchor in _PROSE_ANCHORS(root) if len("".join(anchor.itertext()).split()) >= 7
    )
    # Listings set their headlines as linked headings ("<h3><a>...</a></h3>");
    # an article's own headline is not a link.
    linked_headings = int(_LINKED_HEADINGS(root))
    if article_link:
        if linked_headings >= 5:
            return False
        return headline_links < 15 or _paragraph_chars(root) >= 800
    return _paragraph_chars(root) >= 300 and headline_links < 15 and linked_headings < 3


def listing_dates(response: TextResponse) -> list[str]:
    """ISO dates printed on a listing page (item dates), newest last when sorted."""
    dates = []
    for text in response.selector.xpath(f"//body//text()[not({_CHROME_XPATH})]").getall():
        if _DATE_IN_LISTING.search(text):
            found = parse_date_line(text)
            if found:
                dates.append(str(found.value))
    return sorted(dates)


# Signatures of files that servers send with a text/html type by mistake.
BINARY_MAGIC = (
    b"%PDF-",  # PDF
    b"PK\x03\x04",  # zip, docx, xlsx, odt
    b"\xd0\xcf\x11\xe0",  # old Office documents (doc, xls)
    b"\x89PNG",  # PNG
    b"\xff\xd8\xff",  # JPEG
    b"GIF8",  # GIF
    b"Rar!",  # RAR
    b"7z\xbc\xaf",  # 7-Zip
    b"\x1f\x8b",  # gzip left undecoded
    b"ID3",  # MP3
    b"{\\rtf",  # RTF
)
_UTF16_BOMS = (b"\xff\xfe", b"\xfe\xff")


def is_binary_body(body: bytes) -> bool:
    """True for a body that is a binary file whatever its Content-Type says."""
    head = body[:1024].lstrip()
    if head.startswith(BINARY_MAGIC):
        return True
    # Text never holds NUL bytes, except in UTF-16 (announced by its byte-order mark).
    return b"\x00" in head and not body.startswith(_UTF16_BOMS)


def _xml_root(body: bytes, max_size: int) -> etree._Element | None:
    if body[:2] == b"\x1f\x8b":
        body = gunzip(body, max_size=max_size)
    parser = etree.XMLParser(**_XML_PARSER_OPTIONS)
    # Sitemaps and feeds need no DTD: without its entity declarations, a billion
    # laughs or an external entity is only an unknown reference, dropped.
    body = _INTERNAL_DTD.sub(b"", body, count=1)
    try:
        return etree.fromstring(body.strip(), parser=parser)
    except etree.XMLSyntaxError:
        return None


def _local(tag: object) -> str:
    return str(tag).rsplit("}", 1)[-1].lower() if isinstance(tag, str) else ""


def sitemap_entries(body: bytes, max_size: int = 16 * 1024 * 1024) -> Iterator[Entry]:
    """URLs of a sitemap or sitemap index, with lastmod when given."""
    root = _xml_root(body, max_size)
    if root is None:
        return
    is_index = _local(root.tag) == "sitemapindex"
    for node in root:
        loc = lastmod = None
        for child in node:
            name = _local(child.tag)
            if name == "loc":
                loc = (child.text or "").strip()
            elif name == "lastmod":
                lastmod = (child.text or "").strip()[:10] or None
        if loc:
            yield Entry(url=loc, date=lastmod, is_index=is_index)


def feed_entries(body: bytes, max_size: int = 16 * 1024 * 1024) -> Iterator[Entry]:
    """Item links of an RSS or Atom feed, with the item date when parseable."""
    root = _xml_root(body, max_size)
    if root is None:
        return
    for node in root.iter():
        name = _local(node.tag)
        if name not in ("item", "entry"):
            continue
        link = None
        date = None
        for child in node:
            child_name = _local(child.tag)
            if child_name == "link":
                link = (child.get("href") or child.text or "").strip() or link
            elif child_name in ("pubdate", "published", "updated", "date"):
                date = _feed_date(child.text or "")
        if link:
            yield Entry(url=link, date=date)


_RFC822 = re.compile(r"(\d{1,2})\s+([A-Za-z]{3})\w*\s+(\d{4})")
_MONTHS = {
    m: i
    for i, m in enumerate(
        ["jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec"],
        start=1,
    )
}


def _feed_date(text: str) -> str | None:
    match = _RFC822.search(text)
    if match:
        day, month, year = match.groups()
        number = _MONTHS.get(month.lower())
        if number:
            return f"{int(year):04d}-{number:02d}-{int(day):02d}"
    found = parse_date_line(text)
    return str(found.value) if found else None
