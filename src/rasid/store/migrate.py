"""Schema migrations: numbered SQL files applied in order.

A migration is a file ``NNNN_name.sql`` in the migrations directory (by
default ``rasid/store/migrations``). The schema version of a store is the
number of the last migration applied, kept in ``PRAGMA user_version``. Each
migration runs in its own transaction together with the version bump, so a
failing migration leaves the store at the version before it.
"""

from __future__ import annotations

import re
import sqlite3
from dataclasses import dataclass
from importlib import resources
from importlib.resources.abc import Traversable
from os import PathLike
from pathlib import Path

from ..errors import StoreError

_NAME = re.compile(r"^(\d{4})_[A-Za-z0-9_]+\.sql$")


@dataclass(slots=True, frozen=True)
class Migration:
    version: int
    name: str
    sql: str


def default_dir() -> Traversable:
    """The migrations shipped with rasid."""
    return resources.files("rasid.store").joinpath("migrations")


def load_migrations(directory: Traversable | PathLike | str | None = None) -> list[Migration]:
    """The migrations in ``directory``, in order; numbering must run 1, 2, ..."""
    if directory is None:
        root: Traversable = default_dir()
    elif isinstance(directory, (str, PathLike)):
        root = Path(directory)
    else:
        root = directory
    found: list[Migration] = []
    for entry in root.iterdir():
        m = _NAME.match(entry.name)
        if m:
            found.append(Migration(int(m.group(1)), entry.name, entry.read_text(encoding="utf-8")))
    found.sort(key=lambda mig: mig.version)
    for expected, mig in enumerate(found, start=1):
        if mig.version != expected:
            raise RuntimeError(f"migrations must be numbered 0001, 0002, ... without gaps; found {mig.name}")
    return found


def schema_version(conn: sqlite3.Connection) -> int:
    return int(conn.execute("PRAGMA user_version").fetchone()[0])


def migrate(conn: sqlite3.Connection, migrations: list[Migration], *, where: str) -> int:
    """Bring ``conn`` up to the last of ``migrations``; return the new version.

    ``conn`` must be in autocommit mode (``isolation_level=None``). ``where``
    names the store in error messages.
    """
    current = schema_version(conn)
    latest = migrations[-1].version if migrations else 0
    if current > latest:
        raise StoreError(f"the store at {where} has schema version {current}, newer than this "
                         f"version of rasid knows ({latest}): upgrade rasid")
    if current == 0:
        _check_empty(conn, where=where)
    for mig in migrations[current:]:
        try:
            # executescript commits anything pending first and then runs the
            # script as given, so the transaction lives inside the script.
            conn.executescript(f"BEGIN IMMEDIATE;\n{mig.sql}\n;PRAGMA user_version = {mig.version};\nCOMMIT;")
        except sqlite3.Error as exc:
            if conn.in_transaction:
                conn.execute("ROLLBACK")
            raise StoreError(f"cannot upgrade the store at {where} to schema version "
                             f"{mig.version} ({mig.name}): {exc}") from None
    return schema_version(conn)


def _check_empty(conn: sqlite3.Connection, *, where: str) -> None:
    """A store at version 0 must be empty: refuse to write into someone else's database."""
    row = conn.execute("SELECT count(*) FROM sqlite_master WHERE name NOT LIKE 'sqlite_%'").fetchone()
    if row[0]:
        raise StoreError(f"{where} is a SQLite database but not a rasid store")
