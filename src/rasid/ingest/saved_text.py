"""Plain text as saved from a news page: headline, body, outlet line, chrome.

The first line that is not chrome is the headline (``Document.title``). The
rest is cleaned by :func:`rasid.ingest.chrome.clean_lines`: chrome lines leave,
a line naming the outlet becomes ``Document.source``. The body keeps one
paragraph a line, each stripped, joined by :data:`PARAGRAPH_SEP`.
"""

from __future__ import annotations

from ..document import Document
from .chrome import clean_line, clean_lines, fold, rules

PARAGRAPH_SEP = "\n"

# A headline is at most this many words; a longer first line is body text.
_MAX_TITLE_WORDS = 40


def split_title(lines: list[str]) -> tuple[str | None, list[str]]:
    """``(headline, remaining lines)``: the first non-empty, non-chrome line."""
    r = rules()
    for k, raw in enumerate(lines):
        line = clean_line(raw)
        if not line:
            continue
        folded = fold(line)
        if not folded or r.is_chrome(folded) or r.block_at(folded) is not None:
            continue
        if len(line.split()) > _MAX_TITLE_WORDS:
            return None, lines[k:]
        return " ".join(line.split()), lines[k + 1:]
    return None, []


def body_text(lines: list[str]) -> tuple[str, str | None]:
    """``(body, source)`` of article lines without a headline."""
    kept, source = clean_lines(lines)
    return PARAGRAPH_SEP.join(kept), source


def document_from_saved_text(raw: str, *, id: str | None = None, published: str | None = None,
                             url: str | None = None) -> Document:
    """A :class:`Document` from the text of a saved page.

    The body may come out empty (a page of chrome only); callers check it.
    """
    lines = raw.splitlines()
    title, rest = split_title(lines)
    text, source = body_text(rest)
    return Document(text=text, id=id, title=title, source=source, url=url, published=published)


def clean_body(raw: str) -> tuple[str, str | None]:
    """``(body, source)`` of text that is already an article body (no headline line)."""
    return body_text(raw.splitlines())
