"""A provincial newspaper CMS.

Articles: /<cat>/<slug>-post<id>.html with the h1 and a sapo div outside the
body div, photos as figure + figcaption, a text-to-speech player, a "Theo dõi
Báo ... trên Google News" line and "Tin cùng chuyên mục". Dates print as
"HH:MM, dd/mm/yyyy". Category listings page with ?page=N. robots.txt
announces /sitemap.xml (with <lastmod>); an RSS feed lives at /rss/home.rss.
"""

from __future__ import annotations

from xml.sax.saxutils import escape as xml_escape

from crawler.demo.families.base import (
    VIETNAM_TZ,
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
    rss_feed,
)
from crawler.demo.families.widgets import (
    article_entry,
    category_blocks,
    category_menu,
    latest_box,
    listing_items,
    pager,
    static_paragraphs,
)
from crawler.demo.server import Resource

SITEMAP_PATH = "/sitemap.xml"
RSS_PATH = "/rss/home.rss"
_GOOGLE_NEWS = "https://news.google.com/publications/CAAqBwgKMNTQ2wowl9S3Aw"
_TODAY_SCRIPT = "<script>document.write(new Date().toLocaleDateString('vi-VN'))</script>"
_TTS = (
    '<div class="audio-player"><button class="play" aria-label="Nghe">▶</button>'
    '<span class="time">0:00 / 0:00</span><ul class="voices"><li class="active">Nam miền Bắc</li>'
    "<li>Nữ miền Bắc</li><li>Nữ miền Nam</li><li>Nam miền Nam</li></ul></div>"
)
_MOST_READ = '<aside class="most-read"><h3>Tin mới nhất</h3><ul>{items}</ul></aside>'
_SECTION = (
    '<section class="box-category"><h2 class="box-category__title"><a href="{href}">{label}</a>'
    "</h2>{items}</section>"
)
# A story card, on listings and under "Tin cùng chuyên mục".
_card = article_entry(
    '<article class="story">{thumb}<h3 class="story__heading"><a href="{href}">{title}</a></h3>'
    '<time class="story__time">{published:%H:%M, %d/%m/%Y}</time>'
    '<p class="story__summary">{summary}</p></article>',
    thumb='<a class="thumb" href="{href}"><img src="{src}" alt=""></a>',
)


