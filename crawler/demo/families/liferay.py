"""Liferay portals (asset publisher portlets).

Articles: /<page>/-/view_content/<id>-<slug>.html. Listings page with the
portlet's own query parameters (p_p_id=101_INSTANCE_<id>&..._cur=N). Dates
print as "dd-mm-yyyy HH:MM".
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
    anchor,
    ascii_slug,
    body_paragraphs,
    esc,
    font_size_widget,
    html_page,
    meta_head,
    share_widget,
    short_hash,
)
from crawler.demo.families.widgets import (
    article_entry,
    if_text,
    listing_items,
    owner_line,
    related_box,
    sidebar,
    site_menu,
    static_paragraphs,
)

_DATE = "%d-%m-%Y %H:%M"
_LATEST_BOX = (
    '<div class="portlet-boundary portlet-tin-moi"><div class="portlet-title">'
    '<span class="portlet-title-text">Tin mới nhất</span></div><ul>{items}</ul></div>'
)
_RELATED_BOX = '<div class="asset-related"><h4>Tin cùng chuyên mục</h4><ul>{items}</ul></div>'
# An asset publisher's abstract: title, date, summary and a "more" link.
_entry = article_entry(
    '<div class="asset-abstract"><h3 class="asset-title"><a href="{href}">{title}</a></h3>'
    '<div class="asset-metadata"><span class="metadata-entry metadata-publish-date">'
    f"{{published:{_DATE}}}</span></div>"
    '<div class="asset-summary">{summary}</div>'
    '<div class="asset-more"><a href="{href}">Xem chi tiết »</a></div></div>'
)


class Liferay(Family):
    name = "liferay"

    def _instance(self, catalog: Catalog, category: Category) -> str:
        token = short_hash(f"{catalog.info.host}/{category.slug}", 12)
        return f"101_INSTANCE_{token[:4].upper()}{token[4:]}"

    def home_path(self) -> str:
        return "/"

    def listing_path(self, catalog: Catalog, category: Category, page: int) -> str:
        base = f"/{category.slug}"
        if page == 1:
            return base
        portlet = self._instance(catalog, category)
        return (
            f"{base}?p_p_id={portlet}&p_p_lifecycle=0&p_p_state=normal&p_p_mode=view"
            f"&p_p_col_id=column-2&p_p_col_count=1&_{portlet}_cur={page}&_{portlet}_delta="
            f"{catalog.info.page_size}"
        )

    def article_path(self, catalog: Catalog, article: Article, listing_page: int) -> str:
        return f"/{article.category}/-/view_content/{article.id}-{ascii_slug(article.title)}.html"

    def static_path(self, slug: str) -> str:
        return f"/web/guest/{slug}"

    def image_path(self, catalog: Catalog, article: Article, image: Image) -> str:
        return f"/documents/{article.id}/0/{image.file}?t={int(article.published.timestamp())}"

    def robots_txt(self, catalog: Catalog) -> str:
        return "User-Agent: *\nDisallow: /c/\nDisallow: /group/\nDisallow: /web/guest/search\n"

    # -- pages ---------------------------------------------------------------
    def _frame(self, catalog: Catalog, title: str, main: str) -> str:
        info = catalog.info
        menu = site_menu(
            catalog,
            self,
            '<li class="lfr-nav-item"><a href="/"><span>Trang chủ</span></a></li>',
            '<li class="lfr-nav-item"><a href="{href}"><span>{label}</span></a></li>',
        )
        side = sidebar(catalog, _LATEST_BOX, _DATE)
        head = meta_head(
            f"{title} - {info.name}",
            '<link href="/o/dinhhoa-theme/css/main.css" rel="stylesheet">\n'
            '<script src="/o/frontend-js-web/liferay/global.bundle.js"></script>',
        )
        body = f"""<div class="container-fluid" id="wrapper">
