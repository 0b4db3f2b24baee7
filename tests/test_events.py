"""The events stage on sentences written for these tests (not from the gold)."""

from __future__ import annotations

import pytest

from rasid.document import Document
from rasid.pipeline import analyze


def run(text: str, published: str = "2019-05-09") -> Document:
    return analyze(Document(text=text, published=published))


def events(text: str, published: str = "2019-05-09"):
    return [e.to_contract() for e in run(text, published).events]


def only(text: str, type_: str, published: str = "2019-05-09") -> dict:
    got = [e for e in events(text, published) if e["type"] == type_]
    assert len(got) == 1, events(text, published)
    return got[0]


@pytest.mark.parametrize("text, type_, actor, target", [
    ("استقبل الرئيس المصري عبدالفتاح السيسي، الأحد، رئيس الوزراء العراقي عادل عبد المهدي في القاهرة.",
     "CONSULT", "عبدالفتاح السيسي", "عادل عبد المهدي"),
    ("أشاد وزير الخارجية الروسي سيرغي لافروف بدور مصر في المنطقة.", "SUPPORT", "سيرغي لافروف", None),
    ("شنت طائرات التحالف العربي غارات على مواقع للحوثيين في صنعاء.", "ASSAULT", "التحالف العربي", "لحوثيين"),
    ("اعتقلت قوات الأمن التركية 17 شخصا في مدينة مانيسا.", "COERCE", "قوات الأمن التركية", "17 شخصا"),
    ("اتهم الجيش اللبناني حزب الله بتهريب السلاح عبر الحدود.", "ACCUSE", "الجيش اللبناني", "حزب الله"),
    ("دعا مجلس الأمن الدولي إلى وقف فوري لإطلاق النار في ليبيا.", "REQUEST", "مجلس الأمن الدولي", None),
    ("هدد عبد الملك الحوثي بمهاجمة السفن في البحر الأحمر.", "THREATEN", "عبد الملك الحوثي", None),
    ("فرض الاتحاد الأوروبي عقوبات جديدة على إيران.", "SANCTION", "الاتحاد الأوروبي", "إيران"),
    ("انسحبت قوات الدعم السريع من مدينة ود مدني.", "RETREAT", "قوات الدعم السريع", None),
    ("تظاهر آلاف الطلاب في الخرطوم احتجاجا على رفع الأسعار.", "PROTEST", None, None),
    ("نشرت السعودية تعزيزات عسكرية على حدودها مع اليمن.", "MOBILIZE", "السعودية", None),
])
def test_event_families_and_roles(text, type_, actor, target):
    e = only(text, type_)
    if actor is not None:
        assert e["actor"] and actor in e["actor"]["text"]
    if target is not None:
        assert e["target"] and target in e["target"]["text"]
    for role in ("actor", "target"):
        if e[role]:
            assert text[e[role]["start"]:e[role]["end"]] == e[role]["text"]
    assert text[e["trigger"]["start"]:e["trigger"]["end"]] == e["trigger"]["text"]


@pytest.mark.parametrize("text, acled", [
    ("شنت طائرات التحالف العربي غارات على مواقع للحوثيين في صنعاء.",
     ("Explosions/Remote violence", "Air/drone strike")),
    ("اعتقلت قوات الأمن التركية 17 شخصا في مدينة مانيسا.", ("Strategic developments", "Arrests")),
    ("اختطف مسلحون مجهولون صحفيا في مدينة بنغازي.",
     ("Violence against civilians", "Abduction/forced disappearance")),
])
def test_event_acled_types(text, acled):
    e = events(text)[0]
    assert (e["acled_event_type"], e["acled_sub_event_type"]) == acled


