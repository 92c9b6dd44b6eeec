"""An old district portal laid out entirely with nested <table>s.

The article text is one <td> among many; the date line reads
"Ngày đăng dd/mm/yyyy | HH:MM | Lượt xem: N". Listings: /<cat>.html, then
/<cat>/trang-N.html; articles /<cat>/<slug>-<id>.html.
"""

from __future__ import annotations

from crawler.demo.families.base import (
    STATIC_PAGES,
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
    counter_box,
    dmy,
    esc,
    external_links,
    font_size_widget,
    html_page,
    link_list,
    meta_head,
    poll_box,
    short_text,
    weekday,
)
from crawler.demo.families.widgets import (
    contact_line,
    latest_links,
    listing_items,
    next_page,
    owner_line,
    page_numbers,
    static_paragraphs,
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
    def _menu_cells(self, catalog: Catalog) -> str:
        cells = ['<td class="menu"><a href="/">TRANG CHỦ</a></td>']
        cells += [
            f'<td class="menu"><a href="{esc(catalog.listing(c))}">{esc(c.name.upper())}</a></td>'
            for c in catalog.info.categories
        ]
        cells += [
            f'<td class="menu">{anchor(self.static_path(slug), label.upper())}</td>'
            for slug, label, _text in STATIC_PAGES
        ]
        return "".join(cells)

    def _frame(self, catalog: Catalog, title: str, main: str) -> str:
        info = catalog.info
        today = catalog.articles[0].published if catalog.articles else None
        date_cell = f"{weekday(today)}, {dmy(today)}" if today else ""
        latest = latest_links(catalog, "(%d/%m/%Y)")
        left = (
            '<table width="100%" class="box"><tr><td class="box-title">TIN MỚI</td></tr>'
            f"<tr><td><ul>{latest}</ul></td></tr></table>"
            f'<table width="100%" class="box"><tr><td>{poll_box()}</td></tr></table>'
        )
        right = (
            f'<table width="100%" class="box"><tr><td>{counter_box(catalog)}</td></tr></table>'
            f'<table width="100%" class="box"><tr><td>{external_links(info)}</td></tr></table>'
        )
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
<tr>{self._menu_cells(catalog)}</tr></table></td></tr>
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

    def _row(self, catalog: Catalog, article: Article) -> str:
        href = esc(catalog.path(article))
        return (
            f'<tr><td class="item-title"><a href="{href}">{esc(article.title)}</a> '
            f'<span class="item-date">({dmy(article.published)})</span></td></tr>'
            f'<tr><td class="item-desc">{esc(short_text(article))}</td></tr>'
        )

    def render_home(self, catalog: Catalog) -> str:
        tables = []
        for category in catalog.info.categories:
            rows = listing_items(catalog, category, 1, self._row)
            tables.append(
                f'<table width="100%" class="cat"><tr><td class="cat-title"><a href="'
                f'{esc(catalog.listing(category))}">{esc(category.name.upper())}</a></td></tr>'
                f"{rows}</table>"
            )
        return self._frame(catalog, "Trang chủ", "".join(tables))

    def render_listing(self, catalog: Catalog, category: Category, page: int) -> str:
        rows = listing_items(catalog, category, page, self._row)
        cells = page_numbers(
            catalog,
            category,
            page,
            current="<td><b>[{number}]</b></td>",
            other='<td><a href="{href}">{number}</a></td>',
        ) + next_page(catalog, category, page, '<td><a href="{href}">Trang sau</a></td>')
        main = (
            '<table width="100%" class="cat"><tr>'
            f'<td class="cat-title">{esc(category.name.upper())}'
            f'</td></tr>{rows}<tr><td><table class="paging"><tr><td>Trang:</td>{"".join(cells)}'
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
        sapo = f"<p><b>{esc(article.sapo)}</b></p>" if article.sapo else ""
        byline = f'<p align="right"><b>{esc(article.byline)}</b></p>' if article.byline else ""
        others = link_list(catalog, catalog.related(article, 5), "(%d/%m/%Y)")
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
<tr><td><ul>{others}</ul></td></tr>
</table>"""
        return self._frame(catalog, article.title, main)

    def render_static(self, catalog: Catalog, title: str, text: str) -> str:
        paragraphs = static_paragraphs(catalog, text)
        main = (
            f'<table width="100%"><tr><td class="detail-title">{esc(title)}</td></tr>'
            f"<tr><td>{paragraphs}</td></tr></table>"
        )
        return self._frame(catalog, title, main)
