"""ASP.NET MVC district portals (the Điện Biên district template).

Listings: /TinTuc?PageIndex=N. An article link carries the index of the
listing page it sits on: /TinTuc/View/<Slug>?PageIndex=<n>, where the slug
keeps the title's case and turns each space or hyphen into "-" (so
"2021 - 2026" becomes "2021---2026"). A bare dd/mm/yyyy date sits under the
title.
"""

from __future__ import annotations

import re

from crawler.demo.families.base import (
    Article,
    Catalog,
    Category,
    Family,
    Image,
)
from crawler.demo.families.markup import (
    anchor,
    body_paragraphs,
    dmy,
    esc,
    font_size_widget,
    html_page,
    meta_head,
    share_widget,
)
from crawler.demo.families.widgets import (
    article_entry,
    category_blocks,
    if_text,
    listing_items,
    pager,
    related_box,
    sidebar,
    site_menu,
    static_paragraphs,
)
from crawler.demo.server import Resource, html_resource
from crawler.textnorm import strip_diacritics

_SEPARATOR = re.compile(r"[\s\-]")
_DROPPED = re.compile(r"[^A-Za-z0-9\-]")
MAIN_LISTING = "TinTuc"
_TODAY_SCRIPT = "<script>document.write(new Date().toLocaleDateString('vi-VN'))</script>"
_HOME_ITEM = '<li class="nav-item"><a class="nav-link" href="/">TRANG CHỦ</a></li>'
_MENU_ITEM = '<li class="nav-item"><a class="nav-link" href="{href}">{label}</a></li>'
# PagedList pager items: the link to the previous page, the page shown, the link to the next.
_PREVIOUS_PAGE = '<li class="PagedList-skipToPrevious"><a href="{href}" rel="prev">«</a></li>'
_CURRENT_PAGE = '<li class="active"><a>{number}</a></li>'
_NEXT_PAGE = '<li class="PagedList-skipToNext"><a href="{href}" rel="next">»</a></li>'
_LATEST_BOX = (
    '<div class="card box-tin-moi"><div class="card-header">Tin mới</div>'
    '<ul class="list-group">{items}</ul></div>'
)
_OTHERS_BOX = '<div class="other-news"><h3>Các tin đã đưa</h3><ul>{items}</ul></div>'
_HOME_BLOCK = (
    '<div class="home-block"><h2 class="block-title"><a href="{href}">{label}</a></h2>{items}'
    '<a class="xem-them" href="{href}">Xem thêm</a></div>'
)
_entry = article_entry(
    '<div class="news-item row"><div class="col-md-12"><a class="news-title" href="{href}">'
    '{title}</a><div class="news-date">{published:%d/%m/%Y}</div>'
    '<div class="news-desc">{summary}</div></div></div>'
)


def mvc_slug(title: str, max_length: int = 110) -> str:
    """Each space or hyphen becomes "-", other punctuation disappears, case is kept."""
    slug = _DROPPED.sub("", _SEPARATOR.sub("-", strip_diacritics(title)))
    return slug[:max_length].rstrip("-")


