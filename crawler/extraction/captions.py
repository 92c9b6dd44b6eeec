"""Photo captions: figcaption, caption classes, and the short line under a photo.

They are taken out of the tree before the main text is read, so that they do not mix
with the prose; the record keeps them apart.
"""

from __future__ import annotations

from lxml.html import HtmlElement

from crawler.extraction.chrome import is_chrome_line
from crawler.extraction.dom import (
    CAPTION_CLASS_WORDS,
    element_text,
    element_words,
    is_attached,
    link_share,
)
from crawler.extraction.textdoc import is_caption_line

MAX_CAPTION_CHARS = 300
MAX_CAPTION_LINK_SHARE = 0.3
MAX_CAPTION_TABLE_ROWS = 3
_INLINE_TAGS = ("a", "span", "strong", "b", "em", "i", "font", "u")


def _image_block(image: HtmlElement) -> HtmlElement | None:
    block = image.getparent()
    while block is not None and block.tag in _INLINE_TAGS:
        block = block.getparent()
    return block


def _looks_like_caption(element: HtmlElement, text: str) -> bool:
    """The block under a photo: centred, in italics, or worded like a scene caption."""
    if not text or len(text) > MAX_CAPTION_CHARS or is_chrome_line(text):
        return False
    if link_share(element) > MAX_CAPTION_LINK_SHARE:
        return False  # a menu or a banner row, not a caption
    style = (element.get("style", "") + element.get("align", "")).replace(" ", "").lower()
    italic_text = "".join(element_text(node) for node in element.iter("em", "i"))
    italic = element.tag in ("em", "i") or italic_text.replace(" ", "") == text.replace(" ", "")
    return "center" in style or italic or is_caption_line(text)


def _caption_of_image(image: HtmlElement) -> HtmlElement | None:
    block = _image_block(image)
    if block is None:
        return None
    text = element_text(block)
    if block.tag in ("td", "th"):
        # A small table holding the photo and its caption.
        table = next(block.iterancestors("table"), None)
        if table is not None and len(table.findall(".//tr")) <= MAX_CAPTION_TABLE_ROWS:
            return table if _looks_like_caption(table, element_text(table)) else None
    if text:
        # The photo and its caption share a block: "<p><img><br><em>Caption</em></p>".
        alone = len(block.findall(".//img")) == 1 and block.tag not in ("body", "td", "th")
        return block if alone and _looks_like_caption(block, text) else None
    following = block.getnext()
    if following is not None and _looks_like_caption(following, element_text(following)):
        return following
    return None


def take_captions(root: HtmlElement) -> list[str]:
    """Photo captions, in page order, taken out of the tree."""
    elements = list(root.iter("figcaption"))
    elements += [
        e for e in root.iter() if isinstance(e.tag, str) and element_words(e) & CAPTION_CLASS_WORDS
    ]
    elements += [c for c in map(_caption_of_image, root.iter("img")) if c is not None]
    captions: list[str] = []
    for element in elements:
        if not is_attached(element, root):
            continue
        text = element_text(element)
        if text and len(text) <= MAX_CAPTION_CHARS and text not in captions:
            captions.append(text)
        element.drop_tree()
    return captions