@pytest.mark.parametrize("text, killed, injured, arrested", [
    ("قتل ثلاثة أشخاص وأصيب خمسة آخرون في هجوم على قرية قرب سبها.", 3, 5, None),
    ("أصيب أربعة مدنيين في قصف على حي سكني في حلب.", 0, 4, None),
    ("هاجم مسلحون نقطة تفتيش في العريش.", None, None, None),
    ("لقي 12 من رجال الأمن و4 مدنيين حتفهم في تفجير سيارة مفخخة في مقديشو.", 16, None, None),
    ("ألقت الشرطة المصرية القبض على خمسة أشخاص في الإسكندرية.", 0, None, 5),
    ("التقى وزير الخارجية الأمريكي مايك بومبيو نظيره الروسي في موسكو.", 0, None, None),
    # vague quantities: ACLED's conservative figure
    ("قتل العشرات في هجوم شنه مسلحون على قرية في ولاية بورنو.", 12, None, None),
    # duals count two
    ("أعلنت الشرطة مقتل جنديين في انفجار عبوة ناسفة قرب مدينة العريش.", 2, None, None),
    # one person named after the cue counts one
    ("قتل جندي وأصيب ثلاثة آخرون في هجوم على حاجز أمني في سيناء.", 1, 3, None),
    ("قتل مدني برصاص قناص في حي الشيخ مقصود بمدينة حلب.", 1, None, None),
    ("أعلن الجيش مقتل قائد التنظيم في غارة جوية على مدينة سرت.", 1, None, None),
    ("أصيب شرطي في هجوم على دورية أمنية في العريش.", 0, 1, None),
    # a plural without a number is no figure
    ("قتل جنود في هجوم على حاجز أمني في سيناء.", None, None, None),
])
def test_event_figures(text, killed, injured, arrested):
    e = events(text)[0]
    assert (e["fatalities"], e["injured"], e["arrested"]) == (killed, injured, arrested)


@pytest.mark.parametrize("text, modality, actor", [
    ("قتل ثلاثة أشخاص في هجوم على بلدة في جنوب ليبيا يشتبه أنه من تنفيذ تنظيم الدولة الإسلامية.",
     "suspected", "الدولة الإسلامية"),
    ("قتل عشرة جنود في هجوم أعلنت حركة الشباب مسؤوليتها عنه.", "claimed", "حركة الشباب"),
    ("وتبنى تنظيم داعش الهجوم على الفندق.", "claimed", "داعش"),
    ("نفت الحكومة السورية أنها قصفت المدينة بالأسلحة الكيماوية.", "denied", None),
    ("هاجم مسلحون نقطة تفتيش في العريش.", "asserted", "مسلحون"),
])
def test_event_modality(text, modality, actor):
    got = [e for e in events(text) if e["type"] == "ASSAULT"]
    assert got and got[0]["modality"] == modality
    if actor:
        assert got[0]["actor"] and actor in got[0]["actor"]["text"]


def test_future_consult_becomes_agree():
    e = events("سيزور الرئيس الفرنسي إيمانويل ماكرون الجزائر الأسبوع المقبل.")
    assert [x["type"] for x in e] == ["AGREE"]


@pytest.mark.parametrize("text, source", [
    ("قال مصدر أمني إن مسلحين هاجموا نقطة تفتيش في العريش.", "مصدر أمني"),
    ("قتل جنديان في انفجار عبوة ناسفة حسبما أفادت مصادر محلية.", "مصادر محلية"),
    ("وذكر سكان أن مسلحين اقتحموا البلدة وفتحوا النار.", "سكان"),
])
def test_event_reported_by(text, source):
    e = events(text)[0]
    assert e["reported_by"] == source


@pytest.mark.parametrize("text", [
    "أرى أن الهجوم على المدينة كان خطأ كبيرا.",
    "هل قصفت الطائرات المدينة أمس؟",
    "لم تقصف الطائرات المدينة أمس.",
    "شن الوزير هجوما إعلاميا على المعارضة.",
    "تعرض الفريق لهجوم إعلامي واسع بعد الهزيمة.",
    "إذا هاجمت القوات المدينة فسترد المقاومة بقوة.",
    "رفضت المصادر الكشف عن هويتها.",
    "وصلت الطائرة فجر أمس إلى المطار.",
    "الكل هنا يتظاهر بمظهر الضحية.",
])
def test_no_event(text):
    assert events(text) == []


def test_mentions_of_one_act_merge():
    text = ("شن طيران التحالف العربي غارات على مواقع للحوثيين في صنعاء صباح الأحد. "
            "وأوضحت المصادر أن الغارات استهدفت معسكرا للتدريب غربي العاصمة.")
    got = [e for e in events(text, "2015-07-26") if e["type"] == "ASSAULT"]
    assert len(got) == 1
    assert got[0]["date"] == "2015-07-26"


def test_verb_and_noun_of_one_killing_merge():
    got = events("قتل ثلاثة أشخاص في هجوم على بلدة قرب سبها.")
    assert [e["type"] for e in got] == ["ASSAULT"]
    assert got[0]["fatalities"] == 3


