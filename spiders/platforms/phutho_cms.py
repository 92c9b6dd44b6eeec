"""The Phú Thọ district CMS.

Articles: /<section>/bai-viet/cat/<cat>-<catid>/id/<slug>-<id>; categories
/<section>/bai-viet/cat/<cat>-<catid>. Dates print as "Cập nhật: dd/mm/yyyy".
"""

from __future__ import annotations

import re

from spiders.platforms.base import Platform

_CAT_LINK = re.compile(r"/bai-viet/cat/", re.IGNORECASE)


class PhuThoCms(Platform):
    family = "phutho_cms"
    article_patterns = (r"/bai-viet/cat/[^/?#]+/id/[^/?#]+-\d+/?$",)  # article in a category
    listing_patterns = (
        r"/bai-viet/cat/[^/?#]+-\d+/?(?:\?[^#]*)?$",  # a category
        r"/bai-viet/cat/[^/?#]+-\d+/(?:page|trang)[-/]\d+/?$",  # a category page
    )

    @classmethod
    def detect(cls, html: str, url: str) -> bool:
        return cls.count_links(html) >= 1 or cls.count_links(html, _CAT_LINK) >= 3
