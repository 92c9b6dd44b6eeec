"""The SharePoint "portal" product many provincial and district portals run.

Articles live at /portal/Pages/YYYY-M-D/<Title-Slug><6 chars>.aspx (date not
zero-padded), channels at /portal/KenhTin/<Name>.aspx with ?Page=N, print
views at /portal/pages/print.aspx?p=<id>; the root redirects to
/portal/Pages/default.aspx. Body text sits in div.article-content under an
"Đăng lúc: dd/mm/yyyy (GMT+7)" line.
"""

from __future__ import annotations

from crawler.demo.families.base import (
    Article,
    Catalog,
    Category,
    Family,
    Image,
)
from crawler.demo.families.markup import (
    ascii_slug,
    body_paragraphs,
    dmy,
    esc,
    font_size_widget,
    html_page,
    meta_head,
    share_widget,
    short_hash,
)
from crawler.demo.families.widgets import (
    article_entry,
    category_blocks,
    if_text,
    listing_items,
    owner_line,
    pager,
    related_box,
    sidebar,
    site_menu,
    static_paragraphs,
)
from crawler.demo.server import Resource

_VIEWSTATE = "/wEPDwUKMTY1NDU2MTA1Mg9kFgJmD2QWAgIBD2QWBAIBD2QWAgIFD2QWAmYPZBYCAgEPFgIeBFRleHQF"
_LATEST_BOX = '<div class="box tin-moi"><h3>Tin mới</h3><ul>{items}</ul></div>'
_OTHERS_BOX = '<div class="other-news"><h3>Các tin khác</h3><ul>{items}</ul></div>'
_CHANNEL = (
    '<div class="channel"><h2 class="channel-title"><a href="{href}">{label}</a></h2>{items}'
    '<a class="more" href="{href}">Xem tiếp</a></div>'
)
_entry = article_entry(
    '<div class="news-item">{thumb}<h2><a href="{href}">{title}</a></h2>'
    '<span class="date">{published:%d/%m/%Y}</span><p>{summary}</p></div>',
    thumb='<img class="thumb" src="{src}" alt="">',
)


