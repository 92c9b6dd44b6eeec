"""ASP.NET MVC district portals (the Điện Biên template).

Listings /TinTuc?PageIndex=N (and /TinTuc/ChuyenMuc/<cat>); an article link
carries the listing page it sits on: /TinTuc/View/<Slug>?PageIndex=<n>. The
parameter moves as new articles push old ones down, so it is not part of the
article's identity.
"""

from __future__ import annotations

import re

from spiders.platforms.base import Platform

_PAGE_INDEX = re.compile(r"pageindex=", re.IGNORECASE)
_MVC_MARKUP = re.compile(r"__RequestVerificationToken|/bundles/|/Content/site\.css", re.I)


class AspNetMvc(Platform):
    family = "aspnet_mvc"
    article_patterns = (r"/tintuc/view/[^/?#]+",)  # article view
    listing_patterns = (
        r"/tintuc/?(?:\?pageindex=\d+)?$",  # the news list
        r"/tintuc/(?:chuyenmuc|danhmuc|loai)/[^/?#]+/?(?:\?pageindex=\d+)?$",  # a category
    )
    default_listing_paths = ("/TinTuc",)

    @classmethod
    def detect(cls, html: str, url: str) -> bool:
        links = cls.count_links(html)
        return links >= 2 or (links >= 1 and bool(_MVC_MARKUP.search(html)))

    def article_key_url(self, url: str) -> str:
        if not self.is_article_url(url):
            return url
        # Only the PageIndex parameter goes; the rest of the URL stays as the site wrote it.
        base, _, query = url.partition("?")
        kept = [part for part in query.split("&") if part and not _PAGE_INDEX.match(part)]
        return f"{base}?{'&'.join(kept)}" if kept else base
