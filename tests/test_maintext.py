"""read_main_text: the prose block, the fallback when the extractor finds little, and
the lines swept in after the article container's end."""

from __future__ import annotations

from lxml.html import HtmlElement, document_fromstring

from crawler.extraction.maintext import find_prose_block, read_main_text, split_at_end

PARAGRAPHS = [
    "Sáng 9/11, Ban Thường vụ Huyện ủy họp phiên thường kỳ tháng 11 để cho ý kiến về dự thảo "
    "báo cáo chính trị trình đại hội.",
    "Hội nghị thống nhất điều chỉnh một số chỉ tiêu kinh tế - xã hội năm 2024 cho sát với "
    "tình hình thực tế của địa phương.",
    "Ban Thường vụ giao các ban xây dựng Đảng hoàn thiện văn bản, gửi xin ý kiến các tổ chức "
    "cơ sở đảng trước ngày 20/11.",
]
NOTICE = "Lãnh đạo huyện tiếp công dân định kỳ vào ngày 20 hằng tháng tại Trụ sở tiếp công dân."


def _page(article: str, sidebar: str = "") -> HtmlElement:
    return document_fromstring(
        f"<html><body><div id='page'><div id='col-a'>{article}</div>"
        f"<div id='col-b'>{sidebar}</div></div></body></html>"
    )


def test_prose_block_is_the_paragraphs_wrapper() -> None:
    article = "<div id='bai'>" + "".join(f"<p>{p}</p>" for p in PARAGRAPHS) + "</div>"
    root = _page(article, f"<div class='hop'><p>{NOTICE}</p></div>")
    block, held = find_prose_block(root)
    assert block is not None and block.get("id") == "bai"
    assert held == sum(len(p) for p in PARAGRAPHS)


def test_prose_block_grows_over_an_article_split_in_two() -> None:
    first = "<div id='phan-1'>" + "".join(f"<p>{p}</p>" for p in PARAGRAPHS[:2]) + "</div>"
    second = f"<div id='phan-2'><p>{PARAGRAPHS[2]}</p></div>"
    block, _held = find_prose_block(_page(first + second))
    assert block is not None and block.get("id") == "col-a"


def test_bare_div_paragraphs_are_read_when_the_extractor_finds_little() -> None:
    lead = "<div>Ban Thường vụ Huyện ủy họp phiên thường kỳ tháng 11</div><div>10/11/2024</div>"
    body = "<div id='bai'>" + "".join(f"<div>{p}</div>" for p in PARAGRAPHS) + "</div>"
    root = _page(lead + body)
    assert read_main_text(root, None).paragraphs == PARAGRAPHS
    # Without a headline element the lines above the block come along for the header reader.
    without_headline = read_main_text(_page(lead + body), None, headline_found=False)
    assert without_headline.paragraphs[:2] == [
        "Ban Thường vụ Huyện ủy họp phiên thường kỳ tháng 11",
        "10/11/2024",
    ]


def test_lines_past_the_container_end_are_set_apart() -> None:
    article = (
        "<div class='article-content'>"
        + "".join(f"<p>{p}</p>" for p in PARAGRAPHS)
        + "</div><p class='ky-ten'>Hoàng Minh Đức</p>"
    )
    sidebar = f"<div class='hop'><h4>Lịch tiếp dân</h4><p>{NOTICE}</p><p>1.204.311</p></div>"
    root = _page(article, sidebar)
    body_node = root.find_class("article-content")[0]
    # What an extractor that swept the sidebar in would return.
    swept = [*PARAGRAPHS, "Hoàng Minh Đức", NOTICE, "1.204.311"]
    main = split_at_end(swept, body_node)
    # The byline right under the body stays; the sidebar is kept out.
    assert main.paragraphs == [*PARAGRAPHS, "Hoàng Minh Đức"]
    assert main.trailing == [NOTICE, "1.204.311"]


def test_only_lines_after_the_last_one_inside_are_set_apart() -> None:
    # A sidebar line that also stands before the article's end (a repeated phrase) stays.
    article = "<div id='bai'>" + "".join(f"<p>{p}</p>" for p in PARAGRAPHS) + "</div>"
    root = _page(article, "<div class='hop'><h4>Lịch tiếp dân</h4></div>")
    container = root.get_element_by_id("bai")
    lines = [PARAGRAPHS[0], "Lịch tiếp dân", *PARAGRAPHS[1:]]
    assert split_at_end(lines, container).paragraphs == lines


def test_sidebar_swept_in_by_the_extractor_is_kept_out() -> None:
    sidebar = f"<div class='hop'><div class='hop-dau'>Thông báo</div><p>{NOTICE}</p></div>"
    article = "<div id='bai'>" + "".join(f"<p>{p}</p>" for p in PARAGRAPHS) + "</div>"
    main = read_main_text(_page(article, sidebar), None)
    assert main.paragraphs == PARAGRAPHS
    assert main.trailing == [NOTICE]
