"""Vocabulary for reading officials out of meeting reports, each entry with an English gloss.

A title ("Phó Chủ tịch UBND huyện") is read as a run of phrases: a position
(HEAD), then the bodies and places that qualify it. The kind of each phrase
tells the reader what may follow it:

- ``head``: a position; the piece it is in is a title.
- ``head_dept``: a position whose next words name a department ("Trưởng ban Tuyên giáo").
- ``committee``: a committee or council, usually followed by a place name.
- ``dept``: a department-like body whose own name follows, written with only the
  first syllable of each word capitalised ("Sở Lao động Thương binh và Xã hội").
- ``dept_name``: a department name written in lower case after ``dept``.
- ``place``: an administrative unit, followed by a capitalised place name.
- ``link``: a qualifier that may sit inside a title without making it one.

Phrases are compared after :func:`crawler.textnorm.fold_keep_marks`.
"""

from __future__ import annotations

# (phrase, kind, gloss)
TITLE_PHRASES: tuple[tuple[str, str, str], ...] = (
    # positions
    ("bí thư", "head", "secretary (Party)"),
    ("phó bí thư", "head", "deputy secretary"),
    ("chủ tịch", "head", "chairman / chairwoman"),
    ("phó chủ tịch", "head", "vice chairman"),
    ("ủy viên", "head", "member (of a committee)"),
    ("tỉnh ủy viên", "head", "member of the provincial Party committee"),
    ("huyện ủy viên", "head", "member of the district Party committee"),
    ("thành ủy viên", "head", "member of the city Party committee"),
    ("thị ủy viên", "head", "member of the town Party committee"),
    ("quận ủy viên", "head", "member of the urban-district Party committee"),
    ("đảng ủy viên", "head", "member of a Party committee"),
    ("giám đốc", "head", "director"),
    ("phó giám đốc", "head", "deputy director"),
    ("chủ nhiệm", "head", "chairman (of a commission)"),
    ("phó chủ nhiệm", "head", "deputy chairman (of a commission)"),
    ("chánh án", "head", "chief judge"),
    ("viện trưởng", "head", "chief procurator / institute head"),
    ("chỉ huy trưởng", "head", "military commander"),
    ("chính trị viên", "head", "political commissar"),
    ("đại biểu quốc hội", "head", "National Assembly deputy"),
    ("bộ trưởng", "head", "minister"),
    ("thứ trưởng", "head", "deputy minister"),
    ("cục trưởng", "head", "department director (national)"),
    ("chi cục trưởng", "head", "sub-department head"),
    ("tổng biên tập", "head", "editor-in-chief"),
    ("hiệu trưởng", "head", "school principal"),
    ("chánh thanh tra", "head", "chief inspector"),
    ("trưởng ban", "head_dept", "head of a board"),
    ("phó trưởng ban", "head_dept", "deputy head of a board"),
    ("trưởng phòng", "head_dept", "head of an office"),
    ("phó trưởng phòng", "head_dept", "deputy head of an office"),
    ("chánh văn phòng", "head_dept", "chief of office"),
    ("phó chánh văn phòng", "head_dept", "deputy chief of office"),
    ("trưởng đoàn", "head_dept", "head of a delegation"),
    ("trưởng", "head_dept", "head (of the named body)"),
    # abbreviated positions
    ("tuv", "head", "Tỉnh ủy viên: provincial Party committee member"),
    ("huv", "head", "Huyện ủy viên: district Party committee member"),
    ("uvbtv", "head", "member of the standing committee"),
    ("uvbch", "head", "member of the executive committee"),
    ("uv", "head", "member"),
    ("pbt", "head", "Phó Bí thư: deputy secretary"),
    ("pct", "head", "Phó Chủ tịch: vice chairman"),
    ("đbqh", "head", "National Assembly deputy"),
    # committees and councils
    ("huyện ủy", "committee", "district Party committee"),
    ("tỉnh ủy", "committee", "provincial Party committee"),
    ("thành ủy", "committee", "city Party committee"),
    ("thị ủy", "committee", "town Party committee"),
    ("quận ủy", "committee", "urban-district Party committee"),
    ("đảng ủy", "committee", "Party committee"),
    ("ban chấp hành", "committee", "executive committee"),
    ("ban thường vụ", "committee", "standing committee"),
    ("đảng bộ", "committee", "Party organisation"),
    ("chi bộ", "committee", "Party cell"),
    ("hội đồng nhân dân", "committee", "People's Council"),
    ("ủy ban nhân dân", "committee", "People's Committee"),
    ("ủy ban mặt trận tổ quốc", "committee", "Fatherland Front committee"),
    ("mặt trận tổ quốc", "committee", "Fatherland Front"),
    ("ủy ban kiểm tra", "committee", "Inspection Commission"),
    ("quốc hội", "committee", "National Assembly"),
    ("trung ương", "committee", "central (Party/government)"),
    ("bch", "committee", "Ban Chấp hành: executive committee"),
    ("btv", "committee", "Ban Thường vụ: standing committee"),
    ("hđnd", "committee", "People's Council"),
    ("ubnd", "committee", "People's Committee"),
    ("ubmttq", "committee", "Fatherland Front committee"),
    ("mttq", "committee", "Fatherland Front"),
    ("ubkt", "committee", "Inspection Commission"),
    # department-like bodies whose name follows
    ("sở", "dept", "provincial department"),
    ("bộ", "dept", "ministry"),
    ("bộ chỉ huy", "dept", "military command (provincial)"),
    ("ban chỉ huy", "dept", "command board (district military, civil defence)"),
    ("ban", "dept", "board"),
    ("phòng", "dept", "district office"),
    ("ủy ban", "dept", "commission"),
    ("hội", "dept", "association"),
    ("hội đồng", "dept", "council"),
    ("cục", "dept", "national department"),
    ("chi cục", "dept", "sub-department"),
    ("trung tâm", "dept", "centre"),
    ("văn phòng", "dept", "office"),
    ("liên đoàn", "dept", "federation"),
    ("đoàn", "dept", "union / delegation"),
    ("công an", "dept", "police"),
    ("tòa án", "dept", "court"),
    ("viện kiểm sát", "dept", "procuracy"),
    ("kho bạc", "dept", "state treasury"),
    ("bảo hiểm", "dept", "insurance agency"),
    ("ngân hàng", "dept", "bank"),
    ("bệnh viện", "dept", "hospital"),
    ("trường", "dept", "school"),
    # department names written in lower case after a dept word
    ("tuyên giáo", "dept_name", "propaganda and education"),
    ("tổ chức", "dept_name", "organisation (personnel)"),
    ("dân vận", "dept_name", "mass mobilisation"),
    ("nội chính", "dept_name", "internal affairs"),
    ("kiểm tra", "dept_name", "inspection"),
    ("pháp chế", "dept_name", "legal affairs"),
    ("kinh tế", "dept_name", "economy"),
    ("ngân sách", "dept_name", "budget"),
    ("văn hóa", "dept_name", "culture"),
    ("xã hội", "dept_name", "society"),
    ("dân tộc", "dept_name", "ethnic affairs"),
    ("tài chính", "dept_name", "finance"),
    ("kế hoạch", "dept_name", "planning"),
    ("nội vụ", "dept_name", "home affairs"),
    ("tư pháp", "dept_name", "justice"),
    ("dự án", "dept_name", "projects"),
    # administrative units
    ("huyện", "place", "district"),
    ("tỉnh", "place", "province"),
    ("xã", "place", "commune"),
    ("thị trấn", "place", "township"),
    ("thị xã", "place", "town"),
    ("thành phố", "place", "city"),
    ("tp", "place", "city (abbreviation)"),
    ("quận", "place", "urban district"),
    ("phường", "place", "ward"),
    ("khu vực", "place", "area"),
    ("thôn", "place", "village"),
    ("bản", "place", "hamlet (highlands)"),
    ("xóm", "place", "hamlet"),
    ("ấp", "place", "hamlet (south)"),
    ("tổ dân phố", "place", "residential group"),
    ("khu phố", "place", "urban quarter"),
    # qualifiers
    ("phụ trách", "link", "in charge of"),
    ("kiêm", "link", "concurrently"),
    ("thường trực", "link", "standing / permanent"),
    ("phó", "link", "deputy"),
    ("nguyên", "link", "former"),
    ("khóa", "link", "term (of a body)"),
    ("vn", "link", "Việt Nam"),
)

