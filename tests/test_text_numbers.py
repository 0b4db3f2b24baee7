"""Numbers (rasid.text.numbers)."""

from __future__ import annotations

from importlib import resources

import pytest
import yaml

from rasid.text.normalise import normalise
from rasid.text.numbers import find_numbers, lexicon, parse_digits, parse_number

CASES = [
    # digits in every script, separators and decimals
    ("7", 7, False), ("2016", 2016, False), ("١٥", 15, False), ("۲۵", 25, False),
    ("1,500", 1500, False), ("١٬٥٠٠", 1500, False), ("1.500", 1500, False),
    ("1.500.000", 1500000, False), ("2.5", 2.5, False), ("٢٫٥", 2.5, False),
    ("12,345,678", 12345678, False), ("0", 0, False), ("2,5", 2.5, False),
    # digits with a scale word
    ("3 آلاف", 3000, False), ("2.5 مليون", 2500000, False), ("500 ألف", 500000, False),
    ("1.5 مليار", 1500000000, False), ("٣ آلاف", 3000, False), ("10 ملايين", 10000000, False),
    # units, both genders and every case
    ("واحد", 1, False), ("واحدة", 1, False), ("اثنان", 2, False), ("اثنين", 2, False),
    ("اثنتان", 2, False), ("اثنتين", 2, False), ("ثلاثة", 3, False), ("ثلاث", 3, False),
    ("أربعة", 4, False), ("أربع", 4, False), ("خمسة", 5, False), ("خمس", 5, False),
    ("ستة", 6, False), ("ست", 6, False), ("سبعة", 7, False), ("سبع", 7, False),
    ("ثمانية", 8, False), ("ثماني", 8, False), ("تسعة", 9, False), ("تسع", 9, False),
    ("عشرة", 10, False), ("عشر", 10, False), ("ثلاثه", 3, False), ("اربعة", 4, False),
    # teens
    ("أحد عشر", 11, False), ("إحدى عشرة", 11, False), ("اثنا عشر", 12, False),
    ("اثني عشر", 12, False), ("اثنتا عشرة", 12, False), ("ثلاثة عشر", 13, False),
    ("خمس عشرة", 15, False), ("تسعة عشر", 19, False),
    # tens
    ("عشرون", 20, False), ("عشرين", 20, False), ("ثلاثون", 30, False), ("ثلاثين", 30, False),
    ("أربعين", 40, False), ("خمسون", 50, False), ("ستين", 60, False), ("سبعون", 70, False),
    ("ثمانين", 80, False), ("تسعون", 90, False), ("تسعين", 90, False),
    # hundreds
    ("مئة", 100, False), ("مائة", 100, False), ("مئتان", 200, False), ("مئتين", 200, False),
    ("مئتي", 200, False), ("مائتي", 200, False), ("ثلاثمئة", 300, False),
    ("ثلاثمائة", 300, False), ("ثلاث مئة", 300, False), ("خمسمائة", 500, False),
    ("تسعمئة", 900, False),
    # thousands and above
    ("ألف", 1000, False), ("ألفان", 2000, False), ("ألفين", 2000, False), ("ألفي", 2000, False),
    ("ثلاثة آلاف", 3000, False), ("عشرة آلاف", 10000, False), ("مليون", 1000000, False),
    ("مليونين", 2000000, False), ("ثلاثة ملايين", 3000000, False), ("مليار", 1000000000, False),
    ("مئة ألف", 100000, False), ("خمسين ألف", 50000, False),
    # compounds
    ("خمسة وعشرين", 25, False), ("خمسة وعشرون", 25, False), ("واحد وثلاثين", 31, False),
    ("مئة وخمسين", 150, False), ("مائة وخمسة وعشرون", 125, False),
    ("ألف وخمسمائة", 1500, False), ("ألفين وثلاثمئة", 2300, False),
    ("ثلاثة آلاف وخمسمائة", 3500, False), ("خمسة وعشرين ألف", 25000, False),
    ("ألف و500", 1500, False), ("مليون و200 ألف", 1200000, False),
    ("ألف وتسعمائة وخمسة وأربعين", 1945, False),
    # attached proclitics
    ("وثلاثة", 3, False), ("بثلاثة", 3, False), ("لخمسة", 5, False), ("والعشرين", 20, False),
    ("بألفي", 2000, False), ("وخمسين", 50, False),
    # duals of counted nouns
    ("جنديين", 2, False), ("جنديان", 2, False), ("شخصين", 2, False), ("طفلين", 2, False),
    ("قتيلين", 2, False), ("جريحين", 2, False), ("شرطيين", 2, False), ("امرأتين", 2, False),
    ("حوثيان", 2, False), ("مسلحان", 2, False), ("والجنديين", 2, False),
    # vague quantities
    ("عشرات", 12, True), ("العشرات", 12, True), ("مئات", 100, True), ("المئات", 100, True),
    ("آلاف", 1000, True), ("الآلاف", 1000, True), ("عشرات الآلاف", 10000, True),
    ("مئات الآلاف", 100000, True), ("عدة", 3, True), ("بضعة", 3, True), ("بضع", 3, True),
    ("عدد من", 3, True), ("العديد من", 3, True), ("ملايين", 1000000, True),
    # approximators
    ("نحو 300", 300, True), ("حوالي 50", 50, True), ("قرابة ألف", 1000, True),
    ("زهاء مئة", 100, True), ("أكثر من 20", 20, True), ("أقل من عشرة", 10, True),
    ("ما يزيد عن 400", 400, True), ("ما يزيد على ثلاثين", 30, True),
    ("ما لا يقل عن 115", 115, True), ("أزيد من 60", 60, True),
    ("أكثر من ألف و500", 1500, True), ("10 على الأقل", 10, True), ("ونحو 70", 70, True),
    ("نحو ثلاثة آلاف", 3000, True),
]


