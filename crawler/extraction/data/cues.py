"""Vietnamese cue words for meeting classification and session/term extraction.

Every pattern is a regular expression written in "match key" form: lower case,
NFC, tone mark on the first vowel of word-final oa/oe/uy ("ủy", "khóa", "hóa").
Matching code wraps each list in word boundaries and lets every literal space
match a run of spaces, so a space must not carry a quantifier (write "(?: |)"
for an optional space) and must not sit inside a look-behind. Each entry
carries an English gloss.
"""

from __future__ import annotations

Cue = tuple[str, str]  # (pattern, English gloss)

# --- Meetings ---------------------------------------------------------------

#: Nouns (and the verb "họp") that name a meeting. Longer forms come first so
#: that "phiên họp" wins over "họp".
MEETING_NOUNS: tuple[Cue, ...] = (
    (r"hội nghị", "conference / meeting"),
    (r"kỳ họp", "council session"),
    (r"phiên họp", "sitting"),
    (r"phiên trù bị", "preparatory sitting of a congress"),
    (r"phiên (?:thường kỳ|thường lệ|định kỳ)", "regular sitting"),
    (r"cuộc họp", "meeting"),
    (r"buổi họp", "meeting"),
    (r"đại hội", "congress"),
    (r"giao ban", "periodic briefing meeting"),
    (r"họp(?! (?:báo|mặt|lớp|chợ)\b)", "to meet (verb); not press conference / get-together"),
)

#: Words right before a meeting noun that make it a reference to another
#: meeting, not the event reported ("Nghị quyết Đại hội", "trình kỳ họp").
REFERENCE_BEFORE: tuple[Cue, ...] = (
    (r"nghị quyết(?: số)?", "resolution (of)"),
    (r"kết luận(?: của)?", "conclusion (of)"),
    (r"văn kiện", "documents (of a congress)"),
    (r"tinh thần", "spirit (of)"),
    (r"chào mừng", "to welcome / celebrate (an upcoming event)"),
    (r"hướng (?:tới|về)", "towards"),
    (r"chuẩn bị(?: cho| tổ chức)?", "to prepare (for)"),
    (r"phục vụ", "to serve (the needs of)"),
    (r"(?<!chương\s)trình", "to submit to (not 'chương trình', the programme of)"),
    (r"trước", "before"),
    (r"sau", "after"),
    (r"giữa hai", "between two"),
    (r"(?:kể )?từ", "since"),
    (r"theo", "according to"),
    (r"các", "the (plural)"),
    (r"những", "the (plural)"),
    (r"nhiều", "many"),
    (r"mỗi", "each"),
    (r"trung tâm", "centre (as in conference centre)"),
    (r"dự thảo", "draft"),
)

#: Words right after a meeting noun that make it a reference ("kỳ họp tới").
REFERENCE_AFTER: tuple[Cue, ...] = (
    (r"(?:sắp |lần )?tới", "upcoming / next"),
    (r"tiếp theo", "following"),
    (r"cuối năm nay", "at the end of this year (future)"),
)

#: Words shortly after a meeting noun that make it a non-meeting event.
NEGATIVE_MODIFIERS: tuple[Cue, ...] = (
    (r"xúc tiến", "promotion (investment/trade)"),
    (r"tập huấn", "training"),
    (r"bồi dưỡng", "refresher training"),
    (r"tiếp xúc cử tri", "meeting voters"),
    (r"cử tri", "voters"),
    (r"khách hàng", "customers"),
    (r"doanh nghiệp", "businesses"),
    (r"nhà đầu tư", "investors"),
    (r"gặp mặt", "get-together"),
    (r"công bố quyết định", "announcing a decision (ceremony)"),
    (r"trao quyết định", "handing over a decision (ceremony)"),
    (r"thể dục", "physical education (sports congress)"),
    (r"thể thao", "sports"),
    (r"tdtt", "sports (abbr.)"),
    (r"thi đua", "emulation (awards congress)"),
    (r"cháu ngoan", "good children (youth congress)"),
    (r"điển hình tiên tiến", "model workers (awards congress)"),
    (r"khoa học", "scientific"),
    (r"hội khỏe", "sports festival"),
)

