"""Pages of a fictional district portal ("huyện Sơn Vân") for the archive tests.

The host and every sentence are made up for these tests.
"""

from __future__ import annotations

from dataclasses import dataclass
from html import escape

HOST = "sonvan.thanhhoa.gov.vn"
SITE_NAME = "Cổng thông tin điện tử huyện Sơn Vân"


@dataclass(frozen=True)
class Article:
    ident: int
    slug: str
    title: str
    #: "dd/mm/yyyy" as the portal prints it.
    date: str
    paragraphs: tuple[str, ...]

    @property
    def path(self) -> str:
        return f"/tin-tuc/{self.slug}-{self.ident}.html"

    def url(self, host: str = HOST, scheme: str = "http") -> str:
        return f"{scheme}://{host}{self.path}"


ARTICLES: tuple[Article, ...] = (
    Article(
        1201,
        "ky-hop-thu-bay-hdnd-huyen-son-van-khoa-xx",
        "Kỳ họp thứ Bảy HĐND huyện Sơn Vân khóa XX, nhiệm kỳ 2021-2026",
        "08/12/2022",
        (
            "Sáng ngày 8/12/2022, HĐND huyện Sơn Vân khóa XX, nhiệm kỳ 2021-2026 khai mạc Kỳ họp "
            "thứ Bảy để xem xét các báo cáo kinh tế - xã hội năm 2022.",
            "Đồng chí Lê Quang Vũ, Phó Bí thư Thường trực Huyện ủy, Chủ tịch HĐND huyện chủ trì "
            "kỳ họp. Tổng thu ngân sách trên địa bàn năm 2022 ước đạt 412 tỷ đồng.",
            "Các đại biểu đã thảo luận tại tổ và biểu quyết thông qua 9 nghị quyết quan trọng.",
        ),
    ),
    Article(
        1202,
        "hoi-nghi-ban-chap-hanh-dang-bo-huyen-lan-thu-muoi-lam",
        "Hội nghị Ban Chấp hành Đảng bộ huyện Sơn Vân lần thứ 15, khóa XXIII",
        "21/07/2023",
        (
            "Chiều ngày 20/7/2023, Ban Chấp hành Đảng bộ huyện Sơn Vân tổ chức hội nghị lần thứ 15 "
            "để sơ kết công tác 6 tháng đầu năm.",
            "Đồng chí Hoàng Minh Tâm, Bí thư Huyện ủy phát biểu kết luận hội nghị, yêu cầu các "
            "chi bộ, đảng bộ cơ sở tập trung hoàn thành chỉ tiêu phát triển đảng viên.",
            "Sáu tháng đầu năm, toàn huyện kết nạp 87 đảng viên mới.",
        ),
    ),
    Article(
        1203,
        "ubnd-huyen-son-van-hop-phien-thuong-ky-thang-5",
        "UBND huyện Sơn Vân họp phiên thường kỳ tháng 5 năm 2021",
        "03/06/2021",
        (
            "Ngày 2/6/2021, UBND huyện Sơn Vân họp phiên thường kỳ tháng 5 để đánh giá tình hình "
            "thực hiện nhiệm vụ và bàn giải pháp cho tháng 6.",
            "Chủ tịch UBND huyện Đinh Thị Hạnh yêu cầu các phòng, ban đẩy nhanh tiến độ giải ngân "
            "vốn đầu tư công, hiện mới đạt 38% kế hoạch.",
        ),
    ),
    Article(
        1204,
        "so-ket-sau-thang-cong-tac-dan-van-nam-2019",
        "Sơ kết 6 tháng công tác dân vận năm 2019",
        "15/07/2019",
        (
            "Ngày 12/7/2019, Ban Dân vận Huyện ủy Sơn Vân tổ chức hội nghị sơ kết công tác dân "
            "vận 6 tháng đầu năm 2019.",
            "Các xã đã xây dựng 46 mô hình dân vận khéo trên các lĩnh vực sản xuất, xây dựng nông "
            "thôn mới và giữ gìn an ninh trật tự.",
        ),
    ),
    Article(
        1205,
        "ra-quan-lam-duong-giao-thong-nong-thon-xa-son-ha",
        "Xã Sơn Hà ra quân làm đường giao thông nông thôn",
        "10/03/2018",
        (
            "Hưởng ứng phong trào chung sức xây dựng nông thôn mới, sáng 9/3, xã Sơn Hà ra quân "
            "làm mới 2,4 km đường bê tông liên thôn.",
            "Nhân dân các thôn đã hiến hơn 1.500 m2 đất và đóng góp ngày công để hoàn thành công "
            "trình trước mùa mưa.",
        ),
    ),
    Article(
        1206,
        "dai-hoi-dai-bieu-mttq-huyen-son-van-lan-thu-xviii",
        "Đại hội đại biểu MTTQ Việt Nam huyện Sơn Vân lần thứ XVIII, nhiệm kỳ 2019-2024",
        "26/06/2019",
        (
            "Trong hai ngày 25 và 26/6/2019, Ủy ban MTTQ Việt Nam huyện Sơn Vân tổ chức Đại hội "
            "đại biểu lần thứ XVIII, nhiệm kỳ 2019-2024.",
            "Đại hội đã hiệp thương cử 45 vị vào Ủy ban MTTQ huyện khóa mới; bà Vũ Thị Loan được "
            "tín nhiệm giữ chức Chủ tịch Ủy ban MTTQ huyện.",
        ),
    ),
    Article(
        1207,
        "quan-triet-nghi-quyet-hoi-nghi-trung-uong-tam-khoa-xiii",
        "Hội nghị quán triệt Nghị quyết Hội nghị Trung ương 8 khóa XIII",
        "14/11/2023",
        (
            "Sáng 14/11/2023, Ban Thường vụ Huyện ủy Sơn Vân tổ chức hội nghị quán triệt, triển "
            "khai các nghị quyết Hội nghị lần thứ 8 Ban Chấp hành Trung ương Đảng khóa XIII.",
            "Hơn 300 đại biểu là cán bộ chủ chốt của huyện và các xã tham dự hội nghị.",
        ),
    ),
    Article(
        1208,
        "le-hoi-dua-thuyen-truyen-thong-tren-song-son",
        "Sôi nổi lễ hội đua thuyền truyền thống trên sông Sơn",
        "02/09/2016",
        (
            "Nhân dịp Quốc khánh 2/9, huyện Sơn Vân tổ chức lễ hội đua thuyền truyền thống với "
            "sự tham gia của 12 đội thuyền đến từ các xã ven sông.",
            "Giải nhất thuộc về đội thuyền xã Sơn Thủy sau ba lượt đua căng thẳng.",
        ),
    ),
)