<header id="banner" role="banner"><div id="heading">
<h1 class="site-title"><a class="logo" href="/" title="{esc(info.name)}">
<img alt="Logo" src="/image/layout_set_logo?img_id=4021"></a>
<span class="site-name">{esc(info.name.upper())}</span></h1>
<div class="slogan">{esc(info.slogan)}</div></div>
<nav class="sort-pages modify-pages" id="navigation" role="navigation"><ul aria-label="Trang web">
{menu}
</ul></nav></header>
<section id="content"><div class="columns-2" id="main-content" role="main">
<div class="portlet-layout row"><div class="col-md-8 portlet-column" id="column-2">{main}</div>
<div class="col-md-4 portlet-column" id="column-3">{side}</div></div></div></section>
<footer id="footer" role="contentinfo"><p><strong>{esc(info.name)}</strong></p>
<p>{owner_line(info)} - Địa chỉ: {esc(info.address)}</p>
<p>Điện thoại: {esc(info.phone)} - Email: {esc(info.email)}</p>
<p class="powered-by">Powered By Liferay</p></footer></div>"""
        return html_page(head, body)

    def _portlet(self, catalog: Catalog, category: Category | None, inner: str) -> str:
        portlet = self._instance(catalog, category) if category else "56_INSTANCE_static"
        return (
            f'<div class="portlet-boundary portlet-boundary_101_ portlet-asset-publisher" '
            f'id="p_p_id_{portlet}_"><div class="portlet-body">{inner}</div></div>'
        )

    def render_home(self, catalog: Catalog) -> str:
        parts = []
        for category in catalog.info.categories:
            entries = listing_items(catalog, category, 1, _entry)
            parts.append(
                self._portlet(
                    catalog,
                    category,
                    f'<h2 class="portlet-title"><a href="{esc(catalog.listing(category))}">'
                    f"{esc(category.name)}</a></h2>{entries}",
                )
            )
        return self._frame(catalog, "Trang chủ", "".join(parts))

    def render_listing(self, catalog: Catalog, category: Category, page: int) -> str:
        entries = listing_items(catalog, category, page, _entry)
        last = catalog.page_count(category)

        def nav(label: str, target: int, enabled: bool) -> str:
            if not enabled:
                return f'<li class="disabled"><span>{label}</span></li>'
            return f'<li><a href="{esc(catalog.listing(category, target))}">{label}</a></li>'

        pager = (
            '<div class="taglib-page-iterator"><div class="search-pages">'
            f'<div class="page-links"><ul class="pager lfr-pagination-buttons">'
            f"{nav('Đầu tiên', 1, page > 1)}{nav('Trước', page - 1, page > 1)}"
            f"<li><span>Trang {page} / {last}</span></li>"
            f"{nav('Tiếp theo', page + 1, page < last)}{nav('Cuối cùng', last, page < last)}"
            "</ul></div></div></div>"
        )
        inner = f'<h2 class="portlet-title">{esc(category.name)}</h2>{entries}{pager}'
        return self._frame(catalog, category.name, self._portlet(catalog, category, inner))

    def _figure(self, src: str, image: Image) -> str:
        return (
            f'<table class="image" align="center"><tbody><tr><td><img src="{esc(src)}" '
            f'alt=""></td></tr><tr><td class="image-caption">{esc(image.caption)}</td></tr>'
            "</tbody></table>"
        )

    def render_article(self, catalog: Catalog, article: Article) -> str:
        category = catalog.category(article.category)
        sapo = if_text("<p><strong>{text}</strong></p>", article.sapo)
        byline = if_text(
            '<p style="text-align: right;"><strong>{text}</strong></p>', article.byline
        )
        inner = f"""<div class="asset-full-content">
<div class="breadcrumb"><a href="/">Trang chủ</a> /
{anchor(catalog.listing(category), category.name)}</div>
<h3 class="header-title"><span>{esc(article.title)}</span></h3>
<div class="asset-metadata">
<span class="metadata-entry metadata-publish-date">{article.published.strftime(_DATE)}</span>
<span class="metadata-entry metadata-view-count">Lượt xem: {article.views}</span></div>
{font_size_widget()}
<div class="asset-content"><div class="journal-content-article">
{sapo}{body_paragraphs(catalog, article, self._figure)}{byline}
</div></div>
{share_widget(None)}
{related_box(catalog, article, _RELATED_BOX, f"({_DATE})")}
</div>"""
        return self._frame(catalog, article.title, self._portlet(catalog, category, inner))

    def render_static(self, catalog: Catalog, title: str, text: str) -> str:
        paragraphs = static_paragraphs(catalog, text)
        inner = f'<div class="journal-content-article"><h2>{esc(title)}</h2>{paragraphs}</div>'
        return self._frame(catalog, title, self._portlet(catalog, None, inner))
