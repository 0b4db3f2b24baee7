"""Arabic normalisation that lives beside the text, never in place of it.

``normalise`` folds what ``../shared/gold/SCORING.md`` folds: diacritics
(U+064B–U+0652, U+0670) and tatweel (U+0640) removed; أ إ آ ٱ to ا; ى to ي;
ة to ه; Arabic-Indic and Extended Arabic-Indic digits to ASCII. It also turns
every run of white space into one space when ``collapse_space`` is set.

``normalise_with_map`` gives the same string and, for each character of it,
the offset in the original it came from, so that a match found in normalised
text maps back to exact ``start/end`` offsets into the original.
"""

from __future__ import annotations

import re

from ..pipeline import stage

REMOVED = frozenset(chr(c) for c in range(0x064B, 0x0653)) | {"\u0670", "\u0640"}
# Format characters that carry no letter (bidi marks, zero-width joiners).
INVISIBLE = frozenset("\u200b\u200c\u200d\u200e\u200f\u061c\ufeff\u202a\u202b\u202c\u202d\u202e")

_FOLD = {
    "أ": "ا", "إ": "ا", "آ": "ا", "ٱ": "ا",
    "ى": "ي",
    "ة": "ه",
}
for _i in range(10):
    _FOLD[chr(0x0660 + _i)] = str(_i)  # Arabic-Indic digits
    _FOLD[chr(0x06F0 + _i)] = str(_i)  # Extended Arabic-Indic (Persian) digits

_TABLE = {ord(k): v for k, v in _FOLD.items()}
_TABLE.update({ord(c): None for c in REMOVED | INVISIBLE})
# Runs of the characters normalisation drops (every other one maps to one).
_DROPPED = re.compile("[" + "".join(sorted(REMOVED | INVISIBLE)) + "]+")


def normalise(s: str, *, collapse_space: bool = False) -> str:
    """The normalised form of ``s`` (see the module docstring)."""
    out = s.translate(_TABLE)
    if collapse_space:
        out = " ".join(out.split())
    return out


def normalise_with_map(s: str) -> tuple[str, list[int]]:
    """``(norm, offsets)``: ``norm == normalise(s)`` and ``norm[i]`` comes from
    ``s[offsets[i]]``. ``offsets`` has one extra final entry, ``len(s)``, so
    that a normalised span ``[a, b)`` maps to ``[offsets[a], offsets[b])``
    (use :func:`original_span` for ends that follow removed characters)."""
    norm = s.translate(_TABLE)
    if len(norm) == len(s):  # nothing dropped: every character maps to one
        return norm, list(range(len(s) + 1))
    offsets: list[int] = []
    kept = 0
    for m in _DROPPED.finditer(s):
        offsets.extend(range(kept, m.start()))
        kept = m.end()
    offsets.extend(range(kept, len(s)))
    offsets.append(len(s))
    return norm, offsets


def original_span(offsets: list[int], start: int, end: int) -> tuple[int, int]:
    """Map a span ``[start, end)`` of normalised text to the original.

    The end takes in the diacritics and tatweel that follow the last kept
    character (they belong to its letter); ``start < end`` is required."""
    if end <= start:
        raise ValueError("empty span")
    return offsets[start], offsets[end - 1] + 1 + _marks_after(offsets, end)


def _marks_after(offsets: list[int], end: int) -> int:
    # Characters between the last kept one and the next kept one were all
    # removed by normalisation (marks, tatweel, invisible format characters).
    return 0 if end >= len(offsets) else max(0, offsets[end] - offsets[end - 1] - 1)


@stage(name="text.normalise", reads=("text",), writes=("norm",))
def STAGE(doc):
    doc.norm, doc.norm_map = normalise_with_map(doc.text)
    return doc