def test_event_ids_unique_and_confidence_in_range():
    got = events("شنت طائرات التحالف العربي غارات على صنعاء. واعتقلت الشرطة المصرية خمسة أشخاص.")
    assert len({e["id"] for e in got}) == len(got) == 2
    assert all(0 < e["confidence"] <= 1 for e in got)


# ------------------------------------------------------------------ quotes

@pytest.mark.parametrize("text, speaker, quote", [
    ("وقال المتحدث باسم الجيش الوطني الليبي «إن قواتنا تتقدم نحو العاصمة بثبات».",
     "الجيش الوطني الليبي", "إن قواتنا تتقدم نحو العاصمة بثبات"),
    ("وأضاف حفتر: “لن نتوقف حتى تحرير طرابلس”.", "حفتر", "لن نتوقف حتى تحرير طرابلس"),
    ("وقال بيان الرئاسة إن \"الجانبين اتفقا على مواصلة التنسيق الأمني\".", None,
     "الجانبين اتفقا على مواصلة التنسيق الأمني"),
])
def test_quotes_with_speaker(text, speaker, quote):
    qs = run(text).quotes
    assert len(qs) == 1
    assert qs[0].text == quote
    assert text[qs[0].start:qs[0].end] == quote
    if speaker:
        assert qs[0].speaker == speaker


def test_quote_without_closing_mark_ends_at_paragraph():
    text = "وقال بيان الرئاسة إن “حفتر بحث مع الرئيس الجهود الليبية لمكافحة الإرهاب\n\nوفي سياق آخر وصل الوفد."
    qs = run(text).quotes
    assert len(qs) == 1
    assert qs[0].text == "حفتر بحث مع الرئيس الجهود الليبية لمكافحة الإرهاب"


def test_scare_quotes_are_not_quotes():
    assert run("اعتقلت الشرطة 16 شخصا بشبهة «الإرهاب» في المدينة.").quotes == []


# ------------------------------------------------------------------ rules added with issue 5

@pytest.mark.parametrize("text", [
    "وتزايدت الهجمات الإرهابية في تونس منذ مطلع العام الحالي.",  # a class of acts
    "ويستغل الإرهابيون الفوضى لشن هجمات ضد المدنيين في بغداد.",  # a purpose
    "وبدأت التعبئة في المدن الكبرى.",  # MOBILIZE without an actor
])
def test_no_event_background_purpose_actorless(text):
    assert events(text) == []


def test_relative_pronoun_gives_the_actor():
    e = only("وتعارض الخطة روسيا التي تدعم حفتر في ليبيا.", "SUPPORT")
    assert e["actor"] and e["actor"]["text"] == "روسيا"
    assert e["target"] and "حفتر" in e["target"]["text"]


def test_similar_visit_is_another_event():
    got = events("زار الرئيس الفرنسي إيمانويل ماكرون الجزائر يوم الاثنين. "
                 "وكان ماكرون قد قام بزيارة مماثلة إلى تونس في مارس الماضي.", "2019-05-09")
    assert [e["type"] for e in got] == ["CONSULT", "CONSULT"]


def test_disapproval_does_not_make_the_next_act_accused():
    e = only("أدانت الولايات المتحدة العنف وحثت على الحوار.", "REQUEST")
    assert e["modality"] == "asserted"


def test_visit_place_is_the_destination():
    e = only("قام وزير الخارجية الأمريكي مايك بومبيو بزيارة من عمان إلى بغداد.", "CONSULT")
    assert e["place"] and e["place"]["name"] in ("Baghdad", "بغداد")


def test_meeting_place_from_its_own_clause_and_later_mention():
    text = ("استقبل الرئيس المصري عبدالفتاح السيسي، الخميس، قائد الجيش الوطني الليبي خليفة حفتر، "
            "في لقاء يأتي منذ انطلاق عملية تحرير العاصمة طرابلس. "
            "وتأتي زيارة حفتر إلى القاهرة في وقت حرج.")
    e = only(text, "CONSULT")
    assert e["place"] and e["place"]["name"] in ("Cairo", "القاهرة")


