"""Party committee portals on dcs.vn (provincial and district Đảng bộ sites).

Articles: /Trang-chu/post/<id>/<slug>.aspx, or on the newer template
/<section>/<subsection>/<slug>-<id>.html.
"""

from __future__ import annotations

import re

from crawler.urls import host_of
from spiders.platforms.base import Platform

_POST_LINK = re.compile(r"/trang-chu/post/\d+/", re.IGNORECASE)


class DcsVn(Platform):
    family = "dcs_vn"
    article_patterns = (
        r"/post/\d+/[^/?#]+\.aspx$",  # "/Trang-chu/post/<id>/<slug>.aspx"
        r"^/[a-z0-9-]+/(?:[a-z0-9-]+/)?[a-z0-9]+(?:-[a-z0-9]+){4,}-\d+\.html$",  # slug-id.html
    )
    listing_patterns = (
        r"/(?:trang-chu/)?(?:chuyen-muc|category|danh-muc)/\d+/[^/?#]+\.aspx",  # a category
        r"^/[a-z0-9-]+(?:/[a-z0-9-]+)?/?(?:\?(?:page|p)=\d+)?$",  # a section
        r"/trang-\d+\.html$",  # a listing page
    )

    @classmethod
    def detect(cls, html: str, url: str) -> bool:
        host = host_of(url)
        return host.endswith(".dcs.vn") or host == "dcs.vn" or cls.count_links(
            html, _POST_LINK
        ) >= 2