#: Events that are not meetings of a body. The first event of a headline or
#: lead decides: "Bí thư Tỉnh ủy làm việc với Ban Thường vụ Huyện ủy" is a visit.
NEGATIVE_EVENTS: tuple[Cue, ...] = (
    (r"xúc tiến (?:đầu tư|thương mại)", "investment/trade promotion"),
    (r"(?:buổi )?làm việc (?:với|tại)", "working visit with/at"),
    (r"buổi làm việc", "working session (visit)"),
    (r"thăm(?:,| và) làm việc", "visit and work"),
    (r"(?:đến |về )?thăm(?: hỏi|,? tặng quà| và tặng quà| và chúc)", "visit / greet"),
    (r"đoàn (?:công tác|giám sát|kiểm tra|khảo sát)", "inspection / supervision delegation"),
    (r"giám sát (?:tại|việc|chuyên đề|công tác|về)", "supervision of/at"),
    (r"kiểm tra (?:tại|công tác|việc|tình hình)", "inspection of/at"),
    (r"khảo sát (?:tại|thực tế|việc)", "survey at"),
    (r"tiếp xúc cử tri", "meeting voters"),
    (r"tiếp công dân", "receiving citizens"),
    (r"đối thoại với", "dialogue with (citizens/businesses)"),
    (r"lễ (?:kỷ niệm|khánh thành|khởi công|trao|công bố|ra quân|đón nhận|gắn biển|phát động"
     r"|dâng hương|tuyên dương|ký kết|bàn giao|khai giảng|bế giảng|tưởng niệm|xuất quân"
     r"|giao nhận|động thổ|mít tinh|chào cờ|hội)", "ceremony"),
    (r"mít(?: |)tinh", "rally"),
    (r"họp mặt", "get-together"),
    (r"họp báo", "press conference"),
    (r"(?:thông báo )?tuyển dụng", "recruitment"),
    (r"(?:xét|thi) tuyển", "recruitment examination"),
    (r"giấy mời", "invitation"),
    (r"(?:thông báo )?lịch (?:họp|công tác|làm việc|tiếp công dân)", "schedule"),
    (r"(?:thông báo|quyết định) triệu tập", "convening notice"),
    (r"(?:sẽ|dự kiến)(?: được)? (?:tổ chức|diễn ra|khai mạc|họp)", "will be held (future)"),
    (r"điểm (?:tin|báo)", "news digest"),
    (r"bản tin", "news bulletin"),
    (r"tin (?:vắn|tổng hợp|ngắn|trong ngày)", "news in brief"),
    (r"thời sự (?:sáng|trưa|chiều|tối)", "evening/morning news programme"),
    (r"tập huấn", "training course"),
    (r"lớp (?:bồi dưỡng|tập huấn|đào tạo|học|trung cấp|cao cấp)", "training class"),
    (r"(?:khai|bế) giảng", "course opening/closing"),
    (r"giải (?:bóng|cầu lông|bơi|việt dã|chạy|cờ|quần vợt|thể thao)", "sports tournament"),
    (r"hội (?:thao|diễn|thi|chợ|khỏe phù đổng)", "sports meet / show / contest / fair"),
    (r"liên hoan", "festival"),
    (r"cuộc thi", "contest"),
    (r"triển lãm", "exhibition"),
    (r"đêm (?:nhạc|văn nghệ|giao lưu)", "concert / cultural night"),
    (r"chương trình (?:văn nghệ|nghệ thuật|giao lưu)", "cultural programme"),
    (r"diễn tập", "drill / exercise"),
    (r"hiến máu", "blood donation"),
    (r"trao (?:tặng )?quà", "giving gifts"),
    (r"tặng quà", "giving gifts"),
)

