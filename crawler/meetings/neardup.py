"""Near-duplicate texts across the whole corpus: MinHash signatures in an LSH index.

Each text becomes the set of its word 5-grams after :func:`crawler.textnorm.fold`
(case, Unicode form, tone placement and diacritics do not matter). Two texts
are near-duplicates when the Jaccard similarity of those sets is at least
:data:`THRESHOLD`. A republished report keeps the body and changes only the
chrome around it (headline, a sapo, a "Theo ..." credit line), which costs a few
shingles out of hundreds: its similarity stays well above 0.8. Two reports of
the same meeting written by different reporters share names and figures but
few five-word runs, and stay far below it.

Signatures are the MinHash of datasketch 2 (its "affine32" scheme: the first
32 bits of each shingle's SHA-1, MurmurHash3's finaliser, then 128 permutations
``a * h + b mod 2**32`` drawn from a fixed seed), computed here with numpy in
one pass per text: making datasketch objects per text cost more than the
hashing itself. The tests check the values against datasketch's own.

The LSH index only hands back texts that share a band of their signature, so
the cost grows with the corpus, not with its square: each added text is
compared with its candidates, never with all. Groups are the connected
components of the near-duplicate pairs (union-find).
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from functools import cache
from hashlib import sha1
from itertools import accumulate

import numpy as np

from crawler.textnorm import fold, strip_diacritics

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
#: A SHA-1 digest is five 32-bit words; a shingle's hash is the first (little-endian).
_SHA1_WORDS = 5
#: MurmurHash3's 32-bit finaliser: shifts and multipliers.
_FMIX_SHIFTS = (np.uint32(16), np.uint32(13), np.uint32(16))
_FMIX_MULTIPLIERS = (np.uint32(0x85EBCA6B), np.uint32(0xC2B2AE35))


def shingles(text: str) -> set[bytes]:
    """Word 5-grams of the folded text; a text shorter than that is one shingle."""
    words = _WORD.findall(fold(text))
    if len(words) < SHINGLE_WORDS:
        return {" ".join(words).encode()} if words else set()
    return {
        " ".join(words[start : start + SHINGLE_WORDS]).encode()
        for start in range(len(words) - SHINGLE_WORDS + 1)
    }


def shingle_hashes(text: str) -> np.ndarray:
    """The 32-bit hash of each of :func:`shingles` (first four bytes of its SHA-1).

    Computed without a string per shingle: the words are joined once and each
    shingle is a slice of that. A shingle met twice is hashed twice, which the
    minimum taken over them does not mind.
    """
    # fold() without its space clean-up: only runs of word characters are kept
    # here, and spaces never are one.
    words = _WORD.findall(strip_diacritics(text).casefold())
    joined = " ".join(words).encode()
    if len(words) < SHINGLE_WORDS:
        digests = sha1(joined).digest() if words else b""
    else:
        # Byte offset of each word in `joined`: characters are bytes in ASCII text.
        lengths = map(len, words) if joined.isascii() else (len(w.encode()) for w in words)
        starts = list(accumulate((length + 1 for length in lengths), initial=0))
        # Shingle i runs from the start of word i to the space before word i + 5.
        spans = zip(starts[:-SHINGLE_WORDS], starts[SHINGLE_WORDS:], strict=True)
        view = memoryview(joined)
        digests = b"".join([sha1(view[start : end - 1]).digest() for start, end in spans])
    return np.frombuffer(digests, dtype="<u4")[::_SHA1_WORDS].astype(np.uint32)


@cache
def _permutations() -> tuple[np.ndarray, np.ndarray]:
    """(a, b) of the NUM_PERM permutations, drawn from SEED as datasketch draws them."""
    draw = np.random.RandomState(SEED)
    a = draw.randint(0, 1 << 31, NUM_PERM, dtype=np.uint32) * np.uint32(2) + np.uint32(1)
    b = draw.randint(0, 1 << 32, NUM_PERM, dtype=np.uint32)
    return a, b


def _fmix32(hashes: np.ndarray) -> np.ndarray:
    """MurmurHash3's finaliser: mixes the bits so the affine permutations are fair."""
    first, second, third = _FMIX_SHIFTS
    hashes = (hashes ^ (hashes >> first)) * _FMIX_MULTIPLIERS[0]
    hashes = (hashes ^ (hashes >> second)) * _FMIX_MULTIPLIERS[1]
    return hashes ^ (hashes >> third)


def signature(text: str) -> np.ndarray | None:
    """MinHash signature of a text (NUM_PERM unsigned 32-bit values); None without words."""
    hashes = shingle_hashes(text)
    if not hashes.size:
        return None
    a, b = _permutations()
    # uint32 arithmetic wraps around: the permutations are taken mod 2**32.
    return (_fmix32(hashes)[:, np.newaxis] * a + b).min(axis=0)


def estimated_similarity(first: np.ndarray, second: np.ndarray) -> float:
    """Share of the permutations on which the two signatures agree."""
    return int(np.count_nonzero(first == second)) / NUM_PERM


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
        # One table per band: the band's values (as bytes) -> keys of the texts having them.
        self._bands: list[dict[bytes, list[str]]] = [{} for _ in range(LSH_BANDS)]
        self._signatures: dict[str, np.ndarray] = {}
        self._sets = _UnionFind()
        self.comparisons = 0

    def add(self, key: str, text: str) -> None:
        self.add_signature(key, signature(text))

    def add_signature(self, key: str, values: np.ndarray | None) -> None:
        """Add a text by its :func:`signature` (None: a text without words)."""
        if key in self._sets.parent:
            raise ValueError(f"text {key!r} added twice")
        self._sets.add(key)
        if values is None:
            return
        for other in self._candidates_then_insert(key, values):
            self.comparisons += 1
            if estimated_similarity(values, self._signatures[other]) >= self.threshold:
                self._sets.union(key, other)
        self._signatures[key] = values

    def _candidates_then_insert(self, key: str, values: np.ndarray) -> set[str]:
        """Keys already in the index that share a band with ``values``; then ``key`` is added."""
        raw = values.tobytes()
        width = len(raw) // NUM_PERM * LSH_ROWS
        candidates: set[str] = set()
        for band, table in enumerate(self._bands):
            holders = table.setdefault(raw[band * width : (band + 1) * width], [])
            candidates.update(holders)
            holders.append(key)
        return candidates

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
        return round(estimated_similarity(first, second), 4)
