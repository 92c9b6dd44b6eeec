"""Renderers of the CMS families Vietnamese local sites run (see each module)."""

from __future__ import annotations

from crawler.demo.families.aspnet_mvc import AspNetMvc
from crawler.demo.families.base import (
    Family,
)
from crawler.demo.families.drupal_langson import DrupalLangSon
from crawler.demo.families.liferay import Liferay
from crawler.demo.families.newspaper import Newspaper
from crawler.demo.families.nukeviet import NukeViet
from crawler.demo.families.sharepoint_portal import SharePointPortal
from crawler.demo.families.table_layout import TableLayout

FAMILIES: dict[str, Family] = {
    family.name: family
    for family in (
        SharePointPortal(),
        Liferay(),
        NukeViet(),
        AspNetMvc(),
        DrupalLangSon(),
        TableLayout(),
        Newspaper(),
    )
}

__all__ = ["FAMILIES", "Family"]
