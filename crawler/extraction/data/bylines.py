"""Bylines of Vietnamese portals and papers, as data.

Entries are written against :func:`crawler.textnorm.fold` output; each carries an
English gloss.
"""

from __future__ import annotations

# Labels that introduce the writer's name, before the colon. Joiners between the words
# ("Tin, ảnh", "Tin và ảnh", "Tin & ảnh", "Tin/ảnh") are read as one space.
BYLINE_LABELS: tuple[tuple[str, str], ...] = (
    ("tin anh", "news and photos by"),
    ("bai anh", "article and photos by"),
    ("tin bai anh", "news, article and photos by"),
    ("tin video", "news and video by"),
    ("tin", "news by"),
    ("bai", "article by"),
    ("tac gia", "author"),
    ("tac gia bai viet", "author of the article"),
    ("nguoi viet", "writer"),
    ("but danh", "pen name"),
    ("thuc hien", "produced by"),
    ("nhom thuc hien", "produced by the team"),
    ("bien tap", "edited by"),
    ("bien tap vien", "editor"),
    ("btv", "editor (biên tập viên)"),
    ("pv", "reporter (phóng viên)"),
    ("phong vien", "reporter"),
    ("nhom pv", "reporters' team"),
    ("nhom phong vien", "reporters' team"),
    ("ptv", "reporter"),
    ("ctv", "contributor (cộng tác viên)"),
    ("cong tac vien", "contributor"),
)

# Labels of a byline standing inside a metadata row ("Ngày đăng: ... | Tác giả: X").
META_ROW_LABELS: tuple[tuple[str, str], ...] = (
    ("tac gia", "author"),
    ("tac gia bai viet", "author of the article"),
    ("nguoi viet", "writer"),
    ("but danh", "pen name"),
    ("bien tap vien", "editor"),
    ("btv", "editor"),
    ("pv", "reporter"),
    ("phong vien", "reporter"),
    ("ctv", "contributor"),
)

# Bylines that name no person: reporters, the editorial board.
NON_PERSON_BYLINES: tuple[tuple[str, str], ...] = (
    ("pv", "reporter (phóng viên)"),
    ("ptv", "reporter"),
    ("nhom pv", "reporters' team"),
    ("nhom phong vien", "reporters' team"),
    ("phong vien", "reporter"),
    ("bbt", "editorial board (ban biên tập)"),
    ("ban bien tap", "editorial board"),
    ("ctv", "contributor (cộng tác viên)"),
    ("cong tac vien", "contributor"),
    ("btv", "editor"),
    ("qtv", "site administrator"),
    ("admin", "site administrator"),
    ("quan tri vien", "site administrator"),
)

# Openings of a unit name written after the writer's name. Written with their marks and
# matched against the lower-cased text with its marks: "Báo Nghệ An" is a newspaper,
# "Bảo Ngọc" a writer, "Huyện ..." a district, "Huyền Trang" a writer.
UNIT_OPENERS: tuple[tuple[str, str], ...] = (
    ("trung tâm", "centre"),
    ("ttvh", "culture centre"),
    ("ttvhtt", "culture, sports and communication centre"),
    ("phòng ", "office / division"),
    ("văn phòng", "office"),
    ("ban ", "board / committee"),
    ("đài ", "radio/TV station"),
    ("báo ", "newspaper"),
    ("tạp chí", "magazine"),
    ("sở ", "provincial department"),
    ("cục ", "department"),
    ("chi cục", "sub-department"),
    ("ubnd", "people's committee"),
    ("ủy ban", "committee"),
    ("hđnd", "people's council"),
    ("huyện ủy", "district party committee"),
    ("đảng ủy", "party committee"),
    ("tỉnh ủy", "provincial party committee"),
    ("thành ủy", "city party committee"),
    ("hội ", "association"),
    ("đoàn ", "union / delegation"),
    ("công an", "police"),
    ("mặt trận", "fatherland front"),
    ("cổng thông tin", "portal"),
    ("trang thông tin", "information site"),
    ("trường ", "school"),
    ("bệnh viện", "hospital"),
    ("xã ", "commune"),
    ("huyện ", "district"),
    ("thị trấn", "township"),
    ("ttxvn", "national news agency"),
    ("phóng viên", "reporter"),
    ("pv ", "reporter"),
    ("ctv", "contributor"),
)

# Unit openers that are also surnames: they do not, alone, keep a name from being a name
# ("Đoàn Văn Minh" is a writer; "Đoàn Thanh niên huyện" fails the name test anyway).
SURNAME_UNIT_OPENERS: tuple[tuple[str, str], ...] = (("đoàn ", "Đoàn, a common surname"),)
