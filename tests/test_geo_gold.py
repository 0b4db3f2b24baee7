"""Places against the dev gold: right within 161 km, and found (rasid.eval rules)."""

from __future__ import annotations

import pytest

from rasid.eval.scoring import score_places
from rasid.geo.stage import find_places

pytestmark = pytest.mark.shared


def _text(gold):
    return gold["_input"].read_text(encoding="utf-8") if gold.get("_input") else gold["text"]


def test_places_dev_gold_right_and_found(gold_dev):
    right = found = total = 0
    for gold in gold_dev:
        text = _text(gold)
        system = {"text": text, "places": [p.to_contract() for p in find_places(text)]}
        res = score_places(gold, system)
        right, found, total = right + res.right, found + res.found, total + res.total
    assert total > 50
    assert right / total >= 0.85, f"places right {right}/{total}"
    assert found / total >= 0.9, f"places found {found}/{total}"
