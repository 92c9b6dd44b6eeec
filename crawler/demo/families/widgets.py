"""Chrome and lists every family prints in its own markup: menus, article lists, pagers, boxes.

A family passes templates: the markup of one item or of the box around a list,
with ``{href}``, ``{label}``, ``{upper_label}`` (the label in capitals),
``{number}`` or ``{items}`` fields. An article entry's template may also use
``{title}``, ``{summary}``, ``{views}``, ``{thumb}`` and ``{published:<strftime
format>}``. The widget fills in the site's categories, articles, page numbers
and contact details, so each family module renders only what is its own.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence

from crawler.demo.families.base import (
    SIDEBAR_COUNT,
    STATIC_PAGES,
    Article,
    Catalog,
    Category,
    Family,
    SiteInfo,
)
from crawler.demo.families.markup import (
    counter_box,
    esc,
    external_links,
    link_list,
    poll_box,
    short_text,
    static_text,
)

# A family's markup of one article in a list: (catalog, article) -> html.
ItemRenderer = Callable[[Catalog, Article], str]

#: A menu entry: <li> around a link to a category listing.
MENU_ITEM = '<li><a href="{href}">{label}</a></li>'
#: A page number in a pager: the current page and a link to another.
PAGE_LINK = '<li><a href="{href}">{number}</a></li>'
#: How many other articles of its category an article page lists.
RELATED_COUNT = 5
#: The date after each title of an "other news" box.
RELATED_DATE = "(%d/%m/%Y)"


def _link_item(template: str, href: str, label: str) -> str:
    return template.format(href=esc(href), label=esc(label), upper_label=esc(label.upper()))


def category_menu(catalog: Catalog, item: str = MENU_ITEM) -> str:
    """One menu entry per category of the site, in the site's order."""
    return "".join(
        _link_item(item, catalog.listing(category), category.name)
        for category in catalog.info.categories
    )


def static_menu(family: Family, item: str = MENU_ITEM) -> str:
    """The menu entries every portal has (introduction, documents, contact)."""
    return "".join(
        _link_item(item, family.static_path(slug), label) for slug, label, _text in STATIC_PAGES
    )


def site_menu(
    catalog: Catalog,
    family: Family,
    home: str,
    item: str = MENU_ITEM,
    static_item: str = MENU_ITEM,
) -> str:
    """The main menu: the family's home entry, the categories, then the static pages."""
    return f"{home}{category_menu(catalog, item)}{static_menu(family, static_item)}"


def article_entry(template: str, thumb: str = "") -> ItemRenderer:
    """A family's markup of one article in a listing, from its template.

    ``thumb`` (with ``{href}`` and ``{src}``) shows the first photo of an
    article that has one; the entry template places it as ``{thumb}``.
    """

    def render(catalog: Catalog, article: Article) -> str:
        href = esc(catalog.path(article))
        photo = ""
        if thumb and article.images:
            src = esc(catalog.image_path(article, article.images[0]))
            photo = thumb.format(href=href, src=src)
        return template.format(
            href=href,
            title=esc(article.title),
            published=article.published,
            views=article.views,
            summary=esc(short_text(article)),
            thumb=photo,
        )

    return render


def listing_items(catalog: Catalog, category: Category, page: int, item: ItemRenderer) -> str:
    """The articles of one listing page (page 1 is what the home page shows)."""
    return "".join(item(catalog, article) for article in catalog.pages[category.slug][page - 1])


def category_blocks(catalog: Catalog, item: ItemRenderer, block: str) -> str:
    """The home page's block per category: its heading link and its newest articles."""
    return "".join(
        block.format(
            href=esc(catalog.listing(category)),
            label=esc(category.name),
            upper_label=esc(category.name.upper()),
            items=listing_items(catalog, category, 1, item),
        )
        for category in catalog.info.categories
    )


def link_box(catalog: Catalog, articles: Sequence[Article], box: str, date_format: str) -> str:
    """A box of dated article links: ``box`` with the <li> items as ``{items}``."""
    return box.format(items=link_list(catalog, articles, date_format))


def latest_box(catalog: Catalog, box: str, date_format: str) -> str:
    """The "Tin mới" box: the site's newest articles."""
    return link_box(catalog, catalog.latest(SIDEBAR_COUNT), box, date_format)


def related_box(
    catalog: Catalog, article: Article, box: str, date_format: str = RELATED_DATE
) -> str:
    """The "Các tin khác" box under an article: the newest others of its category."""
    return link_box(catalog, catalog.related(article, RELATED_COUNT), box, date_format)


def side_boxes(catalog: Catalog, *, poll: bool = False) -> str:
    """The boxes under a portal's sidebar: a poll (some families), the counter, the links."""
    opening = poll_box() if poll else ""
    return f"{opening}{counter_box(catalog)}{external_links(catalog.info)}"


def sidebar(catalog: Catalog, latest: str, date_format: str, *, poll: bool = False) -> str:
    """A portal's sidebar: its "Tin mới" box (template ``latest``), then the side boxes."""
    return f"{latest_box(catalog, latest, date_format)}{side_boxes(catalog, poll=poll)}"


def pager(
    catalog: Catalog,
    category: Category,
    page: int,
    *,
    current: str,
    other: str = PAGE_LINK,
    previous: str = "",
    following: str = "",
    separator: str = "",
) -> str:
    """A listing's pager: "previous", one item per page, "next", each only where it leads somewhere.

    ``current`` marks ``page``, ``other`` links the rest; ``previous`` and
    ``following`` (with ``{href}``) are left out when empty.
    """
    links = []
    if previous and page > 1:
        links.append(previous.format(href=esc(catalog.listing(category, page - 1))))
    links += [
        (current if number == page else other).format(
            number=number, href=esc(catalog.listing(category, number))
        )
        for number in range(1, catalog.page_count(category) + 1)
    ]
    if following and page < catalog.page_count(category):
        links.append(following.format(href=esc(catalog.listing(category, page + 1))))
    return separator.join(links)


def if_text(template: str, text: str | None) -> str:
    """``template`` around the escaped ``text`` (as ``{text}``), or nothing when there is none."""
    return template.format(text=esc(text)) if text else ""


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