#: A headline that starts with a document noun is a document, not a report.
DOCUMENT_HEADLINE_START: tuple[Cue, ...] = (
    (r"thông báo", "notice"),
    (r"giấy mời", "invitation"),
    (r"quyết định", "decision"),
    (r"kế hoạch", "plan"),
    (r"công văn", "official letter"),
    (r"tờ trình", "submission"),
    (r"chỉ thị", "directive"),
    (r"hướng dẫn", "guidance"),
    (r"nghị quyết", "resolution (the document)"),
    (r"lịch (?:công tác|làm việc|họp)", "schedule"),
)

#: A line that starts like a document title ("Quyết định số 12/QĐ-UBND ...").
DOCUMENT_LINE_START: tuple[Cue, ...] = (
    (r"(?:quyết định|kế hoạch|công văn|thông báo|nghị quyết|chỉ thị|tờ trình|báo cáo"
     r"|hướng dẫn|giấy mời|quy định|thông tư|nghị định)\s+(?:số|về|v/v)\b",
     "document title: decision/plan/letter/notice ... no./on"),
    (r"(?:số\s*)?\d{1,5}/(?:\d{4}/)?[a-zđ]{1,6}-[a-zđ]", "document number such as 12/QĐ-UBND"),
)

#: Words a few words before a meeting noun showing that it was held (a report,
#: not a mention): "tổ chức hội nghị", "khai mạc kỳ họp", "tại hội nghị".
HELD_BEFORE: tuple[Cue, ...] = (
    (r"tổ chức", "held / organised"),
    (r"khai mạc", "opened"),
    (r"bế mạc", "closed"),
    (r"tiến hành", "conducted"),
    (r"triệu tập", "convened"),
    (r"chủ trì", "chaired"),
    (r"(?:về |tham )?dự", "attended"),
    (r"tại", "at"),
    (r"họp", "met"),
    (r"diễn ra", "took place"),
)

#: Words after a meeting noun showing that it was held ("hội nghị đã diễn ra").
HELD_AFTER: tuple[Cue, ...] = (
    (r"diễn ra", "took place"),
    (r"khai mạc", "opened"),
    (r"bế mạc", "closed"),
    (r"(?:đã |được )tổ chức", "was held"),
    (r"thành công tốt đẹp", "concluded successfully"),
    (r"làm việc", "worked (in session)"),
)

#: After "Đại hội" in a headline, words that name the congress itself
#: ("Đại hội ... lần thứ XXV, nhiệm kỳ 2020-2025"), not a statement about a past one.
CONGRESS_NAMED_AFTER: tuple[Cue, ...] = (
    (r"lần thứ", "the N-th"),
    (r"nhiệm kỳ", "term of office"),
    (r"khóa", "term"),
    (r"(?:phiên )?trù bị", "preparatory sitting"),
    (r"thành công", "successfully (held)"),
)

#: First words after "Đại hội (đại biểu)" that do not open the name of those holding
#: the congress: a level, a number, a term, the Party itself (plain words, not patterns).
CONGRESS_NOT_NAME: tuple[Cue, ...] = (
    ("huyện", "district"), ("tỉnh", "province"), ("xã", "commune"), ("thị", "town (thị xã)"),
    ("thành", "city (thành phố)"), ("quận", "urban district"), ("phường", "ward"),
    ("tp", "city (abbr.)"), ("lần", "the N-th (time)"), ("khóa", "term"),
    ("nhiệm", "term of office (nhiệm kỳ)"), ("đảng", "the Party"), ("chi", "Party cell (chi bộ)"),
    ("toàn", "whole (toàn huyện)"), ("năm", "year"),
)

#: A person's body counts as the meeting's body only when they chair it.
CHAIRED: tuple[Cue, ...] = (
    (r"chủ trì", "chaired"),
    (r"điều hành (?:hội nghị|phiên họp|kỳ họp)", "presided over"),
)

