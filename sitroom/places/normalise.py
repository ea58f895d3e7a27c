"""Folding of place names into lookup keys, so that spelling variants meet in one index entry."""

from __future__ import annotations

import re
import unicodedata

_APOSTROPHES = "'’‘`´ʿʾʻʼ"
_DROP = str.maketrans(dict.fromkeys(_APOSTROPHES + ".", ""))
_SPACE = str.maketrans(dict.fromkeys("-‐‑–—_/,", " "))
_WORD_SWAPS = {"saint": "st", "sainte": "ste", "mount": "mt", "fort": "ft", "&": "and"}
# "Al Falluja" and "Falluja" are one name; "El Salvador" and "Salvador" are not, so only "al".
_ARTICLES = ("al", "the")
_DOUBLE = re.compile(r"(\w)\1+")
_FINAL_H = re.compile(r"(?<=[aeiou])h\b")


def normalise_name(name: str) -> str:
    """Fold a place name to its lookup key: no accents, apostrophes or dots, lower case.

    Hyphens become spaces, "Saint"/"St." and "Mount"/"Mt." meet, a leading "the" or Arabic
    article "al" ("Al-Falluja", "al Falluja") is dropped. Returns "" for a name with no letters.
    """
    decomposed = unicodedata.normalize("NFKD", name)
    plain = "".join(c for c in decomposed if not unicodedata.combining(c))
    plain = plain.replace("&", " & ").translate(_DROP).translate(_SPACE).casefold()
    words = [_WORD_SWAPS.get(w, w) for w in plain.split()]
    while len(words) > 1 and words[0] in _ARTICLES:
        words = words[1:]
    key = " ".join(words)
    return key if any(c.isalpha() for c in key) else ""


def loose_key(key: str) -> str:
    """A looser key for transliteration variants: doubled letters and a final "h" dropped.

    "Fallujah"/"Faluja" and "Saqlawiyah"/"Saqlawiya" meet; used only when the exact key
    finds nothing.
    """
    return _DOUBLE.sub(r"\1", _FINAL_H.sub("", key))


def is_latin_name(name: str) -> bool:
    """True for a name written in Latin letters that starts with a capital (as English text has).

    GeoNames alternate names mix scripts, lower-case transliterations ("al tartr") and airport
    codes ("BGW"); none of them ever appear in English news as the name of the place.
    """
    if not name or not name[0].isupper():
        return False
    letters = [c for c in name if c.isalpha()]
    if not letters:
        return False
    if len(name) <= 4 and name.isupper() and name.isalpha():
        return False
    return all("LATIN" in unicodedata.name(c, "") for c in letters)
