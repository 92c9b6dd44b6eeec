"""Sentence templates of the synthetic portals (crawler.demo.generate), written for this project.

Slots: {district}, {n} session number, {term} Roman term number, {d}/{m}/{y}
meeting day, {purpose}, {event}; figure sentences take {a}, {b}, {p}.
"""

from __future__ import annotations

from dataclasses import dataclass

# (district, province): real district-level units, the sites' places.
DISTRICTS: tuple[tuple[str, str], ...] = (
    ("Như Xuân", "Thanh Hóa"),
    ("Nga Sơn", "Thanh Hóa"),
    ("Yên Mô", "Ninh Bình"),
    ("Kim Sơn", "Ninh Bình"),
    ("Chi Lăng", "Lạng Sơn"),
    ("Hữu Lũng", "Lạng Sơn"),
    ("Phú Lương", "Thái Nguyên"),
    ("Đại Từ", "Thái Nguyên"),
    ("Mường Ảng", "Điện Biên"),
    ("Tuần Giáo", "Điện Biên"),
    ("Quỳnh Lưu", "Nghệ An"),
    ("Yên Thành", "Nghệ An"),
)

# Common commune names (many districts have one of each).
COMMUNES = (
    "Xuân Hòa", "Thanh Sơn", "Tân Lập", "Quang Trung", "Yên Lạc", "Đồng Tâm", "Minh Khai",
    "Tiến Thành", "Hợp Thành", "Phú Lộc", "Bình Minh", "Trung Thành",
)  # fmt: skip

# Name parts of fictional people.
SURNAMES = ("Nguyễn", "Trần", "Lê", "Phạm", "Hoàng", "Vũ", "Đặng", "Bùi", "Đỗ", "Ngô", "Trịnh")
MIDDLE_NAMES = ("Văn", "Thị", "Minh", "Đức", "Quang", "Hữu", "Thanh", "Ngọc", "Xuân")
GIVEN_NAMES = (
    "An", "Bình", "Cường", "Dũng", "Giang", "Hải", "Hạnh", "Hùng", "Khánh", "Long",
    "Nam", "Phong", "Quân", "Sơn", "Tâm", "Thảo", "Trung", "Tuấn", "Vinh", "Yến",
)  # fmt: skip

# role -> titles as a portal writes them
ROLE_TITLES: dict[str, tuple[str, ...]] = {
    "secretary": ("Tỉnh ủy viên", "Bí thư Huyện ủy", "Chủ tịch HĐND huyện"),  # party secretary
    "deputy_secretary": ("Phó Bí thư Thường trực Huyện ủy",),  # standing deputy secretary
    "committee_chair": ("Phó Bí thư Huyện ủy", "Chủ tịch UBND huyện"),  # people's committee chair
    "council_vice": ("Ủy viên Ban Thường vụ Huyện ủy", "Phó Chủ tịch HĐND huyện"),  # council vice
}


@dataclass(frozen=True)
class MeetingKind:
    body: str
    title: str
    opening: str
    #: what the text calls the meeting ("hội nghị", "kỳ họp", "phiên họp")
    event: str
    chair_role: str
    guest_roles: tuple[str, ...]
    #: whether the meeting carries session and term numbers
    numbered: bool = False
    term_number: int = 0
    term_period: str | None = None


# meeting_type -> how a portal reports it
MEETING_KINDS: dict[str, MeetingKind] = {
    "plenum": MeetingKind(  # Party committee plenum "lần thứ N"
        body="party_committee",
        title="Hội nghị Ban Chấp hành Đảng bộ huyện {district} lần thứ {n}, khóa {term}",
        opening=(
            "Ngày {d}/{m}/{y}, Ban Thường vụ Huyện ủy {district} tổ chức Hội nghị Ban Chấp hành "
            "Đảng bộ huyện lần thứ {n}, khóa {term}, nhiệm kỳ 2020-2025 để {purpose}."
        ),
        event="hội nghị",
        chair_role="secretary",
        guest_roles=("committee_chair", "deputy_secretary"),
        numbered=True,
        term_number=23,
        term_period="2020-2025",
    ),
    "council_session": MeetingKind(  # People's council session "kỳ họp thứ N"
        body="peoples_council",
        title="Kỳ họp thứ {n} HĐND huyện {district} khóa {term}",
        opening=(
            "Ngày {d}/{m}/{y}, HĐND huyện {district} khóa {term}, nhiệm kỳ 2021-2026 tổ chức "
            "kỳ họp thứ {n} để {purpose}."
        ),
        event="kỳ họp",
        chair_role="secretary",
        guest_roles=("council_vice", "committee_chair"),
        numbered=True,
        term_number=20,
        term_period="2021-2026",
    ),
    "regular_meeting": MeetingKind(  # monthly meeting of the people's committee
        body="peoples_committee",
        title="UBND huyện {district} họp phiên thường kỳ tháng {m} năm {y}",
        opening=(
            "Ngày {d}/{m}/{y}, UBND huyện {district} tổ chức phiên họp thường kỳ tháng {m} "
            "để {purpose}."
        ),
        event="phiên họp",
        chair_role="committee_chair",
        guest_roles=("council_vice",),
    ),
    "review_conference": MeetingKind(  # half-year review of the standing committee
        body="party_standing_committee",
        title="Ban Thường vụ Huyện ủy {district} sơ kết công tác 6 tháng đầu năm {y}",
        opening=(
            "Ngày {d}/{m}/{y}, Ban Thường vụ Huyện ủy {district} tổ chức hội nghị sơ kết công "
            "tác lãnh đạo, chỉ đạo 6 tháng đầu năm để {purpose}."
        ),
        event="hội nghị",
        chair_role="secretary",
        guest_roles=("deputy_secretary",),
    ),
    "self_criticism": MeetingKind(  # yearly self-criticism of the standing committee
        body="party_standing_committee",
        title="Ban Thường vụ Huyện ủy {district} kiểm điểm tập thể, cá nhân năm {y}",
        opening=(
            "Ngày {d}/{m}/{y}, Ban Thường vụ Huyện ủy {district} tổ chức hội nghị kiểm điểm "
            "tập thể Ban Thường vụ và cá nhân các Ủy viên Ban Thường vụ Huyện ủy."
        ),
        event="hội nghị",
        chair_role="secretary",
        guest_roles=("deputy_secretary", "committee_chair"),
    ),
}

