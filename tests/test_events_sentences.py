"""Assaults and protests read from one sentence alone (no title, no date), as
a sentence-level test set gives them: headlines without a verb, passives,
nouns of the act, colloquial forms, and the sentences that must give none
(figures of speech, sports, accidents, fears and plans). Sentences written for
these tests, not taken from the gold or the corpus."""

from __future__ import annotations

import pytest

from rasid.document import Document
from rasid.entities.matcher import words
from rasid.events.context import unglue
from rasid.events.lexicon import possessive_forms, read_triggers, validate_triggers
from rasid.pipeline import analyze
from rasid.text.normalise import normalise


def types_of(text: str) -> set[str]:
    return {e.type for e in analyze(Document(text=text)).events}


def events_of(text: str):
    return analyze(Document(text=text)).events


@pytest.mark.parametrize("text", [
    # headlines and tolls without a verb
    "مقتل أربعة جنود في هجوم على حاجز عسكري قرب الموصل",
    "خمسة قتلى في تفجير استهدف سوقا شعبيا بمدينة الحلة",
    "سقوط قتيلين في إطلاق نار على حفل زفاف بمحافظة سوهاج",
    "محاولة اغتيال فاشلة لمحافظ عدن",
    "مجزرة جديدة في ريف حماة",
    # passives, including the hollow verb «اُغتيل»
    "اُغتيل الصحفي أمام منزله في بيروت.",
    "اختُطف مهندسان أجنبيان على طريق مطار طرابلس.",
    "أُصيب شرطي بعيار ناري في حي الأمل.",
    # nouns and verbs of beating, stabbing and shooting
    "اعتدى مجهولون بالضرب على ناشط أمام مقر الحزب في تونس.",
    "طعن متطرف ثلاثة مارة في محطة القطار بمدينة ميونيخ.",
    "ضربوه بالنار قدام بيته في الإسكندرية.",
    "أطلق مسلحون النار على سيارة قاض في البصرة.",
    "سقطت قذيفة هاون على حي سكني في دمشق.",
    "نصب مسلحون كمينا لدورية للشرطة في العريش.",
    "الحادث الإرهابي في سوسة أودى بحياة العشرات.",
    # possessive forms of the nouns, the verbal noun after «حاول»
    "تواصل قوات التحالف غاراتها الجوية على مواقع التنظيم في الرقة",
    "حاولت مجموعة مسلحة مهاجمة ثكنة عسكرية في ولاية باتنة.",
    # stones, fire, arson, tear gas
    "رشق شبان دورية للشرطة بالحجارة في بلدة سلوان.",
    "أضرم مجهولون النار في كنيسة بمحافظة المنيا.",
    "أحرق مستوطنون سيارتين في قرية قرب نابلس.",
    "أطلقت الشرطة الغاز المسيل للدموع على المحتجين في وسط الجزائر.",
    # a report of an attack is no attack in words
    "وقال المتحدث في تصريحات صحفية إن مسلحين هاجموا نقطة تفتيش في العريش.",
    # a one-sentence text is its own news: no actor, target or place needed
    "اُغتيل القاضي أمام منزله.",
    "تعرض رئيس البلدية لمحاولة اغتيال.",
    # digits glued to the word before them
    "قتل5 جنود في كمين نصبه مسلحون قرب درعا.",
    "أفاد مصدر أمني بمقتل12 مسلحا في اشتباكات مع الجيش.",
    # a possessive on the noun, a dual object on the verb
    "عُثر على جثة الصحفي بعد ثلاثة أيام من اختطافه.",
    "خطفهما مسلحون على طريق المطار.",
    # colloquial shooting
    "قوّصوا على الناس بالشارع وهربوا.",
    "طخّوا عليهم من السيارة وهربوا.",
    "ضربوا عليهم نار قدام الجامع.",
    # «فجّر نفسه» (the verb alone is also «الفجر»)
    "دخل الرجل المسجد ثم فجّر نفسه بين المصلين.",
    # a class of acts told acting on someone in the main clause
    "الغارات الروسية استهدفت مستشفى في ريف إدلب.",
    # a period in another clause makes no tally of the killing
    "يشكو السكان منذ سنوات من الإهمال، حيث قالت الشرطة إن شابا قتل برصاص مجهولين أمس.",
    # booby-trapped vehicles, extermination campaigns
    "انفجرت شاحنة مفخخة قرب مركز للشرطة في كركوك.",
    "يتعرض المسلمون في الإقليم لحملة إبادة على يد الميليشيات.",
])
def test_sentence_assault_found(text):
    assert "ASSAULT" in types_of(text)


