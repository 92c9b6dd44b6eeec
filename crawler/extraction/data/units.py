"""Units that follow a quantity in reports, each with its spellings and an English gloss.

``canonical`` is what a figure's ``unit`` carries (lower case, one spelling);
``spellings`` are the forms met in text, compared case-insensitively.
"""

from __future__ import annotations

# (canonical, spellings, gloss)
UNITS: tuple[tuple[str, tuple[str, ...], str], ...] = (
    ("%", ("%", "phần trăm"), "percent"),
    # money
    ("nghìn tỷ đồng", ("nghìn tỷ đồng", "ngàn tỷ đồng", "nghìn tỉ đồng", "ngàn tỉ đồng"),
     "thousand billion dong"),
    ("tỷ đồng", ("tỷ đồng", "tỉ đồng"), "billion dong"),
    ("triệu đồng", ("triệu đồng",), "million dong"),
    ("nghìn đồng", ("nghìn đồng", "ngàn đồng"), "thousand dong"),
    ("đồng", ("đồng", "vnđ", "vnd"), "dong"),
    ("tỷ usd", ("tỷ usd", "tỉ usd"), "billion US dollars"),
    ("triệu usd", ("triệu usd",), "million US dollars"),
    ("usd", ("usd",), "US dollars"),
    ("tỷ", ("tỷ", "tỉ"), "billion (of what the sentence says)"),
    ("triệu", ("triệu",), "million (of what the sentence says)"),
    # area, mass, length, volume
    ("km2", ("km2", "km²"), "square kilometres"),
    ("ha", ("ha", "héc-ta", "hécta", "héc ta"), "hectares"),
    ("m2", ("m2", "m²"), "square metres"),
    ("m3", ("m3", "m³"), "cubic metres"),
    ("km", ("km",), "kilometres"),
    ("m", ("m", "mét"), "metres"),
    ("nghìn tấn", ("nghìn tấn", "ngàn tấn"), "thousand tonnes"),
    ("tấn", ("tấn",), "tonnes"),
    ("tạ", ("tạ",), "quintals (100 kg)"),
    ("kg", ("kg",), "kilograms"),
    ("lít", ("lít",), "litres"),
    # counts of people and households
    ("lượt người", ("lượt người",), "person-visits"),
    ("lượt khách", ("lượt khách",), "visitor arrivals"),
    ("lượt", ("lượt",), "times / visits"),
    ("người", ("người",), "people"),
    ("hộ", ("hộ",), "households"),
    ("lao động", ("lao động",), "workers"),
    ("học sinh", ("học sinh",), "pupils"),
    ("đảng viên", ("đảng viên",), "Party members"),
    ("cán bộ", ("cán bộ",), "officials"),
    ("đại biểu", ("đại biểu",), "delegates"),
    ("tập thể", ("tập thể",), "collectives"),
    ("cá nhân", ("cá nhân",), "individuals"),
    # administrative units
    ("xã", ("xã",), "communes"),
    ("thị trấn", ("thị trấn",), "townships"),
    ("huyện", ("huyện",), "districts"),
    ("thôn", ("thôn",), "villages"),
    ("bản", ("bản",), "hamlets (highlands)"),
    # plans, works and organisations
    ("chỉ tiêu", ("chỉ tiêu",), "targets"),
    ("tiêu chí", ("tiêu chí",), "criteria"),
    ("công trình", ("công trình",), "construction works"),
    ("dự án", ("dự án",), "projects"),
    ("doanh nghiệp", ("doanh nghiệp",), "enterprises"),
    ("hợp tác xã", ("hợp tác xã",), "cooperatives"),
    ("tổ chức cơ sở đảng", ("tổ chức cơ sở đảng",), "grassroots Party organisations"),
    ("chi bộ", ("chi bộ",), "Party cells"),
    ("trường", ("trường",), "schools"),
    ("mô hình", ("mô hình",), "models (pilot schemes)"),
    ("sản phẩm", ("sản phẩm",), "products"),
    ("hồ sơ", ("hồ sơ",), "dossiers"),
    ("thủ tục", ("thủ tục",), "procedures"),
    ("văn bản", ("văn bản",), "documents"),
    ("ý kiến", ("ý kiến",), "opinions"),
    ("cuộc", ("cuộc",), "events / inspections"),
    ("vụ", ("vụ",), "cases"),
    ("căn nhà", ("căn nhà", "ngôi nhà"), "houses"),
    ("cây", ("cây",), "trees"),
)

# Words that only appear after a slash, as the "per" part of a rate
# ("tạ/ha/vụ", "triệu đồng/người/năm").
RATE_DENOMINATORS: tuple[tuple[str, tuple[str, ...], str], ...] = (
    ("năm", ("năm",), "year"),
    ("tháng", ("tháng",), "month"),
    ("ngày", ("ngày",), "day"),
    ("tuần", ("tuần",), "week"),
    ("giờ", ("giờ",), "hour"),
    ("khẩu", ("khẩu",), "household member"),
)
