"""Chrome every family prints in its own markup: menus, sidebars, pagers, footers, static text.

A family passes the markup of one item (a template with ``{href}``, ``{label}`` or
``{number}``); the widget fills in the site's categories, newest articles, page
numbers and contact details, so each family module renders only what is its own.
"""

from __future__ import annotations

from collections.abc import Callable

from crawler.demo.families.base import SIDEBAR_COUNT, Article, Catalog, Category, Family, SiteInfo
from crawler.demo.families.markup import (
    counter_box,
    esc,
    external_links,
    link_list,
    poll_box,
    static_menu,
    static_text,
)

# A family's markup of one article in a list: (catalog, article) -> html.
ItemRenderer = Callable[[Catalog, Article], str]

#: A menu entry: <li> around a link to a category listing.
MENU_ITEM = '<li><a href="{href}">{label}</a></li>'
#: A page number in a pager: the current page and a link to another.
PAGE_LINK = '<li><a href="{href}">{number}</a></li>'


def category_menu(catalog: Catalog, item: str = MENU_ITEM) -> str:
    """One menu entry per category of the site, in the site's order."""
    return "".join(
        item.format(href=esc(catalog.listing(category)), label=esc(category.name))
        for category in catalog.info.categories
    )


def site_menu(catalog: Catalog, family: Family, home: str, item: str = MENU_ITEM) -> str:
    """The main menu: the family's home entry, the categories, then the static pages."""
    return f"{home}{category_menu(catalog, item)}{static_menu(family)}"


def listing_items(catalog: Catalog, category: Category, page: int, item: ItemRenderer) -> str:
    """The articles of one listing page (page 1 is what the home page shows)."""
    return "".join(item(catalog, article) for article in catalog.pages[category.slug][page - 1])


def latest_links(catalog: Catalog, date_format: str) -> str:
    """<li> items of the "Tin mới" sidebar box: the site's newest articles."""
    return link_list(catalog, catalog.latest(SIDEBAR_COUNT), date_format)


def side_boxes(catalog: Catalog, *, poll: bool = False) -> str:
    """The boxes under a portal's sidebar: a poll (some families), the counter, the links."""
    opening = poll_box() if poll else ""
    return f"{opening}{counter_box(catalog)}{external_links(catalog.info)}"


def page_numbers(
    catalog: Catalog, category: Category, page: int, *, current: str, other: str = PAGE_LINK
) -> list[str]:
    """One pager item per listing page: ``current`` for ``page``, ``other`` for the rest."""
    return [
        (current if number == page else other).format(
            number=number, href=esc(catalog.listing(category, number))
        )
        for number in range(1, catalog.page_count(category) + 1)
    ]


def next_page(catalog: Catalog, category: Category, page: int, item: str) -> list[str]:
    """The pager's "next" item, when there is a next page."""
    if page >= catalog.page_count(category):
        return []
    return [item.format(href=esc(catalog.listing(category, page + 1)))]


def static_paragraphs(catalog: Catalog, text: str) -> str:
    """The paragraphs of a static page (introduction, contact), address last."""
    return "".join(f"<p>{esc(paragraph)}</p>" for paragraph in static_text(catalog, text))


def owner_line(info: SiteInfo) -> str:
    return f"Cơ quan chủ quản: {esc(info.owner)}"


def contact_line(info: SiteInfo, separator: str = " - ") -> str:
    """ "Địa chỉ: ... - Điện thoại: ... - Email: ..." as footers print it."""
    return separator.join(
        (
            f"Địa chỉ: {esc(info.address)}",
            f"Điện thoại: {esc(info.phone)}",
            f"Email: {esc(info.email)}",
        )
    )
