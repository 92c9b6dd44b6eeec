"""Liferay portals (asset publisher and web content portlets).

Articles: /<page>/-/view_content/<id>-<slug>.html,
/<page>/-/asset_publisher/<instance>/content/<slug>, /noi-dung/-/cms-icbt/<cat>/bai-viet/<id>.
Listings page through the portlet's own query parameters (p_p_id=…&_<portlet>_cur=N), so a
listing is matched to its pages by path alone.
"""

from __future__ import annotations

import re

from spiders.platforms.base import Platform

_LIFERAY_MARKUP = re.compile(
    r"/o/frontend-js|/html/js/liferay|\bLiferay\.(?:ThemeDisplay|Portlet|Loader|AUI)|"
    r"themeDisplay|\bp_p_id=|portlet-boundary",
    re.IGNORECASE,
)


class Liferay(Platform):
    family = "liferay"
    article_patterns = (
        r"/-/view_content/\d+",  # web content display
        r"/-/asset_publisher/[^/?#]+/content/[^/?#]+",  # asset publisher article
        r"/-/cms-icbt/.+/bai-viet/\d+",  # cms-icbt article
    )
    listing_patterns = (
        r"[?&]p_p_id=[^&#]+",  # portlet query (paged listing)
        r"_cur=\d+",  # portlet pager
        r"/-/asset_publisher/[^/?#]+/?(?:\?|$)",  # asset publisher list
        r"[?&](?:\w+_)?categoryid=\d+",  # category filter
        r"^/(?:web/[^/?#]+/)?[a-z0-9-]+/?$",  # a page of the site (channel)
    )

    @classmethod
    def detect(cls, html: str, url: str) -> bool:
        return bool(_LIFERAY_MARKUP.search(html)) or cls.count_links(html) >= 2