class SharePointPortal(Family):
    name = "sharepoint_portal"

    def home_path(self) -> str:
        return "/portal/Pages/default.aspx"

    def listing_path(self, catalog: Catalog, category: Category, page: int) -> str:
        base = f"/portal/KenhTin/{category.slug}.aspx"
        return base if page == 1 else f"{base}?Page={page}"

    def article_path(self, catalog: Catalog, article: Article, listing_page: int) -> str:
        day = article.published
        slug = ascii_slug(article.title, keep_case=True, max_length=80)
        suffix = short_hash(f"{catalog.info.host}:{article.id}")
        return f"/portal/Pages/{day.year}-{day.month}-{day.day}/{slug}{suffix}.aspx"

    def print_path(self, catalog: Catalog, article: Article) -> str | None:
        return f"/portal/pages/print.aspx?p={article.id}"

    def static_path(self, slug: str) -> str:
        return f"/portal/Pages/{slug}.aspx"

    def image_path(self, catalog: Catalog, article: Article, image: Image) -> str:
        return f"/portal/Photos/{article.published:%Y-%m}/{image.file}"

    def robots_txt(self, catalog: Catalog) -> str:
        return "User-agent: *\nDisallow: /_layouts/\nDisallow: /_vti_bin/\nDisallow: /_catalogs/\n"

    def extra_resources(self, catalog: Catalog) -> dict[str, Resource]:
        # The site root is a redirect, as on the real product.
        return {"/": Resource(status=302, redirect_to=catalog.info.url(self.home_path()))}

    # -- pages ---------------------------------------------------------------
    def _frame(self, catalog: Catalog, title: str, main: str) -> str:
        info = catalog.info
        menu = site_menu(catalog, self, f'<li><a href="{self.home_path()}">Trang chủ</a></li>')
        head = meta_head(
            title,
            '<meta name="GENERATOR" content="Microsoft SharePoint">\n'
            '<meta http-equiv="X-UA-Compatible" content="IE=10">\n'
            '<link rel="stylesheet" href="/_layouts/15/1033/styles/Themable/corev15.css">\n'
            '<script src="/_layouts/15/init.js"></script>',
        )
        side = sidebar(catalog, _LATEST_BOX, "(%d/%m/%Y)", poll=True)
        body = f"""<form method="post" action="./default.aspx" id="aspnetForm">
<input type="hidden" name="__VIEWSTATE" id="__VIEWSTATE" value="{_VIEWSTATE}">
<div id="s4-workspace"><div id="s4-bodyContainer">
<div class="header"><div class="banner">
<a href="{self.home_path()}">
<img src="/portal/PublishingImages/banner.jpg" alt="{esc(info.name)}"></a>
<div class="site-name">{esc(info.name)} - {esc(info.province)}</div></div>
<div class="slogan"><marquee scrollamount="3">{esc(info.slogan.upper())}</marquee></div>
<div class="top-menu"><ul>{menu}</ul>
<div class="search-box"><input type="text" name="k" placeholder="Tìm kiếm..."></div></div>
</div>
<div class="main-content"><div class="left-col">{main}</div>
<div class="right-col">{side}</div></div>
<div class="footer"><p><b>{esc(info.name.upper())}</b></p>
<p>{owner_line(info)}</p><p>Địa chỉ: {esc(info.address)}</p>
<p>Điện thoại: {esc(info.phone)} - Email: {esc(info.email)}</p>
<p>Ghi rõ nguồn "{esc(info.name)}" khi phát hành lại thông tin từ website này.</p></div>
</div></div></form>"""
        return html_page(head, body, lang="vi-VN")

    def _crumb(self, category: Category | None, catalog: Catalog) -> str:
        tail = (
            f' » <a href="{esc(catalog.listing(category))}">{esc(category.name)}</a>'
            if category
            else ""
        )
        return f'<div class="breadcrumb"><a href="{self.home_path()}">Trang chủ</a>{tail}</div>'

    def render_home(self, catalog: Catalog) -> str:
        return self._frame(catalog, catalog.info.name, category_blocks(catalog, _entry, _CHANNEL))

    def render_listing(self, catalog: Catalog, category: Category, page: int) -> str:
        items = listing_items(catalog, category, page, _entry)
        links = pager(
            catalog,
            category,
            page,
            current='<span class="current">{number}</span>',
            other='<a href="{href}">{number}</a>',
            following='<a href="{href}">»</a>',
            separator=" ",
        )
        main = (
            f'{self._crumb(category, catalog)}<h1 class="channel-title">{esc(category.name)}</h1>'
            f'{items}<div class="paging">Trang: {links}</div>'
        )
        return self._frame(catalog, f"{category.name} - {catalog.info.name}", main)

    def _figure(self, src: str, image: Image) -> str:
        return (
            f'<p style="text-align: center;"><img src="{esc(src)}" alt="{esc(image.file)}"></p>'
            f'<p style="text-align: center;"><em>{esc(image.caption)}</em></p>'
        )

    def render_article(self, catalog: Catalog, article: Article) -> str:
        category = catalog.category(article.category)
        sapo = if_text('<div class="article-summary"><strong>{text}</strong></div>', article.sapo)
        byline = if_text(
            '<p style="text-align: right;"><strong>{text}</strong></p>', article.byline
        )
        main = f"""{self._crumb(category, catalog)}
<div class="article-detail">
<div class="category-name">{esc(category.name)}</div>
<h1 class="article-title">{esc(article.title)}</h1>
<div class="article-date">Đăng lúc: {dmy(article.published)} (GMT+7)</div>
<div class="zoom">{font_size_widget()}<span class="zoom-value">100%</span></div>
{sapo}
<div class="article-content">
{body_paragraphs(catalog, article, self._figure)}
{byline}
</div>
{share_widget(self.print_path(catalog, article))}
{related_box(catalog, article, _OTHERS_BOX)}
</div>"""
        return self._frame(catalog, article.title, main)

    def render_print(self, catalog: Catalog, article: Article) -> str:
        byline = if_text('<p style="text-align: right;"><b>{text}</b></p>', article.byline)
        sapo = if_text("<p><b>{text}</b></p>", article.sapo)
        body = f"""<div class="print-page">
<div class="print-header">{esc(catalog.info.name)}</div>
<h1>{esc(article.title)}</h1>
<div class="print-date">Đăng lúc: {dmy(article.published)} (GMT+7)</div>
{sapo}<div class="article-content">{body_paragraphs(catalog, article, self._figure)}{byline}</div>
<a href="javascript:window.print()">In bài viết</a> <a href="javascript:window.close()">Đóng</a>
</div>"""
        head = meta_head(article.title, '<meta name="GENERATOR" content="Microsoft SharePoint">')
        return html_page(head, body, lang="vi-VN")

    def render_static(self, catalog: Catalog, title: str, text: str) -> str:
        paragraphs = static_paragraphs(catalog, text)
        main = f'{self._crumb(None, catalog)}<h1 class="page-title">{esc(title)}</h1>{paragraphs}'
        return self._frame(catalog, title, main)
