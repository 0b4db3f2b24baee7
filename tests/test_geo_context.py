"""Geocoding from context: regions (ADM1), admin context, districts inside a
city, facilities and quarters inside a named place, «العاصمة», precision,
and words that must never become places."""

from __future__ import annotations

import re

import pytest
import yaml

from rasid.document import Document, Entity
from rasid.geo.build import data_path, load_admin1
from rasid.geo.gazetteer import distance_km, gazetteer
from rasid.geo.stage import STAGE, find_places


def _one(text, span):
    hits = [p for p in find_places(text) if p.text == span]
    assert hits, f"{span!r} not among {[p.text for p in find_places(text)]}"
    return hits[0]


COMMON = [
    # prepositions and particles
    "إن", "إلى", "من", "على", "في", "عن", "مع", "بين", "بعد", "قبل", "حتى", "ثم",
    # weekdays and months
    "الخميس", "الجمعة", "السبت", "الأحد", "الإثنين", "يناير", "مارس", "أبريل", "نيسان", "أيار", "تموز",
    # person names
    "السيسي", "محمد", "علي", "عيسى", "حسن", "حسين", "خالد", "صالح", "هادي", "صلاح الدين", "عمر",
    # common words that name a region only after a generic word
    "الشرقية", "الغربية", "الوسطى", "الجزيرة", "الشمال", "الجنوب", "المركزية", "الوحدة", "البحيرة",
    "العاصمة", "الداخلية", "فارس", "معسكر", "الميدان", "الشعار", "الدورة", "الزيتون", "بحري",
]


@pytest.mark.parametrize("word", COMMON)
def test_find_places_common_word_is_not_a_place(word):
    assert find_places(f"قال المسؤول إن {word} كان حاضرا في الاجتماع") == []


@pytest.mark.parametrize("text,span,country,admin1", [
    ("معارك عنيفة في محافظة الشرقية شمال القاهرة", "الشرقية", "EG", "Sharqia"),
    ("انتشار الجيش في ولاية الجزيرة وسط السودان", "الجزيرة", "SD", "Al Jazirah"),
    ("اشتباكات في محافظة صلاح الدين العراقية", "صلاح الدين", "IQ", "Salah ad-Din"),
    ("غارات على محافظة أبين", "أبين", "YE", "Abyan"),
    ("قصف في إقليم تيغراي", "تيغراي", "ET", "Tigray"),
    ("معارك في ولاية شمال دارفور", "شمال دارفور", "SD", "North Darfur"),
    ("قتلى في شعبية الجفرة", "الجفرة", "LY", "Al Jufrah"),
])
def test_find_places_regions_after_generic_word(text, span, country, admin1):
    p = _one(text, span)
    assert (p.country, p.feature, p.admin1, p.precision) == (country, "ADM1", admin1, 3)


@pytest.mark.parametrize("text,span", [("معارك بمحافظة حلب", "حلب"), ("في ولاية الخرطوم", "الخرطوم")])
def test_find_places_governorate_named_like_its_seat(text, span):
    p = _one(text, span)
    assert p.feature == "ADM1" and p.precision == 3


def test_find_places_bare_name_is_the_city_not_the_governorate():
    p = _one("اشتباكات في حلب", "حلب")
    assert p.feature != "ADM1" and p.precision == 1 and p.geonames_id


@pytest.mark.parametrize("text,span,country,admin1", [
    ("وصل الوزير إلى القاهرة", "القاهرة", "EG", "Cairo"),
    ("قتل ثلاثة في سبها", "سبها", "LY", "Sabha"),
    ("اشتباكات في مرزق", "مرزق", "LY", "Murzuq"),
    ("غارة على زنجبار بمحافظة أبين", "زنجبار", "YE", "Abyan"),
    ("انفجار في مانيسا التركية", "مانيسا", "TR", "Manisa"),
    ("قصف على دوما", "دوما", "SY", "Rif Dimashq"),
])
def test_find_places_admin1_filled_with_region_name(text, span, country, admin1):
    p = _one(text, span)
    assert (p.country, p.admin1) == (country, admin1)
    assert isinstance(p.geonames_id, int)


def test_find_places_admin_context_picks_town_in_that_governorate():
    # Several Zinjibars; the one in Abyan, because the text says so.
    p = _one("قتل ثلاثة في مدينة زنجبار بمحافظة أبين", "زنجبار")
    assert p.country == "YE" and p.admin1 == "Abyan"


def test_find_places_district_inside_named_city():
    # GeoNames knows Rawdahs in Sanaa and elsewhere, none in Taiz.
    p = _one("قصفوا أحياء سكنية في حي الروضة بمدينة تعز", "الروضة")
    assert distance_km(p.lat, p.lon, 13.58, 44.02) < 15 and p.precision == 1


@pytest.mark.parametrize("text,span,near", [
    ("استهدفت الغارات معسكر الاستقبال في ضلاع همدان", "معسكر الاستقبال", (15.43, 44.11)),
    ("سقط صاروخ على حي المغاير الشعبي في حلب القديمة", "المغاير", (36.2, 37.16)),
    ("وصلت السفينة إلى ميناء النفط بمدينة المكلا", "ميناء النفط", (14.54, 49.12)),
])
def test_find_places_facility_or_quarter_inside_named_place(text, span, near):
    p = _one(text, span)
    assert distance_km(p.lat, p.lon, *near) < 20 and p.precision == 1


