"""NukeViet (VINADES), common on HĐND and ĐBQH sites.

Articles: /index.php?nv=news&op=<CAT>/<Slug>-<id>; listings
?nv=news&op=<CAT> then <CAT>/page-N; an RSS feed at ?nv=news&op=rss.
Dates print as "Thứ năm - 13/04/2023 10:15".
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
    font_size_widget,
    html_page,
    meta_head,
    rss_feed,
    share_widget,
    weekday,
)
from crawler.demo.families.widgets import (
    article_entry,
    category_blocks,
    contact_line,
    if_text,
    link_box,
    listing_items,
    owner_line,
    pager,
    sidebar,
    site_menu,
    static_paragraphs,
)
from crawler.demo.server import Resource

RSS_PATH = "/index.php?nv=news&op=rss"
# The menu's home entry, with its icon.
_HOME_ITEM = (
    '<li><a href="/" title="Trang nhất"><em class="fa fa-lg fa-home">&nbsp;</em> Trang nhất'
    "</a></li>\n"
)
# Pager items: the page shown, and the link to the next one.
_CURRENT_PAGE = '<li class="active"><a href="#">{number}</a></li>'
_NEXT_PAGE = '<li><a href="{href}" title="Trang sau">&raquo;</a></li>'
_LATEST_BOX = (
    '<div class="panel panel-default"><div class="panel-heading">Tin mới</div>'
    '<div class="panel-body"><ul>{items}</ul></div></div>'
)
_NEWER_BOX = (
    '<div class="news_column panel panel-default"><div class="panel-body">'
    '<p class="h3"><strong>Những tin mới hơn</strong></p>'
    '<ul class="related list-items">{items}</ul></div></div>'
)
_CATEGORY_BLOCK = '<div class="news-cat"><h2><a href="{href}">{label}</a></h2>{items}</div>'
_entry = article_entry(
    '<div class="news_column panel panel-default"><div class="panel-body">{thumb}'
    '<h3><a href="{href}" title="{title}">{title}</a></h3>'
    '<div class="text-muted"><ul class="list-unstyled list-inline"><li><em class="fa '
    'fa-clock-o">&nbsp;</em> {published:%d/%m/%Y %H:%M}</li>'
    '<li><em class="fa fa-eye">&nbsp;</em> Đã xem: {views}</li></ul></div>'
    "<p>{summary}</p></div></div>",
    thumb='<a href="{href}"><img src="{src}" class="img-thumbnail pull-left" alt=""></a>',
)


class NukeViet(Family):
    name = "nukeviet"

    def home_path(self) -> str:
        return "/"

    def listing_path(self, catalog: Catalog, category: Category, page: int) -> str:
        base = f"/index.php?nv=news&op={category.slug}"
        return base if page == 1 else f"{base}/page-{page}"

    def article_path(self, catalog: Catalog, article: Article, listing_page: int) -> str:
        slug = ascii_slug(article.title, keep_case=True, max_length=100)
        return f"/index.php?nv=news&op={article.category}/{slug}-{article.id}"

    def static_path(self, slug: str) -> str:
        return f"/index.php?nv=about&op={slug}.html"

    def image_path(self, catalog: Catalog, article: Article, image: Image) -> str:
        return f"/uploads/news/{article.published:%Y_%m}/{image.file}"

    def robots_txt(self, catalog: Catalog) -> str:
        return (
            "User-agent: *\nDisallow: /admin/\nDisallow: /includes/\nDisallow: /install/\n"
            "Disallow: /modules/\nDisallow: /vendor/\nDisallow: /*?nv=users\n"
        )

    def extra_resources(self, catalog: Catalog) -> dict[str, Resource]:
        feed = rss_feed(catalog, catalog.articles).encode("utf-8")
        headers = {"Content-Type": "application/rss+xml; charset=utf-8"}
        return {RSS_PATH: Resource(feed, headers=headers)}

    # -- pages ---------------------------------------------------------------
    def _frame(self, catalog: Catalog, title: str, main: str) -> str:
        info = catalog.info
        menu = site_menu(catalog, self, _HOME_ITEM)
        head = meta_head(
            f"{title} - {info.name}",
            '<meta name="generator" content="NukeViet v4.5">\n'
            f'<link rel="alternate" href="{esc(RSS_PATH)}" title="Tin tức" '
            'type="application/rss+xml">\n'
            '<link rel="stylesheet" href="/themes/default/css/nukeviet.css">',
        )
        side = sidebar(catalog, _LATEST_BOX, "%d/%m/%Y", poll=True)
        body = f"""<div class="body-bg"><div class="wraper">
