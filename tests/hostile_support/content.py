"""Pages of the hostile web: short district news written for these tests, and
the legacy encodings they are served in (TCVN3, VNI, Windows-1258)."""

from __future__ import annotations

import unicodedata
from dataclasses import dataclass
from html import escape

from crawler.extraction.data.legacy_fonts import (
    TCVN3_LETTERS,
    VNI_BASE_MARKS,
    VNI_LETTERS,
    VNI_MARK_CODES,
)


@dataclass(frozen=True)
class Story:
    slug: str
    title: str
    date: str  # dd/mm/yyyy as the page prints it
    paragraphs: tuple[str, ...]

    @property
    def path(self) -> str:
        return f"/tin-tuc/{self.slug}.html"


def _story(slug: str, title: str, date: str, *paragraphs: str) -> Story:
    return Story(slug, title, date, paragraphs)


STORIES = {
    "plain": _story(
        "hoi-nghi-ban-chap-hanh-dang-bo-huyen-lan-thu-muoi-hai",
        "Hội nghị Ban Chấp hành Đảng bộ huyện lần thứ mười hai",
        "12/03/2024",
        "Sáng 11/3, Ban Chấp hành Đảng bộ huyện tổ chức hội nghị lần thứ mười hai để đánh giá "
        "kết quả thực hiện nhiệm vụ quý I và bàn giải pháp cho những tháng tiếp theo.",
        "Các đại biểu thống nhất tập trung đẩy nhanh tiến độ giải ngân vốn đầu tư công, chăm lo "
        "đời sống người dân vùng khó khăn và hoàn thành các công trình nông thôn mới.",
        "Kết thúc hội nghị, đồng chí Bí thư Huyện ủy yêu cầu các cơ quan, đơn vị cụ thể hóa "
        "nghị quyết thành chương trình hành động và báo cáo kết quả trước ngày 30/6.",
    ),
    "tcvn3": _story(
        "uy-ban-nhan-dan-huyen-hop-phien-thuong-ky-thang-hai",
        "Hội nghị giao ban công tác tháng hai của ủy ban nhân dân huyện",
        "28/02/2024",
        "Chiều 27/2, ủy ban nhân dân huyện họp phiên thường kỳ tháng hai, nghe báo cáo tình "
        "hình kinh tế, xã hội và công tác chuẩn bị vụ xuân trên địa bàn.",
        "Theo báo cáo, toàn huyện đã gieo cấy được hơn chín nghìn héc ta lúa, các xã chủ "
        "động nguồn nước tưới và tổ chức diệt chuột bảo vệ mùa màng.",
        "Chủ tịch ủy ban nhân dân huyện đề nghị các phòng, ban tiếp tục rà soát hồ sơ đất đai "
        "và giải quyết dứt điểm kiến nghị của cử tri trong quý này.",
    ),
    "vni": _story(
        "ky-hop-chuyen-de-hoi-dong-nhan-dan-huyen-khoa-moi",
        "Kỳ họp chuyên đề của Hội đồng nhân dân huyện",
        "05/04/2024",
        "Ngày 4/4, Hội đồng nhân dân huyện tổ chức kỳ họp chuyên đề để xem xét điều chỉnh kế "
        "hoạch đầu tư công trung hạn và một số nội dung cấp bách khác.",
        "Các đại biểu đã thảo luận sôi nổi, thống nhất thông qua bốn nghị quyết quan trọng về "
        "giao thông nông thôn, trường học và nước sạch sinh hoạt.",
        "Phát biểu bế mạc, Chủ tịch Hội đồng nhân dân huyện đề nghị Ủy ban nhân dân huyện "
        "khẩn trương triển khai các nghị quyết vừa được thông qua.",
    ),
    "cp1258": _story(
        "hoi-nghi-so-ket-cong-tac-dan-van-sau-thang-dau-nam",
        "Hội nghị sơ kết công tác dân vận sáu tháng đầu năm",
        "20/06/2024",
        "Ngày 19/6, Ban Dân vận Huyện ủy tổ chức hội nghị sơ kết công tác dân vận sáu tháng "
        "đầu năm, triển khai nhiệm vụ trọng tâm những tháng cuối năm.",
        "Hội nghị ghi nhận nhiều mô hình dân vận khéo ở cơ sở, góp phần vận động nhân dân hiến "
        "đất làm đường và giữ gìn vệ sinh môi trường khu dân cư.",
        "Các đơn vị được giao tiếp tục nắm bắt tâm tư của người dân, kịp thời giải quyết những "
        "vướng mắc phát sinh ngay từ thôn, bản.",
    ),
    "wrong_charset": _story(
        "tiep-xuc-cu-tri-truoc-ky-hop-thu-bay-tai-cac-xa",
        "Tiếp xúc cử tri trước kỳ họp thứ bảy tại các xã",
        "02/07/2024",
        "Trong hai ngày 1 và 2/7, tổ đại biểu Hội đồng nhân dân huyện tiếp xúc cử tri tại các "
        "xã vùng cao, thông báo nội dung dự kiến của kỳ họp thứ bảy.",
        "Cử tri kiến nghị sớm sửa chữa tuyến đường liên xã bị sạt lở và hỗ trợ giống cây trồng "
        "cho các hộ bị thiệt hại do mưa lớn đầu mùa.",
        "Các kiến nghị đã được ghi nhận đầy đủ để tổng hợp, gửi cơ quan có thẩm quyền xem xét "
        "và trả lời tại kỳ họp tới.",
    ),
    "malformed": _story(
        "huyen-doan-to-chuc-ra-quan-chien-dich-thanh-nien-tinh-nguyen-he",
        "Huyện đoàn tổ chức ra quân chiến dịch thanh niên tình nguyện hè",
        "15/06/2024",
        "Sáng 14/6, Huyện đoàn tổ chức lễ ra quân chiến dịch thanh niên tình nguyện hè với sự "
        "tham gia của hơn ba trăm đoàn viên, thanh niên.",
        "Trong hai tháng, các đội hình tình nguyện sẽ làm đường bê tông, sửa nhà cho hộ nghèo "
        "và mở lớp ôn tập miễn phí cho học sinh vùng khó khăn.",
        "Ban Thường vụ Huyện đoàn giao chỉ tiêu cụ thể cho từng cơ sở đoàn và tổ chức sơ kết "
        "vào cuối tháng tám.",
    ),
    "truncated": _story(
        "ban-chi-dao-phong-chong-thien-tai-kiem-tra-cac-ho-dap",
        "Ban Chỉ đạo phòng chống thiên tai kiểm tra các hồ đập",
        "08/05/2024",
        "Ngày 7/5, Ban Chỉ đạo phòng chống thiên tai và tìm kiếm cứu nạn huyện kiểm tra công "
        "tác chuẩn bị mùa mưa bão tại các hồ chứa nước trên địa bàn.",
        "Đoàn yêu cầu các đơn vị quản lý hồ đập bố trí người trực thường xuyên, chuẩn bị sẵn "
        "vật tư và phương án sơ tán dân khi có tình huống xấu.",
        "Các xã có hồ chứa phải rà soát lại danh sách hộ dân ở vùng hạ du và tổ chức diễn tập "
        "ngay trong tháng sáu.",
    ),
    "retry_after": _story(
        "trien-khai-ke-hoach-chuyen-doi-so-cap-huyen-nam-nay",
        "Triển khai kế hoạch chuyển đổi số cấp huyện năm nay",
        "22/01/2024",
        "Chiều 21/1, Ủy ban nhân dân huyện triển khai kế hoạch chuyển đổi số, đặt mục tiêu đưa "
        "phần lớn thủ tục hành chính lên môi trường mạng trong năm.",
        "Các phòng chuyên môn được giao số hóa hồ sơ lưu trữ và hướng dẫn người dân sử dụng "
        "dịch vụ công trực tuyến tại bộ phận một cửa.",
        "Huyện sẽ kiểm tra tiến độ hằng quý và biểu dương những xã làm tốt.",
    ),
    "flaky": _story(
        "mat-tran-to-quoc-huyen-trao-nha-dai-doan-ket-cho-ho-ngheo",
        "Mặt trận Tổ quốc huyện trao nhà đại đoàn kết cho hộ nghèo",
        "10/02/2024",
        "Ngày 9/2, Ủy ban Mặt trận Tổ quốc huyện trao mười hai căn nhà đại đoàn kết cho các hộ "
        "nghèo trước dịp Tết Nguyên đán.",
        "Mỗi căn nhà được hỗ trợ kinh phí từ Quỹ Vì người nghèo của huyện cùng ngày công của "
        "bà con lối xóm.",
        "Dịp này, Mặt trận cũng trao quà cho các gia đình chính sách trên địa bàn.",
    ),
    "sitemap_only": _story(
        "hoi-dong-nhan-dan-xa-giam-sat-viec-cap-giay-chung-nhan-dat",
        "Hội đồng nhân dân xã giám sát việc cấp giấy chứng nhận đất",
        "03/03/2024",
        "Thường trực Hội đồng nhân dân xã vừa giám sát việc cấp giấy chứng nhận quyền sử dụng "
        "đất cho các hộ gia đình trong giai đoạn vừa qua.",
        "Đoàn giám sát đề nghị công khai thủ tục, rút ngắn thời gian giải quyết hồ sơ và trả "
        "lời bằng văn bản những trường hợp chưa đủ điều kiện.",
        "Ủy ban nhân dân xã cam kết khắc phục các tồn tại trong quý tới.",
    ),
    "feed_only": _story(
        "hoi-lien-hiep-phu-nu-huyen-tong-ket-mo-hinh-tiet-kiem",
        "Hội Liên hiệp Phụ nữ huyện tổng kết mô hình tiết kiệm",
        "18/04/2024",
        "Hội Liên hiệp Phụ nữ huyện tổng kết ba năm thực hiện mô hình tiết kiệm giúp nhau phát "
        "triển kinh tế, với hàng trăm hội viên được vay vốn không lãi.",
        "Nhiều hội viên đã thoát nghèo nhờ chăn nuôi và làm dịch vụ nhỏ tại gia đình.",
        "Hội đề ra mục tiêu nhân rộng mô hình ra toàn bộ các chi hội trong năm tới.",
    ),
    "big_robots": _story(
        "xa-nong-thon-moi-nang-cao-don-nhan-bang-cong-nhan",
        "Xã nông thôn mới nâng cao đón nhận bằng công nhận",
        "25/05/2024",
        "Sáng 24/5, xã tổ chức lễ đón nhận bằng công nhận đạt chuẩn nông thôn mới nâng cao sau "
        "nhiều năm nỗ lực của cán bộ và nhân dân.",
        "Thu nhập bình quân đầu người của xã đã tăng gần gấp đôi so với năm năm trước.",
        "Xã đặt mục tiêu tiếp tục xây dựng các thôn kiểu mẫu trong giai đoạn tới.",
    ),
    "broken_robots": _story(
        "truong-trung-hoc-co-so-cua-huyen-dat-chuan-quoc-gia",
        "Trường trung học cơ sở của huyện đạt chuẩn quốc gia",
        "30/05/2024",
        "Trường trung học cơ sở thị trấn vừa được công nhận đạt chuẩn quốc gia mức độ hai sau "
        "đợt kiểm tra của đoàn công tác tỉnh.",
        "Nhà trường đã đầu tư thêm phòng học bộ môn, thư viện và sân chơi cho học sinh.",
        "Ban giám hiệu cảm ơn phụ huynh và chính quyền địa phương đã đồng hành.",
    ),
}


