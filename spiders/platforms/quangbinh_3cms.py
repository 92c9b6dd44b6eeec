"""The "3cms" of Quảng Bình portals.

Articles: /3cms/<headline-slug>-<id>.htm; categories use the same folder with
short slugs; print views /3cms/Ban-in-<n>.htm?art=<timestamp>, whose timestamp
is read from the article's links.
"""

from __future__ import annotations

import re

from spiders.platforms.base import Platform

_3CMS_LINK = re.compile(r"/3cms/", re.IGNORECASE)


class QuangBinh3Cms(Platform):
    family = "quangbinh_3cms"
    article_patterns = (
        r"/3cms/(?!ban-in-)[a-z0-9]+(?:-[a-z0-9]+){4,}-\d+\.htm$",  # headline slug and id
    )
    listing_patterns = (
        r"/3cms/(?!ban-in-)[a-z0-9]+(?:-[a-z0-9]+){0,4}\.htm(?:\?(?:page|p|trang)=\d+)?$",
    )
    print_patterns = (r"/3cms/ban-in-\d+\.htm\?art=\d+",)

    @classmethod
    def detect(cls, html: str, url: str) -> bool:
        return cls.count_links(html, _3CMS_LINK) >= 3
