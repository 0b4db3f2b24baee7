"""Arabic date expressions: spans and values against reference publication dates."""

from __future__ import annotations

import datetime as dt

import pytest
import yaml

from rasid.document import Document
from rasid.time.expressions import data_file, lexicon
from rasid.time.resolve import find_times
from rasid.time.stage import STAGE
from test_time_cases import CASES as MORE_CASES  # the second half of the table

THU = "2019-05-09"  # a Thursday
SUN = "2015-07-26"  # a Sunday
FRI = "2015-08-07"  # a Friday

# (text, published, expected span text, value, precision)
CASES = [
    # Weekdays, plain and with modifiers.
    ("قال المتحدث الخميس إن القوات تقدمت", THU, "الخميس", "2019-05-09", "day"),
    ("وقعت الاشتباكات الأربعاء قرب المدينة", THU, "الأربعاء", "2019-05-08", "day"),
    ("اندلعت المعارك الجمعة", THU, "الجمعة", "2019-05-03", "day"),
    ("وصل الوفد السبت الماضي إلى القاهرة", THU, "السبت الماضي", "2019-05-04", "day"),
    ("اجتمع المجلس الخميس الماضي", THU, "الخميس الماضي", "2019-05-02", "day"),
    ("يعقد الاجتماع الأحد المقبل", THU, "الأحد المقبل", "2019-05-12", "day"),
    ("تبدأ المفاوضات الخميس المقبل", THU, "الخميس المقبل", "2019-05-16", "day"),
    ("وفي يوم الإثنين أعلن الجيش", THU, "يوم الإثنين", "2019-05-06", "day"),
    ("والثلاثاء الماضية شهدت المدينة", THU, "الثلاثاء الماضية", "2019-05-07", "day"),
    ("قصفت الطائرات صباح الأحد مواقع", SUN, "صباح الأحد", "2015-07-26", "day"),
    ("منذ منتصف ليلة الأحد", SUN, "منتصف ليلة الأحد", "2015-07-26", "day"),
    ("هاجم المسلحون مساء السبت حاجزا", SUN, "مساء السبت", "2015-07-25", "day"),
    ("ليل الاربعاء الخميس", FRI, "ليل الاربعاء الخميس", "2015-08-05", "day"),
    ("فجر الجمعة", "2015-07-25", "فجر الجمعة", "2015-07-24", "day"),
    ("صباح الخميس", "2015-07-25", "صباح الخميس", "2015-07-23", "day"),
    # Relative days.
    ("قال أمس إن", "2015-07-22", "أمس", "2015-07-21", "day"),
    ("صرح بالأمس", "2015-07-23", "الأمس", "2015-07-22", "day"),
    ("وقال امس", "2015-07-25", "امس", "2015-07-24", "day"),
    ("مساء أول من أمس", "2015-07-21", "مساء أول من أمس", "2015-07-19", "day"),
    ("أول أمس", "2015-07-21", "أول أمس", "2015-07-19", "day"),
    ("وقع الهجوم اليوم في المدينة", THU, "اليوم", "2019-05-09", "day"),
    ("فجر اليوم", "2015-07-23", "فجر اليوم", "2015-07-23", "day"),
    ("يصل الوزير غدا إلى عمان", THU, "غدا", "2019-05-10", "day"),
    ("أمس الخميس", FRI, "أمس الخميس", "2015-08-06", "day"),
    ("فجر أمس الجمعة", "2015-08-08", "فجر أمس الجمعة", "2015-08-07", "day"),
    ("فجر اليوم الجمعة", "2015-08-08", "فجر اليوم الجمعة", "2015-08-07", "day"),
    ("مساء أمس", THU, "مساء أمس", "2019-05-08", "day"),
    # Day, month and year; the double forms.
    ("في 14 أبريل/نيسان الماضي", THU, "14 أبريل/نيسان الماضي", "2019-04-14", "day"),
    ("منذ 4 أبريل/نيسان الماضي", THU, "4 أبريل/نيسان الماضي", "2019-04-04", "day"),
    ("منذ ديسمبر/كانون الأول 2016", THU, "ديسمبر/كانون الأول 2016", "2016-12", "month"),
    ("فجر الإثنين 29 أبريل/نيسان", THU, "فجر الإثنين 29 أبريل/نيسان", "2019-04-29", "day"),
    ("في 13 مايو الماضي", SUN, "13 مايو الماضي", "2015-05-13", "day"),
    ("منذ 10 يوليو الجاري", SUN, "10 يوليو الجاري", "2015-07-10", "day"),
    ("في 7 تموز-يوليو الماضي", "2015-08-08", "7 تموز-يوليو الماضي", "2015-07-07", "day"),
    ("منذ 23 أيلول/ سبتمبر 2014", "2015-07-23", "23 أيلول/ سبتمبر 2014", "2014-09-23", "day"),
    ("في 3 يناير 2011", THU, "3 يناير 2011", "2011-01-03", "day"),
    ("في 25 كانون الثاني 2011", THU, "25 كانون الثاني 2011", "2011-01-25", "day"),
    ("يوم 5 شباط 2012", THU, "يوم 5 شباط 2012", "2012-02-05", "day"),
    ("في 17 آذار 2013", THU, "17 آذار 2013", "2013-03-17", "day"),
    ("في 9 نيسان 2003", THU, "9 نيسان 2003", "2003-04-09", "day"),
    ("في 15 أيار 1948", THU, "15 أيار 1948", "1948-05-15", "day"),
    ("في 5 حزيران 1967", THU, "5 حزيران 1967", "1967-06-05", "day"),
    ("في 30 تموز 2014", THU, "30 تموز 2014", "2014-07-30", "day"),
    ("في 4 آب 2020", THU, "4 آب 2020", "2020-08-04", "day"),
    ("في 6 تشرين الأول 1973", THU, "6 تشرين الأول 1973", "1973-10-06", "day"),
    ("في 2 تشرين الثاني 2004", THU, "2 تشرين الثاني 2004", "2004-11-02", "day"),
    ("في 14 جانفي 2011", THU, "14 جانفي 2011", "2011-01-14", "day"),
    ("في 22 فيفري 2019", THU, "22 فيفري 2019", "2019-02-22", "day"),
    ("في 8 أفريل 2018", THU, "8 أفريل 2018", "2018-04-08", "day"),
    ("في 1 ماي 2017", THU, "1 ماي 2017", "2017-05-01", "day"),
    ("في 12 جوان 2016", THU, "12 جوان 2016", "2016-06-12", "day"),
    ("في 5 جويلية 1962", THU, "5 جويلية 1962", "1962-07-05", "day"),
    ("في 20 أوت 1955", THU, "20 أوت 1955", "1955-08-20", "day"),
    ("في 11 سبتمبر 2001", THU, "11 سبتمبر 2001", "2001-09-11", "day"),
    ("في 6 أكتوبر 1973", THU, "6 أكتوبر 1973", "1973-10-06", "day"),
    ("في 1 نوفمبر 1954", THU, "1 نوفمبر 1954", "1954-11-01", "day"),
    ("في 17 ديسمبر 2010", THU, "17 ديسمبر 2010", "2010-12-17", "day"),
    ("في ٢٤ فبراير ٢٠٢٢", THU, "٢٤ فبراير ٢٠٢٢", "2022-02-24", "day"),
    ("في 30 مارس", THU, "30 مارس", "2019-03-30", "day"),
    ("في 20 مايو", THU, "20 مايو", "2018-05-20", "day"),
    ("في 20 مايو المقبل", THU, "20 مايو المقبل", "2019-05-20", "day"),
    ("اليوم الخميس (23 يوليو/تموز 2015)", "2015-07-23", "اليوم الخميس (23 يوليو/تموز 2015)", "2015-07-23", "day"),
    # Months.
    ("في مارس الماضي", "2015-07-25", "مارس الماضي", "2015-03", "month"),
    ("خلال شهر يونيو", "2015-07-25", "شهر يونيو", "2015-06", "month"),
    ("منذ مايو (أيار)", "2015-07-21", "مايو (أيار)", "2015-05", "month"),
    ("في أغسطس المقبل", "2015-07-25", "أغسطس المقبل", "2015-08", "month"),
    ("في يوليو الماضي", "2015-07-25", "يوليو الماضي", "2014-07", "month"),
    ("في سبتمبر 2014", THU, "سبتمبر 2014", "2014-09", "month"),
    ("في أيلول 2014", THU, "أيلول 2014", "2014-09", "month"),
    ("مطلع العام الحالي", "2015-07-25", "مطلع العام الحالي", "2015", "year"),
    ("الخامس من الشهر الجاري", "2015-08-08", "الخامس من الشهر الجاري", "2015-08-05", "day"),
    ("العاشر من الشهر الماضي", "2015-08-08", "العاشر من الشهر الماضي", "2015-07-10", "day"),
    # Years.
    ("منذ عام 2016", THU, "عام 2016", "2016", "year"),
    ("في 2016 تغير الوضع", THU, "2016", "2016", "year"),
    ("العام 2011", THU, "العام 2011", "2011", "year"),
    ("العام الماضي", THU, "العام الماضي", "2018", "year"),
    ("الشهر الماضي", THU, "الشهر الماضي", "2019-04", "month"),
    ("الشهر المقبل", "2019-12-09", "الشهر المقبل", "2020-01", "month"),
    ("الأسبوع الماضي", THU, "الأسبوع الماضي", "2019-04-29", "week"),
    # Periods back from publication.
    ("قبل ثلاثة أيام", THU, "قبل ثلاثة أيام", "2019-05-06", "day"),
    ("قبل يومين", THU, "قبل يومين", "2019-05-07", "day"),
    ("قبل أسبوع", THU, "قبل أسبوع", "2019-05-02", "week"),
    ("منذ 3 أشهر", THU, "منذ 3 أشهر", "2019-02", "month"),
    ("قبل عامين", THU, "قبل عامين", "2017", "year"),
    # Hijri.
    ("في 4 رمضان 1440", THU, "4 رمضان 1440", "2019-05-09", "day"),
    ("يوم 10 محرم 1441 هـ", THU, "10 محرم 1441 هـ", "2019-09-09", "day"),
    ("في 1 شوال", THU, "1 شوال", "2018-06-15", "day"),
]