def article_html(story: Story, *, meta_charset: str | None = "utf-8", font: str | None = None,
                 title: str | None = None) -> str:  # fmt: skip
    """The article page of a small district portal."""
    shown = title or story.title
    face = f'<font face="{font}">' if font else ""
    close = "</font>" if font else ""
    meta = f'<meta charset="{meta_charset}">' if meta_charset else ""
    body = "".join(f"<p>{face}{escape(p, quote=False)}{close}</p>" for p in story.paragraphs)
    return (
        f'<!DOCTYPE html><html lang="vi"><head>{meta}<title>{escape(shown)}</title></head>'
        '<body><div class="header"><a href="/">Trang chủ</a></div>'
        f'<div class="news-detail"><h1 class="title">{face}{escape(shown)}{close}</h1>'
        f'<div class="date">Ngày đăng: {story.date}</div>{body}'
        '<p class="author">Phòng Văn hóa - Thông tin huyện</p></div>'
        '<div class="footer">Trang thông tin điện tử huyện</div></body></html>'
    )


# -- legacy encoders (the inverse of crawler.extraction.data.legacy_fonts) -------------------
_TCVN3_OF = {letter: code for code, (letter, _gloss) in TCVN3_LETTERS.items()}
_VNI_OF: dict[str, str] = {}
for _base, _marks in VNI_BASE_MARKS.items():
    for _mark, _letter in _marks.items():
        small, capital = VNI_MARK_CODES[_mark]
        _VNI_OF.setdefault(_letter, _base + small)
        _VNI_OF.setdefault(_letter.upper(), _base.upper() + capital)
