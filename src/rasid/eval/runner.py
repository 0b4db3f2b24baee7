"""Score a folder of gold files: read them, run the system, build the report.

``score_dir(gold_dir)`` reads every ``*.json`` gold file of the folder (sorted
by name), gets the system's ``rasid.document/1`` object for its article (by
default: the real ingest and the default pipeline), and scores the pair with
:func:`score_article`.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any, Callable

from ..errors import RasidError
from .events import describe_gold, describe_system, score_events
from .report import ArticleScore, Report
from .scoring import (score_cleaning, score_coreference, score_entities, score_places,
                      score_times)

Analyze = Callable[..., dict[str, Any]]

_LIST_FIELDS = ("entities", "coreference", "places", "times", "events",
                "body_must_contain", "body_must_not_contain")


def score_article(gold: dict[str, Any], system: dict[str, Any]) -> ArticleScore:
    """Every score of SCORING.md for one gold article and the system's output."""
    ev = score_events(gold, system)
    g_events = gold.get("events") or []
    s_events = system.get("events") or []
    notes = []
    for p in ev.pairs:
        if p.optional:
            continue
        wrong = [name for name, ok in (("target", p.target_right),
                                       ("fatalities", p.fatalities_right),
                                       ("modality", p.modality_right)) if ok is False]
        if wrong:
            notes.append(f"{describe_gold(g_events[p.gold_index])} <- "
                         f"{describe_system(s_events[p.system_index])} [wrong: {', '.join(wrong)}]")
    return ArticleScore(
        id=str(gold.get("id") or "?"),
        cleaning=score_cleaning(gold, system),
        entities=score_entities(gold, system),
        coreference=score_coreference(gold, system),
        places=score_places(gold, system),
        times=score_times(gold, system),
        events=ev,
        missed_events=[describe_gold(g_events[i]) for i in ev.missed],
        false_alarm_events=[describe_system(s_events[i]) for i in ev.false_alarms],
        pair_notes=notes,
    )


def load_gold(path: Path) -> dict[str, Any]:
    """Parse and check one gold file; a malformed one raises :class:`RasidError`."""
    try:
        gold = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError, json.JSONDecodeError) as exc:
        raise RasidError(f"malformed gold file {path}: {_one_line(exc)}") from None
    problem = _check(gold, path)
    if problem:
        raise RasidError(f"malformed gold file {path}: {problem}")
    gold.setdefault("id", path.stem)
    return gold


def _check(gold: Any, path: Path) -> str | None:
    if not isinstance(gold, dict):
        return "not a JSON object"
    if gold.get("input"):
        if not isinstance(gold["input"], str):
            return "'input' is not a file name"
        if not (path.parent / gold["input"]).is_file():
            return f"input file {gold['input']!r} not found beside it"
    elif not isinstance(gold.get("text"), str):
        return "neither 'input' nor inline 'text'"
    for key in _LIST_FIELDS:
        if key in gold and not isinstance(gold[key], list):
            return f"{key!r} is not a list"
    for key in ("entities", "places", "times", "events"):
        for item in gold.get(key) or []:
            if not isinstance(item, dict):
                return f"an item of {key!r} is not an object"
    for item in gold.get("events") or []:
        if not isinstance(item.get("type"), str):
            return "an event has no 'type'"
    for item in gold.get("places") or []:
        if not isinstance(item.get("text"), str):
            return "a place has no 'text'"
    for item in gold.get("times") or []:
        if not isinstance(item.get("text"), str):
            return "a time has no 'text'"
    for chain in gold.get("coreference") or []:
        if not isinstance(chain, list):
            return "a coreference item is not a list"
    return None


def _one_line(exc: BaseException) -> str:
    text = str(exc).strip()
    return text.splitlines()[0] if text else type(exc).__name__


def run_system(gold: dict[str, Any], *, gold_dir: Path) -> dict[str, Any]:
    """The real system's contract object for a gold article: its input file
    through ``rasid.ingest.read_inputs``, or its inline ``text`` as a
    :class:`~rasid.document.Document`, then the default pipeline."""
    from ..document import Document
    from ..pipeline import default_pipeline

    if gold.get("input"):
        from ..ingest import read_inputs

        path = gold_dir / gold["input"]
        docs = list(read_inputs([str(path)], published=gold.get("published")))
        if len(docs) != 1:
            raise RasidError(f"{path} gave {len(docs)} documents, expected one")
        doc = docs[0]
    else:
        doc = Document(text=gold["text"], published=gold.get("published"))
    return default_pipeline()(doc).to_contract()


def score_dir(gold_dir: str | Path, *, analyze: Analyze | None = None) -> Report:
    """Score the system against every ``*.json`` gold file in ``gold_dir``.

    ``analyze(gold, gold_dir=...)`` gives the system's contract dict for one
    gold article (default: :func:`run_system`). A missing folder, a folder
    without gold files, or a malformed gold file raise :class:`RasidError`.
    """
    folder = Path(gold_dir)
    if not folder.is_dir():
        raise RasidError(f"gold folder not found: {gold_dir}")
    paths = sorted(folder.glob("*.json"))
    if not paths:
        raise RasidError(f"no gold files (*.json) in {gold_dir}")
    golds = [load_gold(p) for p in paths]  # every file checked before any is run
    run = analyze or run_system
    report = Report(gold_dir=str(gold_dir))
    for gold in golds:
        report.articles.append(score_article(gold, run(gold, gold_dir=folder)))
    return report
