"""Provincial newspapers and broadcasters (the CMSes they run share URL shapes).

Articles end with an id: "-post<id>.html", "-a<id>.html", "-<id>.htm",
"/YYYYMM/<slug>-<id>/", "…-postid<id>.bbg"; sections are short paths that
page with ?page=N, /p-N or /trang-N.
"""

from __future__ import annotations

import re

from crawler.extraction.hosts import host_info
from spiders.platforms.base import Platform

_NEWS_KINDS = ("provincial_newspaper", "provincial_broadcaster", "national_media")
_PAPER_NAME = re.compile(
    r"<meta[^>]+property=[\"']og:site_name[\"'][^>]+content=[\"'](?:Báo|Bao|Đài|Truyền hình)",
    re.IGNORECASE,
)


class Newspaper(Platform):
    family = "newspaper"
    article_patterns = (
        r"-(?:post|postid|a|n|d|c|t|ar|art)\d{3,}\.(?:html?|bbg|aspx|vnp)$",  # id suffix
        r"/\d{6}/[^/?#]+-(?:\d{3,}|[0-9a-f]{7})/?$",  # month folder, slug-id
        r"^/[a-z0-9-]+/\d{6}/[a-z0-9-]{20,}/?$",  # section, month folder, slug
        r"^/(?:[a-z0-9-]+/)?[a-z0-9]+(?:-[a-z0-9]+){4,}-\d{4,}\.html?$",  # slug-id.html
        r"^/[a-z0-9-]+/[a-z0-9]+(?:-[a-z0-9]+){4,}/\d{4,}\.html?$",  # section/slug/id.htm
        r"^/tin-bai/[^/?#]+/[^/?#]{20,}$",  # "tin-bai" article
    )
    listing_patterns = (
        r"^/[a-z0-9-]+(?:/[a-z0-9-]+)?/?(?:\?(?:page|p)=\d+(?:&d=)?)?$",  # section, paged
        r"^/[a-z0-9-]+(?:/[a-z0-9-]+)?/(?:p|trang|page)-\d+/?$",  # section, path pager
        r"^/(?:chuyen-muc|category|topic)/[^?#]+$",  # section folders
    )

    @classmethod
    def detect(cls, html: str, url: str) -> bool:
        if host_info(url).source_kind in _NEWS_KINDS:
            return True
        return bool(_PAPER_NAME.search(html)) and cls.count_links(html) >= 5