#: Body-text phrases that support a meeting report.
SUPPORT_PHRASES: tuple[Cue, ...] = (
    (r"(?:tại|dự|chủ trì|tham dự|kết luận|khai mạc|bế mạc|chỉ đạo|toàn cảnh|quang cảnh)"
     r" (?:hội nghị|kỳ họp|phiên họp|cuộc họp|đại hội)", "at / attending / chairing the meeting"),
    (r"biểu quyết thông qua", "voted to adopt"),
    (r"phát biểu (?:khai mạc|bế mạc|kết luận|chỉ đạo)", "opening/closing/concluding speech"),
)

# --- Meeting types ----------------------------------------------------------

#: "kiểm điểm tập thể/cá nhân", "tự phê bình và phê bình".
SELF_CRITICISM: tuple[Cue, ...] = (
    (r"kiểm điểm(?:,? đánh giá)?(?:,? xếp loại)? (?:\S+ ){0,2}?(?:tập thể|cá nhân)",
     "self-review of the collective / individuals"),
    (r"kiểm điểm,? đánh giá,? xếp loại", "review, assessment and grading (of members)"),
    (r"tự phê bình", "self-criticism"),
)

#: Regular sittings: "phiên họp thường kỳ", "họp lệ kỳ", "giao ban".
REGULAR_MEETING: tuple[Cue, ...] = (
    (r"thường kỳ", "regular (periodic)"),
    (r"lệ kỳ", "regular (statutory)"),
    (r"định kỳ", "periodic"),
    (r"giao ban", "periodic briefing"),
    (r"phiên (?:thường|định)", "regular sitting"),
)

#: A bare "phiên họp" of a standing body is usually its regular sitting, unless
#: it was called to prepare something else (see PREPARATION_AFTER).
SITTING: tuple[Cue, ...] = (
    (r"phiên họp", "sitting (of a standing body)"),
)

#: Words right after a meeting noun saying the meeting prepares another event
#: ("phiên họp chuẩn bị nội dung kỳ họp", "họp bàn công tác chuẩn bị đại hội").
PREPARATION_AFTER: tuple[Cue, ...] = (
    (r"(?:bàn |về |cho ý kiến (?:về )?)?(?:công tác |việc )?chuẩn bị",
     "(to discuss) preparing (another meeting or event)"),
)

#: Review conferences: "sơ kết", "tổng kết", "kiểm điểm công tác chỉ đạo, điều hành".
REVIEW_CONFERENCE: tuple[Cue, ...] = (
    (r"sơ kết", "interim review"),
    (r"tổng kết", "final review"),
    (r"kiểm điểm (?:công tác|việc|kết quả|sự)", "review of the work"),
    (r"đánh giá(?! cao)", "assessment (not 'appreciate')"),
    (r"báo cáo kết quả", "report on results"),
)

#: Briefings: "quán triệt", "học tập", "triển khai nghị quyết".
BRIEFING_STRONG: tuple[Cue, ...] = (
    (r"quán triệt", "to disseminate (a resolution)"),
    (r"học tập", "to study (a resolution)"),
    (r"triển khai (?:nghị quyết|chỉ thị|kết luận|quy định|luật|nghị định|thông tư|văn bản)",
     "to roll out a resolution / directive / law"),
    (r"thông tin thời sự", "current-affairs briefing"),
)
BRIEFING_WEAK: tuple[Cue, ...] = (
    (r"triển khai", "to roll out (tasks)"),
)

# --- Bodies -----------------------------------------------------------------

# district / province / city / town / grassroots Party committee
_PARTY_COMMITTEES = r"(?:huyện|tỉnh|thành|thị|quận|đảng) ủy"