# Place phrases above that name an administrative unit (not a village or an area):
# a department's long lower-case name may run on until one of them.
ADMINISTRATIVE_UNITS: frozenset[str] = frozenset((
    "huyện",  # district
    "tỉnh",  # province
    "xã",  # commune
    "thị trấn",  # township
    "thị xã",  # town
    "thành phố",  # city
    "quận",  # urban district
    "phường",  # ward
))

# Lower-case words that end a title: the verbs and function words that follow
# an official's name and titles in reports ("... Chủ tịch UBND huyện phát biểu").
TITLE_STOP_WORDS: tuple[tuple[str, str], ...] = (
    ("chủ trì", "chairs"),
    ("đồng chủ trì", "co-chairs"),
    ("phát biểu", "speaks"),
    ("trình bày", "presents"),
    ("gợi ý", "suggests"),
    ("trao", "hands over"),
    ("tặng", "presents (an award)"),
    ("nêu", "states"),
    ("nhấn mạnh", "stresses"),
    ("đánh giá", "assesses"),
    ("ghi nhận", "acknowledges"),
    ("khẳng định", "affirms"),
    ("yêu cầu", "requires"),
    ("đề nghị", "proposes"),
    ("chỉ đạo", "directs"),
    ("kết luận", "concludes"),
    ("báo cáo", "reports"),
    ("cho biết", "says"),
    ("điều hành", "moderates"),
    ("tham dự", "attends"),
    ("dự", "attends"),
    ("khai mạc", "opens"),
    ("bế mạc", "closes"),
    ("thông qua", "passes"),
    ("quán triệt", "briefs"),
    ("triển khai", "rolls out"),
    ("tuyên bố", "declares"),
    ("phát động", "launches"),
    ("chúc mừng", "congratulates"),
    ("biểu dương", "praises"),
    ("giới thiệu", "introduces"),
    ("công bố", "announces"),
    ("trả lời", "answers"),
    ("giải trình", "explains"),
    ("tiếp thu", "takes on board"),
    ("thay mặt", "on behalf of"),
    ("thảo luận", "discusses"),
    ("trao đổi", "exchanges views"),
    ("chia sẻ", "shares"),
    ("tham luận", "gives a paper"),
    ("đọc", "reads out"),
    ("nhận", "receives"),
    ("tuyên dương", "commends"),
    ("đã", "(past marker)"),
    ("đang", "(progressive marker)"),
    ("sẽ", "(future marker)"),
    ("cũng", "also"),
    ("và", "and"),
    ("với", "with"),
    ("cùng", "together with"),
    ("tại", "at"),
    ("về", "about"),
    ("trong", "in"),
    ("cho", "for"),
    ("là", "is"),
    ("được", "is (passive)"),
    ("có", "has"),
    ("của", "of"),
)