@pytest.mark.parametrize("text", [
    # figures of speech and other senses
    "شن الكاتب هجوما لاذعا على منتقديه في مقاله الأخير.",
    "الطعن في الحكم أمام محكمة الاستئناف خلال ثلاثين يوما.",
    "ذبح الأضاحي في المسالخ المعتمدة فقط.",
    "انفجار الأسعار يثقل كاهل الأسر في القاهرة.",
    "الالتزام بوقف إطلاق النار في حلب ما زال هشا.",
    "تشكل المستوطنات اعتداء صارخا على حقوق الشعب الفلسطيني.",
    "هاجم رئيس النادي قرار الاتحاد بتأجيل المباراة.",
    "اختطاف قلبها كان أجمل انتصاراته في الرواية.",
    "هجوم لأسماك القرش على شاطئ في أستراليا.",
    "المشي السريع يحرق السعرات الحرارية في ثلاثين دقيقة.",
    # attacks in words
    "هاجم وزير الخارجية الإيراني السعودية في تصريحات صحفية أمس.",
    "شن الرئيس هجوما على الصحافة في خطابه أمام البرلمان في أنقرة.",
    "أضرم بائع متجول النار في نفسه أمام مقر الولاية في القصرين.",
    # accidents, not assaults
    "مقتل 11 عسكريا في تحطم طائرة نقل في كولومبيا.",
    "عشرة قتلى في حادث سير على طريق الرياض.",
    "انفجار أنبوب غاز في مصنع بمدينة الجبيل.",
    # feared or planned, not done
    "يخشى السكان هجمات جديدة على القرية.",
    "اعتقل رجل بتهمة التخطيط لهجوم على كنيسة في باريس.",
    # threatened, not done
    "هدد التنظيم بشن هجمات جديدة على العاصمة بغداد.",
    "حذرت السفارة من هجمات محتملة على الفنادق في نيروبي.",
    # «مهاجمه» is «its striker» where the writer spells ة elsewhere
    "فسخ نادي الغرافة عقد مهاجمه البرازيلي بالتراضي في الدوحة.",
    # an appeal to a court, not a stabbing
    "أعلنت المحكمة قبول طعن المرشح على نتيجة الانتخابات.",
    # the toll of a crash or a fire told by its outcome only
    "قتل 30 شخصا حين تحطمت طائرة ركاب فوق سوق شعبي.",
    "سقطت طائرة عسكرية على حي سكني ما أدى إلى مقتل ثمانية مدنيين.",
    "قتل ثلاثة عمال في حريق شب في مصنع للبلاستيك.",
    # a trend over a period, a class of acts described in a relative clause
    "تزايدت الهجمات على الصحفيين منذ مطلع العام.",
    "الهجمات التي استهدفت العاصمة خلال السنوات الماضية تركت أثرا عميقا.",
    # a ceasefire with its adjective before «لإطلاق النار»
    "ودعت الوزارة إلى وقف فوري لإطلاق النار في المدينة.",
])
def test_sentence_assault_not_found(text):
    assert "ASSAULT" not in types_of(text)


@pytest.mark.parametrize("text", [
    "إضراب شامل في مدن الضفة الغربية",
    "أعلن سائقو الحافلات في لندن إضرابا عن العمل.",
    "مسيرة حاشدة في عمان تضامنا مع الأسرى",
    "وقفة صامتة لطلاب الجامعة أمام مبنى الرئاسة في الخرطوم.",
    "متظاهرون يغلقون مدخل ميناء البصرة",
    "احتشد المئات أمام مقر الحكومة رافعين لافتات تطالب بالرواتب.",
    "تجمع العشرات في ساحة الشهداء للتنديد بالقرار.",
    "نزل الآلاف إلى الشوارع في بيروت.",
    "قطع أهالي القرية الطريق الدولي احتجاجا على انقطاع الكهرباء.",
    "الأسرى المضربين عن الطعام في سجن عوفر يرفضون العلاج.",
    "دعت القوى الوطنية إلى العصيان المدني في الخرطوم.",
    # a writer who never spells ة: «مظاهره» is the noun
    "مظاهره كبيره في بغداد امس ضد الفساد",
    # with a possessive
    "واصل عمال النسيج اعتصامهم أمام مقر الوزارة لليوم الخامس.",
    "رفع الطلاب خلال مظاهراتهم لافتات تطالب بإقالة الوزير.",
    "أعلن المعلمون استمرار إضرابهم حتى صرف الرواتب.",
    "تعهد المزارعون بمواصلة احتجاجاتهم حتى إلغاء الضريبة.",
    "نظم الأهالي تظاهرتهم أمام مبنى المحافظة.",
    # protests named as known ones are the ones going on
    "التظاهرات تجوب شوارع البصرة والناصرية.",
    "وشارك في تلك الاحتجاجات آلاف الطلاب من جامعات العاصمة.",
])
def test_sentence_protest_found(text):
    assert "PROTEST" in types_of(text)


