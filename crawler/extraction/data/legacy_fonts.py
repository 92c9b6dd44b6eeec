"""Code tables of the two legacy Vietnamese font encodings, with a gloss per entry.

Both put Vietnamese letters on Latin-1 code points; the tables give, for each
such character as it reads after decoding, the Vietnamese letter the font drew.

- ``TCVN3_LETTERS``: TCVN 5712:1993 "VN3" (the ABC fonts .VnTime, .VnArial):
  one code per letter, tone included; capitals with a tone have no code (the
  capital fonts ".VnTimeH" draw the small-letter codes as capitals).
- VNI (VNI-Times and its family): a vowel followed by one code for its marks
  (``VNI_MARK_CODES``: small and capital code of each mark, ``VNI_BASE_MARKS``:
  the letter each vowel and mark make), plus letters with a code of their own
  (``VNI_LETTERS``).
"""

from __future__ import annotations

# code -> (letter, gloss)
TCVN3_LETTERS: dict[str, tuple[str, str]] = {
    "¡": ("Ă", "capital a with breve"),
    "¢": ("Â", "capital a with circumflex"),
    "£": ("Ê", "capital e with circumflex"),
    "¤": ("Ô", "capital o with circumflex"),
    "¥": ("Ơ", "capital o with horn"),
    "¦": ("Ư", "capital u with horn"),
    "§": ("Đ", "capital d with stroke"),
    "¨": ("ă", "a with breve"),
    "©": ("â", "a with circumflex"),
    "ª": ("ê", "e with circumflex"),
    "«": ("ô", "o with circumflex"),
    "¬": ("ơ", "o with horn"),
    "\u00ad": ("ư", "u with horn (the soft-hyphen code)"),
    "®": ("đ", "d with stroke"),
    "µ": ("à", "a, falling tone"),
    "¶": ("ả", "a, dipping tone"),
    "·": ("ã", "a, broken tone"),
    "¸": ("á", "a, rising tone"),
    "¹": ("ạ", "a, heavy tone"),
    "»": ("ằ", "a with breve, falling tone"),
    "¼": ("ẳ", "a with breve, dipping tone"),
    "½": ("ẵ", "a with breve, broken tone"),
    "¾": ("ắ", "a with breve, rising tone"),
    "Æ": ("ặ", "a with breve, heavy tone"),
    "Ç": ("ầ", "a with circumflex, falling tone"),
    "È": ("ẩ", "a with circumflex, dipping tone"),
    "É": ("ẫ", "a with circumflex, broken tone"),
    "Ê": ("ấ", "a with circumflex, rising tone"),
    "Ë": ("ậ", "a with circumflex, heavy tone"),
    "Ì": ("è", "e, falling tone"),
    "Î": ("ẻ", "e, dipping tone"),
    "Ï": ("ẽ", "e, broken tone"),
    "Ð": ("é", "e, rising tone"),
    "Ñ": ("ẹ", "e, heavy tone"),
    "Ò": ("ề", "e with circumflex, falling tone"),
    "Ó": ("ể", "e with circumflex, dipping tone"),
    "Ô": ("ễ", "e with circumflex, broken tone"),
    "Õ": ("ế", "e with circumflex, rising tone"),
    "Ö": ("ệ", "e with circumflex, heavy tone"),
    "×": ("ì", "i, falling tone"),
    "Ø": ("ỉ", "i, dipping tone"),
    "Ü": ("ĩ", "i, broken tone"),
    "Ý": ("í", "i, rising tone"),
    "Þ": ("ị", "i, heavy tone"),
    "ß": ("ò", "o, falling tone"),
    "á": ("ỏ", "o, dipping tone"),
    "â": ("õ", "o, broken tone"),
    "ã": ("ó", "o, rising tone"),
    "ä": ("ọ", "o, heavy tone"),
    "å": ("ồ", "o with circumflex, falling tone"),
    "æ": ("ổ", "o with circumflex, dipping tone"),
    "ç": ("ỗ", "o with circumflex, broken tone"),
    "è": ("ố", "o with circumflex, rising tone"),
    "é": ("ộ", "o with circumflex, heavy tone"),
    "ê": ("ờ", "o with horn, falling tone"),
    "ë": ("ở", "o with horn, dipping tone"),
    "ì": ("ỡ", "o with horn, broken tone"),
    "í": ("ớ", "o with horn, rising tone"),
    "î": ("ợ", "o with horn, heavy tone"),
    "ï": ("ù", "u, falling tone"),
    "ñ": ("ủ", "u, dipping tone"),
    "ò": ("ũ", "u, broken tone"),
    "ó": ("ú", "u, rising tone"),
    "ô": ("ụ", "u, heavy tone"),
    "õ": ("ừ", "u with horn, falling tone"),
    "ö": ("ử", "u with horn, dipping tone"),
    "÷": ("ữ", "u with horn, broken tone"),
    "ø": ("ứ", "u with horn, rising tone"),
    "ù": ("ự", "u with horn, heavy tone"),
    "ú": ("ỳ", "y, falling tone"),
    "û": ("ỷ", "y, dipping tone"),
    "ü": ("ỹ", "y, broken tone"),
    "ý": ("ý", "y, rising tone"),
    "þ": ("ỵ", "y, heavy tone"),
}

