"""The demo web: district portals and a provincial newspaper of different CMS families.

Hosts are the real-looking names (the product classifies a source by its
host), but every page is written for this project and served only by the
local :class:`~crawler.demo.server.VirtualWeb`.

>>> from crawler.demo.server import VirtualWeb
>>> with VirtualWeb(build_demo_web()) as web:   # doctest: +SKIP
...     proxy = web.url                         # use as http_proxy for DEMO_START_URLS
"""

from __future__ import annotations

from typing import Any

from crawler.demo.content import load_all
from crawler.demo.families import FAMILIES
from crawler.demo.families.base import BuiltSite, build_site
from crawler.demo.server import Site, VirtualWeb


def build_all() -> dict[str, BuiltSite]:
    """Every demo site, freshly built (sites are mutable, so each call builds new ones)."""
    built = {}
    for info, articles in load_all():
        built[info.host] = build_site(FAMILIES[info.family], info, articles)
    return built


def build_demo_web() -> dict[str, Site]:
    """host -> Site of every demo site."""
    return {host: built.site for host, built in build_all().items()}


def demo_virtual_web() -> VirtualWeb:
    """A not yet started server of the demo web."""
    return VirtualWeb(build_demo_web())


#: The home page of every demo site.
DEMO_START_URLS: list[str] = [f"http://{info.host}/" for info, _articles in load_all()]
DEMO_HOSTS: list[str] = [info.host for info, _articles in load_all()]


def expected_articles() -> list[dict[str, Any]]:
    """URL, page facts and expected meeting labels of every article page served."""
    rows = []
    for built in build_all().values():
        catalog = built.catalog
        info = catalog.info
        for article in catalog.articles:
            row: dict[str, Any] = {
                "url": built.article_urls[article.id],
                "print_url": built.print_urls.get(article.id),
                "family": info.family,
                "source": info.host,
                "source_kind": info.source_kind,
                "source_name": info.name,
                "title": article.title,
                "published": article.published.date().isoformat(),
                "author_raw": article.byline,
            }
            row.update(article.expected)
            rows.append(row)
    return rows


def listing_and_article_urls() -> dict[str, set[str]]:
    """host -> absolute URLs of its listing pages and article pages."""
    return {
        host: set(built.listing_urls) | set(built.article_urls.values())
        for host, built in build_all().items()
    }
