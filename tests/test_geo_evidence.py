"""Doubtful one-word place names need positive evidence (rasid.geo.evidence)."""

from __future__ import annotations

import pytest

from rasid.geo.build import data_path, load_yaml
from rasid.geo.evidence import guards, ordinary_word, sibling_forms
from rasid.geo.stage import find_places
from rasid.text.normalise import normalise


def _places(text: str) -> list[tuple[str, str]]:
    return [(p.text, p.country) for p in find_places(text)]


@pytest.mark.parametrize("text, word", [
    ("نشر المحتجون صور فيديو للحادث", "صور"),
    ("شاهد الجمهور صور الموت اليومي", "صور"),
    ("شاهدت العرض الموسيقي العيون السود", "العيون"),
    ("عالجه مستشفى ماجد للعيون بنجاح", "لعيون"),
    ("كان الطريق المار بالقرية مغلقا", "المار"),
    ("أصبح التصميم ذا شكل بسيط", "بسيط"),
    ("تلا ذلك كلمة للمدير", "تلا"),
    ("دعا الخطيب إلى الوحدة الوطنية", "الوحدة"),
    ("قاتل الجنود في ميدان الشرف", "ميدان"),
    ("حصل اللاعب على عرض مالي كبير", "مالي"),
    ("بذل الأستاذ خضر الزهراني جهدا", "خضر"),
    ("قال جان بول فيفريه إن التجربة نجحت", "بول"),
    ("سمي على اسم الكاتب إدجار ألان بو", "بو"),
    ("قال أستاذ في جامعة هارفرد إن الاتفاق سيء", "هارفرد"),
    ("بثت قناة الجزيرة الخبر", "الجزيرة"),
    ("نشرت صحيفة الحياة التقرير", "الحياة"),
    ("تراجعت المصارف السعودية في التداول", "السعودية"),
    ("عمل في شركات البرمجيات الهندية", "الهندية"),
    ("ارتفعت المبيعات في منطقة الشرق الأوسط", "الشرق"),
    ("بدأ التداول ببورصة طوكيو مرتفعا", "بورصة"),
    ("يجسد فندق كمبينسكي بالم جميرة العمارة الأوربية", "الم"),
    ("تجول الفريق في أمريكا الشمالية", "أمريكا"),
    ("أعرب المدير عن خالص تعازيه", "خالص"),
    ("رحل عمي الشيخ سعد بن محمد الحسين", "الشيخ سعد"),
    ("عاد إلى الرياض فواحا بالورد والأناشيد", "الورد"),
    ("توجد في المنطقة العديد من العيون والينابيع", "العيون"),
])
def test_find_places_ordinary_word_is_no_place_in_context(text, word):
    assert word not in [t for t, _ in _places(text)]


@pytest.mark.parametrize("text, span, country", [
    ("سقطت قذائف في صور جنوب لبنان", "صور", "LB"),
    ("وصل الوفد إلى مدينة العيون", "العيون", "EH"),
    ("التقى الوزير نظيره في مالي", "مالي", "ML"),
    ("وقع الهجوم في منطقة المار بولاية فرياب", "المار", "AF"),
    ("قتل ثلاثة في حلب وحمص", "حمص", "SY"),
    ("زار الوزير الرياض وجدة", "جدة", "SA"),
    ("قصفت الطائرات مواقع في الرمادي", "الرمادي", "IQ"),
    ("أكد أمين العاصمة المقدسة أن المشاريع اكتملت", "العاصمة المقدسة", "SA"),
    ("انتقل اللاعب إلى كلوب بروج البلجيكي", "بروج", "BE"),
    ("دعا إلى حل الأزمة وفقا لمقررات جنيف", "جنيف", "CH"),
    ("زار الوزير الإمارات أمس", "الإمارات", "AE"),
    ("قتل جنود في السعودية", "السعودية", "SA"),
    ("تبرعت الشركة للسعودية والكويت", "الكويت", "KW"),
    ("قتل شخص في الرياض وأصيب آخرون بالظهران", "الظهران", "SA"),
])
def test_find_places_true_places_still_found(text, span, country):
    assert (span, country) in _places(text)


def test_find_places_lil_reading_keeps_the_country():
    """«لليونان»: ل + اليونان; the span leaves the first ل out."""
    got = find_places("قدمت أوروبا قرضا لليونان")
    assert [(p.name, p.country) for p in got] == [("Greece", "GR")]
    assert got[0].text.endswith("يونان")


@pytest.mark.parametrize("word, ordinary", [
    ("الصور", True), ("القطاع", True), ("العيون", True), ("بسيط", True),
    ("الرياض", False), ("القاهرة", False), ("الدمام", False),
])
def test_ordinary_word_by_sibling_forms(word, ordinary):
    assert ordinary_word(normalise(word, collapse_space=True)) is ordinary


def test_sibling_forms_toggle_article_and_possessives():
    forms = sibling_forms("الصور")
    assert {"صور", "صوره", "صورها"} <= forms and "الصور" not in forms
    assert "السوريه" not in sibling_forms("سوريه", article=False)


def test_context_guards_file_valid():
    data = load_yaml(data_path("context.yaml"))
    for key in ("locative", "organisations", "titles", "patronymic", "continent_parts", "quantifiers"):
        words = data[key]
        assert isinstance(words, list) and words, key
        assert all(isinstance(w, str) and w.strip() == w and w for w in words), key
        assert len(set(words)) == len(words), key
    g = guards()
    assert "في" in g.locative and "جامعه" in g.organisations and "بن" in g.patronymic