<header><div class="container"><div id="header" class="row">
<div class="logo"><a title="{esc(info.name)}" href="/">
<img src="/uploads/logo.png" alt="{esc(info.name)}"></a>
<span class="site_name">{esc(info.name)}</span>
<span class="site_description">{esc(info.slogan)}</span></div>
</div></div></header>
<nav class="second-nav" id="menusite"><div class="container"><ul class="nav navbar-nav">
{menu}</ul></div></nav>
<section><div class="container" id="body"><div class="row">
<div class="col-md-16">{main}</div><div class="col-md-8">{side}</div>
</div></div></section>
<footer id="footer"><div class="wraper"><div class="container">
<p><strong>{esc(info.name.upper())}</strong></p><p>{owner_line(info)}</p>
<p>{contact_line(info)}</p>
<p>Thiết kế bởi VINADES.,JSC - Sử dụng mã nguồn NukeViet</p></div></div></footer>
</div></div>"""
        return html_page(head, body)

    def _crumbs(self, catalog: Catalog, category: Category | None) -> str:
        tail = f"<li>{anchor(catalog.listing(category), category.name)}</li>" if category else ""
        return (
            '<div class="breadcrumbs-wrap"><ul class="breadcrumbs">'
            f'<li><a href="/"><span>Trang nhất</span></a></li>{tail}</ul></div>'
        )

    def render_home(self, catalog: Catalog) -> str:
        blocks = category_blocks(catalog, _entry, _CATEGORY_BLOCK)
        return self._frame(catalog, "Trang nhất", f"{self._crumbs(catalog, None)}{blocks}")

    def render_listing(self, catalog: Catalog, category: Category, page: int) -> str:
        items = listing_items(catalog, category, page, _entry)
        links = pager(catalog, category, page, current=_CURRENT_PAGE, following=_NEXT_PAGE)
        main = (
            f"{self._crumbs(catalog, category)}<h1>{esc(category.name)}</h1>{items}"
            f'<div class="text-center"><ul class="pagination">{links}</ul></div>'
        )
        title = category.name if page == 1 else f"{category.name} - Trang {page}"
        return self._frame(catalog, title, main)

    def _figure(self, src: str, image: Image) -> str:
        return (
            f'<div class="image-center"><figure class="image"><img alt="{esc(image.caption)}" '
            f'src="{esc(src)}"><figcaption>{esc(image.caption)}</figcaption></figure></div>'
        )

    def render_article(self, catalog: Catalog, article: Article) -> str:
        category = catalog.category(article.category)
        date_line = (
            f"{weekday(article.published)} - {dmy(article.published)} {article.published:%H:%M}"
        )
        sapo = if_text('<div class="hometext m-bottom">{text}</div>', article.sapo)
        author = if_text(
            '<div class="margin-bottom-lg"><p class="h5 text-right"><strong>Tác giả bài viết: '
            "</strong>{text}</p></div>",
            article.byline,
        )
        newer = [a for a in catalog.related(article, 20) if a.published > article.published][-5:]
        main = f"""{self._crumbs(catalog, category)}
<div class="news_column panel panel-default"><div class="panel-body">
<h1 class="title margin-bottom-lg">{esc(article.title)}</h1>
<div class="row margin-bottom-lg"><div class="col-md-12"><span class="h5">{date_line}</span></div>
<div class="col-md-12 text-right">{font_size_widget()}</div></div>
{sapo}
<div id="news-bodyhtml" class="bodytext margin-bottom-lg">
{body_paragraphs(catalog, article, self._figure)}
</div>
{author}
{share_widget(None)}
</div></div>"""
        if newer:
            main += link_box(catalog, newer, _NEWER_BOX, "(%d/%m/%Y)")
        return self._frame(catalog, article.title, main)

    def render_static(self, catalog: Catalog, title: str, text: str) -> str:
        paragraphs = static_paragraphs(catalog, text)
        main = (
            f'{self._crumbs(catalog, None)}<div class="page panel panel-default">'
            f'<div class="panel-body"><h1>{esc(title)}</h1>{paragraphs}</div></div>'
        )
        return self._frame(catalog, title, main)
