"""The Drupal template of Lạng Sơn district sites.

Every page opens with a "Skip to main content" link and a slogan about the
provincial Party congress. Articles sit at /<slug>; listings page with
Drupal's zero-based ?page=N (the second page is ?page=1); print views at
/bm/print/<nid>.
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
    dmy,
    esc,
    html_page,
    meta_head,
)
from crawler.demo.families.widgets import (
    article_entry,
    category_blocks,
    contact_line,
    if_text,
    listing_items,
    owner_line,
    related_box,
    sidebar,
    site_menu,
    static_paragraphs,
)

_TOOLS = (
    '<div class="article-tools"><a href="javascript:void(0)" class="dark-mode">Chế độ ban đêm</a> '
    '<a href="{print_href}">In trang</a> <a href="javascript:void(0)">Xuất PDF</a> '
    '<a href="javascript:void(0)" class="tts">Đọc nội dung</a></div>'
    '<div class="font-size"><a href="javascript:void(0)" title="Giảm cỡ chữ">-A</a> '
    '<a href="javascript:void(0)" title="Cỡ chữ mặc định">A</a> '
    '<a href="javascript:void(0)" title="Tăng cỡ chữ">+A</a></div>'
)
_LATEST_BOX = (
    '<div class="block block-views"><h2>Tin mới</h2><div class="item-list"><ul>{items}</ul>'
    "</div></div>"
)
_RELATED_BOX = '<div class="block related"><h2>Tin liên quan</h2><ul>{items}</ul></div>'
_HOME_BLOCK = '<div class="block"><h2><a href="{href}">{label}</a></h2>{items}</div>'
_BYLINE = '<p style="text-align:right;"><strong>{text}</strong></p>'
# A views row: the title, the date and the summary fields.
_row = article_entry(
    '<div class="views-row"><div class="views-field views-field-title"><span '
    'class="field-content"><a href="{href}" hreflang="vi">{title}</a></span></div>'
    '<div class="views-field views-field-created">{published:%d/%m/%Y}</div>'
    '<div class="views-field views-field-body">{summary}</div></div>'
)


class DrupalLangSon(Family):
    name = "drupal_langson"

    def home_path(self) -> str:
        return "/"

    def listing_path(self, catalog: Catalog, category: Category, page: int) -> str:
        base = f"/{category.slug}"
        return base if page == 1 else f"{base}?page={page - 1}"

    def article_path(self, catalog: Catalog, article: Article, listing_page: int) -> str:
        return f"/{ascii_slug(article.title, max_length=120)}"

    def print_path(self, catalog: Catalog, article: Article) -> str | None:
        return f"/bm/print/{article.id}"

    def static_path(self, slug: str) -> str:
        return f"/trang/{slug}"

    def image_path(self, catalog: Catalog, article: Article, image: Image) -> str:
        return f"/sites/default/files/{article.published:%Y-%m}/{image.file}"

    def robots_txt(self, catalog: Catalog) -> str:
        return (
            "User-agent: *\nDisallow: /admin/\nDisallow: /search/\nDisallow: /user/login\n"
            "Disallow: /user/register\nDisallow: /node/add/\nDisallow: /index.php/admin/\n"
        )

    # -- pages ---------------------------------------------------------------
    def _frame(self, catalog: Catalog, title: str, main: str) -> str:
        info = catalog.info
        menu = site_menu(
            catalog,
            self,
            '<li class="menu-item"><a href="/">Trang chủ</a></li>',
            '<li class="menu-item"><a href="{href}">{label}</a></li>',
        )
        head = meta_head(
            f"{title} | {info.name}",
            '<meta name="Generator" content="Drupal 9 (https://www.drupal.org)">\n'
            '<link rel="stylesheet" media="all" href="/themes/custom/lstheme/css/style.css">',
        )
        side = sidebar(catalog, _LATEST_BOX, "%d/%m/%Y")
        body = f"""<a href="#main-content" class="visually-hidden focusable skip-link">