def test_clause_bounds_stop_at_clause_words():
    from rasid.events.attach import clause_bounds
    from rasid.events.context import build_context
    from rasid.events.lexicon import trigger_lexicon
    from rasid.events.triggers import find_triggers

    doc = run("استقبل الرئيس الضيف في لقاء منذ بدء الحرب في طرابلس.")
    lex = trigger_lexicon()
    ctx = build_context(doc, lex)
    hits = find_triggers(ctx, lex, 0)
    lo, hi = clause_bounds(ctx, lex, hits[0], hits)
    words = [w.text for w in ctx.ws[lo:hi]]
    assert "منذ" not in words and "طرابلس" not in words


def test_verb_of_doing_before_its_subject():
    e = only("تمكنت قوات الأمن من القبض على 13 عنصرا في مدينة سجنان.", "COERCE")
    assert e["actor"] and "قوات الأمن" in e["actor"]["text"]


@pytest.mark.parametrize("text, actor", [
    ("أعلنت وزارة الداخلية التونسية أنه اعتقل 16 شخصا في بنزرت.", "وزارة الداخلية التونسية"),
    ("وتواصلت عمليات لقوات الأمن التونسية أمس حيث اعتقل ثلاثة أشخاص في بنزرت.", "قوات الأمن التونسية"),
])
def test_arrest_without_subject_takes_the_state_body(text, actor):
    e = only(text, "COERCE")
    assert e["actor"] and actor in e["actor"]["text"]


def test_speaker_is_the_subject_of_his_reported_act():
    e = only("وقال الجنرال ليونارد نجيندكومانا إنه يقوم بتعبئة القوات للإطاحة بالرئيس.", "MOBILIZE")
    assert e["actor"] and "نجيندكومانا" in e["actor"]["text"]
    assert e["modality"] == "claimed"


def test_impersonal_passive_has_no_speaker_subject():
    got = [e for e in events("وأوضح المتحدث باسم الحملة أنه تم ضبط عشر قطع سلاح.") if e["type"] == "COERCE"]
    assert all(e["modality"] == "asserted" for e in got)


def test_sentence_opening_verb_continues_the_subject():
    text = ("بدأ رئيس حكومة الوفاق فايز السراج جولة في أوروبا هذا الأسبوع زار فيها إيطاليا. "
            "ويزور الخميس بريطانيا للقاء رئيسة الوزراء تيريزا ماي في لندن.")
    got = [e for e in events(text) if e["type"] == "CONSULT"]
    assert len(got) == 2
    assert all(e["actor"] and "السراج" in e["actor"]["text"] for e in got)
    assert got[1]["place"] and got[1]["place"]["name"] in ("London", "لندن")


def test_unnamed_retelling_in_next_sentence_merges():
    text = ("قتل ثلاثة أشخاص في هجوم على بلدة غدوة في جنوب ليبيا. "
            "وذكر سكان أن مسلحين اقتحموا البلدة وفتحوا النار.")
    got = [e for e in events(text) if e["type"] == "ASSAULT"]
    assert len(got) == 1 and got[0]["fatalities"] == 3


@pytest.mark.parametrize("text, acled", [
    ("قتل ثلاثة أشخاص في هجوم على بلدة غدوة في جنوب ليبيا.", ("Violence against civilians", "Attack")),
    ("هاجم مسلحون سوقا شعبية في مدينة بنغازي.", ("Violence against civilians", "Attack")),
    ("اندلعت اشتباكات عنيفة بين الجيش الليبي ومسلحين في درنة.", ("Battles", "Armed clash")),
    ("قصفت قوات النظام أحياء سكنية في حلب.", ("Explosions/Remote violence", "Shelling/artillery/missile attack")),
])
def test_event_acled_attack_on_civilians(text, acled):
    e = [x for x in events(text) if x["type"] == "ASSAULT"][0]
    assert (e["acled_event_type"], e["acled_sub_event_type"]) == acled


def test_arrest_is_not_credited_to_a_distant_state_body():
    text = ("شنت القوات المسلحة التركية غارات جوية على مواقع حزب العمال الكردستاني داخل البلاد وخارجها "
            "وأسفرت الغارات عن مقتل عشرات المسلحين وإصابة آخرين بجراح متفرقة في الفترة نفسها أيضا، "
            "وألقت فرق الأمن القبض على أكثر من ألف مشتبه به.")
    got = [e for e in events(text) if e["type"] == "COERCE"]
    assert all(not e["actor"] or "القوات المسلحة" not in e["actor"]["text"] for e in got)