#: (enum, pattern, gloss), most specific first: "Ban Thường vụ Huyện ủy" before
#: "Huyện ủy", "Thường trực HĐND" before "HĐND".
BODIES: tuple[tuple[str, str, str], ...] = (
    ("party_other", r"ủy ban kiểm tra|ubkt", "Party inspection commission"),
    ("party_other", r"ban (?:tuyên giáo|dân vận|nội chính)",
     "Party propaganda / mass mobilisation / internal affairs board"),
    ("party_other", r"ban tổ chức " + _PARTY_COMMITTEES, "Party organisation board"),
    ("party_other", r"ban xây dựng đảng", "Party-building boards"),
    ("party_other", r"tiểu ban|đảng đoàn|ban cán sự đảng|đảng ủy khối",
     "sub-committee / Party caucus / bloc Party committee"),
    ("party_standing_committee", r"(?:ban )?thường vụ(?: " + _PARTY_COMMITTEES + r")?|btv",
     "Party standing committee"),
    ("party_standing_committee", r"thường trực " + _PARTY_COMMITTEES,
     "standing office of the Party committee"),
    ("peoples_council_standing", r"thường trực (?:hđnd|hội đồng nhân dân)|tt\.?(?: |)hđnd",
     "standing committee of the People's Council"),
    ("other", r"(?:ban chấp hành|bch) (?:hội|đoàn|công đoàn|liên đoàn|huyện đoàn|tỉnh đoàn)",
     "executive committee of a mass organisation"),
    ("party_committee", r"(?:ban chấp hành|bch)(?: đảng bộ)?", "Party executive committee"),
    ("party_committee", _PARTY_COMMITTEES + r"(?! viên)", "Party committee (not 'member')"),
    ("party_committee", r"đảng bộ", "Party organisation (as host of a congress)"),
    ("peoples_council", r"hđnd|hội đồng nhân dân", "People's Council"),
    ("peoples_committee", r"ubnd|ủy ban nhân dân", "People's Committee"),
    ("fatherland_front", r"(?:ủy ban |ub(?: |))?(?:mặt trận tổ quốc|mttq)(?: việt nam| vn)?",
     "Fatherland Front"),
    ("other", r"ban chỉ đạo|bcđ", "steering committee"),
    ("other", r"ban chỉ huy", "command board (civil defence, military)"),
    ("other", r"tổ công tác", "task force"),
    ("other", r"hội đồng (?!nhân dân)\w+", "council/board (awards, military service, ...)"),
    ("other", r"hội (?:nông dân|liên hiệp phụ nữ|lhpn|cựu chiến binh|ccb|chữ thập đỏ)",
     "mass organisation"),
    ("other", r"đoàn thanh niên|huyện đoàn|tỉnh đoàn|liên đoàn lao động|công đoàn",
     "youth union / trade union"),
    ("other", r"chính phủ|quốc hội", "Government / National Assembly"),
)

#: Body mentions preceded by these are a person's title, not the body acting
#: ("Bí thư Huyện ủy", "Phó Chủ tịch UBND huyện", "Ủy viên Ban Thường vụ").
PERSON_TITLE_BEFORE: tuple[Cue, ...] = (
    (r"(?:phó )?chủ tịch", "(vice) chairman"),
    (r"(?:phó )?bí thư(?: thường trực)?", "(deputy) secretary"),
    (r"ủy viên|uv|uvbtv|tỉnh ủy viên|huyện ủy viên", "member"),
    (r"(?:phó )?trưởng(?: ban)?", "(deputy) head"),
    (r"(?:phó )?chánh văn phòng|văn phòng", "(head of) office"),
    (r"đại biểu|đại diện|lãnh đạo|thành viên|cán bộ|chuyên viên", "delegate / representative"),
    (r"(?:phó )?chủ nhiệm", "(deputy) chairman of a commission"),
    (r"(?:phó )?giám đốc|(?:phó )?chánh \w+|(?:phó )?chi cục trưởng|thủ trưởng",
     "director / chief / head of unit"),
)