def test_number_table_is_large_enough():
    assert len(CASES) >= 100


@pytest.mark.parametrize("words,value,approx", CASES)
def test_parse_number_table(words, value, approx):
    assert parse_number(words) == (value, approx)


@pytest.mark.parametrize("words", [
    "مسلحين", "مدنيين", "الاثنين", "الأول", "الثاني عشر", "الحادي عشر", "جيش", "أحد",
    "بيان", "3 و5", "",
])
def test_parse_number_rejects_non_counts(words):
    assert parse_number(words) is None


@pytest.mark.parametrize("text,kinds", [
    ("قتل جنديان وأصيب عشرات", ["dual", "vague"]),
    ("قتل 3 أشخاص", ["cardinal"]),
    ("في عام 2016", ["cardinal"]),
])
def test_find_numbers_kinds(text, kinds):
    assert [n.kind for n in find_numbers(text)] == kinds


def test_find_numbers_spans_are_exact_and_skip_the_proclitic():
    text = "قتل وثلاثة جنود، وأصيب نحو 20 آخرين في 14 أبريل/نيسان 2019."
    got = find_numbers(text)
    assert [(n.text, n.value, n.approximate) for n in got] == [
        ("ثلاثة", 3, False), ("نحو 20", 20, True), ("14", 14, False), ("2019", 2019, False)]
    assert all(text[n.start:n.end] == n.text for n in got)


def test_find_numbers_text_without_numbers():
    assert find_numbers("No numbers here at all") == []


@pytest.mark.parametrize("s,before_scale,value", [
    ("1.500", False, 1500), ("1.500", True, 1.5), ("١٢٣", False, 123), ("abc", False, None),
])
def test_parse_digits(s, before_scale, value):
    assert parse_digits(s, before_scale=before_scale) == value


def test_numbers_data_file_is_valid():
    raw = yaml.safe_load(resources.files("rasid.data").joinpath("text/numbers.yaml")
                         .read_text(encoding="utf-8"))
    assert sorted(raw["units"]) == list(range(1, 11))
    assert sorted(raw["tens"]) == list(range(20, 100, 10))
    assert sorted(raw["hundreds"]) == list(range(100, 1000, 100))
    for section in ("units", "tens", "hundreds"):
        assert all(forms and all(isinstance(f, str) for f in forms)
                   for forms in raw[section].values())
    for scale in raw["scales"]:
        assert scale["forms"] and scale["multiplier"] in (10**3, 10**6, 10**9)
    for vague in raw["vague"]:
        assert vague["value"] > 0 and vague["multiplier"] > 0
    assert set(raw["dual_nouns"]) == {"broken", "sound"}
    assert not set(raw["dual_nouns"]["broken"]) & set(raw["dual_nouns"]["sound"])
    lex = lexicon()
    # no word may mean two different values
    seen: dict[str, int] = {}
    for table in (lex.units, lex.tens, lex.hundreds):
        for word, value in table.items():
            assert seen.setdefault(word, value) == value, word
    # sound plurals are never taken for duals
    for noun in raw["dual_nouns"]["sound"]:
        assert normalise(noun) + "ين" not in lex.duals
