"""JSON Lines: one article a line, ``.jsonl`` or ``.jsonl.gz`` (streamed).

A record is ``{"id", "text" or "html", "title"?, "source"?, "url"?,
"published"?}`` (``../shared/schema/DOCUMENT.md``); other keys (``author``...)
are kept in ``Document.meta``. A ``text`` is an article body already: its
first line is not taken as a headline, but chrome lines leave it the same way
as from a saved page. The record's own title and source are kept.
"""

from __future__ import annotations

import gzip
import json
import os
import zlib
from pathlib import Path
from typing import IO, Callable, Iterator

from .. import settings
from ..document import Document
from ..errors import InputError
from .checks import check_article_size, display_name, is_arabic, normalise_date, one_line
from .html import document_from_html
from .saved_text import clean_body

OnError = Callable[[InputError], None]
_KNOWN = frozenset({"id", "text", "html", "title", "source", "url", "published"})
_GZIP_MAGIC = b"\x1f\x8b"
_CHUNK = 1 << 16


def _open_binary(path: Path, *, name: str) -> IO[bytes]:
    try:
        fh = open(path, "rb")
    except FileNotFoundError:
        raise InputError(f"{name}: no such file") from None
    except IsADirectoryError:
        raise InputError(f"{name} is a directory") from None
    except OSError as exc:
        raise InputError(f"cannot read {name}: {one_line(exc.strerror or exc)}") from None
    head = fh.peek(2)[:2] if hasattr(fh, "peek") else b""
    if head == _GZIP_MAGIC:
        return gzip.GzipFile(fileobj=fh, mode="rb")  # closes nothing: we close fh below
    return fh


def _lines(fh: IO[bytes], *, name: str, limit: int) -> Iterator[tuple[int, bytes | None]]:
    """``(line number, bytes)``; bytes is None for a line over ``limit`` (skipped unread)."""
    number = 0
    try:
        while True:
            line = fh.readline(limit + 1)
            if not line:
                return
            number += 1
            if len(line) > limit and not line.endswith(b"\n"):
                # Too long: skip to the end of this line without keeping it.
                while True:
                    rest = fh.readline(_CHUNK)
                    if not rest or rest.endswith(b"\n"):
                        break
                yield number, None
                continue
            yield number, line
    except (OSError, EOFError, zlib.error) as exc:
        if isinstance(exc, gzip.BadGzipFile) or isinstance(exc, (EOFError, zlib.error)):
            raise InputError(f"cannot read {name}: not a valid gzip file "
                             f"(line {number + 1}: {one_line(exc)})") from None
        raise InputError(f"cannot read {name}: {one_line(exc)}") from None


def _field(record: dict, key: str) -> str | None:
    value = record.get(key)
    if value is None:
        return None
    if not isinstance(value, (str, int, float)):
        return None
    text = " ".join(str(value).split())
    return text or None


def document_from_record(record: dict, *, where: str, published: str | None = None) -> Document:
    """A :class:`Document` from one parsed JSONL record; ``where`` names it in errors."""
    text = record.get("text")
    html = record.get("html")
    if not isinstance(text, str):
        text = None
    if not isinstance(html, str):
        html = None
    if not (text and text.strip()) and not (html and html.strip()):
        raise InputError(f"{where}: record has no text or html")
    raw_date = record.get("published")
    date_value = normalise_date(raw_date)
    if date_value is None and raw_date not in (None, ""):
        raise InputError(f"{where}: published is not a date: {one_line(raw_date)[:40]!r}")
    rid = _field(record, "id")
    title, source, url = _field(record, "title"), _field(record, "source"), _field(record, "url")
    if text and text.strip():
        check_article_size(text, name=where)
        body, named = clean_body(text)
        doc = Document(text=body, id=rid, title=title, source=source or named, url=url,
                       published=date_value or published)
    else:
        check_article_size(html, name=where)
        doc = document_from_html(html, id=rid, published=date_value or published, url=url)
        if not doc.text.strip():
            raise InputError(f"no article text found in {where}")
        doc.title = title or doc.title
        doc.source = source or doc.source
        doc.url = url or doc.url
        doc.published = date_value or doc.published
    if not doc.text.strip():
        raise InputError(f"{where}: record has no text once site chrome is removed")
    if not is_arabic(doc.text):
        raise InputError(f"{where} has no Arabic text")
    extra = {k: v for k, v in record.items() if k not in _KNOWN}
    if extra:
        doc.meta.update(extra)
    return doc


def iter_jsonl(source: str | os.PathLike[str] | IO[bytes], *, published: str | None = None,
               on_error: OnError | None = None, name: str | None = None) -> Iterator[Document]:
    """Documents from a ``.jsonl`` or ``.jsonl.gz`` file (a path or a binary file object).

    Records are read one at a time (a gzip file is never decompressed whole).
    A bad record raises :class:`InputError` naming the file and line, or,
    with ``on_error``, is passed to it and skipped. ``published`` is the date
    of records that carry none.
    """
    limit = int(settings.get("input", "max_article_bytes"))
    own = not hasattr(source, "read")
    if own:
        path = Path(os.fspath(source))
        name = name or display_name(source)
        fh = _open_binary(path, name=name)
    else:
        name = name or display_name(getattr(source, "name", "standard input"))
        fh = source  # type: ignore[assignment]
    try:
        seen = False
        for number, line in _lines(fh, name=name, limit=limit):
            where = f"{name} line {number}"
            try:
                if line is None:
                    raise InputError(f"{where}: record is too large (the limit is {limit:,} bytes)")
                if number == 1 and line.startswith(b"\xef\xbb\xbf"):
                    line = line[3:]
                if not line.strip():
                    continue
                seen = True
                if b"\x00" in line:
                    raise InputError(f"{name} looks like a binary file" if number == 1
                                     else f"{where}: not valid JSON")
                try:
                    record = json.loads(line)
                except UnicodeDecodeError:
                    raise InputError(f"{where}: not valid UTF-8") from None
                except ValueError:
                    raise InputError(f"{where}: not valid JSON") from None
                if not isinstance(record, dict):
                    raise InputError(f"{where}: not a JSON object")
                yield document_from_record(record, where=where, published=published)
            except InputError as exc:
                if on_error is None:
                    raise
                on_error(exc)
        if not seen:
            exc = InputError(f"{name} is empty")
            if on_error is None:
                raise exc
            on_error(exc)
    finally:
        if own:
            inner = getattr(fh, "fileobj", None)
            fh.close()
            if inner is not None:
                inner.close()