#: Body mentions preceded by these are a place, not the body acting
#: ("tại Hội trường UBND huyện").
LOCATION_BEFORE: tuple[Cue, ...] = (
    (r"hội trường", "assembly hall (of)"),
    (r"trụ sở", "headquarters (of)"),
    (r"tại", "at"),
    (r"nhà văn hóa", "community hall"),
)

#: Body mentions shortly after these belong to a document or a past event
#: ("Nghị quyết Đại hội Đảng bộ huyện", "Chỉ thị ... của Ban Thường vụ Tỉnh ủy").
DOCUMENT_OF_BEFORE: tuple[Cue, ...] = (
    (r"nghị quyết|chỉ thị|kết luận|kế hoạch|quyết định|văn bản|công văn|thông báo",
     "resolution / directive / conclusion / plan / decision / document / notice"),
    (r"đại hội|chương trình|chủ đề", "congress / programme / theme"),
)

# --- Levels -----------------------------------------------------------------

#: Centrally-run cities: "thành phố"/"Thành ủy" followed by these is a province.
CENTRAL_CITIES: tuple[Cue, ...] = (
    (r"hà nội", "Hanoi"),
    (r"hồ chí minh|hcm", "Ho Chi Minh City"),
    (r"hải phòng", "Hai Phong"),
    (r"đà nẵng", "Da Nang"),
    (r"cần thơ", "Can Tho"),
)

#: (level, pattern, gloss). "thành phố"/"thành ủy" are district-level unless a
#: central city follows (checked in code).
LEVEL_WORDS: tuple[tuple[str, str, str], ...] = (
    ("national", r"trung ương|quốc hội|toàn quốc|chính phủ", "central / national"),
    ("province", r"tỉnh ủy(?! viên)|tỉnh(?! ủy viên)", "province / provincial Party committee"),
    ("district", r"huyện ủy(?! viên)|huyện|quận ủy|quận|thị ủy|thị xã", "district / town"),
    ("city", r"thành ủy|thành phố|tp\.?", "city (district- or province-level)"),
    ("commune", r"thị trấn|phường|xã(?! hội| viên)", "commune / township / ward"),
)

#: Words before a level word that make it generic or plural ("các xã, thị trấn",
#: "cấp tỉnh", "toàn huyện" is kept).
LEVEL_GENERIC_BEFORE: tuple[Cue, ...] = (
    (r"các|những|mỗi|cấp|từng|nhiều|\d+/\d+|\d+", "plural / 'level of' / counted"),
    (r"ngoài|liên", "outside / inter-"),
)

# --- Sessions and terms -----------------------------------------------------

#: Sentence context that makes a "lần thứ" a non-session ("thi đua", contests).
SESSION_GAP_STOP: tuple[Cue, ...] = (
    (r"đại hội", "congress (numbered by term)"),
    (r"nghị quyết", "resolution"),
    (r"hội nghị", "another conference"),
    (r"thi đua", "emulation"),
    (r"hội (?:thi|diễn|thao)", "contest / show / sports meet"),
    (r"liên hoan", "festival"),
    (r"giải", "tournament / prize"),
    (r"cuộc thi", "contest"),
)

#: Nearest owner before a khóa/nhiệm kỳ: which family's term it is.
TERM_OWNERS: tuple[tuple[str, str, str], ...] = (
    ("council", r"hđnd|hội đồng nhân dân|kỳ họp|ubnd|ủy ban nhân dân",
     "People's Council / Committee"),
    ("front", r"mttq|mặt trận", "Fatherland Front"),
    ("mass", r"hội (?:nông dân|liên hiệp phụ nữ|lhpn|cựu chiến binh|ccb)|đoàn thanh niên"
     r"|công đoàn", "mass organisation"),
    ("party", r"đảng bộ|đảng ủy|(?:huyện|tỉnh|thành|thị|quận) ủy|ban chấp hành|bch"
     r"|ban thường vụ|đại hội", "Party"),
)
