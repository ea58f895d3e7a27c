"""Near-duplicate detection: MinHash signatures of word shingles in an LSH index (datasketch)."""

from __future__ import annotations

import dataclasses
import re
from collections.abc import Iterable
from typing import TYPE_CHECKING, Any

from sitroom.records import Article

if TYPE_CHECKING:
    from sitroom.link.profiles import WordRarity

NUM_PERM = 128
"""Permutations per MinHash signature; fixed, since stored signatures must stay comparable."""

SHINGLE_WORDS = 3
"""Words per shingle: short enough that a few edited words leave most shingles intact."""

_SEED = 1
_WORD = re.compile(r"\w+")


def shingles(text: str, *, size: int = SHINGLE_WORDS) -> set[bytes]:
    """Return the set of lower-cased word n-grams of ``text`` (the words themselves if fewer)."""
    words = _WORD.findall(text.lower())
    if len(words) <= size:
        return {" ".join(words).encode()} if words else set()
    return {" ".join(words[i : i + size]).encode() for i in range(len(words) - size + 1)}


class NearDuplicateIndex:
    """Finds, for a new article, the first stored article whose text is nearly the same.

    Articles are added in ingestion order; a near-duplicate points at the first copy, never at
    another duplicate, so ``duplicate_of`` always names an original.

    With ``rarity``, a page whose text does not tell its headline (a sign-in or subscription
    page, see :func:`~sitroom.link.profiles.tells_headline`) is not signed, so never folded:
    pages of one site share such text whatever their story.
    """

    def __init__(self, *, threshold: float, rarity: WordRarity | None = None) -> None:
        from datasketch import MinHashLSH

        self.threshold = threshold
        self.rarity = rarity
        self._lsh: Any = MinHashLSH(threshold=threshold, num_perm=NUM_PERM)
        self._order: dict[str, int] = {}
        self._root: dict[str, str] = {}
        self._signatures: dict[str, Any] = {}

    def __len__(self) -> int:
        return len(self._order)

    def signature(self, text: str) -> Any:
        """Return the MinHash signature of ``text``."""
        from datasketch import LeanMinHash, MinHash

        minhash = MinHash(num_perm=NUM_PERM, seed=_SEED)
        minhash.update_batch(list(shingles(text)))
        return LeanMinHash(minhash)

    @staticmethod
    def to_bytes(signature: Any) -> bytes:
        """Serialise a signature for the store."""
        buffer = bytearray(signature.bytesize())
        signature.serialize(buffer)
        return bytes(buffer)

    @staticmethod
    def from_bytes(blob: bytes) -> Any:
        """Rebuild a signature serialised with :meth:`to_bytes`."""
        from datasketch import LeanMinHash

        return LeanMinHash.deserialize(blob)

    def find(self, signature: Any) -> str | None:
        """Return the id of the original that ``signature`` nearly duplicates, or ``None``."""
        candidates = [
            key
            for key in self._lsh.query(signature)
            if signature.jaccard(self._signatures[key]) >= self.threshold
        ]
        if not candidates:
            return None
        first = min(candidates, key=self._order.__getitem__)
        return self._root[first]

    def add(self, article_id: str, signature: Any, *, duplicate_of: str | None = None) -> None:
        """Index a stored article (ignored if it is indexed already)."""
        if article_id in self._order:
            return
        self._order[article_id] = len(self._order)
        self._root[article_id] = duplicate_of or article_id
        self._signatures[article_id] = signature
        self._lsh.insert(article_id, signature)

    def sign(self, article: Article) -> Any | None:
        """Return the article's signature; None for a page that does not tell its headline."""
        if self.rarity is not None and article.title:
            from sitroom.link.profiles import tells_headline

            if not tells_headline(article.title, article.text, self.rarity):
                return None
        return self.signature(article.text)

    def check(self, article: Article) -> tuple[Article, Any | None]:
        """Return the article with ``duplicate_of`` set when it nearly duplicates an indexed one.

        Also returns the article's signature (see :meth:`sign`): None for a page that does not
        tell its headline, which is neither matched nor to be added. The article is not added:
        call :meth:`add` once it is stored.
        """
        signature = self.sign(article)
        if signature is None:
            return article, None
        original = self.find(signature)
        return dataclasses.replace(article, duplicate_of=original), signature

    @classmethod
    def from_store_rows(
        cls,
        rows: Iterable[tuple[str, bytes, str | None]],
        *,
        threshold: float,
        rarity: WordRarity | None = None,
    ) -> NearDuplicateIndex:
        """Build an index from stored ``(article_id, signature, duplicate_of)`` rows, in order."""
        index = cls(threshold=threshold, rarity=rarity)
        for article_id, blob, duplicate_of in rows:
            signature = cls.from_bytes(blob)
            # A signature made with other parameters cannot be compared: that article is left out
            # of near-duplicate matching rather than matched wrongly.
            if len(signature.hashvalues) == NUM_PERM and signature.seed == _SEED:
                index.add(article_id, signature, duplicate_of=duplicate_of)
        return index