for _code, (_letter, _gloss) in VNI_LETTERS.items():
    _VNI_OF[_letter] = _code


def to_tcvn3(text: str) -> str:
    """Unicode to TCVN3 codes (as they read in Latin-1); plain letters stay."""
    out = []
    for char in unicodedata.normalize("NFC", text):
        if char in _TCVN3_OF:
            out.append(_TCVN3_OF[char])
        elif ord(char) < 0x80:
            out.append(char)
        else:
            raise ValueError(f"TCVN3 has no code for {char!r}")
    return "".join(out)


def to_vni(text: str) -> str:
    """Unicode to VNI codes (a vowel and its mark code, or a letter code)."""
    out = []
    for char in unicodedata.normalize("NFC", text):
        if ord(char) < 0x80:
            out.append(char)
        elif char in _VNI_OF:
            out.append(_VNI_OF[char])
        else:
            raise ValueError(f"VNI has no code for {char!r}")
    return "".join(out)


_TONE_MARKS = "\u0300\u0301\u0303\u0309\u0323"


def to_cp1258(text: str) -> bytes:
    """Windows-1258 bytes: letters with their hat or horn, tones as combining marks."""
    out = []
    for char in unicodedata.normalize("NFC", text):
        parts = unicodedata.normalize("NFD", char)
        tones = "".join(c for c in parts if c in _TONE_MARKS)
        base = unicodedata.normalize("NFC", "".join(c for c in parts if c not in _TONE_MARKS))
        out.append(base + tones)
    return "".join(out).encode("cp1258")
