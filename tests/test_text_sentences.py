"""Sentence splitting (rasid.text.sentences)."""

from __future__ import annotations

from importlib import resources

import pytest
import yaml

from rasid.text.normalise import normalise
from rasid.text.sentences import sentence_rules, split_sentences


def _texts(text):
    return [text[s.start:s.end] for s in split_sentences(text)]


def test_sentence_rules_file_is_valid():
    raw = yaml.safe_load(resources.files("rasid.data").joinpath("text/sentences.yaml")
                         .read_text(encoding="utf-8"))
    for key in ("openers", "openers_before_comma", "non_final", "abbreviations",
                "verb_time_words"):
        assert raw[key] and all(isinstance(w, str) and w.strip() for w in raw[key]), key
    assert isinstance(raw["min_words"], int) and raw["min_words"] >= 1
    rules = sentence_rules()
    # a one-word opener cannot also be a word that never ends a clause
    assert not {normalise(p) for p in raw["openers"] if " " not in p} & rules["non_final"]
    assert all(words for words in rules["openers"].values())


@pytest.mark.parametrize("text,expected", [
    ("قتل جندي. وأصيب آخر! هل انتهى؟ نعم",
     ["قتل جندي.", "وأصيب آخر!", "هل انتهى؟", "نعم"]),
    ("السطر الأول\nالسطر الثاني\n\n  الثالث  ", ["السطر الأول", "السطر الثاني", "الثالث"]),
    ("قال «انتهى الأمر.» ثم غادر", ["قال «انتهى الأمر.»", "ثم غادر"]),
    ("ارتفعت النسبة إلى 2.5 في المئة اليوم", ["ارتفعت النسبة إلى 2.5 في المئة اليوم"]),
    ("التقى د. محمد علي مع م. خليفة أمس", ["التقى د. محمد علي مع م. خليفة أمس"]),
    ("عاش في القرن الخامس ق.م في مصر", ["عاش في القرن الخامس ق.م في مصر"]),
    ("He met Dr. Smith in Paris. Then left.", ["He met Dr. Smith in Paris.", "Then left."]),
])
def test_split_sentences_at_punctuation_and_lines(text, expected):
    assert _texts(text) == expected


@pytest.mark.parametrize("text,expected", [
    ("استقبل الرئيس المصري قائد الجيش في القاهرة وقال المتحدث إن اللقاء كان مثمرا",
     ["استقبل الرئيس المصري قائد الجيش في القاهرة", "وقال المتحدث إن اللقاء كان مثمرا"]),
    ("اقتحم المسلحون البلدة وفتحوا النار على السكان وأضاف المصدر أن القتلى ثلاثة",
     ["اقتحم المسلحون البلدة وفتحوا النار على السكان", "وأضاف المصدر أن القتلى ثلاثة"]),
    ("شنت الطائرات غارات على مواقع المسلحين كما قصفت المدفعية القرى",
     ["شنت الطائرات غارات على مواقع المسلحين", "كما قصفت المدفعية القرى"]),
    ("عقد الوزراء اجتماعا طارئا في العاصمة من جهته، أعلن الجيش حالة التأهب",
     ["عقد الوزراء اجتماعا طارئا في العاصمة", "من جهته، أعلن الجيش حالة التأهب"]),
    ("يدعم البلدان جهود مكافحة الإرهاب وقتل الخميس ثلاثة أشخاص في هجوم",
     ["يدعم البلدان جهود مكافحة الإرهاب", "وقتل الخميس ثلاثة أشخاص في هجوم"]),
])
def test_split_sentences_at_openers_in_run_on_text(text, expected):
    assert _texts(text) == expected


@pytest.mark.parametrize("text", [
    # after a preposition or conjunction
    "تحدث الوزير مع الصحفيين عن وقال وقيل في المؤتمر الصحفي",
    # inside a quotation
    "قال المتحدث «إن الجيش تقدم نحو المدينة وقال القائد إن النصر قريب» للصحفيين",
    # too early in the sentence
    "الجيش وقال إن النصر قريب",
    # «من جانبه» inside a clause, without a comma
    "أكد أن المشير خليفة حفتر أشاد من جانبه بدور مصر في دعم الشعب",
])
def test_split_sentences_does_not_split_inside_a_clause(text):
    assert _texts(text) == [text]


@pytest.mark.parametrize("text", ["", "   \n\t ", "\n\n"])
def test_split_sentences_empty_text(text):
    assert split_sentences(text) == []


def test_split_sentences_covers_non_space_text():
    text = " قتل جندي. \n وأصيب آخر\u200f!  (و) "
    sents = split_sentences(text)
    covered = set()
    for s in sents:
        assert text[s.start:s.end] == text[s.start:s.end].strip() != ""
        covered.update(range(s.start, s.end))
    assert all(ch.isspace() for i, ch in enumerate(text) if i not in covered)


def _body(path):
    """The article body of a gold .txt: the lines after the headline (the
    first non-empty line) up to the outlet line «ميدل إيست أون لاين»."""
    lines = path.read_text(encoding="utf-8").splitlines()
    first = next(i for i, line in enumerate(lines) if line.strip())
    outlet = next(i for i, line in enumerate(lines) if line.strip() == "ميدل إيست أون لاين")
    return "\n".join(lines[first + 1:outlet])


@pytest.mark.shared
def test_split_sentences_seed_article_run_on_body(gold_dev_dir):
    body = _body(gold_dev_dir / "sisi-haftar-2019-05-09.txt")
    sents = _texts(body)
    assert len(sents) >= 20
    assert max(len(s.split()) for s in sents) <= 60


@pytest.mark.shared
def test_split_sentences_dev_articles_have_no_overlong_sentence(gold_dev_dir):
    for path in sorted(gold_dev_dir.glob("*.txt")):
        sents = _texts(path.read_text(encoding="utf-8"))
        assert sents, path.name
        assert max(len(s.split()) for s in sents) <= 80, path.name
