"""Near-duplicate detection with MinHash LSH."""

from __future__ import annotations

from sitroom.dedupe import NearDuplicateIndex, shingles
from sitroom.records import Article, Metadata

BASE = (
    "Fighters seized the northern town after two days of clashes with the army, residents said. "
    "The army withdrew to the river crossing and asked for reinforcements from the capital. "
    "Aid groups said hundreds of families had fled towards the border during the night. "
    "Officials promised to retake the town within the week but gave no details of the plan."
)


def article(text: str, article_id: str, *, title: str | None = None) -> Article:
    return Article(
        id=article_id, text=text, raw_text=text, metadata=Metadata(title=title), source="t"
    )


def test_shingles() -> None:
    assert shingles("A b C d", size=3) == {b"a b c", b"b c d"}
    assert shingles("Two words", size=3) == {b"two words"}
    assert shingles("", size=3) == set()


def test_near_copy_points_at_first_copy() -> None:
    index = NearDuplicateIndex(threshold=0.8)
    first, sig = index.check(article(BASE, "a_1"))
    assert first.duplicate_of is None
    index.add("a_1", sig)
    edited = BASE.replace("two days", "three days")
    second, sig2 = index.check(article(edited, "a_2"))
    assert second.duplicate_of == "a_1"
    index.add("a_2", sig2, duplicate_of="a_1")
    # A copy of the copy still names the original.
    third, _ = index.check(article(edited + " Updated.", "a_3"))
    assert third.duplicate_of == "a_1"


def test_different_text_is_not_a_duplicate() -> None:
    index = NearDuplicateIndex(threshold=0.8)
    _, sig = index.check(article(BASE, "a_1"))
    index.add("a_1", sig)
    other, _ = index.check(article("The central bank raised interest rates by half a point.", "b"))
    assert other.duplicate_of is None


def test_signatures_survive_the_store_format() -> None:
    index = NearDuplicateIndex(threshold=0.8)
    sig = index.signature(BASE)
    blob = index.to_bytes(sig)
    rebuilt = NearDuplicateIndex.from_store_rows([("a_1", blob, None)], threshold=0.8)
    assert len(rebuilt) == 1
    again, _ = rebuilt.check(article(BASE + " More.", "a_2"))
    assert again.duplicate_of == "a_1"


def test_pages_that_do_not_tell_their_headlines_are_never_copies() -> None:
    from sitroom.link.profiles import WordRarity

    # One site's sign-in page, scraped under the headlines of two unrelated reports.
    sign_in = (
        "Welcome back. Sign in with your account to keep reading. By registering you agree to "
        "our terms of service and privacy policy. We have sent you a confirmation email."
    )
    index = NearDuplicateIndex(threshold=0.8, rarity=WordRarity())
    first, sig = index.check(article(sign_in, "a_1", title="Floods reach Kisumu estates"))
    assert sig is None
    assert first.duplicate_of is None
    second, sig2 = index.check(article(sign_in, "a_2", title="Senate passes the budget bill"))
    assert sig2 is None
    assert second.duplicate_of is None
    # A report that tells its headline is still signed and folded as before.
    titled = "Fighters seize northern town"
    _, sig3 = index.check(article(BASE, "a_3", title=titled))
    assert sig3 is not None
    index.add("a_3", sig3)
    copy, _ = index.check(article(BASE, "a_4", title=titled))
    assert copy.duplicate_of == "a_3"