# Words that may stand between the names of a list sharing one title
# ("các đồng chí Phó Chủ tịch UBND huyện: A, B và đồng chí C"), one word at a time.
LIST_JOINERS: tuple[tuple[str, str], ...] = (
    ("và", "and"),
    ("đồng", "first syllable of 'đồng chí' (comrade)"),
    ("chí", "second syllable of 'đồng chí'"),
    ("ông", "Mr"),
    ("bà", "Mrs / Ms"),
)

# Words that introduce a person's name: "đồng chí A", "ông B", "Đại tá C".
NAME_TRIGGERS: tuple[tuple[str, str], ...] = (
    ("đồng chí", "comrade"),
    ("đ/c", "comrade (abbreviation)"),
    ("ông", "Mr"),
    ("bà", "Mrs / Ms"),
    ("đại tá", "colonel"),
    ("thượng tá", "senior lieutenant colonel"),
    ("trung tá", "lieutenant colonel"),
    ("thiếu tá", "major"),
)

# Words after which a capitalised run names a place, a street or an institution,
# not a person ("huyện Hà Trung", "đường Lê Lợi", "trường THCS Trần Phú").
PLACE_BEFORE_NAME: tuple[tuple[str, str], ...] = (
    ("đường", "street"),
    ("phố", "street"),
    ("trường", "school"),
    ("thcs", "lower secondary school"),
    ("thpt", "upper secondary school"),
    ("lễ hội", "festival"),
    ("đền", "temple"),
    ("chùa", "pagoda"),
    ("di tích", "historic site"),
    ("tư tưởng", "thought (of)"),
    ("phong cách", "style (of)"),
)