def _chrome(body: str, title: str) -> str:
    links = (
        ("/", "Trang chủ"),
        ("/chuyen-muc/tin-hoat-dong", "Tin hoạt động"),
        ("/lien-he.html", "Liên hệ"),
    )
    menu = "".join(f'<li><a href="{href}">{escape(text)}</a></li>' for href, text in links)
    return (
        f'<!DOCTYPE html><html lang="vi"><head><meta charset="utf-8">'
        f"<title>{escape(title)} - {escape(SITE_NAME)}</title></head><body>"
        f'<div class="header"><div class="site-name">{escape(SITE_NAME)}</div></div>'
        f'<ul class="menu">{menu}</ul>{body}'
        f'<div class="footer">Cơ quan chủ quản: Ủy ban nhân dân huyện Sơn Vân. '
        f"Điện thoại: 0237 3999 000</div></body></html>"
    )


def article_html(article: Article, revision: int = 0) -> str:
    """An article page; a later revision adds a closing note, so captures differ."""
    paragraphs = list(article.paragraphs)
    if revision:
        paragraphs.append(f"Bài viết được bổ sung thông tin lần thứ {revision}.")
    prose = "".join(f"<p>{escape(text)}</p>" for text in paragraphs)
    body = (
        f'<div class="article"><h1 class="title">{escape(article.title)}</h1>'
        f'<div class="date">Ngày đăng: {article.date}</div>{prose}</div>'
    )
    return _chrome(body, article.title)


def listing_html(articles: tuple[Article, ...] = ARTICLES) -> str:
    items = "".join(
        f'<li><a href="{a.path}">{escape(a.title)}</a> <span>{a.date}</span></li>' for a in articles
    )
    return _chrome(f'<h2>Tin hoạt động</h2><ul class="news-list">{items}</ul>', "Tin hoạt động")


def home_html() -> str:
    return listing_html(ARTICLES[:5])