# mark -> (small-letter code, capital code)
VNI_MARK_CODES: dict[str, tuple[str, str]] = {
    "grave": ("ø", "Ø"),  # falling tone (huyền)
    "acute": ("ù", "Ù"),  # rising tone (sắc)
    "hook": ("û", "Û"),  # dipping tone (hỏi)
    "tilde": ("õ", "Õ"),  # broken tone (ngã)
    "dot": ("ï", "Ï"),  # heavy tone (nặng)
    "circumflex": ("â", "Â"),  # hat of â, ê, ô
    "circumflex grave": ("à", "À"),
    "circumflex acute": ("á", "Á"),
    "circumflex hook": ("å", "Å"),
    "circumflex tilde": ("ã", "Ã"),
    "circumflex dot": ("ä", "Ä"),
    "breve": ("ê", "Ê"),  # the cup of ă
    "breve grave": ("è", "È"),
    "breve acute": ("é", "É"),
    "breve hook": ("ú", "Ú"),
    "breve tilde": ("ü", "Ü"),
    "breve dot": ("ë", "Ë"),
}

_TONES = ("grave", "acute", "hook", "tilde", "dot")


def _tones(letters: str) -> dict[str, str]:
    """The five toned forms of a vowel: falling, rising, dipping, broken, heavy."""
    return dict(zip(_TONES, letters, strict=True))


def _hatted(plain: str, tones: str) -> dict[str, str]:
    return {"circumflex": plain, **{f"circumflex {t}": c for t, c in _tones(tones).items()}}


# small vowel as written before the mark code -> {mark: letter}; capitals follow the vowel.
VNI_BASE_MARKS: dict[str, dict[str, str]] = {
    "a": {
        **_tones("àáảãạ"),  # a with the five tones
        **_hatted("â", "ầấẩẫậ"),  # â and its tones
        "breve": "ă",  # ă and its tones
        **{f"breve {t}": c for t, c in _tones("ằắẳẵặ").items()},
    },
    "e": {**_tones("èéẻẽẹ"), **_hatted("ê", "ềếểễệ")},  # e; ê and its tones
    "o": {**_tones("òóỏõọ"), **_hatted("ô", "ồốổỗộ")},  # o; ô and its tones
    "u": _tones("ùúủũụ"),  # u with the five tones
    "y": _tones("ỳýỷỹỵ"),  # y with the five tones
    "ô": _tones("ờớởỡợ"),  # the VNI code of ơ, with a tone
    "ö": _tones("ừứửữự"),  # the VNI code of ư, with a tone
}

# code -> (letter, gloss): letters VNI codes on their own.
VNI_LETTERS: dict[str, tuple[str, str]] = {
    "ñ": ("đ", "d with stroke"),
    "Ñ": ("Đ", "capital d with stroke"),
    "ô": ("ơ", "o with horn"),
    "Ô": ("Ơ", "capital o with horn"),
    "ö": ("ư", "u with horn"),
    "Ö": ("Ư", "capital u with horn"),
    "æ": ("ỉ", "i, dipping tone"),
    "Æ": ("Ỉ", "capital i, dipping tone"),
    "ó": ("ĩ", "i, broken tone"),
    "Ó": ("Ĩ", "capital i, broken tone"),
    "ò": ("ị", "i, heavy tone"),
    "Ò": ("Ị", "capital i, heavy tone"),
    "î": ("ỵ", "y, heavy tone"),
    "Î": ("Ỵ", "capital y, heavy tone"),
}

# The vowel nuclei of Vietnamese syllables, tone marks left out (after "qu" and
# "gi", whose u and i belong to the consonant). Legacy text read with the wrong
# table yields vowel runs outside this list ("oọ", "aư"), which tells the two apart.
VIETNAMESE_NUCLEI: tuple[str, ...] = (
    "a", "ă", "â", "e", "ê", "i", "o", "ô", "ơ", "u", "ư", "y",  # single vowels
    "ai", "ao", "au", "ay", "âu", "ây",  # a-diphthongs: hai, sao, sau, tay, sâu, dây
    "eo", "êu",  # keo, nêu
    "ia", "iê", "iêu", "iu",  # kìa, tiên, tiêu, dịu
    "oa", "oai", "oay", "oă", "oe",  # hoa, ngoài, xoay, hoặc, khoẻ
    "oi", "ôi", "ơi",  # mọi, tôi, mới
    "ua", "uâ", "uây", "uê", "ui",  # của, tuần, khuây, thuê, vui
    "uô", "uôi", "uơ",  # muốn, tuổi, thuở
    "uy", "uya", "uyê", "uyu",  # huy, khuya, chuyện, khuỷu
    "ưa", "ưi", "ưu", "ươ", "ươi", "ươu",  # mưa, gửi, lưu, nước, mười, rượu
    "yê", "yêu",  # yên, yêu
)  # fmt: skip
