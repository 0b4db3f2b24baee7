"""The store: analysed articles in SQLite, searchable and exportable.

``open_store(db)`` opens (and creates or upgrades) a store::

    with open_store("news.db") as store:
        store.add(analysed_doc)
        hits = store.search("الارهاب")

``db`` is a file path, ``":memory:"``, or None for ``$RASID_DB`` or else
``rasid.db`` in the user data directory.
"""

from __future__ import annotations

import os
import sqlite3
from importlib.resources.abc import Traversable
from os import PathLike
from pathlib import Path

from ..errors import StoreError
from ..settings import get as _setting
from .migrate import load_migrations
from .sqlite import Store, content_hash

__all__ = ["Store", "StoreError", "content_hash", "default_location", "open_store"]

_POSTGRES = ("postgresql://", "postgres://", "postgresql+")


def default_location() -> str:
    """``$RASID_DB`` if set, else ``rasid.db`` in the user data directory (created)."""
    env = os.environ.get(_setting("store", "env_var"))
    if env:
        return env
    import platformdirs

    directory = Path(platformdirs.user_data_dir("rasid", appauthor=False))
    directory.mkdir(parents=True, exist_ok=True)
    return str(directory / _setting("store", "file_name"))


def open_store(db: str | PathLike | None = None, *, create: bool = True,
               migrations: Traversable | PathLike | str | None = None) -> Store:
    """Open the store at ``db``, creating it (unless ``create=False``) and
    bringing its schema up to date. ``migrations`` names another migrations
    directory (for tests)."""
    where = default_location() if db is None else os.fspath(db)
    if where.startswith(_POSTGRES):
        raise StoreError("PostgreSQL is not supported yet: use a SQLite file path for --db")
    memory = where == ":memory:" or where == ""
    if not memory:
        path = Path(where).expanduser()
        if path.is_dir():
            raise StoreError(f"{path} is a directory, not a store file")
        if not path.exists():
            if not create:
                raise StoreError(f"no store at {path}: run 'rasid ingest' first")
            try:
                path.parent.mkdir(parents=True, exist_ok=True)
            except OSError as exc:
                raise StoreError(f"cannot create the store at {path}: {exc.strerror or exc}") from None
        where = str(path)
    migs = load_migrations(migrations)
    try:
        conn = sqlite3.connect(where, isolation_level=None, check_same_thread=False, timeout=30.0)
    except sqlite3.Error as exc:
        raise StoreError(f"cannot open the store at {where}: {exc}") from None
    try:
        _configure(conn, memory=memory)
    except sqlite3.DatabaseError as exc:
        conn.close()
        if "not a database" in str(exc) or "malformed" in str(exc):
            raise StoreError(f"{where} is not a rasid store (not a SQLite database)") from None
        raise StoreError(f"cannot open the store at {where}: {exc}") from None
    try:
        return Store(conn, where=where, migrations=migs)
    except sqlite3.DatabaseError as exc:
        raise StoreError(f"cannot open the store at {where}: {exc}") from None


def _configure(conn: sqlite3.Connection, *, memory: bool) -> None:
    # Reading the schema first makes a file that is not SQLite fail here.
    conn.execute("SELECT count(*) FROM sqlite_master").fetchone()
    conn.execute("PRAGMA foreign_keys = ON")
    if not memory:
        conn.execute("PRAGMA busy_timeout = 30000")
        mode = conn.execute("PRAGMA journal_mode = WAL").fetchone()[0]
        if str(mode).lower() == "wal":
            conn.execute("PRAGMA synchronous = NORMAL")