def test_find_places_facility_inside_the_city_named_before():
    text = "قصفت الطائرات مواقع في محيط مدينة زنجبار اليمنية ومعسكر اللواء 15 المرابط داخل المدينة"
    p = _one(text, "معسكر اللواء 15")
    assert p.country == "YE" and distance_km(p.lat, p.lon, 13.13, 45.38) < 20


def test_find_places_unknown_facility_without_place_is_left_out():
    assert [p.text for p in find_places("زار الوزير معسكر الاستقبال أمس")] == []


@pytest.mark.parametrize("text,span,precision", [
    ("معارك في جنوب ليبيا", "ليبيا", 3),
    ("اشتباكات قرب سرت", "سرت", 2),
    ("قصف على ريف حلب الشمالي", "حلب", 2),
    ("انفجار في ضواحي العاصمة طرابلس", "طرابلس", 2),
    ("قتلى في مديرية باجل", "باجل", 2),
    ("اشتباكات في قطاع غزة", "قطاع غزة", 3),
    ("غارة على مطار معيتيقة", "مطار معيتيقة", 1),
    ("هجوم على حقل الشرارة", "حقل الشرارة", 1),
])
def test_find_places_precision(text, span, precision):
    assert _one(text, span).precision == precision


def test_find_places_capital_alone_is_the_capital_of_the_article_country():
    text = "قصفت الطائرات مواقع في صنعاء وعمران وذمار في اليمن، وسمع دوي الانفجارات في العاصمة"
    p = _one(text, "العاصمة")
    assert p.name == "Sanaa" and p.precision == 1


def test_find_places_capital_alone_without_clear_country_is_left_out():
    assert [p.text for p in find_places("اجتمع الوزراء في العاصمة")] == []


@pytest.mark.parametrize("text,span,country", [
    ("معارك في تاجوراء وعين زارة وأبو سليم", "عين زارة", "LY"),
    ("قصف على الشيخ مقصود في حلب", "الشيخ مقصود", "SY"),
    ("تفجير في الكرادة ببغداد", "الكرادة", "IQ"),
    ("اشتباكات في الشجاعية شرق غزة", "الشجاعية", "PS"),
    ("غارات على قاعدة الوطية", "قاعدة الوطية", "LY"),
    ("إغلاق معبر رأس جدير", "معبر رأس جدير", "LY"),
    ("نقل إلى مخيم الهول", "مخيم الهول", "SY"),
    ("وصلت طائرة إلى مطار الخرطوم", "مطار الخرطوم", "SD"),
    ("هاجمت الطائرات المسيرة قاعدة حميميم", "قاعدة حميميم", "SY"),
    ("نازحون في مخيم الزعتري", "مخيم الزعتري", "JO"),
])
def test_find_places_supplement_places(text, span, country):
    assert _one(text, span).country == country


@pytest.mark.parametrize("text,span,country", [
    ("اشتباكات في البريقة شرق ليبيا بين قوات حفتر", "البريقة", "LY"),
    ("اشتباكات في البريقة غرب عدن بين الحوثيين والمقاومة اليمنية", "البريقة", "YE"),
])
def test_find_places_same_name_by_document_country(text, span, country):
    assert _one(text, span).country == country


def test_places_stage_reads_loc_entities_and_adds_facility_entities():
    text = "استهدفت الغارات معسكر الاستقبال في ضلاع همدان، وقصفت الجفينة بمأرب"
    start = text.index("الجفينة")
    doc = Document(text=text)
    doc.entities = [Entity(text="الجفينة", start=start, end=start + len("الجفينة"), type="LOC")]
    doc = STAGE(doc)
    texts = {p.text for p in doc.places}
    assert {"معسكر الاستقبال", "ضلاع همدان", "الجفينة", "مأرب"} <= texts
    jufaina = next(p for p in doc.places if p.text == "الجفينة")
    assert distance_km(jufaina.lat, jufaina.lon, 15.46, 45.32) < 20
    assert ("معسكر الاستقبال", "LOC") in {(e.text, e.type) for e in doc.entities}


def test_admin1_file_valid():
    data = yaml.safe_load(data_path("admin1.yaml").read_text(encoding="utf-8"))
    assert len(data) >= 30 and sum(len(v) for v in data.values()) >= 400
    for cc, regs in data.items():
        assert re.fullmatch(r"[A-Z]{2}", cc)
        for code, e in regs.items():
            assert isinstance(code, str) and e["en"].strip(), (cc, code)
            assert set(e) <= {"en", "seat", "ar", "guarded", "lat", "lon", "point", "note"}, (cc, code)
            if "lat" in e:
                assert e["point"].strip() and -90 <= e["lat"] <= 90 and -180 <= e["lon"] <= 180
            for name in (e.get("ar") or []) + (e.get("guarded") or []):
                assert re.fullmatch(r"[\u0621-\u064A\u0670 ]+", name), name


def test_admin1_regions_in_index_with_their_seat_point():
    gaz = gazetteer()
    regions = [c for c in gaz.records if c.feature == "ADM1"]
    assert len(regions) >= 400
    assert all(c.precision() == 3 and c.source.strip() for c in regions)
    names = {(c.country, c.name) for c in regions}
    for cc, regs in load_admin1().items():
        for e in regs.values():
            assert (cc, e["en"]) in names


def test_admin1_every_city_of_covered_countries_has_a_region():
    gaz = gazetteer()
    covered = set(load_admin1())
    cities = [c for c in gaz.records if c.country in covered and c.source == "geonames" and c.population >= 50_000]
    assert cities
    missing = [c.name for c in cities if not c.admin1]
    assert len(missing) <= len(cities) * 0.01, missing[:20]
