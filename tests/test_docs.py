"""The README tells the truth: its commands, its example output, its command table."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest

from rasid.cli import build_parser
from rasid.contract import ACTOR, ENTITY, EVENT, PLACE, TIME, TOP

REPO = Path(__file__).resolve().parents[1]
README = (REPO / "README.md").read_text(encoding="utf-8")


def _blocks(lang: str) -> list[str]:
    return re.findall(rf"```{lang}\n(.*?)```", README, flags=re.S)


def _example() -> dict:
    (block,) = _blocks("json")
    return json.loads(block)


def test_readme_has_exactly_two_setup_commands():
    setup = README.split("## Set up", 1)[1].split("\n## ", 1)[0]
    (block,) = re.findall(r"```sh\n(.*?)```", setup, flags=re.S)
    commands = [line.split("#")[0].strip() for line in block.splitlines() if line.strip()]
    assert commands == ["make demo", "make test"]


def test_ci_runs_the_readme_test_command():
    run = (REPO / ".ci" / "run").read_text(encoding="utf-8")
    assert re.search(r"^make test$", run, flags=re.M)
    makefile = (REPO / "Makefile").read_text(encoding="utf-8")
    assert re.search(r"^demo:", makefile, flags=re.M) and re.search(r"^test:", makefile, flags=re.M)


def test_readme_example_has_every_contract_field():
    ex = _example()
    assert tuple(ex) == TOP
    for key, fields in (("entities", ENTITY), ("actors", ACTOR), ("places", PLACE),
                        ("times", TIME), ("events", EVENT)):
        assert ex[key], key
        for item in ex[key]:  # the contract's fields first, in order; added fields after
            assert tuple(item)[:len(fields)] == fields, key


def test_readme_command_table_lists_every_command():
    sub = next(a for a in build_parser()._actions if a.dest == "command")
    for name in sub.choices:
        assert f"`rasid {name}" in README, name


@pytest.mark.shared
def test_readme_example_is_real_output(run_cli, gold_dev_dir):
    ex = _example()
    res = run_cli("analyze", gold_dev_dir / "sisi-haftar-2019-05-09.txt", "--published", "2019-05-09")
    real = res.json()
    for key in ("schema", "id", "title", "source", "url", "published", "language"):
        assert real[key] == ex[key], key
    assert real["text"].startswith(ex["text"].rstrip("…"))
    for key in ("sentences", "entities", "actors", "places", "times", "quotes"):
        for item in ex[key]:
            assert item in real[key], (key, item)
    (event,) = ex["events"]
    same = {k: v for k, v in event.items() if k != "id"}
    assert any({k: v for k, v in e.items() if k != "id"} == same for e in real["events"])
