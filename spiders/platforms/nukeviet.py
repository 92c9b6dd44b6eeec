"""NukeViet (VINADES), common on council (HĐND, ĐBQH) sites.

Articles: /index.php?nv=news&op=<CAT>/<Slug>-<id> (or the rewritten
/news/<cat>/<slug>-<id>.html); listings ?nv=news&op=<CAT>, then <CAT>/page-N.
The news module's front page ?nv=news lists the newest articles of every category.
"""

from __future__ import annotations

import re
from urllib.parse import unquote

from spiders.platforms.base import Platform

_NUKEVIET_MARKUP = re.compile(
    r"<meta[^>]+content=[\"']NukeViet|nv_base_siteurl|nv_siteroot|/themes/[^/\"']+/js/main\.js",
    re.IGNORECASE,
)
_NV_LINK = re.compile(r"[?&](?:amp;)?nv=[a-z]", re.IGNORECASE)
_PAGE = re.compile(r"/page-(\d+)(?:\.html)?/?(?=$|&|#)", re.IGNORECASE)


class NukeViet(Platform):
    family = "nukeviet"
    article_patterns = (
        r"[?&]nv=news&op=[^&#/]+/(?!page-\d+$)[^&#/]+-\d+(?:\.html)?$",  # query-string article
        r"/news/[^/?#]+/(?!page-\d+\.html$)[^/?#]+-\d+\.html$",  # rewritten article
    )
    listing_patterns = (
        r"[?&]nv=news(?:&op=[^&#/]+(?:/page-\d+)?)?$",  # news module, category, pager
        r"/news/[^/?#]+/?(?:page-\d+/?)?$",  # rewritten category
    )
    default_listing_paths = ("/index.php?nv=news",)

    @classmethod
    def detect(cls, html: str, url: str) -> bool:
        if _NUKEVIET_MARKUP.search(html):
            return True
        return sum(1 for _ in _NV_LINK.finditer(html)) >= 3

    def page_of(self, url: str) -> int | None:
        match = _PAGE.search(unquote(url))
        return int(match.group(1)) if match else None

    def listing_base(self, url: str) -> str:
        return _PAGE.sub("", unquote(url)).lower().split("://", 1)[-1]
