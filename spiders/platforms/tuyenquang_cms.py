"""The Tuyên Quang CMS (district portals, the provincial council site).

Articles: /<section>/<cat>/<slug>!-<id>.html; listings page as
/<section>/<cat>/trang-<n>.html.
"""

from __future__ import annotations

from spiders.platforms.base import Platform


class TuyenQuangCms(Platform):
    family = "tuyenquang_cms"
    article_patterns = (r"!-\d+\.html$",)  # "<slug>!-<id>.html"
    listing_patterns = (
        r"^/[a-z0-9-]+(?:/[a-z0-9-]+)?/trang-\d+\.html$",  # a listing page
        r"^/[a-z0-9-]+(?:/[a-z0-9-]+)?(?:\.html|/)$",  # a section or category
    )

    @classmethod
    def detect(cls, html: str, url: str) -> bool:
        return cls.count_links(html) >= 2 or bool(cls._article_re and cls._article_re.search(url))
