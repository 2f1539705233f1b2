"""Identifiers and names as motcua keeps them: NFC-normalised and stripped, once, on the way in.

The same Vietnamese word can arrive precomposed (NFC, what keyboards type) or decomposed
(NFD, what some exports and macOS file names carry); the two spellings look alike and
compare unequal. Every identifier and name a caller hands in goes through :func:`clean`
at the boundary, so one field, counter or code is never two.
"""

from __future__ import annotations

import unicodedata

__all__ = ["clean"]


def clean(text: str) -> str:
    r"""*text* in Unicode NFC without leading or trailing whitespace.

    >>> clean(" Hộ tịch\n") == "Hộ tịch"
    True
    >>> clean("Ho\u0302\u0323 ti\u0323ch") == "Hộ tịch"
    True
    """
    return unicodedata.normalize("NFC", text).strip()
