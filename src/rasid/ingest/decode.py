"""Bytes to text: detect the encoding of an input from its bytes.

Accepted: UTF-8 (with or without a byte-order mark), UTF-16 (little or big
endian, with a byte-order mark or recognised by the pattern of its high
bytes), and Windows-1256 (bytes that are not UTF-8 and read as cp1256 give
mostly Arabic letters). Anything else is an :class:`InputError`.
"""

from __future__ import annotations

import codecs
import re
from pathlib import Path

from ..errors import InputError
from .checks import arabic_share, check_file_size

UNKNOWN_ENCODING = "unknown encoding (expected UTF-8, UTF-16 or Windows-1256)"

# Signatures of common binary formats.
_MAGIC = (b"%PDF", b"\x89PNG", b"GIF8", b"\xff\xd8\xff", b"PK\x03\x04", b"\x1f\x8b",
          b"\x7fELF", b"MZ", b"BZh", b"\xfd7zXZ", b"7z\xbc\xaf", b"Rar!", b"\xd0\xcf\x11\xe0",
          b"SQLite format 3", b"OggS", b"ID3", b"RIFF", b"\x00\x00\x01\x00")
# Control bytes that never appear in text (everything below 0x20 but tab, LF,
# VT, FF, CR and ESC, plus DEL).
_CONTROL = re.compile(rb"[\x00-\x08\x0e-\x1a\x1c-\x1f\x7f]")
# High bytes of UTF-16 code units of Arabic-script text: ASCII/Latin-1
# (0x00), Arabic (0x06, 0x07, 0x08), general punctuation (0x20), Arabic
# presentation forms (0xFB-0xFE).
_UTF16_HIGH = frozenset({0x00, 0x06, 0x07, 0x08, 0x20, 0xFB, 0xFC, 0xFD, 0xFE})
_SAMPLE = 4096


def _utf16_order(data: bytes) -> str | None:
    """``utf-16-le``/``utf-16-be`` when BOM-less bytes look like UTF-16, else None."""
    sample = data[:_SAMPLE]
    if len(sample) < 4 or b"\x00" not in sample:
        return None
    sample = sample[: len(sample) // 2 * 2]
    even, odd = sample[0::2], sample[1::2]
    for order, high, low in (("utf-16-le", odd, even), ("utf-16-be", even, odd)):
        zeros = high.count(0)
        if zeros * 10 < len(high):  # spaces, digits, newlines: some NUL high bytes
            continue
        if sum(b in _UTF16_HIGH for b in high) < 0.95 * len(high):
            continue
        if low.count(0) * 4 > len(low):  # low bytes are rarely NUL in text
            continue
        return order
    return None


def _decode(data: bytes, encoding: str, *, name: str) -> str:
    try:
        return data.decode(encoding)
    except UnicodeDecodeError:
        raise InputError(f"cannot read {name}: {UNKNOWN_ENCODING}") from None


def looks_binary(data: bytes) -> bool:
    """Whether the first bytes of ``data`` are those of a binary (non-text) file."""
    head = data[:_SAMPLE]
    if head.startswith(_MAGIC):
        return True
    controls = len(_CONTROL.findall(head))
    return controls > 0 and (b"\x00" in head or controls * 20 > len(head))


def decode_bytes(data: bytes, *, name: str) -> str:
    """The text of ``data``; ``name`` names the input in error messages.

    The result has no byte-order mark and ``\\n`` line ends. Raises
    :class:`InputError` for empty, binary or undecodable input.
    """
    if not data.strip():
        raise InputError(f"{name} is empty")
    if data.startswith(codecs.BOM_UTF8):
        text = _decode(data[3:], "utf-8", name=name)
    elif data.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)) and not data.startswith(
            codecs.BOM_UTF32_LE):
        text = _decode(data, "utf-16", name=name)
    elif (order := _utf16_order(data)) is not None:
        text = _decode(data, order, name=name)
    elif looks_binary(data):
        raise InputError(f"{name} looks like a binary file")
    else:
        try:
            text = data.decode("utf-8")
        except UnicodeDecodeError:
            text = _decode_cp1256(data, name=name)
    if "\r" in text:
        text = text.replace("\r\n", "\n").replace("\r", "\n")
    if text.startswith("\ufeff"):
        text = text[1:]
    if not text.strip():
        raise InputError(f"{name} is empty")
    return text


def _decode_cp1256(data: bytes, *, name: str) -> str:
    try:
        text = data.decode("cp1256")
    except UnicodeDecodeError:
        raise InputError(f"cannot read {name}: {UNKNOWN_ENCODING}") from None
    letters, share = arabic_share(text)
    if letters < 1 or share < 0.5 or _common_letter_share(text) < 0.6:
        raise InputError(f"cannot read {name}: {UNKNOWN_ENCODING}")
    return text


# The most frequent Arabic letters: together about 85% of the letters of
# Arabic prose. Other 8-bit encodings (KOI8-R, ISO-8859-x) read as cp1256 give
# Arabic letters too, but in proportions that no Arabic text has.
_COMMON_ARABIC = re.compile("[اليمونرتبةهعفقدسكحأإ]")
_ANY_ARABIC = re.compile("[\u0621-\u064A]")


def _common_letter_share(text: str) -> float:
    sample = text[:20_000]
    total = len(_ANY_ARABIC.findall(sample))
    return len(_COMMON_ARABIC.findall(sample)) / total if total else 0.0


def read_text_file(path: Path, *, name: str) -> str:
    """The decoded text of a file read whole, after a size check by stat."""
    check_file_size(path, name=name)
    try:
        data = path.read_bytes()
    except IsADirectoryError:
        raise InputError(f"{name} is a directory") from None
    except OSError as exc:
        raise InputError(f"cannot read {name}: {exc.strerror or exc}") from None
    return decode_bytes(data, name=name)