@pytest.mark.parametrize("text,published,span,value,precision", CASES + MORE_CASES)
def test_find_times_cases(text, published, span, value, precision):
    times = find_times(text, published=published)
    hits = [t for t in times if t.text == span]
    assert hits, f"{span!r} not found in {[t.text for t in times]}"
    t = hits[0]
    assert text[t.start:t.end] == t.text
    assert (t.value, t.precision) == (value, precision)


def test_find_times_table_has_150_cases():
    assert len(CASES) + len(MORE_CASES) >= 150


@pytest.mark.parametrize("text", [
    "مارس الجيش ضغوطا كبيرة على المعارضة",
    "قال إن ذلك اليوم كان صعبا",
    "يحتفل الناس باليوم الوطني",
    "في عدد من المدن",
    "زار الرئيس 14 مدينة",
])
def test_find_times_not_dates(text):
    assert [t.text for t in find_times(text, published=THU) if t.value] == []


@pytest.mark.parametrize("text,span", [
    ("قال أمس إن", "أمس"),
    ("وصل الوفد السبت الماضي", "السبت الماضي"),
    ("في مارس الماضي", "مارس الماضي"),
    ("الأسبوع الماضي", "الأسبوع الماضي"),
    ("قبل ثلاثة أيام", "قبل ثلاثة أيام"),
])
def test_find_times_relative_without_publication_is_null(text, span):
    t = next(t for t in find_times(text, published=None) if t.text == span)
    assert t.value is None


