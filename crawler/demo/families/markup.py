"""Markup pieces the family renderers share: escaping, dates, widgets, link boxes, feeds."""

from __future__ import annotations

import hashlib
import re
from collections.abc import Callable, Sequence
from datetime import datetime
from email.utils import format_datetime
from html import escape
from xml.sax.saxutils import escape as xml_escape

from crawler.demo.families.base import (
    VIETNAM_TZ,
    WEEKDAYS,
    Article,
    Catalog,
    Image,
    SiteInfo,
)
from crawler.textnorm import strip_diacritics

# A family's photo markup: (src, image) -> html.
FigureRenderer = Callable[[str, Image], str]


def esc(text: str) -> str:
    return escape(text, quote=True)


def dmy(moment: datetime, sep: str = "/") -> str:
    return f"{moment:%d}{sep}{moment:%m}{sep}{moment:%Y}"


def weekday(moment: datetime) -> str:
    return WEEKDAYS[moment.weekday()]


def short_text(article: Article, limit: int = 220) -> str:
    """The lead shown on listing pages: the sapo, or the opening of the first paragraph."""
    text = article.sapo or (article.paragraphs[0] if article.paragraphs else "")
    if len(text) <= limit:
        return text
    return text[:limit].rsplit(" ", 1)[0] + "..."


def body_paragraphs(
    catalog: Catalog,
    article: Article,
    figure_html: FigureRenderer,
    paragraph_html: str = '<p style="text-align: justify;">{}</p>',
    separator: str = "\n",
) -> str:
    """Article paragraphs (``paragraph_html`` around each), each photo after its paragraph."""
    parts: list[str] = []
    for index, paragraph in enumerate(article.paragraphs):
        parts.append(paragraph_html.format(esc(paragraph)))
        for image in article.images:
            if image.after == index:
                parts.append(figure_html(catalog.image_path(article, image), image))
    return separator.join(parts)


def anchor(href: str, label: str, css: str = "", rel: str = "") -> str:
    """<a> with an escaped href and label, and optional class and rel."""
    attrs = (f' class="{css}"' if css else "") + (f' rel="{rel}"' if rel else "")
    return f'<a href="{esc(href)}"{attrs}>{esc(label)}</a>'


def font_size_widget() -> str:
    return (
        '<div class="font-tools"><a href="javascript:void(0)" title="Tăng cỡ chữ">A+</a> '
        '<a href="javascript:void(0)" title="Cỡ chữ mặc định">A</a> '
        '<a href="javascript:void(0)" title="Giảm cỡ chữ">A-</a> '
        "<span>Tăng cỡ chữ</span> | <span>Cỡ chữ mặc định</span> | <span>Giảm cỡ chữ</span></div>"
    )


def share_widget(print_href: str | None) -> str:
    printing = (
        f'<a href="{esc(print_href)}" target="_blank">In bài viết</a>'
        if print_href
        else ('<a href="javascript:window.print()">In trang</a>')
    )
    return (
        '<div class="share-tools"><span>Chia sẻ:</span> '
        '<a href="https://www.facebook.com/sharer/sharer.php" rel="nofollow">Facebook</a> '
        '<a href="https://zalo.me/share" rel="nofollow">Zalo</a> '
        f'<a href="mailto:?subject=Tin%20bai">Gửi email</a> {printing}</div>'
    )


def counter_box(catalog: Catalog) -> str:
    online = catalog.counter("online", 12, 180)
    today = catalog.counter("today", 800, 4000)
    total = catalog.counter("total", 1_200_000, 9_800_000)
    return (
        '<div class="box thong-ke"><h3>Thống kê truy cập</h3><ul>'
        f"<li>Đang online: <b>{online}</b></li><li>Hôm nay: <b>{today:,}</b></li>"
        f"<li>Tổng lượt truy cập: <b>{total:,}</b></li></ul></div>"
    ).replace(",", ".")


