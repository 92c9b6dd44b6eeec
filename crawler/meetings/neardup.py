"""Near-duplicate texts across the whole corpus: MinHash signatures in an LSH index.

Each text becomes the set of its word 5-grams after :func:`crawler.textnorm.fold`
(case, Unicode form, tone placement and diacritics do not matter). Two texts
are near-duplicates when the Jaccard similarity of those sets is at least
:data:`THRESHOLD`. A republished report keeps the body and changes only the
chrome around it (headline, a sapo, a "Theo ..." credit line), which costs a few
shingles out of hundreds: its similarity stays well above 0.8. Two reports of
the same meeting written by different reporters share names and figures but
few five-word runs, and stay far below it.

The LSH index (datasketch ``MinHashLSH``) only hands back texts that share a
band of their signature, so the cost grows with the corpus, not with its
square: each added text is compared with its candidates, never with all.
Groups are the connected components of the near-duplicate pairs (union-find).
"""

from __future__ import annotations

import re
from collections.abc import Iterable

from datasketch import LeanMinHash, MinHash, MinHashLSH

from crawler.textnorm import fold

#: Words per shingle: long enough that shared phrases of the genre
#: ("tham dự hội nghị có đồng chí") do not make different reports look alike.
SHINGLE_WORDS = 5
#: Jaccard similarity of the shingle sets from which two texts are one text.
THRESHOLD = 0.8
#: Permutations per signature: estimates within about +/-0.04 of the true Jaccard.
NUM_PERM = 128
#: Fixed seed: signatures, and so groups, are the same on every run.
SEED = 1
#: LSH bands x rows of the signature. Texts sharing one band are candidates,
#: then their signatures are compared against THRESHOLD. 21 bands of 6 rows make
#: a pair at 0.8 a candidate with probability 0.998 and one at 0.3 with 0.015:
#: a republished copy is almost never missed, and unrelated texts (similarity
#: near 0) almost never cost a comparison. (datasketch's default for 0.8, 9 x 13,
#: misses one copy in seven at 0.88.)
LSH_BANDS, LSH_ROWS = 21, 6

_WORD = re.compile(r"\w+")


def shingles(text: str) -> set[bytes]:
    """Word 5-grams of the folded text; a text shorter than that is one shingle."""
    words = _WORD.findall(fold(text))
    if len(words) < SHINGLE_WORDS:
        return {" ".join(words).encode()} if words else set()
    return {
        " ".join(words[start : start + SHINGLE_WORDS]).encode()
        for start in range(len(words) - SHINGLE_WORDS + 1)
    }


def signature(text: str) -> LeanMinHash | None:
    """MinHash signature of a text; None for a text without words."""
    grams = shingles(text)
    if not grams:
        return None
    minhash = MinHash(num_perm=NUM_PERM, seed=SEED)
    minhash.update_batch(list(grams))
    return LeanMinHash(minhash)


class _UnionFind:
    def __init__(self) -> None:
        self.parent: dict[str, str] = {}

    def add(self, key: str) -> None:
        self.parent.setdefault(key, key)

    def find(self, key: str) -> str:
        root = key
        while self.parent[root] != root:
            root = self.parent[root]
        while self.parent[key] != root:  # path compression
            self.parent[key], key = root, self.parent[key]
        return root

    def union(self, a: str, b: str) -> None:
        root_a, root_b = self.find(a), self.find(b)
        if root_a != root_b:
            # The smaller key becomes the root, so the result does not depend on order.
            low, high = sorted((root_a, root_b))
            self.parent[high] = low


class NearDuplicateIndex:
    """Add texts one by one; :meth:`groups` gives the sets of near-duplicates.

    Each text is checked against the candidates the index returns before it is
    inserted, so every pair is considered at most once. ``comparisons`` counts
    the candidate pairs whose signatures were compared.
    """

    def __init__(self, threshold: float = THRESHOLD) -> None:
        self.threshold = threshold
        self._lsh = MinHashLSH(num_perm=NUM_PERM, params=(LSH_BANDS, LSH_ROWS))
        self._signatures: dict[str, LeanMinHash] = {}
        self._sets = _UnionFind()
        self.comparisons = 0

    def add(self, key: str, text: str) -> None:
        if key in self._signatures:
            raise ValueError(f"text {key!r} added twice")
        self._sets.add(key)
        minhash = signature(text)
        if minhash is None:
            return
        for other in self._lsh.query(minhash):
            self.comparisons += 1
            if minhash.jaccard(self._signatures[other]) >= self.threshold:
                self._sets.union(key, other)
        self._lsh.insert(key, minhash)
        self._signatures[key] = minhash

    def add_all(self, texts: Iterable[tuple[str, str]]) -> None:
        for key, text in texts:
            self.add(key, text)

    def groups(self) -> list[list[str]]:
        """Every added key in exactly one group (singletons included), keys sorted."""
        members: dict[str, list[str]] = {}
        for key in self._sets.parent:
            members.setdefault(self._sets.find(key), []).append(key)
        return sorted(sorted(group) for group in members.values())

    def similarity(self, a: str, b: str) -> float | None:
        """Estimated Jaccard similarity of two added texts (None if one had no words)."""
        first, second = self._signatures.get(a), self._signatures.get(b)
        if first is None or second is None:
            return None
        return round(float(first.jaccard(second)), 4)
