"""Signatures and LSH candidates equal datasketch's, and a rebuild on several processes
gives what one process gives."""

from __future__ import annotations

import random
import unicodedata
from typing import Any

import pytest
from datasketch import MinHash, MinHashLSH
from meeting_support import OTHER_PLENUM_TEXT, PLENUM_TEXT, report, republished
from test_meetings_scaling import synthetic_text

from crawler.meetings import build
from crawler.meetings.neardup import (
    LSH_BANDS,
    LSH_ROWS,
    NUM_PERM,
    SEED,
    NearDuplicateIndex,
    shingles,
    signature,
)

TEXTS = [
    PLENUM_TEXT,
    OTHER_PLENUM_TEXT,
    unicodedata.normalize("NFD", PLENUM_TEXT),  # decomposed marks
    "Hội  nghị\u00a0lần\u200bthứ 19,\tkhóa XXVI",  # odd spaces between words
    "Kỳ họp thứ 12 HĐND huyện Thọ Xuân: 中文 ² straße ǅ",  # not ASCII once folded
    "Bốn từ thôi nhé",  # shorter than a shingle
    "một một một một một một một một",  # one shingle, repeated
]


def datasketch_minhash(text: str) -> MinHash:
    minhash = MinHash(num_perm=NUM_PERM, seed=SEED)
    minhash.update_batch(sorted(shingles(text)))
    return minhash


@pytest.mark.parametrize("text", TEXTS)
def test_signature_is_datasketchs_minhash_of_the_shingles(text: str) -> None:
    values = signature(text)
    assert values is not None
    assert values.tolist() == datasketch_minhash(text).hashvalues.tolist()


def test_a_text_without_words_has_no_signature() -> None:
    assert signature("") is None and signature(" -- ... ") is None
    assert shingles(" -- ... ") == set()


def test_candidates_are_the_pairs_datasketchs_lsh_gives() -> None:
    rng = random.Random(7)
    texts = {f"http://a.vn/{i}": synthetic_text(rng, 60) for i in range(300)}
    for i in range(0, 300, 10):  # copies with a few words changed: some pairs near 0.8
        words = texts[f"http://a.vn/{i}"].split()
        for position in rng.sample(range(len(words)), rng.randint(1, 6)):
            words[position] = rng.choice(words)
        texts[f"http://b.vn/{i}"] = " ".join(words)
    lsh = MinHashLSH(num_perm=NUM_PERM, params=(LSH_BANDS, LSH_ROWS))
    expected = 0
    for key, text in sorted(texts.items()):
        minhash = datasketch_minhash(text)
        expected += len(lsh.query(minhash))
        lsh.insert(key, minhash)
    index = NearDuplicateIndex()
    index.add_all(sorted(texts.items()))
    assert index.comparisons == expected >= 15


def corpus() -> list[dict[str, Any]]:
    rng = random.Random(3)
    records = []
    for number in range(30):
        text = synthetic_text(rng, 200)
        original = report(f"http://portal.vn/{number}", text=text, session_number=number + 1,
                          meeting_date=f"2024-03-{number % 28 + 1:02d}")  # fmt: skip
        records.append(original)
        if number % 3 == 0:
            records.append(republished(original, f"http://bao.vn/{number}"))
    return records


def test_several_processes_link_as_one_does(monkeypatch: pytest.MonkeyPatch) -> None:
    inline, _count = build.link_articles(corpus(), workers=0)
    monkeypatch.setattr(build, "TEXTS_PER_BATCH", 3)
    monkeypatch.setattr(build, "INLINE_BATCHES", 2)  # the other batches go to the pool
    pooled, count = build.link_articles(corpus(), workers=2)
    assert count == 40 and inline.duplicate_groups == 10
    assert pooled == inline
