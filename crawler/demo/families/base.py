"""What every CMS family shares: the content model, the catalogue of URLs and the site builder.

A family decides its URL shapes and its markup; :func:`build_site` lays out
the listing pages (newest first, ``page_size`` a page), asks the family for
each path and page, and returns a :class:`~crawler.demo.server.Site` with the
URLs a crawler should find.
"""

from __future__ import annotations

import hashlib
from abc import ABC, abstractmethod
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from datetime import datetime, timedelta, timezone
from typing import Any, ClassVar

from crawler.demo.server import Resource, Site, html_resource

# The smallest valid GIF: photos are placeholders, only their URLs matter.
PIXEL_GIF = bytes.fromhex(
    "47494638396101000100800000000000ffffff21f90401000000002c00000000010001000002024401003b"
)

# Pages every portal links from its menu, with a line of text each.
STATIC_PAGES: tuple[tuple[str, str, str], ...] = (
    ("gioi-thieu", "Giới thiệu chung", "Điều kiện tự nhiên, lịch sử và đơn vị hành chính."),
    ("co-cau-to-chuc", "Cơ cấu tổ chức", "Lãnh đạo và các phòng, ban, đơn vị trực thuộc."),
    ("van-ban", "Văn bản chỉ đạo điều hành", "Văn bản mới ban hành đang được cập nhật."),
    ("lich-cong-tac", "Lịch công tác", "Lịch công tác tuần của lãnh đạo được cập nhật hằng tuần."),
    ("lien-he", "Liên hệ", "Mọi ý kiến đóng góp xin gửi về địa chỉ ở cuối trang."),
)

# How many newest articles a "Tin mới" sidebar shows.
SIDEBAR_COUNT = 4

VIETNAM_TZ = timezone(timedelta(hours=7), "ICT")

WEEKDAYS = ("Thứ hai", "Thứ ba", "Thứ tư", "Thứ năm", "Thứ sáu", "Thứ bảy", "Chủ nhật")


@dataclass(frozen=True)
class Image:
    file: str
    caption: str
    #: index of the paragraph the photo follows
    after: int = 0


@dataclass(frozen=True)
class Article:
    id: int
    category: str
    title: str
    published: datetime
    paragraphs: tuple[str, ...]
    byline: str | None = None
    sapo: str | None = None
    images: tuple[Image, ...] = ()
    views: int = 0
    #: labels a correct extractor gives this article (SCHEMA.md field names)
    expected: Mapping[str, Any] = field(default_factory=dict)


@dataclass(frozen=True)
class Category:
    slug: str
    name: str


@dataclass(frozen=True)
class SiteInfo:
    host: str
    family: str
    source_kind: str
    name: str
    owner: str
    province: str
    district: str | None
    slogan: str
    address: str
    phone: str
    email: str
    categories: tuple[Category, ...]
    page_size: int = 3
    #: (label, absolute URL) of other sites in the "Liên kết website" box
    links: tuple[tuple[str, str], ...] = ()

    def url(self, path: str) -> str:
        return f"http://{self.host}{path}"


class Catalog:
    """Where every article and listing page of one site lives."""

    def __init__(self, family: Family, info: SiteInfo, articles: Sequence[Article]) -> None:
        self.family = family
        self.info = info
        self.articles = sorted(articles, key=lambda a: (a.published, a.id), reverse=True)
        self.pages: dict[str, list[list[Article]]] = {}
        self.paths: dict[int, str] = {}
        size = info.page_size
        for category in info.categories:
            items = [a for a in self.articles if a.category == category.slug]
            pages = [items[i : i + size] for i in range(0, len(items), size)] or [[]]
            self.pages[category.slug] = pages
            for number, page in enumerate(pages, 1):
                for article in page:
                    self.paths[article.id] = family.article_path(self, article, number)
        missing = [a.id for a in self.articles if a.id not in self.paths]
        if missing:
            raise ValueError(f"{info.host}: articles {missing} have no known category")

    def category(self, slug: str) -> Category:
        return next(c for c in self.info.categories if c.slug == slug)

    def path(self, article: Article) -> str:
        return self.paths[article.id]

    def listing(self, category: Category, page: int = 1) -> str:
        return self.family.listing_path(self, category, page)

    def page_count(self, category: Category) -> int:
        return len(self.pages[category.slug])

    def latest(self, count: int, exclude: Article | None = None) -> list[Article]:
        return [a for a in self.articles if a is not exclude][:count]

    def related(self, article: Article, count: int) -> list[Article]:
        """The "Các tin khác" box: the newest other articles of the category.

        Like the real boxes it shows only the head of the channel, so older
        articles stay reachable through the listing pages alone.
        """
        head = self.pages[article.category][0]
        return [a for a in head if a is not article][:count]

    def image_path(self, article: Article, image: Image) -> str:
        return self.family.image_path(self, article, image)

    def counter(self, salt: str, low: int, high: int) -> int:
        """A stable made-up number (visit counters, view counts) for this site."""
        digest = hashlib.sha1(f"{self.info.host}/{salt}".encode()).digest()
        return low + int.from_bytes(digest[:4], "big") % (high - low)


