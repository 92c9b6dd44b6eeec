"""The kind of site a document came from when neither its URL nor its site name says.

Text that someone else pulled from pages often lacks both; what is left of the
page still tells: provincial papers open district news with a dateline
("Cẩm Thủy: ...", "Thọ Xuân (Thanh Hóa): ..."), and government portals carry
banner slogans and accessibility widgets that newspapers do not.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from crawler.extraction.hosts import HostInfo
from crawler.extraction.places import dateline_mention
from crawler.textnorm import fold

# Banner and widget lines of government portals, folded (no diacritics, lower case).
GOVERNMENT_SITE_CUES: tuple[tuple[str, str], ...] = (
    (r"nghi quyet dai hoi dang bo", "slogan: carry out the Party congress resolution"),
    (r"chao mung", "banner: welcome to / celebrating"),
    (r"cong thong tin dien tu|trang thong tin dien tu", "site name: e-portal / e-information page"),
    (r"\bphan dau\b", "slogan: strive to"),
    (r"skip to main content", "accessibility link of Drupal-based provincial portals"),
    (r"che do ban dem|doc noi dung|xuat pdf", "portal widgets: night mode, read aloud, PDF"),
)
_GOVERNMENT_RE = re.compile("|".join(f"(?:{p})" for p, _ in GOVERNMENT_SITE_CUES))


def has_government_banner(lines: Sequence[str]) -> bool:
    return any(_GOVERNMENT_RE.search(fold(line)) for line in lines)


def source_kind_of(
    host: HostInfo, title: str, chrome_lines: Sequence[str], district: str | None
) -> str:
    """The host's kind; without a known site, the dateline or the portal banner decides."""
    if host.source_kind != "other" or host.host:
        return host.source_kind
    if dateline_mention(title):
        return "provincial_newspaper"
    if has_government_banner(chrome_lines):
        return "district_portal" if district else "provincial_portal"
    return "other"
