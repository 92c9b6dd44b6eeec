"""What a CMS family tells the crawler: where listings are, what an article URL looks like,
how listings page, where the print view is, and how to recognise the family.

A family is a subclass of :class:`Platform` that sets its URL patterns and
overrides the hooks its CMS needs; :class:`Platform` itself is the generic
reading used for unknown sites (URL shapes and anchor text, crawler.discovery).
A per-site spider is only a registry entry naming its family and start URLs.
"""

from __future__ import annotations

import hashlib
import re
from collections.abc import Sequence
from dataclasses import dataclass, replace
from typing import ClassVar
from urllib.parse import urljoin, urlsplit

from parsel import Selector
from scrapy.http import TextResponse

from crawler.discovery import ARTICLE, LISTING, guess_link_kind, is_pager_text
from crawler.extraction.dates import parse_date_line
from crawler.sources.registry import Source
from crawler.urls import clean_url, host_of, page_number

# Page areas whose links are not the listing's own entries, as class/id fragments.
NOT_LISTING_AREAS: tuple[str, ...] = (
    "menu", "navbar", "footer", "breadcrumb", "sidebar", "side-bar",
    "right-col", "col-right", "rightcol", "left-menu",
    "tin-moi",  # newest news box
    "tinmoi",  # newest news box
    "tin-khac",  # other news box
    "tinkhac",  # other news box
    "other", "related", "most-view", "mostview",  # "news-other", "other-news" ...
    "lien-quan",  # related
    "xem-nhieu",  # most read
    "doc-nhieu",  # most read
    "cung-chuyen-muc",  # same section
    "tieu-diem",  # highlights box
)  # fmt: skip
_LOWER = "translate({}, 'ABCDEFGHIJKLMNOPQRSTUVWXYZ', 'abcdefghijklmnopqrstuvwxyz')"
_AREA_TESTS = " or ".join(
    f"contains({_LOWER.format(attr)}, '{hint}')"
    for hint in NOT_LISTING_AREAS
    for attr in ("@class", "@id")
)
CHROME_XPATH = (
    "ancestor::nav or ancestor::header or ancestor::footer or ancestor::aside"
    f" or ancestor::*[{_AREA_TESTS}]"
)
#: How far up from a headline link an entry's box (headline, date, lead) is looked for.
ENTRY_DEPTH = 4
# Anchor texts that lead to the next listing page (not "xem tiếp": that opens a channel).
NEXT_TEXTS = frozenset({"»", "›", ">", ">>", "sau", "trang sau", "tiếp", "next", "next »",
                        "trang tiếp", "tiếp theo", "tiếp »", "sau »"})  # fmt: skip
_DATE = re.compile(r"\b\d{1,2}[/.-]\d{1,2}[/.-]\d{4}\b")
_DIGITS = re.compile(r"\d+")
_HREF = re.compile(r"""href\s*=\s*["']([^"']+)["']""", re.IGNORECASE)
_PATH_PAGER = re.compile(r"(?:/trang-|/page-|/page/|/p-|-trang-)\d+(?=\.html?$|/?$)", re.I)
_PAGE_SUFFIX = re.compile(r"(?:\.html?|\.aspx|\.php|/)$", re.IGNORECASE)
MAX_LISTING_LINKS = 40


@dataclass(frozen=True)
class ListingEntry:
    """One article link on a listing page."""

    url: str
    title: str
    #: Hash of what the listing shows of the article (headline, date, lead; counts masked).
    signature: str
    #: ISO date printed in the entry, if any.
    date: str | None = None
    #: Paths of the page blocks (lists) that link the article: a listing's own list shows
    #: other articles on each page, a "newest" sidebar the same ones on every page.
    blocks: tuple[str, ...] = ()


def compile_patterns(patterns: Sequence[str]) -> re.Pattern[str] | None:
    if not patterns:
        return None
    return re.compile("|".join(f"(?:{p})" for p in patterns), re.IGNORECASE)


def path_and_query(url: str) -> str:
    parts = urlsplit(url)
    return parts.path + (f"?{parts.query}" if parts.query else "")


def hrefs(html: str) -> list[str]:
    """Every href of a page, from the raw markup (detection must be cheap)."""
    return _HREF.findall(html)