# What the meeting was held for.
PURPOSES = (
    "đánh giá kết quả thực hiện nhiệm vụ phát triển kinh tế - xã hội, bàn giải pháp thời gian tới",
    "xem xét các báo cáo, tờ trình và quyết định một số nội dung quan trọng của huyện",
    "thảo luận, cho ý kiến vào dự thảo đề án phát triển nông nghiệp hàng hóa",
    "rà soát tiến độ các dự án đầu tư công và công tác giải phóng mặt bằng",
)

# Quantities reports state ({a} hundreds, {b} tenths, {p} percent).
FIGURE_SENTENCES = (
    "Thu ngân sách trên địa bàn đạt {a},{b} tỷ đồng, bằng {p}% dự toán.",
    "Giá trị sản xuất nông nghiệp ước đạt {a} tỷ đồng, tăng {b}% so với cùng kỳ.",
    "Toàn huyện giải quyết việc làm mới cho {a} lao động.",
    "Tỷ lệ giải ngân vốn đầu tư công đạt {p}% kế hoạch.",
    "Diện tích gieo trồng cây hằng năm đạt {a} ha.",
    "Có thêm {b} thôn đạt chuẩn nông thôn mới kiểu mẫu.",
)

# Closing lines of a meeting report.
CLOSINGS = (
    "Kết luận {event}, đồng chí chủ trì đề nghị các cơ quan, đơn vị tập trung khắc phục hạn chế, "
    "hoàn thành thắng lợi các chỉ tiêu đã đề ra.",
    "Tại {event}, các đại biểu đã thảo luận sôi nổi, thống nhất cao các nội dung được trình.",
    "Kết thúc {event}, các đại biểu đã biểu quyết thông qua các nội dung với tỷ lệ tán thành cao.",
)


@dataclass(frozen=True)
class NewsKind:
    title: str
    sentences: tuple[str, ...]
    #: how many figure sentences the article states
    figures: int = 2


# Ordinary news and the near misses a classifier must reject.
NEWS_KINDS: tuple[NewsKind, ...] = (
    NewsKind(  # farming news
        "Nông dân xã {commune} khẩn trương gieo cấy vụ mới",
        (
            "Những ngày đầu tháng {m}, nông dân xã {commune} (huyện {district}) tập trung làm đất, "
            "gieo cấy đúng khung thời vụ.",
            "Ngành nông nghiệp khuyến cáo sử dụng giống ngắn ngày, năng suất cao.",
        ),
    ),
    NewsKind(  # investment promotion conference (not a meeting of a government body)
        "Huyện {district} xúc tiến đầu tư vào cụm công nghiệp {commune}",
        (
            "Ngày {d}/{m}, hội nghị xúc tiến đầu tư vào cụm công nghiệp {commune} thu hút đông đảo "
            "doanh nghiệp tham dự.",
            "Nhiều nhà đầu tư đã ký biên bản ghi nhớ hợp tác với huyện.",
        ),
    ),
    NewsKind(  # supervision field trip
        "Đoàn giám sát HĐND huyện {district} làm việc tại xã {commune}",
        (
            "Ngày {d}/{m}, đoàn giám sát của HĐND huyện đã khảo sát việc quản lý đất đai tại xã "
            "{commune}.",
            "Đoàn đề nghị xã khắc phục ngay những tồn tại được chỉ ra.",
        ),
    ),
    NewsKind(  # cultural festival
        "Khai mạc hội thi văn nghệ quần chúng cụm xã {commune} năm {y}",
        (
            "Tối {d}/{m}, hội thi văn nghệ quần chúng cụm xã {commune} khai mạc tại nhà văn hóa.",
            "Hội thi là dịp giữ gìn, phát huy bản sắc văn hóa của các dân tộc.",
        ),
        figures=0,
    ),
    NewsKind(  # notice
        "Thông báo lịch tiếp công dân tháng {m}/{y}",
        (
            "Chủ tịch UBND huyện {district} tiếp công dân định kỳ tại Trụ sở Tiếp công dân huyện.",
            "Công dân có nhu cầu đăng ký trước tại Ban Tiếp công dân.",
        ),
        figures=0,
    ),
)