class AspNetMvc(Family):
    name = "aspnet_mvc"

    def home_path(self) -> str:
        return "/"

    def listing_path(self, catalog: Catalog, category: Category, page: int) -> str:
        base = "/TinTuc" if category.slug == MAIN_LISTING else f"/TinTuc/ChuyenMuc/{category.slug}"
        return base if page == 1 else f"{base}?PageIndex={page}"

    def article_path(self, catalog: Catalog, article: Article, listing_page: int) -> str:
        return f"/TinTuc/View/{mvc_slug(article.title)}?PageIndex={listing_page}"

    def static_path(self, slug: str) -> str:
        return f"/GioiThieu/{slug}"

    def image_path(self, catalog: Catalog, article: Article, image: Image) -> str:
        return f"/Upload/TinTuc/{article.published:%Y%m%d}/{image.file}"

    def robots_txt(self, catalog: Catalog) -> str:
        return "User-agent: *\nDisallow: /Admin/\nDisallow: /Account/\n"

    def extra_resources(self, catalog: Catalog) -> dict[str, Resource]:
        form = (
            '<form action="/Account/Login" method="post"><h2>Đăng nhập hệ thống</h2>'
            '<input name="UserName" placeholder="Tên đăng nhập">'
            '<input name="Password" type="password" placeholder="Mật khẩu">'
            '<button type="submit">Đăng nhập</button></form>'
        )
        return {"/Account/Login": html_resource(self._frame(catalog, "Đăng nhập", form))}

    # -- pages ---------------------------------------------------------------
    def _frame(self, catalog: Catalog, title: str, main: str) -> str:
        info = catalog.info
        menu = site_menu(catalog, self, _HOME_ITEM, _MENU_ITEM)
        head = meta_head(
            f"{title} | {info.name}",
            '<link href="/Content/bootstrap.css" rel="stylesheet">\n'
            '<script src="/Scripts/jquery-3.4.1.min.js"></script>',
        )
        side = sidebar(catalog, _LATEST_BOX, "%d/%m/%Y")
        body = f"""<div class="top-bar"><span class="today">{_TODAY_SCRIPT}</span>
<a href="/Account/Login">Đăng nhập</a></div>
<div class="banner"><img src="/Images/banner.png" alt="{esc(info.name)}">
<h1 class="banner-title">{esc(info.name.upper())}</h1>
<div class="banner-slogan">{esc(info.slogan)}</div></div>
<nav class="navbar navbar-expand-lg"><ul class="navbar-nav">
{menu}</ul>
<form action="/TimKiem" method="get"><input name="tukhoa" placeholder="Nhập từ khóa"></form></nav>
<div class="container body-content"><div class="row">
<div class="col-md-9">{main}</div><div class="col-md-3">{side}</div></div></div>
<footer class="footer"><p>Bản quyền thuộc {esc(info.owner)}</p>
<p>Địa chỉ: {esc(info.address)}</p>
<p>Điện thoại: {esc(info.phone)} | Email: {esc(info.email)}</p></footer>"""
        return html_page(head, body)

    def render_home(self, catalog: Catalog) -> str:
        return self._frame(catalog, "Trang chủ", category_blocks(catalog, _entry, _HOME_BLOCK))

    def render_listing(self, catalog: Catalog, category: Category, page: int) -> str:
        items = listing_items(catalog, category, page, _entry)
        links = pager(
            catalog,
            category,
            page,
            current=_CURRENT_PAGE,
            previous=_PREVIOUS_PAGE,
            following=_NEXT_PAGE,
        )
        main = (
            f'<ol class="breadcrumb"><li><a href="/">Trang chủ</a></li><li class="active">'
            f"{esc(category.name)}</li></ol>{items}"
            f'<div class="pagination-container"><ul class="pagination">{links}</ul></div>'
        )
        return self._frame(catalog, category.name, main)

    def _figure(self, src: str, image: Image) -> str:
        return (
            f'<p style="text-align:center"><img src="{esc(src)}" style="width:600px"><br>'
            f"<em>{esc(image.caption)}</em></p>"
        )

    def render_article(self, catalog: Catalog, article: Article) -> str:
        category = catalog.category(article.category)
        sapo = if_text('<div class="news-sapo"><strong>{text}</strong></div>', article.sapo)
        byline = if_text(
            '<p style="text-align:right"><strong><em>{text}</em></strong></p>', article.byline
        )
        main = f"""<ol class="breadcrumb"><li><a href="/">Trang chủ</a></li>
<li>{anchor(catalog.listing(category), category.name)}</li></ol>
<div class="news-detail">
<h2 class="news-detail-title">{esc(article.title)}</h2>
<div class="news-detail-date">{dmy(article.published)}</div>
{font_size_widget()}
{sapo}
<div class="news-detail-content">
{body_paragraphs(catalog, article, self._figure)}
{byline}
</div>
{share_widget(None)}
</div>
{related_box(catalog, article, _OTHERS_BOX)}"""
        return self._frame(catalog, article.title, main)

    def render_static(self, catalog: Catalog, title: str, text: str) -> str:
        paragraphs = static_paragraphs(catalog, text)
        return self._frame(catalog, title, f'<h2 class="page-title">{esc(title)}</h2>{paragraphs}')