class Platform:
    """The generic reading of a site; families override patterns and hooks."""

    family: ClassVar[str] = "generic"
    #: Regexes over "path?query" of article URLs, of listing URLs, of print views.
    article_patterns: ClassVar[tuple[str, ...]] = ()
    listing_patterns: ClassVar[tuple[str, ...]] = ()
    print_patterns: ClassVar[tuple[str, ...]] = ()
    #: Paths of listings every site of the family has (added to the start pages).
    default_listing_paths: ClassVar[tuple[str, ...]] = ()
    #: Number of a listing's first page (Drupal counts from 0).
    first_page: ClassVar[int] = 1
    _article_re: ClassVar[re.Pattern[str] | None] = None
    _listing_re: ClassVar[re.Pattern[str] | None] = None
    _print_re: ClassVar[re.Pattern[str] | None] = None

    def __init_subclass__(cls, **kwargs: object) -> None:
        super().__init_subclass__(**kwargs)
        # Patterns compile once, when the family's module is imported.
        cls._article_re = compile_patterns(cls.article_patterns)
        cls._listing_re = compile_patterns(cls.listing_patterns)
        cls._print_re = compile_patterns(cls.print_patterns)

    # -- recognising the family ---------------------------------------------------------
    @classmethod
    def detect(cls, html: str, url: str) -> bool:
        """True when a fetched page shows this family's markup or URLs."""
        return False

    @classmethod
    def count_links(cls, html: str, pattern: re.Pattern[str] | None = None) -> int:
        regex = pattern or cls._article_re
        return sum(1 for href in hrefs(html) if regex and regex.search(href))

    # -- URLs -----------------------------------------------------------------------------
    def listing_urls(self, source: Source) -> list[str]:
        """Listings to read: the watched ones, else the start pages and the family's own."""
        if source.category_urls:
            return list(source.category_urls)
        extra = [urljoin(start, path) for start in source.start_urls[:1]
                 for path in self.default_listing_paths]  # fmt: skip
        return list(dict.fromkeys([*source.start_urls, *extra]))

    def is_article_url(self, url: str, text: str = "") -> bool:
        if self._article_re is None:
            return guess_link_kind(url, text) == ARTICLE
        return bool(self._article_re.search(path_and_query(url)))

    def is_listing_url(self, url: str, text: str = "") -> bool:
        if self.is_article_url(url, text) or self.is_print_url(url):
            return False
        if self._listing_re is None:
            return guess_link_kind(url, text) == LISTING
        return bool(self._listing_re.search(path_and_query(url)))

    def is_print_url(self, url: str) -> bool:
        return bool(self._print_re and self._print_re.search(path_and_query(url)))

    def article_key_url(self, url: str) -> str:
        """The URL that identifies an article (families drop listing-only parameters)."""
        return url

    def page_of(self, url: str) -> int | None:
        """Listing page number a URL asks for, None when it names none (the first page)."""
        return page_number(url)

    def listing_base(self, url: str) -> str:
        """A listing's identity without its page number, to match pager links to it."""
        path = _PATH_PAGER.sub("", urlsplit(url).path.lower())
        return _PAGE_SUFFIX.sub("", path)

    # -- reading listing pages --------------------------------------------------------------
    def _anchors(self, response: TextResponse, main_only: bool) -> list[tuple[Selector, str, str]]:
        condition = f"[not({CHROME_XPATH})]" if main_only else ""
        found = []
        for anchor in response.xpath(f"//body//a[@href]{condition}"):
            href = (anchor.attrib.get("href") or "").strip()
            if not href or href.startswith(("#", "javascript:", "mailto:", "tel:")):
                continue
            url = clean_url(response.urljoin(href))
            if host_of(url) != host_of(response.url):
                continue
            text = " ".join(" ".join(anchor.xpath(".//text()").getall()).split())
            found.append((anchor, url, text or anchor.attrib.get("title", "")))
        return found

    def listing_entries(self, response: TextResponse) -> list[ListingEntry]:
        """The article links of a listing page's own list, in page order, once each."""
        entries: dict[str, ListingEntry] = {}
        for anchor, url, text in self._anchors(response, main_only=True):
            if not self.is_article_url(url, text) or self.is_print_url(url):
                continue
            key = self.article_key_url(url)
            entry = self._entry(anchor, url, text)
            seen = entries.get(key)
            if seen is not None:
                # The thumbnail and the headline often link the same article: keep a title.
                kept = entry if not seen.title and text else seen
                blocks = tuple(dict.fromkeys((*seen.blocks, *entry.blocks)))
                entry = replace(kept, blocks=blocks)
            entries[key] = entry
        return list(entries.values())

    def _entry_box(self, anchor: Selector, url: str) -> Selector | None:
        """The largest element around a link that holds no other article: its entry."""
        key = self.article_key_url(url)
        box = None
        for level in range(1, ENTRY_DEPTH + 1):
            parent = anchor.xpath(f"ancestor::*[{level}]")
            if not parent or parent[0].root.tag in ("body", "html"):
                break
            others = {
                self.article_key_url(clean_url(urljoin(url, href)))
                for href in parent[0].xpath(".//a/@href").getall()
            }
            if any(o != key and self.is_article_url(o) for o in others):
                break
            box = parent[0]
        return box

    def _entry(self, anchor: Selector, url: str, title: str) -> ListingEntry:
        box = self._entry_box(anchor, url)
        box_text = " ".join(" ".join(box.xpath(".//text()").getall()).split()) if box else title
        date_match = _DATE.search(box_text)
        found = parse_date_line(date_match.group(0)) if date_match else None
        date = str(found.value) if found else None
        # View counters and comment counts change every day; the headline, date and lead
        # change only when the article is edited.
        masked = _DIGITS.sub("#", box_text.replace(title, " ")[:600])
        digest = hashlib.sha1(f"{title}|{date}|{masked}".encode()).hexdigest()[:16]
        element = (box or anchor).root
        container = element.getparent()
        block = element.getroottree().getpath(container) if container is not None else ""
        return ListingEntry(url=url, title=title, signature=digest, date=date, blocks=(block,))

    def article_links(self, response: TextResponse) -> list[str]:
        return [entry.url for entry in self.listing_entries(response)]

    def listing_links(self, response: TextResponse) -> list[str]:
        """Channel and category listings a start page links to (their first pages)."""
        links: list[str] = []
        own = self.listing_base(response.url)
        for _anchor, url, text in self._anchors(response, main_only=False):
            if not self.is_listing_url(url, text) or url in links:
                continue
            number = self.page_of(url)
            if number is not None and number > self.first_page:
                continue
            if self.listing_base(url) != own:  # not a pager link back to this listing
                links.append(url)
        return links[:MAX_LISTING_LINKS]

    def next_page_url(self, response: TextResponse) -> str | None:
        """The listing's next page: a pager link numbered one more, else a "next" link."""
        current = self.page_of(response.url)
        wanted = (self.first_page if current is None else current) + 1
        base = self.listing_base(response.url)
        by_text = None
        for anchor, url, text in self._anchors(response, main_only=False):
            if self.is_article_url(url, text):
                continue
            if self.page_of(url) == wanted and self.listing_base(url) == base:
                return url
            rel = (anchor.attrib.get("rel") or "").lower()
            if by_text is None and ("next" in rel.split() or text.lower() in NEXT_TEXTS):
                by_text = url if url != clean_url(response.url) else None
        if by_text is None:
            link = response.xpath("//link[@rel='next']/@href").get()
            by_text = clean_url(response.urljoin(link)) if link else None
        return by_text

    def is_pager_link(self, url: str, text: str) -> bool:
        return is_pager_text(text) or self.page_of(url) is not None

    # -- print views ---------------------------------------------------------------------------
    def print_url(self, article_url: str, html: str | None = None) -> str | None:
        """The article's print view: built from its URL, or found among the page's links."""
        if html is None or self._print_re is None:
            return None
        for href in hrefs(html):
            absolute = urljoin(article_url, href.replace("&amp;", "&"))
            if host_of(absolute) == host_of(article_url) and self.is_print_url(absolute):
                return clean_url(absolute)
        return None


# A section of an unknown site: one or two short path segments, no query ("/tin-tuc.html",
# "/chuyen-muc/kinh-te").
_SECTION_PATH = re.compile(r"^/[a-z0-9-]+(?:/[a-z0-9-]+)?(?:\.html?|\.aspx|\.php|/)?$", re.I)
_SLUG_WORD = re.compile(r"[a-z0-9]+", re.IGNORECASE)
MAX_SECTION_WORDS = 5


class GenericPlatform(Platform):
    """Any site: URL shapes and anchor text decide (the fallback of detection)."""

    family = "generic"

    def is_listing_url(self, url: str, text: str = "") -> bool:
        if super().is_listing_url(url, text):
            return True
        if self.is_article_url(url, text) or self.is_print_url(url):
            return False
        parts = urlsplit(url)
        if parts.query or not _SECTION_PATH.match(parts.path):
            return False
        last = parts.path.rstrip("/").rsplit("/", 1)[-1].rsplit(".", 1)[0]
        return len(_SLUG_WORD.findall(last)) <= MAX_SECTION_WORDS
