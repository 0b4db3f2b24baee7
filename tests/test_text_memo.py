"""Per-word memos: WordMemo, and memoised readings and phrase starts that
give what direct computation gives."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from rasid.entities.matcher import PROCLITICS, PhraseIndex, Stem, readings, stem_texts, stem_variants, words
from rasid.text.memo import WordMemo
from rasid.text.normalise import normalise


def test_memo_computes_each_key_once():
    calls = []
    memo: WordMemo[str, tuple[str, ...]] = WordMemo(fixed_max=4, recent_max=2)
    for w in ["a", "b", "a", "a", "b"]:
        assert memo.get(w, lambda k: calls.append(k) or (k.upper(),)) == (w.upper(),)
    assert calls == ["a", "b"]


def test_memo_fixed_table_stops_growing_recent_tables_turn_over():
    memo: WordMemo[int, tuple[int]] = WordMemo(fixed_max=3, recent_max=2)
    for k in range(10):
        memo.put(k, (k,))
    assert sorted(memo.fixed) == [0, 1, 2]
    assert len(memo.recent) <= 2 and len(memo.older) <= 2
    assert memo.lookup(1) == (1,)
    assert memo.lookup(9) == (9,)
    assert memo.lookup(5) is None  # dropped two turnovers ago
    assert memo.lookup(8) == (8,)  # found in the older table: moves back
    assert 8 in memo.recent
    memo.clear()
    assert len(memo) == 0


def _direct_variants(text: str, prefixes: tuple[str, ...]) -> list[Stem]:
    out = [Stem(0, text)]
    for p in prefixes:
        rest = text[len(p):]
        if text.startswith(p) and len(rest) >= 2:
            out.append(Stem(len(p), rest, p))
            if p.endswith("ل") and rest.startswith("ل") and not rest.startswith("ال"):
                out.append(Stem(len(p), "ا" + rest, p, virtual=True))
    return out


@pytest.mark.parametrize("word,expected", [
    ("والجيش", ["والجيش", "الجيش"]),
    ("لحفتر", ["لحفتر", "حفتر"]),
    ("للجيش", ["للجيش", "لجيش", "الجيش"]),
    ("بغداد", ["بغداد", "غداد"]),
])
def test_stem_texts_readings_of_arabic_words(word, expected):
    assert list(stem_texts(normalise(word))) == expected
    assert [s.text for s in stem_variants(normalise(word))] == expected


@settings(max_examples=200, deadline=None)
@given(st.text(alphabet="ولفبكسالجيشحتر", min_size=1, max_size=8))
def test_readings_memo_matches_direct_computation(word):
    for prefixes in (PROCLITICS, ("وس", "و", "س")):
        direct = _direct_variants(word, prefixes)
        assert list(stem_variants(word, prefixes=prefixes)) == direct
        assert list(stem_variants(word, prefixes=list(prefixes))) == direct  # any iterable
        assert [Stem(*r) for r in readings(word, prefixes=prefixes)] == direct


@settings(max_examples=100, deadline=None)
@given(st.lists(st.sampled_from(["الجيش", "والجيش", "للجيش", "الوطني", "الليبي", "قوات", "في", "،", "."]),
                max_size=12))
def test_starting_words_are_where_match_at_finds_phrases(tokens):
    index: PhraseIndex[str] = PhraseIndex()
    index.add("الجيش الوطني الليبي", "lna")
    index.add("الجيش", "army")
    index.add("قوات الجيش", "forces")
    norm = normalise(" ".join(tokens))
    ws = words(norm)
    for strip in (True, False):
        starts = index.starting_words(ws, strip=strip)
        found = {i for i in range(len(ws)) if index.match_at(norm, ws, i, strip=strip)}
        assert found <= starts
        assert starts == {i for i in range(len(ws)) if any(
            r[1] in {"الجيش", "قوات"} for r in (readings(ws[i].text) if strip else [(0, ws[i].text, "", False)]))}


def test_phrase_index_add_after_lookup_is_seen():
    index: PhraseIndex[str] = PhraseIndex()
    index.add("الجيش", "army")
    norm = normalise("قوات الأمن والجيش")
    ws = words(norm)
    assert index.starting_words(ws) == {2}
    index.add("قوات الامن", "police")
    assert index.starting_words(ws) == {0, 2}
    assert index.best_at(norm, ws, 0).value == "police"