@pytest.mark.parametrize("text", [
    "قطعت القوات طرق الإمداد على المسلحين في ريف حلب.",
    "يجب قطع الطريق على المتطرفين بالحوار والتعليم.",
    "وتحسبا لتنظيم تظاهرات انتشرت الشرطة في وسط المدينة.",
    "تجمع الحجاج في صعيد عرفات يوم التاسع من ذي الحجة.",
    "وأصبحت جوافة جازان مضرب المثل في طعمها.",
    "يتظاهر بالمرض كي لا يذهب إلى المدرسة.",
    "وناقش المجلس مطالب المتظاهرين في جلسته أمس.",
    # «مظاهره» is «its manifestations» where the writer spells ة elsewhere
    "وكانت آخر مظاهره حرق منزل العائلة في قرية دوما.",
    # a state's protest is a complaint, not a demonstration
    "قدمت وزارة الخارجية المصرية احتجاجا رسميا إلى السفير الإسرائيلي.",
    "سلم السفير مذكرة احتجاج إلى الخارجية المغربية.",
    "وقوبل الاحتجاج الفرنسي بالصمت في الجزائر.",
    "استدعت الخارجية القائم بالأعمال لتسجيل احتجاج على تصريحاته.",
    # «تظاهرة» as a festival or a show
    "انطلقت في تونس تظاهرة ثقافية كبرى بمشاركة فرق من عشرين دولة.",
    "يشهد المهرجان هذا العام تظاهرة للأفلام القصيرة.",
    "افتتحت الجامعة تظاهرة علمية حول الطاقة المتجددة.",
    # «احتجنا» is «we needed» (احتاج)
    "قال إننا احتجنا إلى وقت طويل لفهم المسألة.",
])
def test_sentence_protest_not_found(text):
    assert "PROTEST" not in types_of(text)


def test_sentence_diplomatic_protest_is_accuse():
    assert types_of("قدمت وزارة الخارجية المصرية احتجاجا رسميا إلى السفير الإسرائيلي.") == {"ACCUSE"}


@pytest.mark.parametrize("text, target", [
    ("تعرض رئيس البلدية لمحاولة اغتيال.", "رئيس البلدية"),
    ("تعرضت قوات الأمن لهجوم مسلح قرب العريش.", "قوات الأمن"),
    ("الجيش المصري تعرض لهجوم في سيناء.", "الجيش المصري"),
    ("يتعرض المسلمون في الإقليم لحملة إبادة على يد الميليشيات.", "المسلمون"),
])
def test_sentence_exposed_one_is_target(text, target):
    (e,) = [e for e in events_of(text) if e.type == "ASSAULT"]
    assert e.actor is None or e.actor.text != target
    assert e.target is not None and e.target.text == target


@pytest.mark.parametrize("text, fatalities", [
    ("قتل5 جنود في كمين نصبه مسلحون قرب درعا.", 5),
    ("أفاد مصدر أمني بمقتل12 مسلحا في اشتباكات مع الجيش.", 12),
])
def test_sentence_glued_digits_counted(text, fatalities):
    (e,) = [e for e in events_of(text) if e.type == "ASSAULT"]
    assert e.fatalities == fatalities


@pytest.mark.parametrize("text, pieces", [
    ("بمقتل18 من", ["بمقتل", "18", "من"]),
    ("قتل5 جنود", ["قتل", "5", "جنود"]),
])
def test_unglue_cuts_digits_from_letters(text, pieces):
    got = unglue(words(normalise(text)))
    assert [w.text for w in got] == [normalise(p) for p in pieces]


def test_unglue_leaves_clean_words():
    assert unglue(words(normalise("قتل 5 جنود"))) is None


@pytest.mark.parametrize("noun, form", [
    ("اعتصام", "اعتصامهم"),
    (normalise("مظاهرة"), "مظاهرتهم"),
    ("اضراب", "اضرابه"),
])
def test_possessive_forms_of_nouns(noun, form):
    assert form in possessive_forms(noun)


@pytest.mark.parametrize("noun", ["الاعتصام", "اضرابا"])
def test_possessive_forms_none_for_article_or_accusative(noun):
    assert possessive_forms(noun) == set()


@pytest.mark.parametrize("entry, needle", [
    ({"type": "ASSAULT", "nouns": ["إطلاق النار"], "not_prev": "وقف"}, "not_prev must be a list"),
    ({"type": "PROTEST", "nouns": ["تظاهرة"], "not_with": "مهرجان"}, "not_with must be a list"),
    ({"type": "PROTEST", "verbs": ["احتج/يحتج"], "not_forms": "احتجنا"}, "not_forms must be a list"),
])
def test_validate_triggers_reports_not_prev(entry, needle):
    raw = read_triggers()
    raw = {"triggers": raw["triggers"] + [entry], "cues": raw["cues"]}
    assert any(needle in p for p in validate_triggers(raw))


@pytest.mark.parametrize("cue", ["accidents", "crash_verbs", "aircraft", "disasters", "exposure"])
def test_validate_triggers_needs_cues(cue):
    raw = read_triggers()
    cues = {k: v for k, v in raw["cues"].items() if k != cue}
    assert any(f"cues.{cue}" in p for p in validate_triggers({"triggers": raw["triggers"], "cues": cues}))