Skip to main content</a>
<div class="dialog-off-canvas-main-canvas"><div class="layout-container">
<header role="banner"><div class="region region-header">
<div class="site-branding"><a href="/" rel="home">
<img src="/themes/custom/lstheme/logo.png" alt="Trang chủ"></a>
<div class="site-branding__name">{esc(info.name)}</div></div>
<div class="slogan-run"><marquee>{esc(info.slogan)}</marquee></div></div>
<nav role="navigation" class="menu--main"><ul class="menu">
{menu}</ul></nav></header>
<main role="main"><a id="main-content" tabindex="-1"></a><div class="layout-content">{main}</div>
<aside class="layout-sidebar-second" role="complementary">{side}</aside></main>
<footer role="contentinfo"><div class="region region-footer">
<p>{esc(info.name.upper())}</p><p>{owner_line(info)}</p>
<p>{contact_line(info, "; ")}</p>
</div></footer></div></div>"""
        return html_page(head, body)

    def render_home(self, catalog: Catalog) -> str:
        return self._frame(catalog, "Trang chủ", category_blocks(catalog, _row, _HOME_BLOCK))

    def render_listing(self, catalog: Catalog, category: Category, page: int) -> str:
        rows = listing_items(catalog, category, page, _row)
        last = catalog.page_count(category)
        items = []
        if page > 1:
            items.append(anchor(catalog.listing(category), "« Đầu"))
            items.append(anchor(catalog.listing(category, page - 1), "‹ Trước"))
        for number in range(1, last + 1):
            css = "is-active" if number == page else ""
            items.append(anchor(catalog.listing(category, number), str(number), css))
        if page < last:
            items.append(anchor(catalog.listing(category, page + 1), "Sau ›"))
            items.append(anchor(catalog.listing(category, last), "Cuối »"))
        pager = "".join(f'<li class="pager__item">{item}</li>' for item in items)
        main = (
            f'<h1 class="page-title">{esc(category.name)}</h1>'
            f'<div class="view-content">{rows}</div>'
            f'<nav class="pager" role="navigation"><ul class="pager__items">{pager}</ul></nav>'
        )
        return self._frame(catalog, category.name, main)

    def _figure(self, src: str, image: Image) -> str:
        return (
            f'<p style="text-align:center;"><img alt="{esc(image.caption)}" src="{esc(src)}"></p>'
            f'<p style="text-align:center;"><em>{esc(image.caption)}</em></p>'
        )

    def render_article(self, catalog: Catalog, article: Article) -> str:
        category = catalog.category(article.category)
        print_href = esc(self.print_path(catalog, article) or "")
        sapo = if_text("<p><strong>{text}</strong></p>", article.sapo)
        main = f"""<div class="breadcrumb"><a href="/">Trang chủ</a> ›
{anchor(catalog.listing(category), category.name)}</div>
<article role="article" class="node node--type-article node--view-mode-full">
{_TOOLS.format(print_href=print_href)}
<h1 class="page-title"><span class="field field--name-title">{esc(article.title)}</span></h1>
<div class="node__meta">Ngày đăng: {dmy(article.published)} {article.published:%H:%M}</div>
<div class="node__content"><div class="clearfix text-formatted field field--name-body">
{sapo}{body_paragraphs(catalog, article, self._figure)}{if_text(_BYLINE, article.byline)}
</div></div></article>
{related_box(catalog, article, _RELATED_BOX)}"""
        return self._frame(catalog, article.title, main)

    def render_print(self, catalog: Catalog, article: Article) -> str:
        body = f"""<div class="print-logo">{esc(catalog.info.name)}</div>
<div class="print-source">Nguồn: {esc(catalog.info.url(catalog.path(article)))}</div>
<h1>{esc(article.title)}</h1><div class="print-date">{dmy(article.published)}</div>
<div class="print-content">{body_paragraphs(catalog, article, self._figure)}
{if_text(_BYLINE, article.byline)}</div>"""
        return html_page(meta_head(article.title), body)

    def render_static(self, catalog: Catalog, title: str, text: str) -> str:
        paragraphs = static_paragraphs(catalog, text)
        return self._frame(catalog, title, f'<h1 class="page-title">{esc(title)}</h1>{paragraphs}')