@pytest.mark.parametrize("text", [
    "أعلن التحالف بدء هدنة إنسانية في اليمن بناء على طلب من الرئيس اليمني عبد ربه منصور هادي.",
    "وصل الوفد إلى القاهرة استجابة لطلب الحكومة المصرية.",
    "زار وزير الخارجية الأردني أيمن الصفدي بغداد بطلب من الحكومة العراقية.",
])
def test_reason_frame_gives_no_request(text):
    assert not [e for e in events(text) if e["type"] == "REQUEST"], events(text)


@pytest.mark.parametrize("text", [
    "طلب الرئيس اليمني عبد ربه منصور هادي من التحالف وقف الغارات.",
    "طالبت الحكومة العراقية بانسحاب القوات التركية.",
])
def test_reason_frame_keeps_plain_requests(text):
    assert [e for e in events(text) if e["type"] == "REQUEST"], events(text)


@pytest.mark.parametrize("text", [
    "وقال المرصد إن 173 مدنيا قتلوا وأصيب العشرات جراء الغارات خلال هذه الفترة.",
    "قتل أكثر من 400 شخص منذ بداية العام في أعمال عنف متفرقة.",
    "ارتفع العدد الإجمالي للقتلى إلى 3216 شخصا.",
])
def test_tally_without_actor_gives_no_assault(text):
    assert not [e for e in events(text) if e["type"] == "ASSAULT"], events(text)


@pytest.mark.parametrize("text", [
    "قتل خمسة أشخاص في انفجار سيارة مفخخة في بغداد يوم الأحد.",
    "ارتفعت حصيلة القتلى في انفجار بغداد إلى 12 شخصا.",
    "قتلت قوات الأمن العراقية 30 مسلحا خلال الأشهر الثلاثة الماضية في الأنبار.",
])
def test_tally_rule_keeps_single_acts(text):
    assert [e for e in events(text) if e["type"] == "ASSAULT"], events(text)


@pytest.mark.parametrize("text, actor", [
    ("ومقتل 11 إرهابيًا خلال اشتباكات مع قوات الأمن في ولاية ديار بكر.", "قوات الأمن"),
    ("قُتل جندي على يد مسلحين مجهولين في مدينة العريش.", "مسلحين"),
    ("قتل ثلاثة مدنيين برصاص قوات الأمن في مدينة درعا.", "قوات الأمن"),
])
def test_agent_phrase_names_the_killer(text, actor):
    e = only(text, "ASSAULT")
    assert e["actor"] and actor in e["actor"]["text"]


@pytest.mark.parametrize("text", [
    "شن الرئيس هجوما إعلاميا على الصحافة خلال مؤتمر مع الصحفيين.",
    "هل قتل الجيش المدنيين في اشتباكات مع المسلحين؟",
])
def test_agent_rule_adds_no_event(text):
    assert not [e for e in events(text) if e["type"] == "ASSAULT"], events(text)


@pytest.mark.parametrize("text, place, date", [
    ("هاجمت القوات التونسية صباح الخميس في مدينة سجنان مسلحين متحصنين. "
     "وأضافت وزارة الداخلية أن قوات الأمن تمكنت من القبض على 13 مسلحا.", "Sejnane", "2015-07-23"),
    ("هاجم مسلحون حاجزا للجيش يوم الثلاثاء في مدينة العريش. "
     "وتابع المصدر أن قوات الأمن اعتقلت 4 مشتبه بهم.", "Arīsh", "2015-07-21"),
])
def test_continuation_takes_date_and_place_of_the_act_before(text, place, date):
    e = only(text, "COERCE", "2015-07-25")
    assert e["date"] == date
    assert e["place"] and place in e["place"]["name"]


@pytest.mark.parametrize("text", [
    # not a continuation verb: the act keeps the week of publication
    "هاجم مسلحون حاجزا للجيش يوم الثلاثاء في مدينة العريش. وقال المصدر إن الجيش اعتقل 5 أشخاص.",
    # another family of act: a visit does not lend its date to praise
    "زار المشير خليفة حفتر القاهرة في 14 أبريل. وأضاف المتحدث أن حفتر أشاد بدور مصر.",
])
def test_continuation_needs_the_verb_and_the_same_family(text):
    second = text.index(". ") + 2
    later = [e for e in events(text, "2015-07-25") if e["trigger"]["start"] >= second]
    assert later and all(e["date_precision"] == "week" for e in later), later
