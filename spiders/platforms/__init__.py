"""Platform spiders: one module per CMS family, each a :class:`Platform` with named hooks.

The incremental crawler asks a source's family (``Source.platform``) where its
listings are, which links are articles and where the next page is. A source
whose family is unknown is read by the family :func:`detect_family` recognises
in its first page, else by the generic reading.
"""

from __future__ import annotations

from spiders.platforms.aspnet_mvc import AspNetMvc
from spiders.platforms.base import GenericPlatform, ListingEntry, Platform
from spiders.platforms.dcs_vn import DcsVn
from spiders.platforms.drupal_langson import DrupalLangSon
from spiders.platforms.liferay import Liferay
from spiders.platforms.newspaper import Newspaper
from spiders.platforms.nukeviet import NukeViet
from spiders.platforms.phutho_cms import PhuThoCms
from spiders.platforms.quangbinh_3cms import QuangBinh3Cms
from spiders.platforms.sharepoint_portal import SharePointPortal
from spiders.platforms.tuyenquang_cms import TuyenQuangCms

# Detection order: markup-specific families first, URL-shape families after,
# the newspaper family (recognised by host or site name) last.
DETECTION_ORDER: tuple[type[Platform], ...] = (
    SharePointPortal,
    Liferay,
    NukeViet,
    AspNetMvc,
    DrupalLangSon,
    PhuThoCms,
    TuyenQuangCms,
    QuangBinh3Cms,
    DcsVn,
    Newspaper,
)
_ALL_FAMILIES: tuple[type[Platform], ...] = (*DETECTION_ORDER, GenericPlatform)
FAMILIES: dict[str, type[Platform]] = {cls.family: cls for cls in _ALL_FAMILIES}


def get_platform(family: str | None) -> Platform:
    """The platform of a family id; the generic reading for None or an unknown id."""
    return FAMILIES.get(family or "generic", GenericPlatform)()


def detect_family(html: str, url: str) -> str:
    """The family a fetched page belongs to, "generic" when none recognises it."""
    for cls in DETECTION_ORDER:
        if cls.detect(html, url):
            return cls.family
    return GenericPlatform.family


__all__ = [
    "DETECTION_ORDER",
    "FAMILIES",
    "GenericPlatform",
    "ListingEntry",
    "Platform",
    "detect_family",
    "get_platform",
]
