"""The near-duplicate search compares candidates from the LSH index, never all pairs."""

from __future__ import annotations

import random

from crawler.meetings.neardup import NearDuplicateIndex

_SYLLABLE_TEXT = (
    "huyện xã hội nghị ban chấp hành đảng bộ kỳ họp nhân dân ủy thường trực công tác kết quả"
    " năm quý tháng kinh tế ngân sách đầu tư nông thôn mới giao thông đất đai cán bộ đảng viên"
    " kiểm tra giám sát phát triển sản xuất lúa chè rừng du lịch y tế giáo dục an ninh trật tự"
    " thu chi dự toán chỉ tiêu nghị quyết chương trình kế hoạch đề án thôn bản cụm công nghiệp"
)
SYLLABLES = _SYLLABLE_TEXT.split()


def synthetic_text(rng: random.Random, words: int = 120) -> str:
    return " ".join(rng.choice(SYLLABLES) for _ in range(words))


def test_a_few_thousand_texts_cost_a_few_comparisons_each_and_copies_are_found() -> None:
    rng = random.Random(20240314)
    n_texts, n_copies = 2500, 40
    texts = {f"http://site{i % 50}.vn/bai-{i}.html": synthetic_text(rng) for i in range(n_texts)}
    originals = rng.sample(sorted(texts), n_copies)
    for number, url in enumerate(originals):
        # A republished copy: a sapo in front and a credit line after the same body.
        texts[f"http://bao.vn/copy-{number}.html"] = (
            f"{synthetic_text(rng, 8)}\n\n{texts[url]}\n\nTheo Cổng thông tin điện tử huyện"
        )
    index = NearDuplicateIndex()
    index.add_all(sorted(texts.items()))

    groups = [group for group in index.groups() if len(group) > 1]
    assert len(groups) == n_copies
    for number, url in enumerate(originals):
        assert sorted([url, f"http://bao.vn/copy-{number}.html"]) in groups
    all_pairs = len(texts) * (len(texts) - 1) // 2
    # Every true pair is a candidate; unrelated texts almost never are.
    assert n_copies <= index.comparisons <= n_copies + len(texts) // 10
    assert index.comparisons < all_pairs / 10_000
