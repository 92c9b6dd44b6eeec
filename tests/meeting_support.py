"""Records and texts for the meeting tests, written for them."""

from __future__ import annotations

import hashlib
from typing import Any

PLENUM_TEXT = "\n\n".join(
    (
        "Sáng ngày 14/3/2024, Ban Chấp hành Đảng bộ huyện Nông Cống tổ chức hội nghị lần thứ"
        " 19, khóa XXVI, nhiệm kỳ 2020-2025 để đánh giá kết quả lãnh đạo quý I và cho ý kiến"
        " vào đề án sắp xếp đơn vị hành chính cấp xã.",
        "Đồng chí Lê Văn Hải, Bí thư Huyện ủy chủ trì hội nghị. Dự hội nghị có các đồng chí"
        " trong Ban Thường vụ Huyện ủy, trưởng các ban xây dựng Đảng và bí thư đảng ủy các xã,"
        " thị trấn trong huyện.",
        "Báo cáo tại hội nghị cho biết quý I, giá trị sản xuất toàn huyện ước đạt 3.912 tỷ đồng,"
        " tăng 8,7% so với cùng kỳ; thu ngân sách trên địa bàn đạt 186 tỷ đồng, bằng 34% dự"
        " toán; toàn huyện gieo cấy 11.240 ha lúa chiêm xuân, vượt kế hoạch.",
        "Các đại biểu thảo luận về việc bố trí cán bộ sau sắp xếp, giải quyết trụ sở dôi dư và"
        " bảo đảm quyền lợi của người dân khi thay đổi địa giới hành chính.",
        "Kết luận hội nghị, đồng chí Bí thư Huyện ủy yêu cầu các cấp ủy đẩy nhanh giải phóng"
        " mặt bằng cụm công nghiệp, chuẩn bị chu đáo đại hội chi bộ nhiệm kỳ 2025-2027 và"
        " làm tốt công tác phòng chống hạn cho cây trồng vụ xuân.",
    )
)

OTHER_PLENUM_TEXT = "\n\n".join(
    (
        "Chiều 14-3, Huyện ủy Nông Cống họp Ban Chấp hành Đảng bộ huyện nhằm nhìn lại ba tháng"
        " đầu năm và góp ý đề án nhập một số xã.",
        "Theo số liệu được nêu, giá trị sản xuất của huyện trong quý tăng 8,7%, ngân sách thu"
        " được 186 tỷ đồng; diện tích lúa chiêm xuân vượt kế hoạch đề ra.",
        "Phát biểu chỉ đạo, Bí thư Huyện ủy Lê Văn Hải lưu ý việc sắp xếp cán bộ, xử lý trụ sở"
        " không còn sử dụng và chống hạn cho lúa.",
    )
)


def digest(text: str) -> str:
    return hashlib.sha256(text.encode()).hexdigest()


def report(url: str, text: str = PLENUM_TEXT, **fields: Any) -> dict[str, Any]:
    """A stored record of a district plenum report; ``fields`` override."""
    base: dict[str, Any] = {
        "url": url,
        "source": url.split("/")[2],
        "source_kind": "district_portal",
        "title": "Hội nghị Ban Chấp hành Đảng bộ huyện lần thứ 19",
        "published": "2024-03-14",
        "text": text,
        "content_hash": digest(text),
        "is_meeting_report": True,
        "province": "Thanh Hóa",
        "district": "Nông Cống",
        "level": "district",
        "body": "party_committee",
        "meeting_type": "plenum",
        "meeting_date": "2024-03-14",
        "session_number": 19,
        "term_number": 26,
        "term_period": "2020-2025",
    }
    base.update(fields)
    return base


def republished(original: dict[str, Any], url: str, **fields: Any) -> dict[str, Any]:
    """The same text on another site, under another headline, with a sapo and a credit line."""
    text = (
        "Nông Cống bàn giải pháp sắp xếp đơn vị hành chính cấp xã trong năm nay.\n\n"
        + original["text"]
        + "\n\nTheo Cổng thông tin điện tử huyện Nông Cống"
    )
    copy = dict(
        original,
        url=url,
        source=url.split("/")[2],
        source_kind="provincial_newspaper",
        title="Nông Cống: Đẩy nhanh giải phóng mặt bằng cụm công nghiệp",
        text=text,
        content_hash=digest(text),
    )
    copy.update(fields)
    return copy


def from_template(
    original: dict[str, Any], url: str, replaced: dict[str, str], **fields: Any
) -> dict[str, Any]:
    """A report of another meeting written from the same template as ``original``: the
    same wording with a few words ``replaced`` (old -> new), and the fields it states."""
    text = original["text"]
    for old, new in replaced.items():
        assert old in text, old
        text = text.replace(old, new)
    copy = dict(original, url=url, source=url.split("/")[2], text=text, content_hash=digest(text))
    copy.update(fields)
    return copy
