"""Export stored articles or events as JSON lines or CSV, streaming.

- ``jsonl`` + ``articles``: one ``rasid.document/1`` object a line, as stored.
- ``jsonl`` + ``events``: one event object of the contract a line, with
  ``article_id`` added.
- ``csv`` + ``events``: one row per event, flattened (the columns of the
  ``events`` table) with the article's title, source and publication date.
- ``csv`` + ``articles``: one row per article, without the body.

Rows are read from a cursor in chunks, never as a whole table in memory.
"""

from __future__ import annotations

import csv
import json
import sqlite3
from typing import IO, Iterator

from ..errors import StoreError

FORMATS = ("jsonl", "csv")
WHATS = ("articles", "events")
CHUNK = 500

ARTICLE_CSV_COLUMNS = ("id", "title", "source", "url", "published", "language",
                       "n_events", "n_places", "content_hash", "ingested_at")


def _rows(cur: sqlite3.Cursor) -> Iterator[tuple]:
    while True:
        chunk = cur.fetchmany(CHUNK)
        if not chunk:
            return
        yield from chunk


def export(conn: sqlite3.Connection, fh: IO[str], *, fmt: str = "jsonl", what: str = "articles") -> int:
    """Write every stored article or event to ``fh``; return how many were written."""
    if fmt not in FORMATS:
        raise StoreError(f"unknown export format {fmt!r} (choose from {', '.join(FORMATS)})")
    if what not in WHATS:
        raise StoreError(f"cannot export {what!r} (choose from {', '.join(WHATS)})")
    if fmt == "jsonl":
        return _jsonl_articles(conn, fh) if what == "articles" else _jsonl_events(conn, fh)
    return _csv_articles(conn, fh) if what == "articles" else _csv_events(conn, fh)


def _jsonl_articles(conn: sqlite3.Connection, fh: IO[str]) -> int:
    n = 0
    for (doc,) in _rows(conn.execute("SELECT doc FROM articles ORDER BY pk")):
        fh.write(doc)
        fh.write("\n")
        n += 1
    return n


def _jsonl_events(conn: sqlite3.Connection, fh: IO[str]) -> int:
    n = 0
    for (doc,) in _rows(conn.execute("SELECT doc FROM articles WHERE n_events > 0 ORDER BY pk")):
        obj = json.loads(doc)
        for ev in obj.get("events") or ():
            fh.write(json.dumps({"article_id": obj["id"], **ev}, ensure_ascii=False))
            fh.write("\n")
            n += 1
    return n


def _csv_articles(conn: sqlite3.Connection, fh: IO[str]) -> int:
    writer = csv.writer(fh, lineterminator="\n")
    writer.writerow(ARTICLE_CSV_COLUMNS)
    n = 0
    cur = conn.execute(f"SELECT {', '.join(ARTICLE_CSV_COLUMNS)} FROM articles ORDER BY pk")
    for row in _rows(cur):
        writer.writerow(row)
        n += 1
    return n


def _csv_events(conn: sqlite3.Connection, fh: IO[str]) -> int:
    from .sqlite import EVENT_COLUMNS

    header = ("article_id", "article_title", "article_source", "article_published", *EVENT_COLUMNS[1:])
    writer = csv.writer(fh, lineterminator="\n")
    writer.writerow(header)
    cols = ", ".join(f"e.{c}" for c in EVENT_COLUMNS[1:])
    cur = conn.execute(f"SELECT e.article_id, a.title, a.source, a.published, {cols}"
                       " FROM events e JOIN articles a ON a.id = e.article_id ORDER BY a.pk, e.pk")
    n = 0
    for row in _rows(cur):
        writer.writerow(row)
        n += 1
    return n
