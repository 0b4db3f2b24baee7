"""Checks on inputs: sizes, Arabic content, publication dates.

Every failure is an :class:`~rasid.errors.InputError` whose message is one
line naming the input.
"""

from __future__ import annotations

import os
import re
from datetime import date, datetime
from pathlib import Path

from .. import settings
from ..errors import InputError

# Arabic letters (base block, supplement, extended-A, presentation forms).
# Runs of them are matched (one match a word, not a letter) for speed.
_ARABIC_LETTERS = re.compile(r"[\u0621-\u064A\u066E-\u06D3\u06D5\u06EE\u06EF\u06FA-\u06FC"
                             r"\u0750-\u077F\u08A0-\u08C9\uFB50-\uFDFB\uFE70-\uFEFC]+")
# Letters of any script (Unicode word characters without digits and underscore).
_LETTERS = re.compile(r"[^\W\d_]+")


def one_line(text: str) -> str:
    """``text`` made safe for a one-line message."""
    return " ".join(str(text).split())


def display_name(path: str | os.PathLike[str]) -> str:
    """How an input is named in messages: as the user gave it."""
    text = os.fspath(path)
    return "standard input" if text == "-" else one_line(text)


def _megabytes(n: int) -> str:
    return f"{n / 1_000_000:.1f} MB"


def check_file_size(path: Path, *, name: str, limit_key: str = "max_file_bytes") -> int:
    """The size of ``path`` by stat, refusing it (without reading) when over the limit."""
    try:
        size = path.stat().st_size
    except FileNotFoundError:
        raise InputError(f"{name}: no such file") from None
    except OSError as exc:
        raise InputError(f"cannot read {name}: {one_line(exc.strerror or exc)}") from None
    limit = int(settings.get("input", limit_key))
    if size > limit:
        raise InputError(f"{name} is too large ({_megabytes(size)}; the limit is {_megabytes(limit)})")
    return size


def check_article_size(text: str, *, name: str) -> None:
    """Refuse one article whose UTF-8 size is over ``[input] max_article_bytes``."""
    limit = int(settings.get("input", "max_article_bytes"))
    if len(text) * 3 > limit and len(text.encode("utf-8")) > limit:
        raise InputError(f"{name} is too large (over {_megabytes(limit)} of text; "
                         f"the limit for one article is {_megabytes(limit)})")


def arabic_share(text: str) -> tuple[int, float]:
    """``(Arabic letters, Arabic share of all letters)`` of ``text``."""
    arabic = sum(map(len, _ARABIC_LETTERS.findall(text)))
    if not arabic:
        return 0, 0.0
    letters = sum(map(len, _LETTERS.findall(text)))
    return arabic, arabic / max(letters, arabic)


_SAMPLE_CHARS = 2000


def letter_count(text: str) -> int:
    """Letters of any script in ``text``."""
    return sum(map(len, _LETTERS.findall(text)))


def is_arabic(text: str) -> bool:
    """Whether ``text`` passes the ``[input]`` Arabic thresholds.

    A long text that passes on its first characters is taken as Arabic
    without counting the rest (corpus reading goes through here).
    """
    min_letters = int(settings.get("input", "min_arabic_letters"))
    min_share = float(settings.get("input", "min_arabic_ratio"))
    if len(text) > 2 * _SAMPLE_CHARS:
        letters, share = arabic_share(text[:_SAMPLE_CHARS])
        if letters >= min_letters and share >= min_share:
            return True
    letters, share = arabic_share(text)
    return letters >= min_letters and share >= min_share


def check_arabic(text: str, *, name: str) -> None:
    if not is_arabic(text):
        raise InputError(f"{name} has no Arabic text")


_DATE_PREFIX = re.compile(r"\s*(\d{4})[-/.](\d{1,2})[-/.](\d{1,2})(?:$|[T\s_])")


def normalise_date(value: object) -> str | None:
    """``YYYY-MM-DD`` from an ISO date or date-time (its own calendar day), else None.

    ``2019-05-09``, ``2019-05-09T23:10:00+02:00``, ``2019-05-09 23:10:00``,
    ``2019/05/09`` and ``20190509`` all give ``2019-05-09``. The date is the day
    as written (no time-zone conversion): the outlet's own publication day.
    """
    if value is None:
        return None
    if isinstance(value, datetime):
        return value.date().isoformat()
    if isinstance(value, date):
        return value.isoformat()
    text = str(value).strip()
    if not text:
        return None
    m = _DATE_PREFIX.match(text)
    if m:
        try:
            return date(int(m.group(1)), int(m.group(2)), int(m.group(3))).isoformat()
        except ValueError:
            return None
    try:
        return datetime.fromisoformat(text.replace("Z", "+00:00")).date().isoformat()
    except ValueError:
        pass
    if re.fullmatch(r"\d{8}", text):
        try:
            return date(int(text[:4]), int(text[4:6]), int(text[6:])).isoformat()
        except ValueError:
            return None
    return None
