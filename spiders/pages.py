"""Reading fetched pages for discovery: links, feeds, sitemaps, listing dates.

Kept apart from the spider so the rules can be tested on bytes and strings.
XML is parsed with entity expansion and network access off.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass, field

from lxml import etree
from parsel import Selector
from scrapy.http import TextResponse
from scrapy.utils.gz import gunzip

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
_DATE_IN_LISTING = re.compile(r"\b\d{1,2}[/.-]\d{1,2}[/.-]\d{4}\b")
# Chrome areas whose links and text say nothing about the page itself.
_CHROME_XPATH = (
    "ancestor::nav or ancestor::header or ancestor::footer or ancestor::aside"
    " or ancestor::*[contains(@class,'menu') or contains(@id,'menu')]"
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
    links = Links()
    selector = response.selector
    for feed in selector.xpath(
        "//link[@rel='alternate'][contains(@type,'rss') or contains(@type,'atom')]/@href"
    ).getall():
        links.feeds.append(response.urljoin(feed))
    for anchor in selector.xpath("//a[@href]"):
        href = (anchor.attrib.get("href") or "").strip()
        if not href or href.startswith(("#", "javascript:", "mailto:", "tel:")):
            continue
        text = " ".join(" ".join(anchor.xpath(".//text()").getall()).split())
        if not text:
            text = anchor.attrib.get("title", "") or " ".join(anchor.xpath(".//img/@alt").getall())
        absolute = response.urljoin(href)
        if re.search(r"(^|[/.?=])(rss|atom|feed)([/.?=&]|$)", absolute, re.IGNORECASE) and (
            "rss" in text.lower() or absolute.lower().endswith((".rss", ".xml", "/rss", "=rss"))
        ):
            links.feeds.append(absolute)
            continue
        links.anchors.append((absolute, text))
    return links


def _paragraph_chars(selector: Selector) -> int:
    texts = selector.xpath(f"//p[not({_CHROME_XPATH})]//text()").getall()
    return sum(len(t.strip()) for t in texts)


def looks_like_article(response: TextResponse, link_kind: str) -> bool:
    """Is this page worth handing to the extraction pipelines?

    Listings and home pages are not; a page reached as an article is, unless
    it is plainly a list of headlines; any other page is when it has prose.
    """
    if response.meta.get("via") == "start" and link_kind == LISTING:
        return guess_link_kind(response.url) == ARTICLE
    selector = response.selector
    prose = _paragraph_chars(selector)
    headline_links = sum(
        1
        for text in selector.xpath(f"//a[not({_CHROME_XPATH})]")
        .xpath("normalize-space(.)")
        .getall()
        if len(text.split()) >= 7
    )
    # Listings set their headlines as linked headings ("<h3><a>...</a></h3>");
    # an article's own headline is not a link.
    linked_headings = len(
        selector.xpath(
            f"(//h1|//h2|//h3|//h4|//*[contains(@class,'title')])[a][not({_CHROME_XPATH})]"
        )
    )
    if link_kind == ARTICLE or guess_link_kind(response.url) == ARTICLE:
        return not (headline_links >= 15 and prose < 800) and linked_headings < 5
    if link_kind == LISTING or page_number(response.url) is not None:
        return False
    return prose >= 300 and headline_links < 15 and linked_headings < 3


def listing_dates(response: TextResponse) -> list[str]:
    """ISO dates printed on a listing page (item dates), newest last when sorted."""
    dates = []
    for text in response.selector.xpath(f"//body//text()[not({_CHROME_XPATH})]").getall():
        if _DATE_IN_LISTING.search(text):
            found = parse_date_line(text)
            if found:
                dates.append(str(found.value))
    return sorted(dates)


def _xml_root(body: bytes, max_size: int) -> etree._Element | None:
    if body[:2] == b"\x1f\x8b":
        body = gunzip(body, max_size=max_size)
    parser = etree.XMLParser(**_XML_PARSER_OPTIONS)
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
