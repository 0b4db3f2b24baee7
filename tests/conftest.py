"""Shared fixtures: paths to ../shared, a CLI runner, an in-memory store."""

from __future__ import annotations

import io
import json
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[1]
SHARED = REPO.parent / "shared"
GOLD_DEV = SHARED / "gold" / "dev"
SEED = GOLD_DEV / "sisi-haftar-2019-05-09.txt"


def pytest_collection_modifyitems(config, items):
    if SHARED.is_dir():
        return
    skip = pytest.mark.skip(reason="../shared is not beside the repository")
    for item in items:
        if "shared" in item.keywords:
            item.add_marker(skip)


@pytest.fixture(scope="session")
def shared_dir() -> Path:
    if not SHARED.is_dir():
        pytest.skip("../shared is not beside the repository")
    return SHARED


@pytest.fixture(scope="session")
def gold_dev_dir(shared_dir) -> Path:
    return shared_dir / "gold" / "dev"


@pytest.fixture(scope="session")
def gold_dev(gold_dev_dir) -> list[dict]:
    """Every dev gold file, parsed, with the path of its input."""
    out = []
    for path in sorted(gold_dev_dir.glob("*.json")):
        gold = json.loads(path.read_text(encoding="utf-8"))
        gold["_path"] = path
        if gold.get("input"):
            gold["_input"] = gold_dev_dir / gold["input"]
        out.append(gold)
    return out


class CliResult:
    def __init__(self, code: int, out: str, err: str):
        self.code, self.out, self.err = code, out, err

    def json(self):
        return json.loads(self.out)


@pytest.fixture
def run_cli(capsys, monkeypatch):
    """Run ``rasid ARGS...`` in-process: ``run_cli("analyze", path, stdin=...)``."""
    from rasid.cli import main

    def run(*args: str, stdin: str | bytes | None = None) -> CliResult:
        if stdin is not None:
            raw = stdin.encode("utf-8") if isinstance(stdin, str) else stdin
            fake = io.TextIOWrapper(io.BytesIO(raw), encoding="utf-8")
            monkeypatch.setattr("sys.stdin", fake)
        try:
            code = main([str(a) for a in args])
        except SystemExit as exc:  # argparse usage errors
            code = exc.code if isinstance(exc.code, int) else 2
        cap = capsys.readouterr()
        return CliResult(code, cap.out, cap.err)

    return run


@pytest.fixture
def db_path(tmp_path, monkeypatch) -> Path:
    """A fresh SQLite file for a test; also set as $RASID_DB."""
    path = tmp_path / "rasid.db"
    monkeypatch.setenv("RASID_DB", str(path))
    return path


@pytest.fixture
def memory_store():
    from rasid.store import open_store

    store = open_store(":memory:")
    try:
        yield store
    finally:
        store.close()
