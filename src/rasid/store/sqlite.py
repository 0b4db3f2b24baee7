"""The SQLite store: analysed articles, their events, places and entities.

One connection per :class:`Store`, opened with ``check_same_thread=False``
and guarded by a lock, so FastAPI's worker threads can share it. Files use
WAL so readers in other processes are not blocked by an ingest. Writes
happen in explicit transactions (``BEGIN IMMEDIATE`` ... ``COMMIT``): a
failure inside one rolls it back whole.

Each article is stored once: its key is :func:`content_hash` of the cleaned
body, so the same article read twice (another file, another feed) is a
duplicate, not a second row.
"""

from __future__ import annotations

import hashlib
import json
import sqlite3
import threading
from contextlib import contextmanager
from datetime import datetime, timezone
from typing import IO, Any, Iterable, Iterator

from ..document import Document
from ..errors import StoreError
from ..text.normalise import normalise
from . import search as _search
from .migrate import Migration, migrate, schema_version

ARTICLE_LIST_COLUMNS = ("id", "title", "source", "published", "url", "n_events", "n_places")

EVENT_COLUMNS = (
    "article_id", "event_id", "type", "mode", "acled_event_type", "acled_sub_event_type",
    "actor_text", "actor_id", "target_text", "target_id",
    "place_name", "place_country", "place_lat", "place_lon", "place_precision",
    "date", "date_precision", "fatalities", "injured", "arrested", "modality", "reported_by",
    "trigger_text", "trigger_start", "trigger_end", "sentence_start", "sentence_end", "confidence",
)
PLACE_COLUMNS = ("article_id", "text", "start", '"end"', "name", "country", "admin1", "lat", "lon",
                 "feature", "geonames_id", "precision")
ENTITY_COLUMNS = ("article_id", "text", "start", '"end"', "type", "actor_id")

_INSERT_ARTICLE = ("INSERT INTO articles (id, content_hash, title, source, url, published, language,"
                   " text, doc, n_events, n_places, ingested_at) VALUES (?,?,?,?,?,?,?,?,?,?,?,?)")
_INSERT_EVENT = (f"INSERT INTO events ({', '.join(EVENT_COLUMNS)}) "
                 f"VALUES ({', '.join('?' * len(EVENT_COLUMNS))})")
_INSERT_PLACE = (f"INSERT INTO places ({', '.join(PLACE_COLUMNS)}) "
                 f"VALUES ({', '.join('?' * len(PLACE_COLUMNS))})")
_INSERT_ENTITY = (f"INSERT INTO entities ({', '.join(ENTITY_COLUMNS)}) "
                  f"VALUES ({', '.join('?' * len(ENTITY_COLUMNS))})")

DEFAULT_BATCH = 200


def content_hash(text: str) -> str:
    """SHA-256 (hex) of the normalised, white-space-collapsed body: the
    article's identity in the store."""
    return _hash_normalised(normalise(text))


def _hash_normalised(norm: str) -> str:
    return hashlib.sha256(" ".join(norm.split()).encode("utf-8")).hexdigest()


def _normalised_body(doc: Document) -> str:
    """``normalise(doc.text)``, reusing the pipeline's ``doc.norm`` when it is there."""
    if doc.norm and len(doc.norm_map) == len(doc.norm) + 1:
        return doc.norm
    return normalise(doc.text)


