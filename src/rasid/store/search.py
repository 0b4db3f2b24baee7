"""Full-text queries over the normalised index, and snippets in the original text.

The FTS5 table indexes the *normalised* title and body
(:func:`rasid.text.normalise.normalise`), so a query is normalised the same
way before it is matched: «الارهاب» finds «الإرهاب», «مسلحين» finds «مُسلحين».
FTS5 syntax (``"a phrase"``, ``OR``, ``NOT``, ``title:word``, ``word*``)
works; a query that is not valid FTS5 is retried as plain words that must
all occur (:func:`plain_query`).

FTS5's ``snippet()`` runs over the normalised body; :func:`restore_snippet`
maps it back onto the original text so the user sees the article's own
spelling, with the matching words marked.
"""

from __future__ import annotations

import re

from ..text.normalise import normalise, normalise_with_map, original_span

# Sentinels handed to snippet(): control characters never left in a cleaned body.
OPEN, CLOSE, ELLIPSIS = "\x02", "\x03", "\x01"
SNIPPET_TOKENS = 16

_WORD = re.compile(r"\w+")
# FTS5 keywords; dropped when a broken query is retried as plain words.
_OPERATORS = frozenset({"AND", "OR", "NOT", "NEAR"})


def fts_query(query: str) -> str:
    """The query as given, normalised like the index (may be invalid FTS5)."""
    return normalise(query, collapse_space=True)


def plain_query(query: str) -> str | None:
    """Every word of ``query`` quoted, so that FTS5 reads them as plain words
    that must all occur; None when the query has no word at all. The FTS5
    operators (``AND``, ``OR``, ``NOT``, ``NEAR``) are dropped: in a query
    that failed to parse they were almost certainly meant as syntax."""
    words = [w for w in _WORD.findall(normalise(query)) if w not in _OPERATORS]
    return " ".join(f'"{w}"' for w in words) or None


def restore_snippet(raw: str, text: str, *, mark: tuple[str, str] = ("[", "]"),
                    ellipsis: str = "…") -> str:
    """Map a snippet of the normalised body back onto the original ``text``.

    ``raw`` is what ``snippet(fts, col, OPEN, CLOSE, ELLIPSIS, n)`` returned
    over ``normalise(text)``. The result is the same stretch of the original
    text, matched words wrapped in ``mark``. Falls back to the normalised
    snippet when it cannot be located (it always can for an unchanged body).
    """
    lead = raw.startswith(ELLIPSIS)
    trail = raw.endswith(ELLIPSIS) and len(raw) > 1
    body = raw[1 if lead else 0: len(raw) - 1 if trail else len(raw)]
    plain = body.replace(OPEN, "").replace(CLOSE, "")
    norm, offsets = normalise_with_map(text)
    at = norm.find(plain) if plain else -1
    if at < 0:
        out = body.replace(OPEN, mark[0]).replace(CLOSE, mark[1])
    else:
        # Marker positions, in normalised offsets.
        opens: list[int] = []
        closes: list[int] = []
        pos = at
        for ch in body:
            if ch == OPEN:
                opens.append(pos)
            elif ch == CLOSE:
                closes.append(pos)
            else:
                pos += 1
        end = at + len(plain)
        o_start, o_end = original_span(offsets, at, end)
        inserts: list[tuple[int, str]] = []
        for a, b in zip(opens, closes):
            if b > a:
                s, e = original_span(offsets, a, b)
                inserts.append((s, mark[0]))
                inserts.append((e, mark[1]))
        pieces: list[str] = []
        cursor = o_start
        for where, tag in sorted(inserts, key=lambda t: (t[0], t[1] == mark[0])):
            pieces.append(text[cursor:where])
            pieces.append(tag)
            cursor = where
        pieces.append(text[cursor:o_end])
        out = "".join(pieces)
    out = " ".join(out.split())
    return f"{ellipsis if lead else ''}{out}{ellipsis if trail else ''}"
