"""A plain district-portal layout for generated sites (benchmarks, robustness fixtures).

Unlike the family renderers it works page by page from explicit link lists,
so a site of ten thousand pages can be rendered lazily, one request at a time.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime

from crawler.demo.families.base import (
    Article,
)
from crawler.demo.families.markup import (
    anchor,
    dmy,
    esc,
    font_size_widget,
    html_page,
)


@dataclass(frozen=True)
class SiteChrome:
    host: str
    name: str
    slogan: str
    address: str
    #: the menu's "Tin tức - Sự kiện" link
    listing_href: str = "/tin-tuc"


@dataclass(frozen=True)
class ArticleLink:
    href: str
    title: str
    published: datetime


def _links(items: Sequence[ArticleLink]) -> str:
    return "".join(
        f"<li>{anchor(item.href, item.title)} "
        f'<span class="date">({dmy(item.published)})</span></li>'
        for item in items
    )


def _frame(chrome: SiteChrome, title: str, main: str, latest: Sequence[ArticleLink]) -> str:
    head = f'<meta charset="utf-8">\n<title>{esc(title)}</title>'
    body = f"""<div id="header"><a href="/" class="logo">{esc(chrome.name)}</a>
<div class="slogan">{esc(chrome.slogan)}</div>
<ul class="menu"><li><a href="/">Trang chủ</a></li>
<li>{anchor(chrome.listing_href, "Tin tức - Sự kiện")}</li></ul>
</div>
<div id="main">{main}</div>
<div id="sidebar"><h3>Tin mới</h3><ul>{_links(latest)}</ul>
<div class="thong-ke"><h3>Thống kê truy cập</h3><p>Đang online: 27</p></div></div>
<div id="footer">{esc(chrome.name)} - Địa chỉ: {esc(chrome.address)}</div>"""
    return html_page(head, body)


def listing_page(
    chrome: SiteChrome,
    title: str,
    items: Sequence[ArticleLink],
    pages: Sequence[tuple[str, int]],
    current: int,
    latest: Sequence[ArticleLink],
    extra_html: str = "",
) -> str:
    """A listing: the items, then links to the listing pages ``pages`` ((href, number))."""
    paging = " ".join(
        f"<b>{number}</b>" if number == current else anchor(href, str(number))
        for href, number in pages
    )
    main = (
        f'<h1>{esc(title)}</h1><ul class="news-list">{_links(items)}</ul>'
        f'<div class="paging">Trang: {paging}</div>{extra_html}'
    )
    return _frame(chrome, f"{title} - {chrome.name}", main, latest)


def article_page(
    chrome: SiteChrome,
    article: Article,
    others: Sequence[ArticleLink],
    latest: Sequence[ArticleLink],
    print_href: str | None,
    extra_html: str = "",
) -> str:
    paragraphs = "".join(f"<p>{esc(p)}</p>" for p in article.paragraphs)
    byline = f'<p class="author">{esc(article.byline)}</p>' if article.byline else ""
    printing = anchor(print_href, "In bài viết") if print_href else ""
    main = f"""<h1 class="title">{esc(article.title)}</h1>
<div class="date">Ngày đăng: {dmy(article.published)} {article.published:%H:%M}</div>
{font_size_widget()}
<div class="content">{paragraphs}{byline}</div>
<div class="tools">{printing}</div>{extra_html}
<div class="other-news"><h3>Các tin khác</h3><ul>{_links(others)}</ul></div>"""
    return _frame(chrome, article.title, main, latest)


def print_page(chrome: SiteChrome, article: Article) -> str:
    paragraphs = "".join(f"<p>{esc(p)}</p>" for p in article.paragraphs)
    byline = f"<p><b>{esc(article.byline)}</b></p>" if article.byline else ""
    body = (
        f'<div class="print-header">{esc(chrome.name)}</div><h1>{esc(article.title)}</h1>'
        f"<div>Ngày đăng: {dmy(article.published)}</div>{paragraphs}{byline}"
    )
    return html_page(f'<meta charset="utf-8">\n<title>{esc(article.title)}</title>', body)