class Store:
    """An open store. Use :func:`rasid.store.open_store` to get one."""

    def __init__(self, conn: sqlite3.Connection, *, where: str, migrations: list[Migration]):
        self._conn = conn
        self._lock = threading.RLock()
        self.where = where
        try:
            self.version = migrate(conn, migrations, where=where)
        except BaseException:
            conn.close()
            raise

    # --- life cycle ---------------------------------------------------------

    def close(self) -> None:
        with self._lock:
            if self._conn is not None:
                self._conn.close()
                self._conn = None  # type: ignore[assignment]

    def __enter__(self) -> "Store":
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    def __repr__(self) -> str:
        return f"Store({self.where!r}, version={self.version})"

    @property
    def conn(self) -> sqlite3.Connection:
        if self._conn is None:
            raise StoreError(f"the store at {self.where} is closed")
        return self._conn

    @contextmanager
    def transaction(self) -> Iterator[sqlite3.Connection]:
        """One write transaction: committed on success, rolled back on any exception."""
        with self._lock:
            conn = self.conn
            conn.execute("BEGIN IMMEDIATE")
            try:
                yield conn
            except BaseException:
                conn.execute("ROLLBACK")
                raise
            else:
                conn.execute("COMMIT")

    def _rows(self, sql: str, params: Iterable[Any] = ()) -> list[dict[str, Any]]:
        with self._lock:
            cur = self.conn.execute(sql, tuple(params))
            names = [d[0] for d in cur.description]
            return [dict(zip(names, row)) for row in cur.fetchall()]

    def _scalar(self, sql: str, params: Iterable[Any] = ()) -> Any:
        with self._lock:
            row = self.conn.execute(sql, tuple(params)).fetchone()
        return row[0] if row else None

    # --- writing ------------------------------------------------------------

    def has(self, content_hash: str) -> bool:
        """Whether an article with this :func:`content_hash` is stored."""
        return self._scalar("SELECT 1 FROM articles WHERE content_hash = ?", (content_hash,)) is not None

    def add(self, doc: Document) -> bool:
        """Store one analysed document; False if its content hash is already stored."""
        added, _ = self.add_many([doc])
        return added == 1

    def add_many(self, docs: Iterable[Document], *, batch_size: int = DEFAULT_BATCH) -> tuple[int, int]:
        """Store documents in transactions of ``batch_size``; return ``(added, duplicates)``.

        A failure rolls back the batch it happened in; earlier batches stay."""
        added = dups = 0
        batch: list[Document] = []
        for doc in docs:
            batch.append(doc)
            if len(batch) >= batch_size:
                a, d = self._write_batch(batch)
                added, dups, batch = added + a, dups + d, []
        if batch:
            a, d = self._write_batch(batch)
            added, dups = added + a, dups + d
        return added, dups

    def _write_batch(self, docs: list[Document]) -> tuple[int, int]:
        now = datetime.now(timezone.utc).isoformat(timespec="seconds")
        added = dups = 0
        events: list[tuple] = []
        places: list[tuple] = []
        entities: list[tuple] = []
        fts: list[tuple] = []
        with self.transaction() as conn:
            for doc in docs:
                norm = _normalised_body(doc)
                key = _hash_normalised(norm)
                if conn.execute("SELECT 1 FROM articles WHERE content_hash = ?", (key,)).fetchone():
                    dups += 1
                    continue
                contract = doc.to_contract()
                art_id = self._free_id(conn, str(contract["id"] or key[:16]), key)
                contract["id"] = art_id
                cur = conn.execute(_INSERT_ARTICLE, (
                    art_id, key, doc.title, doc.source, doc.url, doc.published, doc.language,
                    doc.text, json.dumps(contract, ensure_ascii=False, separators=(",", ":")),
                    len(contract["events"]), len(contract["places"]), now))
                fts.append((cur.lastrowid, normalise(doc.title or ""), norm))
                events.extend(_event_row(art_id, ev) for ev in contract["events"])
                places.extend((art_id, p["text"], p["start"], p["end"], p["name"], p["country"],
                               p["admin1"], p["lat"], p["lon"], p["feature"], p["geonames_id"],
                               p["precision"]) for p in contract["places"])
                entities.extend((art_id, e["text"], e["start"], e["end"], e["type"], e["actor_id"])
                                for e in contract["entities"])
                added += 1
            conn.executemany("INSERT INTO articles_fts (rowid, title, body) VALUES (?,?,?)", fts)
            conn.executemany(_INSERT_EVENT, events)
            conn.executemany(_INSERT_PLACE, places)
            conn.executemany(_INSERT_ENTITY, entities)
        return added, dups

    @staticmethod
    def _free_id(conn: sqlite3.Connection, wanted: str, key: str) -> str:
        """``wanted`` if no other article has it, else ``wanted`` plus a piece of the hash."""
        if not conn.execute("SELECT 1 FROM articles WHERE id = ?", (wanted,)).fetchone():
            return wanted
        for n in (8, 16, 64):
            candidate = f"{wanted}-{key[:n]}"
            if not conn.execute("SELECT 1 FROM articles WHERE id = ?", (candidate,)).fetchone():
                return candidate
        raise StoreError(f"cannot find a free id for article {wanted!r}")  # pragma: no cover

    # --- search -------------------------------------------------------------

    def search(self, query: str, *, limit: int = 20, offset: int = 0,
               mark: tuple[str, str] = ("[", "]")) -> list[dict[str, Any]]:
        """Articles matching ``query``, best first: dicts with ``id, published,
        title, source, url, snippet`` (matched words wrapped in ``mark``)."""
        sql = ("SELECT a.id, a.published, a.title, a.source, a.url, a.text,"
               f" snippet(articles_fts, 1, '{_search.OPEN}', '{_search.CLOSE}',"
               f" '{_search.ELLIPSIS}', {_search.SNIPPET_TOKENS}) AS raw"
               " FROM articles_fts JOIN articles a ON a.pk = articles_fts.rowid"
               " WHERE articles_fts MATCH ? ORDER BY rank LIMIT ? OFFSET ?")
        rows = self._match(sql, query, (int(limit), int(offset)))
        for row in rows:
            text = row.pop("text")
            row["snippet"] = _search.restore_snippet(row.pop("raw"), text, mark=mark)
        return rows

    def _match(self, sql: str, query: str, params: tuple = ()) -> list[dict[str, Any]]:
        """Run an FTS query; invalid FTS5 syntax is retried as plain words."""
        expr = _search.fts_query(query)
        if not expr:
            return []
        try:
            return self._rows(sql, (expr, *params))
        except sqlite3.OperationalError:
            plain = _search.plain_query(query)
            if plain is None:
                return []
            return self._rows(sql, (plain, *params))

    # --- reading (the web layer) ----------------------------------------------

    def count_articles(self, *, q: str | None = None) -> int:
        """How many articles are stored, or match ``q`` (blank ``q``: all)."""
        if q and q.strip():
            rows = self._match("SELECT count(*) AS n FROM articles_fts WHERE articles_fts MATCH ?", q)
            return int(rows[0]["n"]) if rows else 0
        return int(self._scalar("SELECT count(*) FROM articles"))

    def list_articles(self, *, limit: int = 50, offset: int = 0, q: str | None = None) -> list[dict[str, Any]]:
        """Articles without their bodies: newest first, or best match first with ``q``."""
        cols = ", ".join(f"a.{c}" for c in ARTICLE_LIST_COLUMNS)
        if q and q.strip():
            sql = (f"SELECT {cols} FROM articles_fts JOIN articles a ON a.pk = articles_fts.rowid"
                   " WHERE articles_fts MATCH ? ORDER BY rank LIMIT ? OFFSET ?")
            return self._match(sql, q, (int(limit), int(offset)))
        return self._rows(f"SELECT {cols} FROM articles a ORDER BY a.published DESC NULLS LAST,"
                          " a.pk DESC LIMIT ? OFFSET ?", (int(limit), int(offset)))

    def get_article(self, id: str) -> dict[str, Any] | None:
        """The full ``rasid.document/1`` object of an article, or None."""
        raw = self._scalar("SELECT doc FROM articles WHERE id = ?", (id,))
        return None if raw is None else json.loads(raw)

    @staticmethod
    def _event_where(*, type: str | None, article_id: str | None,
                     with_place: bool | None) -> tuple[str, list[Any]]:
        clauses, params = [], []
        if type is not None:
            clauses.append("e.type = ?")
            params.append(type)
        if article_id is not None:
            clauses.append("e.article_id = ?")
            params.append(article_id)
        if with_place is not None:
            clauses.append("e.place_lat IS NOT NULL AND e.place_lon IS NOT NULL" if with_place
                           else "(e.place_lat IS NULL OR e.place_lon IS NULL)")
        return (" WHERE " + " AND ".join(clauses)) if clauses else "", params

    def count_events(self, *, type: str | None = None, article_id: str | None = None,
                     with_place: bool | None = None) -> int:
        where, params = self._event_where(type=type, article_id=article_id, with_place=with_place)
        return int(self._scalar(f"SELECT count(*) FROM events e{where}", params))

    def list_events(self, *, limit: int = 50, offset: int = 0, type: str | None = None,
                    article_id: str | None = None, with_place: bool | None = None) -> list[dict[str, Any]]:
        """Flattened events (columns of :data:`EVENT_COLUMNS`) plus ``article_title``
        and ``article_published``; latest event date first."""
        where, params = self._event_where(type=type, article_id=article_id, with_place=with_place)
        cols = ", ".join(f"e.{c}" for c in EVENT_COLUMNS)
        sql = (f"SELECT {cols}, a.title AS article_title, a.published AS article_published"
               f" FROM events e JOIN articles a ON a.id = e.article_id{where}"
               " ORDER BY e.date DESC NULLS LAST, e.pk LIMIT ? OFFSET ?")
        return self._rows(sql, [*params, int(limit), int(offset)])

    def stats(self) -> dict[str, Any]:
        """Counts for a dashboard: rows per table, events per type, date range."""
        with self._lock:
            c = self.conn
            out: dict[str, Any] = {
                name: int(c.execute(f"SELECT count(*) FROM {name}").fetchone()[0])
                for name in ("articles", "events", "places", "entities")}
            out["events_by_type"] = dict(c.execute(
                "SELECT type, count(*) FROM events GROUP BY type ORDER BY count(*) DESC, type").fetchall())
            out["events_with_place"] = int(c.execute(
                "SELECT count(*) FROM events WHERE place_lat IS NOT NULL AND place_lon IS NOT NULL").fetchone()[0])
            first, last = c.execute("SELECT min(published), max(published) FROM articles").fetchone()
            out["published_first"], out["published_last"] = first, last
            out["sources"] = int(c.execute(
                "SELECT count(DISTINCT source) FROM articles WHERE source IS NOT NULL").fetchone()[0])
            out["schema_version"] = schema_version(c)
        return out

    # --- export ---------------------------------------------------------------

    def export(self, fh: IO[str], *, fmt: str = "jsonl", what: str = "articles") -> int:
        """Write stored articles or events to ``fh`` (see :mod:`rasid.store.export`)."""
        from .export import export

        with self._lock:
            return export(self.conn, fh, fmt=fmt, what=what)


def _event_row(article_id: str, ev: dict[str, Any]) -> tuple:
    actor, target, place = ev.get("actor") or {}, ev.get("target") or {}, ev.get("place") or {}
    trig, sent = ev.get("trigger") or {}, ev.get("sentence") or {}
    return (
        article_id, ev["id"], ev["type"], ev.get("mode"),
        ev.get("acled_event_type"), ev.get("acled_sub_event_type"),
        actor.get("text"), actor.get("actor_id"), target.get("text"), target.get("actor_id"),
        place.get("name"), place.get("country"), place.get("lat"), place.get("lon"),
        place.get("precision"),
        ev.get("date"), ev.get("date_precision"),
        ev.get("fatalities"), ev.get("injured"), ev.get("arrested"),
        ev.get("modality"), ev.get("reported_by"),
        trig.get("text"), trig.get("start"), trig.get("end"),
        sent.get("start"), sent.get("end"), ev.get("confidence"),
    )
