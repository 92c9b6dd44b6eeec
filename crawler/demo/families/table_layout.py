"""An old district portal laid out entirely with nested <table>s.

The article text is one <td> among many; the date line reads
"Ngày đăng dd/mm/yyyy | HH:MM | Lượt xem: N". Listings: /<cat>.html, then
/<cat>/trang-N.html; articles /<cat>/<slug>-<id>.html.
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
    counter_box,
    dmy,
    esc,
    external_links,
    font_size_widget,
    html_page,
    meta_head,
    poll_box,
    weekday,
)
from crawler.demo.families.widgets import (
    article_entry,
    category_blocks,
    contact_line,
    if_text,
    latest_box,
    listing_items,
    owner_line,
    pager,
    related_box,
    site_menu,
    static_paragraphs,
)

_HOME_CELL = '<td class="menu"><a href="/">TRANG CHỦ</a></td>'
_MENU_CELL = '<td class="menu"><a href="{href}">{upper_label}</a></td>'
# Every sidebar box is a table of its own.
_BOX = '<table width="100%" class="box"><tr><td>{}</td></tr></table>'
_LATEST_BOX = (
    '<table width="100%" class="box"><tr><td class="box-title">TIN MỚI</td></tr>'
    "<tr><td><ul>{items}</ul></td></tr></table>"
)
_CATEGORY_TABLE = (
    '<table width="100%" class="cat"><tr><td class="cat-title"><a href="{href}">{upper_label}'
    "</a></td></tr>{items}</table>"
)
# A listed article is two rows of the category's table.
_rows = article_entry(
    '<tr><td class="item-title"><a href="{href}">{title}</a> '
    '<span class="item-date">({published:%d/%m/%Y})</span></td></tr>'
    '<tr><td class="item-desc">{summary}</td></tr>'
)


class TableLayout(Family):
    name = "table_layout"

    def home_path(self) -> str:
        return "/"

    def listing_path(self, catalog: Catalog, category: Category, page: int) -> str:
        return f"/{category.slug}.html" if page == 1 else f"/{category.slug}/trang-{page}.html"

    def article_path(self, catalog: Catalog, article: Article, listing_page: int) -> str:
        return f"/{article.category}/{ascii_slug(article.title, max_length=80)}-{article.id}.html"

    def static_path(self, slug: str) -> str:
        return f"/{slug}.html"

    def image_path(self, catalog: Catalog, article: Article, image: Image) -> str:
        return f"/Uploads/images/{article.published:%Y}/{image.file}"

    def robots_txt(self, catalog: Catalog) -> str:
        return "User-agent: *\nDisallow: /quantri/\n"

    # -- pages ---------------------------------------------------------------
    def _frame(self, catalog: Catalog, title: str, main: str) -> str:
        info = catalog.info
        today = catalog.articles[0].published if catalog.articles else None
        date_cell = f"{weekday(today)}, {dmy(today)}" if today else ""
        left = latest_box(catalog, _LATEST_BOX, "(%d/%m/%Y)") + _BOX.format(poll_box())
        right = _BOX.format(counter_box(catalog)) + _BOX.format(external_links(info))
        menu = site_menu(catalog, self, _HOME_CELL, _MENU_CELL, _MENU_CELL)
        head = meta_head(
            f"{title} - {info.name}",
            '<meta http-equiv="Content-Type" content="text/html; charset=utf-8">\n'
            '<link href="/css/style.css" rel="stylesheet" type="text/css">',
        )
        body = f"""<table width="1000" border="0" cellspacing="0" cellpadding="0" align="center">
<tr><td><table width="100%" cellspacing="0" cellpadding="0"><tr>
<td width="120"><img src="/images/logo.gif" width="110" height="110" alt=""></td>
<td class="site-title"><b>{esc(info.name)}</b><br>
<span class="welcome">CHÀO MỪNG QUÝ VỊ ĐẾN VỚI {esc(info.name.upper())}</span></td>
<td class="date" align="right">{date_cell}</td></tr></table></td></tr>
<tr><td><table width="100%" cellspacing="0" cellpadding="0" class="menubar">
<tr>{menu}</tr></table></td></tr>
<tr><td><marquee class="slogan">{esc(info.slogan)}</marquee></td></tr>
<tr><td><table width="100%" cellspacing="0" cellpadding="4"><tr>
<td width="220" valign="top">{left}</td>
<td valign="top">{main}</td>
<td width="200" valign="top">{right}</td>
</tr></table></td></tr>
<tr><td class="footer" align="center">{esc(info.name)}<br>{owner_line(info)}<br>
{contact_line(info)}</td></tr>
</table>"""
        return html_page(head, body)

    def render_home(self, catalog: Catalog) -> str:
        return self._frame(catalog, "Trang chủ", category_blocks(catalog, _rows, _CATEGORY_TABLE))

    def render_listing(self, catalog: Catalog, category: Category, page: int) -> str:
        rows = listing_items(catalog, category, page, _rows)
        cells = pager(
            catalog,
            category,
            page,
            current="<td><b>[{number}]</b></td>",
            other='<td><a href="{href}">{number}</a></td>',
            following='<td><a href="{href}">Trang sau</a></td>',
        )
        main = (
            '<table width="100%" class="cat"><tr>'
            f'<td class="cat-title">{esc(category.name.upper())}'
            f'</td></tr>{rows}<tr><td><table class="paging"><tr><td>Trang:</td>{cells}'
            "</tr></table></td></tr></table>"
        )
        return self._frame(catalog, category.name, main)

    def _figure(self, src: str, image: Image) -> str:
        return (
            '<table align="center" class="img">'
            f'<tr><td><img src="{esc(src)}" width="500"></td></tr>'
            f'<tr><td align="center"><i>{esc(image.caption)}</i></td></tr></table>'
        )

    def render_article(self, catalog: Catalog, article: Article) -> str:
        sapo = if_text("<p><b>{text}</b></p>", article.sapo)
        byline = if_text('<p align="right"><b>{text}</b></p>', article.byline)
        others = related_box(catalog, article, "<ul>{items}</ul>")
        day, time = dmy(article.published), f"{article.published:%H:%M}"
        date_line = f"Ngày đăng {day} | {time} | Lượt xem: {article.views}"
        content = body_paragraphs(catalog, article, self._figure)
        main = f"""<table width="100%" cellspacing="0" cellpadding="2">
<tr><td class="detail-title">{esc(article.title)}</td></tr>
<tr><td class="detail-date">{date_line}</td></tr>
<tr><td>{font_size_widget()}</td></tr>
<tr><td class="detail-content">{sapo}{content}{byline}</td></tr>
<tr><td align="right"><a href="javascript:window.print()">In bài viết</a> |
<a href="javascript:history.back()">Quay lại</a></td></tr>
<tr><td class="other-title">Bài viết khác</td></tr>
<tr><td>{others}</td></tr>
</table>"""
        return self._frame(catalog, article.title, main)

    def render_static(self, catalog: Catalog, title: str, text: str) -> str:
        paragraphs = static_paragraphs(catalog, text)
        main = (
            f'<table width="100%"><tr><td class="detail-title">{esc(title)}</td></tr>'
            f"<tr><td>{paragraphs}</td></tr></table>"
        )
        return self._frame(catalog, title, main)
