"""Tests for ``rasid.eval``: every rule of gold/SCORING.md on hand-made
gold and system dicts, and ``score_dir`` on the shared dev gold."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from rasid.errors import RasidError
from rasid.eval import Ratio, score_article, score_dir
from rasid.eval.events import date_match, match_events, pair, role_match, score_events
from rasid.eval.report import f1
from rasid.eval.scoring import (gold_time_spans, haversine_km, norm, score_cleaning,
                                score_coreference, score_entities, score_places,
                                score_times)


def system(**kw):
    base = {"schema": "rasid.document/1", "id": "x", "title": None, "source": None,
            "url": None, "published": None, "language": "ar", "text": "",
            "sentences": [], "entities": [], "actors": [], "places": [], "times": [],
            "events": [], "quotes": []}
    base.update(kw)
    return base


def ent(text, type_, actor_id=None):
    return {"text": text, "start": 0, "end": len(text), "type": type_, "actor_id": actor_id}


def sys_event(type_, *, actor=None, target=None, lat=None, lon=None, date=None,
              fatalities=None, modality="asserted"):
    place = None if lat is None else {"name": "p", "country": None, "lat": lat, "lon": lon,
                                      "precision": 1}
    role = lambda t: None if t is None else {"text": t, "start": 0, "end": len(t), "actor_id": None}
    return {"id": "e", "type": type_, "mode": None, "actor": role(actor), "target": role(target),
            "place": place, "date": date, "date_precision": None, "fatalities": fatalities,
            "injured": None, "arrested": None, "modality": modality, "reported_by": None,
            "trigger": {"text": "t", "start": 0, "end": 1}, "sentence": {"start": 0, "end": 1},
            "confidence": 0.5}


# --- normalisation ----------------------------------------------------------

@pytest.mark.parametrize("raw, expected", [
    ("أحمد", "احمد"),
    ("إدلب", "ادلب"),
    ("آمن", "امن"),
    ("ٱلله", "الله"),
    ("مصطفى", "مصطفي"),
    ("حماة", "حماه"),
    ("مُحَمَّد", "محمد"),
    ("الرحمٰن", "الرحمن"),
    ("جـــيش", "جيش"),
    ("١٧ قتيلا", "17 قتيلا"),
    ("۱۷", "17"),
    ("  عبد   ربه\u00a0منصور \n هادي ", "عبد ربه منصور هادي"),
    ("«السيسي»", "السيسي"),
    ("“حفتر”،", "حفتر"),
    ("داعش؟", "داعش"),
    ("(الجيش الليبي)؛", "الجيش الليبي"),
    ('"القاعدة".', "القاعده"),
    ("التحالف – الدولي", "التحالف – الدولي"),
    ("اليوم الخميس (23 يوليو", "اليوم الخميس (23 يوليو"),
])
def test_norm_folds_and_strips_ends(raw, expected):
    assert norm(raw) == expected


def test_norm_keeps_none():
    assert norm(None) is None


def test_haversine_km_known_distance():
    # One degree of latitude is about 111.2 km; Cairo to Tripoli (Libya) about 1 740 km.
    assert haversine_km(10, 20, 11, 20) == pytest.approx(111.195, abs=0.01)
    assert 1730 < haversine_km(30.0626, 31.2497, 32.8874, 13.1873) < 1750
    assert haversine_km(10, 10, 10, 10) == 0


# --- 1 cleaning -------------------------------------------------------------

GOLD_CLEAN = {"title": "السيسي يجدد دعمه لحفتر", "source": "ميدل إيست أون لاين",
              "body_must_contain": ["استقبل الرئيس المصري", "حقل الشرارة النفطي"],
              "body_must_not_contain": ["مقالات ذات صلة"]}


def test_cleaning_passes_after_normalisation():
    s = system(title="«السيسي يُجدد دعمه لحفتر»", source="ميدل ايست أون لاين",
               text="استقبل   الرئيسُ المصري حفتر.\nفي حقل الشرارة النفطي.")
    assert score_cleaning(GOLD_CLEAN, s).passed


@pytest.mark.parametrize("change, field", [
    ({"title": "عنوان اخر"}, "title_ok"),
    ({"title": None}, "title_ok"),
    ({"source": None}, "source_ok"),
])
def test_cleaning_fails_on_title_or_source(change, field):
    s = system(title="السيسي يجدد دعمه لحفتر", source="ميدل إيست أون لاين",
               text="استقبل الرئيس المصري. حقل الشرارة النفطي")
    s.update(change)
    res = score_cleaning(GOLD_CLEAN, s)
    assert not res.passed and not getattr(res, field)


def test_cleaning_null_title_matches_null():
    gold = {"title": None, "source": None, "body_must_contain": [], "body_must_not_contain": []}
    assert score_cleaning(gold, system(text="نص")).passed
    assert not score_cleaning(gold, system(text="نص", source="الوئام")).passed


def test_cleaning_reports_missing_and_forbidden_snippets():
    s = system(title="السيسي يجدد دعمه لحفتر", source="ميدل إيست أون لاين",
               text="استقبل الرئيس المصري. مقالات ذات صلة")
    res = score_cleaning(GOLD_CLEAN, s)
    assert not res.passed
    assert res.missing == ["حقل الشرارة النفطي"]
    assert res.present == ["مقالات ذات صلة"]


# --- 2 entities -------------------------------------------------------------

def test_entities_sets_of_normalised_text_and_type():
    gold = {"entities": [{"text": "خليفة حفتر", "type": "PER"}, {"text": "حفتر", "type": "PER"},
                         {"text": "إدلب", "type": "LOC"}, {"text": "داعش", "type": "ORG"}]}
    s = system(entities=[ent("حفتر", "PER"), ent("حفتر", "PER"), ent("ادلب", "LOC"),
                         ent("داعش", "LOC"), ent("مصر", "LOC")])
    res = score_entities(gold, s)
    assert res.hits == {("حفتر", "PER"), ("ادلب", "LOC")}
    assert res.missed == sorted([("خليفه حفتر", "PER"), ("داعش", "ORG")])
    assert res.spurious == sorted([("داعش", "LOC"), ("مصر", "LOC")])


@pytest.mark.parametrize("gold_text, system_text", [
    ("حفتر", "لحفتر"),
    ("الجيش", "والجيش"),
    ("طرابلس", "بطرابلس"),
])
def test_entities_clitic_attached_mention_does_not_match(gold_text, system_text):
    res = score_entities({"entities": [{"text": gold_text, "type": "ORG"}]},
                         system(entities=[ent(system_text, "ORG")]))
    assert not res.hits and len(res.missed) == 1 and len(res.spurious) == 1


def test_entities_other_types_are_not_scored():
    res = score_entities({"entities": [{"text": "حفتر", "type": "PER"}]},
                         system(entities=[ent("حفتر", "PER"), ent("كورونا", "MISC")]))
    assert res.system == {("حفتر", "PER")}


# --- 3 coreference ----------------------------------------------------------

COREF_GOLD = {"coreference": [["خليفة حفتر", "حفتر", "قائد الجيش الليبي"],
                              ["الدولة الإسلامية", "داعش"]]}


def test_coreference_counts_pairs_of_found_forms():
    s = system(entities=[ent("خليفة حفتر", "PER", "haftar"), ent("حفتر", "PER", "haftar"),
                         ent("الدولة الإسلامية", "ORG", "isis"), ent("داعش", "ORG", "daesh")])
    res = score_coreference(COREF_GOLD, s)
    # "قائد الجيش الليبي" was not found: one pair in the first list, one in the second.
    assert (res.shared, res.pairs) == (1, 2)


def test_coreference_uses_event_roles_too():
    ev = sys_event("CONSULT", actor="قائد الجيش الليبي")
    ev["actor"]["actor_id"] = "haftar"
    s = system(entities=[ent("حفتر", "PER", "haftar")], events=[ev])
    assert (score_coreference(COREF_GOLD, s).shared, score_coreference(COREF_GOLD, s).pairs) == (1, 1)


@pytest.mark.parametrize("ids", [
    ["haftar", "lna"],      # a form given two ids
    ["haftar", None],       # an id on one mention, none on another
])
def test_coreference_strict_form_with_several_ids_shares_nothing(ids):
    s = system(entities=[ent("خليفة حفتر", "PER", "haftar")]
               + [ent("حفتر", "PER", i) for i in ids])
    res = score_coreference(COREF_GOLD, s)
    assert (res.shared, res.pairs) == (0, 1)


def test_coreference_null_ids_do_not_share():
    s = system(entities=[ent("خليفة حفتر", "PER"), ent("حفتر", "PER")])
    assert (score_coreference(COREF_GOLD, s).shared, score_coreference(COREF_GOLD, s).pairs) == (0, 1)


# --- 4 places ---------------------------------------------------------------

def place(text, lat, lon):
    return {"text": text, "start": 0, "end": len(text), "name": text, "country": None,
            "admin1": None, "lat": lat, "lon": lon, "feature": None, "geonames_id": None,
            "precision": 1}


def _lat_at_km(km):
    # Latitude offset of ``km`` along a meridian.
    return km / 111.19508


@pytest.mark.parametrize("km, right", [(0, True), (160.5, True), (161.5, False), (500, False)])
def test_places_right_within_161_km(km, right):
    gold = {"places": [{"text": "طرابلس", "lat": 32.0, "lon": 13.0}]}
    s = system(places=[place("طرابلس", 32.0 + _lat_at_km(km), 13.0)])
    res = score_places(gold, s)
    assert (res.right, res.found, res.total) == (int(right), 1, 1)


def test_places_found_needs_same_normalised_text():
    gold = {"places": [{"text": "إدلب", "lat": 35.93, "lon": 36.63},
                       {"text": "صنعاء", "lat": 15.35, "lon": 44.2}]}
    s = system(places=[place("ادلب", 35.93, 36.63), place("بصنعاء", 15.35, 44.2)])
    res = score_places(gold, s)
    assert (res.right, res.found, res.total) == (1, 1, 2)
    assert res.missing == ["صنعاء"]


def test_places_any_candidate_within_range_counts():
    gold = {"places": [{"text": "طرابلس", "lat": 32.8874, "lon": 13.1873}]}
    s = system(places=[place("طرابلس", 34.43, 35.84), place("طرابلس", 32.89, 13.18)])
    assert score_places(gold, s).right == 1


def test_places_without_point_is_wrong_not_missing():
    gold = {"places": [{"text": "طرابلس", "lat": 32.8874, "lon": 13.1873}]}
    res = score_places(gold, system(places=[place("طرابلس", None, None)]))
    assert (res.right, res.found) == (0, 1) and res.wrong == [("طرابلس", None)]


# --- 5 times ----------------------------------------------------------------

TEXT = "قال المصدر أمس الخميس إن الهجوم وقع في 14 أبريل/نيسان الماضي، وأمس أيضا."


def tspan(text, sub, value, *, nth=0):
    start = -1
    for _ in range(nth + 1):
        start = text.index(sub, start + 1)
    return {"text": sub, "start": start, "end": start + len(sub), "value": value,
            "precision": "day"}


def test_times_gold_text_found_with_normalisation():
    spans = gold_time_spans("أمس الخميس", "قال امس   الخميسَ")
    assert spans == [(4, 17)]


def test_times_right_when_overlapping_with_same_value():
    gold = {"times": [{"text": "أمس الخميس", "value": "2019-05-09"},
                      {"text": "14 أبريل/نيسان الماضي", "value": "2019-04-14"}]}
    s = system(text=TEXT, times=[tspan(TEXT, "الخميس", "2019-05-09"),
                                 tspan(TEXT, "14 أبريل", "2019-04-15")])
    res = score_times(gold, s)
    assert (res.right, res.total) == (1, 2)
    assert res.wrong == [("14 أبريل/نيسان الماضي", "2019-04-14", ["2019-04-15"])]


def test_times_any_occurrence_counts():
    gold = {"times": [{"text": "أمس", "value": "2019-05-08"}]}
    s = system(text=TEXT, times=[tspan(TEXT, "أمس", "2019-05-08", nth=1)])
    assert score_times(gold, s).right == 1


def test_times_no_overlap_is_missing():
    gold = {"times": [{"text": "أمس الخميس", "value": "2019-05-09"}]}
    s = system(text=TEXT, times=[tspan(TEXT, "14 أبريل", "2019-05-09")])
    res = score_times(gold, s)
    assert res.right == 0 and res.missing == ["أمس الخميس"]


def test_times_text_absent_from_body():
    res = score_times({"times": [{"text": "فجر الجمعة", "value": "2015-07-24"}]}, system(text=TEXT))
    assert res.not_in_text == ["فجر الجمعة"] and res.right == 0


# --- 6 events ---------------------------------------------------------------

def gev(type_="ASSAULT", **kw):
    return {"type": type_, **kw}


def test_event_type_mismatch_does_not_pair():
    assert pair(gev("ASSAULT"), sys_event("COERCE")) is None
    assert pair(gev("ASSAULT"), sys_event("ASSAULT")) is not None


@pytest.mark.parametrize("km, ok", [(0, True), (49.5, True), (50.5, False)])
def test_event_point_within_50_km(km, ok):
    g = gev(lat=32.0, lon=13.0)
    s = sys_event("ASSAULT", lat=32.0 + _lat_at_km(km), lon=13.0)
    assert (pair(g, s) is not None) is ok


def test_event_gold_point_but_no_system_point_does_not_pair():
    assert pair(gev(lat=32.0, lon=13.0), sys_event("ASSAULT")) is None


def test_event_system_point_without_gold_point_is_free():
    assert pair(gev(), sys_event("ASSAULT", lat=0.0, lon=0.0)) is not None


@pytest.mark.parametrize("gold_date, system_date, ok", [
    ("2019-05-09", "2019-05-09", True),
    ("2019-05-09", "2019-05-08", True),
    ("2019-05-09", "2019-05-10", True),
    ("2019-05-31", "2019-06-01", True),
    ("2019-05-09", "2019-05-11", False),
    ("2019-05-09", "2019-05-07", False),
    ("2019-05-09", None, False),
    ("2019-05-09", "2019-05", False),
    ("2016-12", "2016-12", True),
    ("2016-12", "2016-11", False),
    ("2016-12", "2016-12-01", False),
    ("2015", "2015", True),
    (None, "2019-01-01", True),
    (None, None, True),
])
def test_event_date_rule(gold_date, system_date, ok):
    assert date_match(gold_date, system_date)[0] is ok
    g = gev(**({"date": gold_date} if gold_date else {}))
    assert (pair(g, sys_event("ASSAULT", date=system_date)) is not None) is ok


@pytest.mark.parametrize("forms, system_actor, ok", [
    (["الجيش الوطني الليبي"], "الجيش الوطني الليبي", True),
    (["الجيش الوطني الليبي"], "قوات الجيش الوطني الليبي", True),   # system contains gold
    (["قوات الجيش الوطني الليبي"], "الجيش الوطني الليبي", True),   # gold contains system
    (["تنظيم الدولة الإسلامية", "داعش"], "«داعش»", True),
    (["عبدالفتاح السيسي"], "السيسى", True),
    (["الجيش الوطني الليبي"], "حكومة الوفاق", False),
    (["الجيش الوطني الليبي"], None, False),
    ([], None, True),
])
def test_event_actor_rule(forms, system_actor, ok):
    assert role_match(forms, None if system_actor is None else {"text": system_actor})[0] is ok
    g = gev(**({"actor": forms} if forms else {}))
    assert (pair(g, sys_event("ASSAULT", actor=system_actor)) is not None) is ok


def test_event_target_scored_on_matched_pairs():
    g = {"events": [gev(actor=["حفتر"], target=["حكومة الوفاق"])]}
    res = score_events(g, system(events=[sys_event("ASSAULT", actor="حفتر", target="طرابلس")]))
    assert res.matched == 1 and (res.target_right, res.target_total) == (0, 1)
    res = score_events(g, system(events=[sys_event("ASSAULT", actor="حفتر",
                                                   target="قوات حكومة الوفاق")]))
    assert (res.target_right, res.target_total) == (1, 1)


@pytest.mark.parametrize("gold_f, system_f, counted, right", [
    (0, None, 1, 0),
    (0, 0, 1, 1),
    (3, 3, 1, 1),
    (3, 4, 1, 0),
    (None, 5, 0, 0),
])
def test_event_fatalities_exact_null_is_not_zero(gold_f, system_f, counted, right):
    g = gev() if gold_f is None else gev(fatalities=gold_f)
    res = score_events({"events": [g]}, system(events=[sys_event("ASSAULT", fatalities=system_f)]))
    assert res.matched == 1
    assert (res.fatalities_right, res.fatalities_total) == (right, counted)


@pytest.mark.parametrize("gold_mod, system_mod, right", [
    (None, "asserted", 1),
    (None, "claimed", 0),
    ("claimed", "claimed", 1),
    ("suspected", "asserted", 0),
])
def test_event_modality_defaults_to_asserted(gold_mod, system_mod, right):
    g = gev() if gold_mod is None else gev(modality=gold_mod)
    res = score_events({"events": [g]}, system(events=[sys_event("ASSAULT", modality=system_mod)]))
    assert (res.modality_right, res.modality_total) == (right, 1)


def test_event_optional_gold_neither_hit_nor_miss():
    gold = {"events": [gev("ASSAULT", actor=["داعش"]),
                       gev("REJECT", actor=["روسيا"], optional=True),
                       gev("RETREAT", optional=True)]}
    s = system(events=[sys_event("ASSAULT", actor="داعش"), sys_event("REJECT", actor="روسيا"),
                       sys_event("PROTEST")])
    res = score_events(gold, s)
    assert res.gold_required == 1          # optional gold events are not in recall
    assert res.matched == 1
    assert res.system_counted == 2         # the REJECT paired with an optional one is left out
    assert len(res.false_alarms) == 1 and res.missed == []


def test_event_greedy_best_first_choice():
    # Two gold events of one type; the first system event fits both, the
    # second only the first. Best first gives the first system event to the
    # gold event it fits better (date exact and target right), so both pair.
    gold = [gev(actor=["داعش"], target=["الجيش"], date="2019-05-04"),
            gev(actor=["داعش"], target=["سكان"], date="2019-05-09")]
    systems = [sys_event("ASSAULT", actor="داعش", target="سكان", date="2019-05-09"),
               sys_event("ASSAULT", actor="داعش", target="الجيش", date="2019-05-04")]
    pairs = match_events(gold, systems)
    assert [(p.gold_index, p.system_index) for p in pairs] == [(0, 1), (1, 0)]


def test_event_greedy_prefers_higher_score_then_distance():
    gold = [gev(lat=32.0, lon=13.0, fatalities=3)]
    systems = [sys_event("ASSAULT", lat=32.0, lon=13.0, fatalities=2),
               sys_event("ASSAULT", lat=32.3, lon=13.0, fatalities=3),
               sys_event("ASSAULT", lat=32.1, lon=13.0, fatalities=3)]
    (p,) = match_events(gold, systems)
    assert p.system_index == 2


def test_event_greedy_prefers_required_gold_on_a_tie():
    gold = [gev(actor=["داعش"], optional=True), gev(actor=["داعش"])]
    (p,) = match_events(gold, [sys_event("ASSAULT", actor="داعش")])
    assert p.gold_index == 1


# --- report -----------------------------------------------------------------

def test_ratio_formats_counts_and_na():
    assert str(Ratio(17, 19)) == "17/19 = 0.895"
    assert str(Ratio(0, 0)) == "0/0 = n/a"
    assert Ratio(0, 0).as_dict() == {"num": 0, "den": 0, "ratio": None}
    assert f1(Ratio(40, 52), Ratio(40, 48)) == pytest.approx(0.8)
    assert f1(Ratio(0, 0), Ratio(1, 2)) is None
    assert f1(Ratio(0, 3), Ratio(0, 2)) == 0.0


GOLD_ONE = {
    "id": "one", "text": "استقبل السيسي حفتر في القاهرة أمس الخميس.", "published": "2019-05-10",
    "title": None, "source": None, "body_must_contain": ["استقبل السيسي"],
    "body_must_not_contain": [],
    "entities": [{"text": "السيسي", "type": "PER"}, {"text": "حفتر", "type": "PER"},
                 {"text": "القاهرة", "type": "LOC"}],
    "coreference": [],
    "places": [{"text": "القاهرة", "lat": 30.0626, "lon": 31.2497}],
    "times": [{"text": "أمس الخميس", "value": "2019-05-09"}],
    "events": [gev("CONSULT", actor=["السيسي"], target=["حفتر"], lat=30.0626, lon=31.2497,
                   date="2019-05-09", fatalities=0),
               gev("SUPPORT", actor=["السيسي"], optional=True)],
}


def fake_system(gold, **_):
    text = gold["text"]
    return system(text=text, entities=[ent("السيسي", "PER"), ent("لحفتر", "PER")],
                  places=[place("القاهرة", 30.05, 31.25)],
                  times=[tspan(text, "أمس الخميس", "2019-05-09")],
                  events=[sys_event("CONSULT", actor="السيسي", target="حفتر", lat=30.05,
                                    lon=31.25, date="2019-05-10", fatalities=None),
                          sys_event("ASSAULT")])


def write_gold(folder: Path, name: str, gold: dict) -> Path:
    path = folder / f"{name}.json"
    path.write_text(json.dumps(gold, ensure_ascii=False), encoding="utf-8")
    return path


def test_score_dir_figures_and_formats(tmp_path):
    write_gold(tmp_path, "one", GOLD_ONE)
    report = score_dir(tmp_path, analyze=fake_system)
    d = report.as_dict()
    fig = d["figures"]
    assert d["articles"] == 1
    assert fig["cleaning"] == {"num": 1, "den": 1, "ratio": 1.0}
    assert fig["entities"]["precision"] == {"num": 1, "den": 2, "ratio": 0.5}
    assert fig["entities"]["recall"]["num"] == 1 and fig["entities"]["recall"]["den"] == 3
    assert fig["places"]["right"] == {"num": 1, "den": 1, "ratio": 1.0}
    assert fig["times"]["num"] == 1
    assert fig["events"]["precision"] == {"num": 1, "den": 2, "ratio": 0.5}
    assert fig["events"]["recall"] == {"num": 1, "den": 1, "ratio": 1.0}
    assert fig["events"]["fatalities"] == {"num": 0, "den": 1, "ratio": 0.0}
    assert fig["coreference"]["ratio"] is None
    art = d["per_article"][0]
    assert art["id"] == "one"
    assert ["لحفتر", "PER"] in art["details"]["spurious_entities"]
    text = report.format()
    assert "entities             P 1/2 = 0.500  R 1/3 = 0.333  F1 0.400" in text
    assert "coreference          0/0 = n/a" in text
    detailed = report.format(details=True)
    assert "missed entities" in detailed and "false alarm: ASSAULT" in detailed
    assert "wrong: fatalities" in detailed


def test_score_dir_missing_or_empty_folder(tmp_path):
    with pytest.raises(RasidError, match="not found"):
        score_dir(tmp_path / "nope", analyze=fake_system)
    with pytest.raises(RasidError, match="no gold files"):
        score_dir(tmp_path, analyze=fake_system)


@pytest.mark.parametrize("content, reason", [
    ("{not json", "malformed gold file"),
    ("[]", "not a JSON object"),
    ('{"id": "x"}', "neither 'input' nor inline 'text'"),
    ('{"id": "x", "input": "x.txt"}', "not found beside it"),
    ('{"id": "x", "text": "t", "events": [{"actor": []}]}', "no 'type'"),
    ('{"id": "x", "text": "t", "places": {}}', "not a list"),
])
def test_score_dir_malformed_gold_names_the_file(tmp_path, content, reason):
    (tmp_path / "bad.json").write_text(content, encoding="utf-8")
    with pytest.raises(RasidError, match=reason) as info:
        score_dir(tmp_path, analyze=fake_system)
    assert "bad.json" in str(info.value) and "\n" not in str(info.value)


def test_score_dir_cli_prints_table_and_json(tmp_path, run_cli, monkeypatch):
    write_gold(tmp_path, "one", GOLD_ONE)
    monkeypatch.setattr("rasid.eval.runner.run_system", fake_system)
    res = run_cli("eval", tmp_path)
    assert res.code == 0 and "places right@161km   1/1 = 1.000" in res.out
    res = run_cli("eval", tmp_path, "--json")
    assert res.code == 0 and res.json()["figures"]["events"]["recall"]["num"] == 1
    res = run_cli("eval", tmp_path / "nope")
    assert res.code == 1 and res.err.startswith("rasid: error:")


# --- shared dev gold --------------------------------------------------------

def _oracle(gold, *, gold_dir):
    """A system that copies the gold: the scorer must give it full marks."""
    text = (gold_dir / gold["input"]).read_text(encoding="utf-8") if gold.get("input") \
        else gold["text"]
    times = []
    for t in gold["times"]:
        (start, end), *_ = gold_time_spans(t["text"], text)
        times.append({"text": text[start:end], "start": start, "end": end,
                      "value": t["value"], "precision": None})
    ids = {norm(e["text"]): e.get("actor") or e["text"] for e in gold["entities"]}
    for chain in gold["coreference"]:
        known = [ids[norm(f)] for f in chain if norm(f) in ids]
        ids.update({norm(f): known[0] if known else chain[0] for f in chain})
    events = []
    for g in gold["events"]:
        if g.get("optional"):
            continue
        ev = sys_event(g["type"], actor=(g.get("actor") or [None])[0],
                       target=(g.get("target") or [None])[0], lat=g.get("lat"),
                       lon=g.get("lon"), date=g.get("date"), fatalities=g.get("fatalities"),
                       modality=g.get("modality") or "asserted")
        for role in ("actor", "target"):
            if ev[role]:
                ev[role]["actor_id"] = ids.get(norm(ev[role]["text"]), ev[role]["text"])
        events.append(ev)
    return system(text=text, title=gold["title"], source=gold["source"],
                  entities=[ent(e["text"], e["type"], ids[norm(e["text"])])
                            for e in gold["entities"]],
                  places=[place(p["text"], p["lat"], p["lon"]) for p in gold["places"]],
                  times=times, events=events)


@pytest.mark.shared
def test_score_dir_oracle_on_dev_gold_gets_full_marks(gold_dev_dir):
    fig = score_dir(gold_dev_dir, analyze=_oracle).as_dict()["figures"]
    for r in (fig["entities"]["precision"], fig["entities"]["recall"], fig["places"]["right"],
              fig["places"]["found"], fig["times"], fig["events"]["precision"],
              fig["events"]["recall"], fig["events"]["target"], fig["events"]["fatalities"],
              fig["events"]["modality"], fig["coreference"]):
        assert r["num"] == r["den"], r


@pytest.mark.shared
def test_score_dir_real_system_on_dev_gold(gold_dev_dir, gold_dev):
    report = score_dir(gold_dev_dir)
    d = report.as_dict()
    fig = d["figures"]
    assert d["articles"] == len(gold_dev)
    assert fig["cleaning"]["den"] == len(gold_dev)
    assert fig["places"]["right"]["den"] == sum(len(g["places"]) for g in gold_dev)
    assert fig["places"]["found"]["den"] == fig["places"]["right"]["den"]
    assert fig["times"]["den"] == sum(len(g["times"]) for g in gold_dev)
    assert fig["events"]["recall"]["den"] == sum(
        1 for g in gold_dev for e in g["events"] if not e.get("optional"))
    gold_entities = sum(len({(norm(e["text"]), e["type"]) for e in g["entities"]})
                        for g in gold_dev)
    assert fig["entities"]["recall"]["den"] == gold_entities
    assert [a["id"] for a in d["per_article"]] == [g["id"] for g in gold_dev]
    assert "places right@161km" in report.format(details=True)