@pytest.mark.parametrize("text,value", [
    ("منذ ديسمبر/كانون الأول 2016", "2016-12"),
    ("في 11 سبتمبر 2001", "2001-09-11"),
    ("منذ عام 2016", "2016"),
    ("في 4 رمضان 1440", "2019-05-09"),
])
def test_find_times_absolute_without_publication_keeps_value(text, value):
    assert [t.value for t in find_times(text, published=None)] == [value]


@pytest.mark.parametrize("text,span", [
    ("وفي 14 أبريل/نيسان الماضي", "14 أبريل/نيسان الماضي"),
    ("والخميس", "الخميس"),
    ("بالأمس", "الأمس"),
    ("وأمس", "أمس"),
])
def test_find_times_clitics_outside(text, span):
    assert [t.text for t in find_times(text, published=THU)] == [span]


def test_find_times_bare_weekday_after_dated_weekday():
    text = "فجر الإثنين 29 أبريل/نيسان هاجمت القوات المطار. وقال شهود إن هجوم فجر الاثنين كان عنيفا."
    assert [t.value for t in find_times(text, published=THU)] == ["2019-04-29", "2019-04-29"]


def test_find_times_spans_exact_with_diacritics():
    text = "وَقَعَ ذلك يَوْمَ الخَمِيسِ الماضِي وفي ١٤ أبريل"
    for t in find_times(text, published=THU):
        assert text[t.start:t.end] == t.text


def test_time_stage_declares_and_writes():
    assert STAGE.writes == ("times",)
    doc = STAGE(Document(text="قال المتحدث أمس إن", published=THU))
    assert [(t.text, t.value) for t in doc.times] == [("أمس", "2019-05-08")]


def test_time_data_files_valid():
    cal = yaml.safe_load(data_file("calendar.yaml").read_text(encoding="utf-8"))
    rel = yaml.safe_load(data_file("relative.yaml").read_text(encoding="utf-8"))
    assert sorted(cal["gregorian"]) == list(range(1, 13))
    assert sorted(cal["hijri"]) == list(range(1, 13))
    assert sorted(cal["weekdays"]) == list(range(7))
    for table in (cal["gregorian"], cal["hijri"], cal["weekdays"]):
        assert all(isinstance(v, list) and v and all(isinstance(w, str) and w.strip() for w in v) for v in table.values())
    assert all(isinstance(v, int) for v in rel["days"].values())
    assert set(rel["units"].values()) <= {"day", "week", "month", "year"}
    lx = lexicon()
    # No name means two different months or weekdays once normalised.
    for table in (cal["gregorian"], cal["weekdays"]):
        seen: dict[str, int] = {}
        for k, names in table.items():
            for n in names:
                from rasid.text.normalise import normalise
                key = normalise(n)
                assert seen.setdefault(key, k) == k, n
    assert lx.months and lx.weekdays and lx.days
    assert not (set(lx.past) & set(lx.next))