# Capitalised runs that look like names but are places or historical figures.
NOT_OFFICIAL_NAMES: tuple[tuple[str, str], ...] = (
    ("Hồ Chí Minh", "the former president, also the name of a city"),
)

# Vietnamese family names (the first syllable of a full name), with the usual
# romanisation as gloss. Kinh names first, then common names of ethnic minorities.
SURNAMES: tuple[tuple[str, str], ...] = (
    ("Nguyễn", "Nguyen"), ("Trần", "Tran"), ("Lê", "Le"), ("Phạm", "Pham"),
    ("Hoàng", "Hoang"), ("Huỳnh", "Huynh"), ("Phan", "Phan"), ("Vũ", "Vu"),
    ("Võ", "Vo"), ("Đặng", "Dang"), ("Bùi", "Bui"), ("Đỗ", "Do"), ("Hồ", "Ho"),
    ("Ngô", "Ngo"), ("Dương", "Duong"), ("Lý", "Ly"), ("Đoàn", "Doan"),
    ("Đào", "Dao"), ("Đinh", "Dinh"), ("Cao", "Cao"), ("Trịnh", "Trinh"),
    ("Lương", "Luong"), ("Mai", "Mai"), ("Tạ", "Ta"), ("Hà", "Ha"), ("Lâm", "Lam"),
    ("Quách", "Quach"), ("Kiều", "Kieu"), ("Triệu", "Trieu"), ("Chu", "Chu"),
    ("Thái", "Thai"), ("Tô", "To"), ("Tăng", "Tang"), ("Lã", "La"), ("Lại", "Lai"),
    ("Mạc", "Mac"), ("Khổng", "Khong"), ("Châu", "Chau"), ("Doãn", "Doan"),
    ("Giáp", "Giap"), ("Hứa", "Hua"), ("Khúc", "Khuc"), ("Lục", "Luc"),
    ("Nghiêm", "Nghiem"), ("Phùng", "Phung"), ("Quản", "Quan"), ("Tống", "Tong"),
    ("Trương", "Truong"), ("Từ", "Tu"), ("Vương", "Vuong"), ("Âu", "Au"),
    ("Bạch", "Bach"), ("Cù", "Cu"), ("Diệp", "Diep"), ("Lữ", "Lu"), ("Lưu", "Luu"),
    ("Nhữ", "Nhu"), ("Thân", "Than"), ("Tiêu", "Tieu"), ("Ứng", "Ung"),
    ("Đàm", "Dam"), ("Đậu", "Dau"), ("Đường", "Duong"), ("Tôn", "Ton"),
    ("Uông", "Uong"), ("Ôn", "On"),
    ("Nông", "Nong (Tay)"), ("Lò", "Lo (Thai)"), ("Lường", "Luong (Thai)"),
    ("Vi", "Vi (Tay/Nung)"), ("Bế", "Be (Tay)"), ("Hầu", "Hau (Hmong)"),
    ("Giàng", "Giang (Hmong)"), ("Sùng", "Sung (Hmong)"), ("Vàng", "Vang (Hmong)"),
    ("Thào", "Thao (Hmong)"), ("Mùa", "Mua (Hmong)"), ("Lầu", "Lau (Hmong)"),
    ("Cầm", "Cam (Thai)"), ("Tòng", "Tong (Thai)"), ("Quàng", "Quang (Thai)"),
    ("Điểu", "Dieu (Stieng)"), ("Ksor", "Ksor (Jarai)"), ("Rơ", "Ro (Jarai)"),
    ("Siu", "Siu (Jarai)"), ("Ma", "Ma (Tay)"), ("Đèo", "Deo (Thai)"),
    ("Bạc", "Bac (Thai)"),
)