def poll_box() -> str:
    options = ("Tin tức - sự kiện", "Văn bản chỉ đạo", "Thủ tục hành chính", "Ý kiến khác")
    items = "".join(
        f'<li><label><input type="radio" name="poll" value="{i}"> {esc(o)}</label></li>'
        for i, o in enumerate(options)
    )
    return (
        '<div class="box tham-do"><h3>Ý kiến thăm dò</h3>'
        "<p>Bạn quan tâm nội dung nào trên cổng thông tin?</p>"
        f'<ul>{items}</ul><button type="button">Biểu quyết</button> '
        '<a href="javascript:void(0)">Xem kết quả</a></div>'
    )


def link_list(catalog: Catalog, articles: Sequence[Article], date_format: str) -> str:
    """<li> items of a "Tin mới" / "Các tin khác" box, each with its own date."""
    return "".join(
        f'<li><a href="{esc(catalog.path(a))}">{esc(a.title)}</a> '
        f'<span class="date">{a.published.strftime(date_format)}</span></li>'
        for a in articles
    )


def external_links(info: SiteInfo) -> str:
    options = "".join(
        f'<option value="{esc(url)}">{esc(label)}</option>' for label, url in info.links
    )
    anchors = "".join(
        f'<li><a href="{esc(url)}">{esc(label)}</a></li>' for label, url in info.links
    )
    return (
        '<div class="box lien-ket"><h3>Liên kết website</h3>'
        f"<select><option>-- Chọn liên kết --</option>{options}</select><ul>{anchors}</ul></div>"
    )


def html_page(head: str, body: str, lang: str = "vi") -> str:
    return (
        f'<!DOCTYPE html>\n<html lang="{lang}">\n<head>\n{head}\n</head>\n'
        f"<body>\n{body}\n</body>\n</html>\n"
    )


def meta_head(title: str, extra: str = "") -> str:
    return (
        '<meta charset="utf-8">\n'
        '<meta name="viewport" content="width=device-width, initial-scale=1">\n'
        f"<title>{esc(title)}</title>\n{extra}"
    )


def static_text(catalog: Catalog, text: str) -> list[str]:
    info = catalog.info
    return [text, f"Địa chỉ: {info.address}. Điện thoại: {info.phone}. Email: {info.email}."]


_WORD = re.compile(r"[A-Za-z0-9]+")


def ascii_slug(title: str, keep_case: bool = False, max_length: int = 90) -> str:
    """ "Hội nghị lần thứ XVI" -> "hoi-nghi-lan-thu-xvi" (or "Hoi-nghi-lan-thu-XVI")."""
    words = _WORD.findall(strip_diacritics(title))
    slug = ""
    for word in words:
        candidate = f"{slug}-{word}" if slug else word
        if len(candidate) > max_length:
            break
        slug = candidate
    return slug if keep_case else slug.lower()


def short_hash(text: str, length: int = 6) -> str:
    """Stable lower-case letters and digits, standing in for a CMS's random suffix."""
    alphabet = "abcdefghijklmnopqrstuvwxyz0123456789"
    number = int.from_bytes(hashlib.sha1(text.encode()).digest()[:8], "big")
    chars = []
    for _ in range(length):
        number, rest = divmod(number, len(alphabet))
        chars.append(alphabet[rest])
    return "".join(chars)


def rss_feed(catalog: Catalog, articles: Sequence[Article], title: str | None = None) -> str:
    """An RSS 2.0 feed of ``articles`` with absolute links and RFC 822 dates."""
    info = catalog.info
    items = []
    for article in articles:
        url = info.url(catalog.path(article))
        published = format_datetime(article.published.replace(tzinfo=VIETNAM_TZ))
        items.append(
            f"<item><title>{xml_escape(article.title)}</title><link>{xml_escape(url)}</link>"
            f'<guid isPermaLink="true">{xml_escape(url)}</guid>'
            f"<description>{xml_escape(short_text(article))}</description>"
            f"<pubDate>{published}</pubDate></item>"
        )
    return (
        '<?xml version="1.0" encoding="utf-8"?>\n<rss version="2.0"><channel>'
        f"<title>{xml_escape(title or info.name)}</title><link>{info.url('/')}</link>"
        f"<description>{xml_escape(info.slogan)}</description><language>vi</language>"
        f"{''.join(items)}</channel></rss>\n"
    )
