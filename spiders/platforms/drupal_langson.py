"""The Drupal template of Lạng Sơn district sites (and Drupal sites like it).

Every page opens with a "Skip to main content" link. Articles sit at a bare
/<long-slug> or /<slug>-<nid>-<nid>; listings page with Drupal's zero-based
?page=N (the second page is ?page=1); print views at /bm/print/<nid>, whose
nid is read from the article's links.
"""

from __future__ import annotations

import re
from urllib.parse import parse_qsl, urlsplit

from spiders.platforms.base import Platform

_SKIP_LINK = re.compile(r"skip to main content|chuyển đến nội dung chính", re.IGNORECASE)
_DRUPAL_MARKUP = re.compile(
    r"/bm/print/\d+|<meta[^>]+content=[\"']Drupal|/sites/default/files/|drupal-settings-json|"
    r"Drupal\.settings",
    re.IGNORECASE,
)


class DrupalLangSon(Platform):
    family = "drupal_langson"
    article_patterns = (
        r"^/[a-z0-9]+(?:-[a-z0-9]+){5,}/?$",  # a headline slug of six words or more
        r"^/[a-z0-9-]+-\d+-\d+/?$",  # slug with node ids
        r"^/node/\d+/?$",  # plain node path
    )
    listing_patterns = (
        r"^/[a-z0-9]+(?:-[a-z0-9]+){0,4}/?(?:\?page=\d+)?$",  # a short section path
        r"^/taxonomy/term/\d+",  # a term page
    )
    print_patterns = (r"/bm/print/\d+",)
    first_page = 0

    @classmethod
    def detect(cls, html: str, url: str) -> bool:
        return bool(_SKIP_LINK.search(html)) and bool(_DRUPAL_MARKUP.search(html))

    def page_of(self, url: str) -> int | None:
        for key, value in parse_qsl(urlsplit(url).query):
            if key == "page" and value.isdigit():
                return int(value)
        return None
