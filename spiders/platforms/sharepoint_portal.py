"""SharePoint: the "portal" product of provincial and district portals, and list sites.

Articles: /portal/Pages/YYYY-M-D/<Title-Slug><6 chars>.aspx (date not
zero-padded); on list sites /Lists/<List>/View_Detail.aspx?ItemID=<n>,
/Pages/noi-dung-tin.aspx?NewsID=<n> or /Pages/glp-<slug>-glpnd-<id>-….html.
Channels: /portal/KenhTin/<Name>.aspx. Print view: /portal/pages/print.aspx?p=<id>,
whose id is not in the article URL, so it is read from the article's links.
"""

from __future__ import annotations

import re

from spiders.platforms.base import Platform

_GENERATOR = re.compile(r"<meta[^>]+content=[\"']Microsoft SharePoint", re.IGNORECASE)
_SHAREPOINT_MARKUP = re.compile(r"/_layouts/(?:\d+/)?|_spPageContextInfo|s4-workspace", re.I)


class SharePointPortal(Platform):
    family = "sharepoint_portal"
    article_patterns = (
        r"/portal/pages/\d{4}-\d{1,2}-\d{1,2}/[^/?#]+\.aspx$",  # portal article, dated folder
        r"/lists/[^/]+/view_detail\.aspx\?(?:[^#]*&)?itemid=\d+",  # list item view
        r"/pages/noi-dung-tin\.aspx\?(?:[^#]*&)?newsid=\d+",  # news page by id
        r"/pages/[^/?#]*-glpnd-\d+[^/?#]*\.html$",  # "glp" rewritten page
    )
    listing_patterns = (
        r"/portal/kenhtin/[^/?#]+\.aspx(?:\?(?:page|p)=\d+)?$",  # portal channel
        r"/lists/[^/]+/(?:allitems|view_list|danhsach)[^/?#]*\.aspx",  # list views
        r"/pages/(?:tin-tuc|danh-sach-tin)[^/?#]*\.aspx",  # news list pages
    )
    print_patterns = (r"/portal/pages/print\.aspx\?p=\d+",)

    @classmethod
    def detect(cls, html: str, url: str) -> bool:
        if _GENERATOR.search(html):
            return True
        return bool(_SHAREPOINT_MARKUP.search(html)) and cls.count_links(html) >= 1
