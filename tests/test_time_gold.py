"""Times against the dev gold (rasid.eval rules): right / gold."""

from __future__ import annotations

import pytest

from rasid.eval.scoring import score_times
from rasid.time.resolve import find_times

pytestmark = pytest.mark.shared


def test_times_dev_gold_right(gold_dev):
    right = total = 0
    for gold in gold_dev:
        text = gold["_input"].read_text(encoding="utf-8") if gold.get("_input") else gold["text"]
        times = find_times(text, published=gold.get("published"))
        res = score_times(gold, {"text": text, "times": [t.to_contract() for t in times]})
        right, total = right + res.right, total + res.total
    assert total > 20
    assert right / total >= 0.9, f"times right {right}/{total}"
