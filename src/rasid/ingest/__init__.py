"""Reading articles: saved text pages, HTML, JSON Lines, standard input.

:func:`read_inputs` is the entry point of the CLI and of the store's loader:
it turns file names, directories and ``-`` into :class:`~rasid.document.Document`
objects with a cleaned body, headline, outlet, URL and publication date.
Every problem with an input is an :class:`~rasid.errors.InputError` whose
message is one line naming the input.

Inputs by suffix: ``.txt`` (a page as saved from a browser: headline, body,
outlet line, site chrome), ``.html``/``.htm`` (a whole page), ``.jsonl`` and
``.jsonl.gz`` (one article a line); any other file is tried as plain text;
``-`` is standard input (plain text); a directory is walked recursively for
files with those suffixes.
"""

from __future__ import annotations

import os
import sys
from pathlib import Path
from typing import Callable, Iterable, Iterator

from .. import settings
from ..document import Document
from ..errors import InputError
from .checks import check_arabic, display_name, is_arabic, letter_count, normalise_date, one_line
from .decode import decode_bytes, read_text_file
from .html import document_from_html
from .jsonl import iter_jsonl
from .saved_text import PARAGRAPH_SEP, document_from_saved_text

__all__ = [
    "InputError", "PARAGRAPH_SEP", "SUFFIXES", "decode_bytes", "document_from_html",
    "document_from_saved_text", "iter_input_files", "iter_jsonl", "read_inputs",
    "read_document", "normalise_date",
]

OnError = Callable[[InputError], None]

#: Suffixes looked for in directories (compared in lower case).
SUFFIXES = (".jsonl.gz", ".jsonl", ".txt", ".html", ".htm")
STDIN = "-"


def _kind(path: Path | str) -> str:
    name = str(path).lower()
    if name.endswith((".jsonl", ".jsonl.gz")):
        return "jsonl"
    if name.endswith((".html", ".htm")):
        return "html"
    return "text"


def _walk(root: Path) -> Iterator[Path]:
    """Input files under ``root``, recursively, in sorted order, hidden ones skipped."""
    for dirpath, dirnames, filenames in os.walk(root):
        dirnames[:] = sorted(d for d in dirnames if not d.startswith("."))
        for fname in sorted(filenames):
            if not fname.startswith(".") and fname.lower().endswith(SUFFIXES):
                yield Path(dirpath) / fname


def _report(exc: InputError, on_error: OnError | None) -> None:
    if on_error is None:
        raise exc
    on_error(exc)


def iter_input_files(inputs: Iterable[str | os.PathLike[str]], *,
                     on_error: OnError | None = None) -> Iterator[Path | str]:
    """The files named by ``inputs``: ``"-"`` as is, files as given, directories walked.

    A missing input or a directory with no input files raises
    :class:`InputError` (or, with ``on_error``, is reported and skipped).
    """
    for item in inputs:
        text = os.fspath(item)
        if text == STDIN:
            yield STDIN
            continue
        path = Path(text)
        name = display_name(text)
        if path.is_dir():
            found = False
            for child in _walk(path):
                found = True
                yield child
            if not found:
                _report(InputError(f"{name} has no input files "
                                   f"(.txt, .html, .htm, .jsonl or .jsonl.gz)"), on_error)
        elif path.exists():
            yield path
        else:
            _report(InputError(f"{name}: no such file or directory"), on_error)


def _read_stdin(*, name: str) -> str:
    limit = int(settings.get("input", "max_file_bytes"))
    stream = getattr(sys.stdin, "buffer", None)
    if stream is None:  # a text stream without bytes underneath
        data = sys.stdin.read(limit + 1).encode("utf-8")
    else:
        data = stream.read(limit + 1)
    if len(data) > limit:
        raise InputError(f"{name} is too large (the limit is {limit / 1_000_000:.1f} MB)")
    return decode_bytes(data, name=name)


def _text_document(raw: str, *, name: str, published: str | None) -> Document:
    check_arabic(raw, name=name)
    doc = document_from_saved_text(raw, published=published)
    if not doc.text.strip() and doc.title:
        # A single line (a headline or one sentence typed in): it is the text.
        doc = Document(text=doc.title, source=doc.source, published=published)
    if not doc.text.strip():
        raise InputError(f"no article text found in {name}")
    check_arabic(doc.text, name=name)
    return doc


def read_document(path: Path | str, *, published: str | None = None) -> Document:
    """One Document from a ``.txt``/``.html`` file or ``-`` (not JSONL)."""
    name = display_name(path)
    if path == STDIN:
        return _text_document(_read_stdin(name=name), name=name, published=published)
    path = Path(path)
    raw = read_text_file(path, name=name)
    if _kind(path) == "html":
        doc = document_from_html(raw, published=published)
        if letter_count(doc.text) < int(settings.get("input", "min_arabic_letters")):
            # Nothing that reads as an article, in any language.
            raise InputError(f"no article text found in {name}")
        if not is_arabic(doc.text):
            raise InputError(f"{name} has no Arabic text")
    else:
        doc = _text_document(raw, name=name, published=published)
    doc.meta["input"] = str(path)
    return doc


def read_inputs(inputs: Iterable[str | os.PathLike[str]], *, published: str | None = None,
                on_error: OnError | None = None) -> Iterator[Document]:
    """Documents from files, directories, JSONL files and ``-`` (standard input).

    ``published`` (``YYYY-MM-DD``) is the publication date of articles whose
    input gives none. Without ``on_error`` the first bad input raises
    :class:`InputError`; with it, each bad file or record is passed to
    ``on_error`` and skipped.
    """
    fallback = normalise_date(published) if published else None
    if published and fallback is None:
        raise InputError(f"--published is not a date in the form YYYY-MM-DD: {one_line(published)!r}")
    for item in iter_input_files(inputs, on_error=on_error):
        if item != STDIN and _kind(item) == "jsonl":
            try:
                yield from iter_jsonl(item, published=fallback, on_error=on_error)
            except InputError as exc:  # a whole-file problem (unreadable, not gzip)
                _report(exc, on_error)
            continue
        try:
            doc = read_document(item, published=fallback)
        except InputError as exc:
            _report(exc, on_error)
            continue
        yield doc