class Family(ABC):
    """URL shapes and markup of one CMS family."""

    name: ClassVar[str]

    @abstractmethod
    def home_path(self) -> str: ...

    @abstractmethod
    def listing_path(self, catalog: Catalog, category: Category, page: int) -> str: ...

    @abstractmethod
    def article_path(self, catalog: Catalog, article: Article, listing_page: int) -> str: ...

    @abstractmethod
    def static_path(self, slug: str) -> str: ...

    @abstractmethod
    def render_home(self, catalog: Catalog) -> str: ...

    @abstractmethod
    def render_listing(self, catalog: Catalog, category: Category, page: int) -> str: ...

    @abstractmethod
    def render_article(self, catalog: Catalog, article: Article) -> str: ...

    @abstractmethod
    def render_static(self, catalog: Catalog, title: str, text: str) -> str: ...

    def print_path(self, catalog: Catalog, article: Article) -> str | None:
        return None

    def render_print(self, catalog: Catalog, article: Article) -> str:
        raise NotImplementedError(f"{self.name} has no print view")

    def image_path(self, catalog: Catalog, article: Article, image: Image) -> str:
        return f"/uploads/news/{article.published:%Y/%m}/{image.file}"

    def robots_txt(self, catalog: Catalog) -> str:
        return "User-agent: *\nDisallow: /admin/\n"

    def extra_resources(self, catalog: Catalog) -> dict[str, Resource]:
        """Feeds, sitemaps, redirects: whatever else the family serves."""
        return {}


@dataclass
class BuiltSite:
    site: Site
    start_urls: list[str]
    #: article id -> absolute URL
    article_urls: dict[int, str]
    listing_urls: list[str]
    #: article id -> absolute URL of its print view
    print_urls: dict[int, str]
    catalog: Catalog


def build_site(family: Family, info: SiteInfo, articles: Sequence[Article]) -> BuiltSite:
    catalog = Catalog(family, info, articles)
    site = Site(not_found_html=family.render_static(catalog, "Không tìm thấy trang", NOT_FOUND))
    site.add(family.home_path(), html_resource(family.render_home(catalog)))
    listing_urls: list[str] = []
    for category in info.categories:
        for page in range(1, catalog.page_count(category) + 1):
            path = catalog.listing(category, page)
            site.add(path, html_resource(family.render_listing(catalog, category, page)))
            listing_urls.append(info.url(path))
    print_urls: dict[int, str] = {}
    for article in catalog.articles:
        site.add(catalog.path(article), html_resource(family.render_article(catalog, article)))
        for image in article.images:
            site.add(catalog.image_path(article, image), Resource(PIXEL_GIF, headers=_GIF))
        print_path = family.print_path(catalog, article)
        if print_path is not None:
            site.add(print_path, html_resource(family.render_print(catalog, article)))
            print_urls[article.id] = info.url(print_path)
    for slug, title, text in STATIC_PAGES:
        static_page = family.render_static(catalog, title, text)
        site.add(family.static_path(slug), html_resource(static_page))
    robots = family.robots_txt(catalog).encode()
    site.add("/robots.txt", Resource(robots, headers={"Content-Type": "text/plain"}))
    for path, resource in family.extra_resources(catalog).items():
        site.add(path, resource)
    return BuiltSite(
        site=site,
        start_urls=[info.url("/")],
        article_urls={a.id: info.url(catalog.path(a)) for a in catalog.articles},
        listing_urls=listing_urls,
        print_urls=print_urls,
        catalog=catalog,
    )


_GIF = {"Content-Type": "image/gif"}
NOT_FOUND = "Trang bạn yêu cầu không tồn tại hoặc đã được chuyển sang địa chỉ khác."
