"""The derived gzip TSV files rasid ships (word list, word clusters, person
names): a first line ``#<header>`` with ``key=value`` fields, then one record
a line. :func:`headed_tsv` checks the header and hands over the fields and
the remaining lines; each reader parses its own records."""

from __future__ import annotations

import gzip
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path


@contextmanager
def headed_tsv(path: Path | str, *, header: str, what: str) -> Iterator[tuple[dict[str, str], Iterator[str]]]:
    """Open ``path`` and yield ``(fields, lines)``: the header's ``key=value``
    fields and an iterator over the record lines (with their newlines).
    A file whose first field is not ``header`` raises ``ValueError`` naming
    ``what`` («not a rasid word list»)."""
    with gzip.open(path, "rt", encoding="utf-8") as fh:
        head = fh.readline().rstrip("\n").split("\t")
        if not head or head[0] != header:
            raise ValueError(f"{path}: not a {what}")
        yield dict(f.split("=", 1) for f in head[1:]), fh