class Newspaper(Family):
    name = "newspaper"

    def home_path(self) -> str:
        return "/"

    def listing_path(self, catalog: Catalog, category: Category, page: int) -> str:
        return f"/{category.slug}" if page == 1 else f"/{category.slug}?page={page}"

    def article_path(self, catalog: Catalog, article: Article, listing_page: int) -> str:
        return (
            f"/{article.category}/{ascii_slug(article.title, max_length=100)}-post{article.id}.html"
        )

    def static_path(self, slug: str) -> str:
        return f"/{slug}.html"

    def image_path(self, catalog: Catalog, article: Article, image: Image) -> str:
        return f"/images/{article.published:%Y/%m/%d}/{image.file}"

    def robots_txt(self, catalog: Catalog) -> str:
        return (
            "User-agent: *\nDisallow: /tim-kiem\nDisallow: /api/\n\n"
            f"Sitemap: {catalog.info.url(SITEMAP_PATH)}\n"
        )

    def extra_resources(self, catalog: Catalog) -> dict[str, Resource]:
        xml = {"Content-Type": "application/xml; charset=utf-8"}
        rss = {"Content-Type": "application/rss+xml; charset=utf-8"}
        feed = rss_feed(catalog, catalog.articles, f"{catalog.info.name} - Tin mới")
        return {
            SITEMAP_PATH: Resource(render_sitemap(catalog).encode(), headers=xml),
            RSS_PATH: Resource(feed.encode(), headers=rss),
        }

    # -- pages ---------------------------------------------------------------
    def _frame(self, catalog: Catalog, title: str, main: str, meta: str = "") -> str:
        info = catalog.info
        menu = category_menu(catalog)
        head = meta_head(
            title,
            f'<link rel="alternate" type="application/rss+xml" href="{RSS_PATH}">\n'
            f'<meta property="og:site_name" content="{esc(info.name)}">\n{meta}',
        )
        body = f"""<header class="site-header"><div class="container">
<a class="logo" href="/"><img src="/assets/logo.svg" alt="{esc(info.name)}"></a>
<div class="header-date">{_TODAY_SCRIPT}</div>
<form class="search" action="/tim-kiem"><input name="q" placeholder="Tìm kiếm"></form></div>
<nav class="main-nav"><ul><li><a href="/">Trang chủ</a></li>{menu}
</ul></nav></header>
<main class="container">{main}</main>
<footer class="site-footer"><p><strong>{esc(info.name.upper())}</strong> - {esc(info.owner)}</p>
<p>Tòa soạn: {esc(info.address)}</p><p>Điện thoại: {esc(info.phone)} - Email: {esc(info.email)}</p>
<p>Giấy phép hoạt động báo điện tử số 28/GP-BTTTT.
Ghi rõ nguồn khi phát hành lại thông tin từ website này.</p>
<p>{anchor(self.static_path("lien-he"), "Liên hệ tòa soạn")} |
{anchor(self.static_path("gioi-thieu"), "Giới thiệu")} | {anchor(RSS_PATH, "RSS")}</p></footer>"""
        return html_page(head, body)

    def render_home(self, catalog: Catalog) -> str:
        sections = category_blocks(catalog, _card, _SECTION)
        latest = latest_box(catalog, _MOST_READ, "%H:%M %d/%m")
        main = f'<div class="home">{sections}{latest}</div>'
        return self._frame(catalog, f"{catalog.info.name} - Tin tức mới nhất", main)

    def render_listing(self, catalog: Catalog, category: Category, page: int) -> str:
        cards = listing_items(catalog, category, page, _card)
        links = pager(
            catalog,
            category,
            page,
            current='<a class="active" href="{href}">{number}</a>',
            other='<a href="{href}">{number}</a>',
            previous='<a class="prev" href="{href}">Trang trước</a>',
            following='<a class="next" href="{href}">Xem thêm</a>',
        )
        main = (
            f'<h1 class="category-title">{esc(category.name)}</h1>'
            f'<div class="timeline">{cards}</div>'
            f'<div class="pagination">{links}</div>'
        )
        return self._frame(catalog, f"{category.name} - {catalog.info.name}", main)

    def _figure(self, src: str, image: Image) -> str:
        return (
            f'<figure class="image"><img src="{esc(src)}" alt="{esc(image.caption)}">'
            f"<figcaption>{esc(image.caption)}</figcaption></figure>"
        )

    def render_article(self, catalog: Catalog, article: Article) -> str:
        info = catalog.info
        category = catalog.category(article.category)
        url = info.url(catalog.path(article))
        iso = article.published.replace(tzinfo=VIETNAM_TZ).isoformat()
        meta = (
            f'<link rel="canonical" href="{esc(url)}">\n'
            f'<meta property="og:url" content="{esc(url)}">\n'
            f'<meta property="og:title" content="{esc(article.title)}">\n'
            f'<meta property="article:published_time" content="{iso}">'
        )
        # Plain <p>, run together: the newspaper's editor adds no style and no line breaks.
        content = body_paragraphs(catalog, article, self._figure, "<p>{}</p>", separator="")
        author = f'<p class="author">{esc(article.byline)}</p>' if article.byline else ""
        related = "".join(_card(catalog, a) for a in catalog.related(article, 4))
        name = info.name
        main = f"""<div class="breadcrumb"><a href="/">Trang chủ</a>
{anchor(catalog.listing(category), category.name)}</div>
<article class="detail">
<h1 class="detail__title">{esc(article.title)}</h1>
<div class="detail__meta">
<time datetime="{iso}">{article.published:%H:%M}, {dmy(article.published)}</time>
<span class="views">{article.views} lượt xem</span></div>
{_TTS}
<div class="detail__sapo">{esc(article.sapo or "")}</div>
<div class="detail__content">
{content}
</div>
{author}
<div class="google-news">{anchor(_GOOGLE_NEWS, f"Theo dõi {name} trên Google News", rel="nofollow")}
</div>
</article>
<section class="related"><h2>Tin cùng chuyên mục</h2>{related}</section>"""
        return self._frame(catalog, article.title, main, meta)

    def render_static(self, catalog: Catalog, title: str, text: str) -> str:
        paragraphs = static_paragraphs(catalog, text)
        return self._frame(catalog, title, f"<h1>{esc(title)}</h1>{paragraphs}")


def render_sitemap(catalog: Catalog) -> str:
    info = catalog.info
    entries = []
    for category in info.categories:
        newest = catalog.pages[category.slug][0]
        newest_date = newest[0].published if newest else None
        lastmod = (
            f"<lastmod>{newest_date.replace(tzinfo=VIETNAM_TZ).isoformat()}</lastmod>"
            if newest_date
            else ""
        )
        entries.append(
            f"<url><loc>{xml_escape(info.url(catalog.listing(category)))}</loc>{lastmod}</url>"
        )
    for article in catalog.articles:
        stamp = article.published.replace(tzinfo=VIETNAM_TZ).isoformat()
        loc = xml_escape(info.url(catalog.path(article)))
        entries.append(f"<url><loc>{loc}</loc><lastmod>{stamp}</lastmod></url>")
    return (
        '<?xml version="1.0" encoding="UTF-8"?>\n'
        '<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">\n'
        + "\n".join(entries)
        + "\n</urlset>\n"
    )
