"""Ingest: saved text pages, chrome rules, HTML, JSONL, stdin, dates, public API."""

from __future__ import annotations

import gzip
import io
import json
import re

import pytest
import yaml

from rasid.errors import InputError
from rasid.ingest import (
    PARAGRAPH_SEP,
    document_from_html,
    document_from_saved_text,
    iter_input_files,
    iter_jsonl,
    normalise_date,
    read_inputs,
)
from rasid.ingest.chrome import clean_lines, fold, rules
from rasid.ingest.saved_text import clean_body

BODY = ("أعلن الجيش الوطني الليبي يوم الخميس سيطرته الكاملة على مدينة سرت بعد معارك عنيفة "
        "استمرت ثلاثة أيام مع قوات حكومة الوفاق في ضواحي المدينة الجنوبية.")
BODY2 = ("وقال المتحدث باسم الجيش في مؤتمر صحفي إن القوات دخلت وسط المدينة صباح اليوم "
         "وإن عشرة من المقاتلين قتلوا خلال الاشتباكات التي شهدتها الأحياء الشرقية.")
TITLE = "الجيش يعلن السيطرة على مدينة سرت"


# --- the gold cleaning check (../shared/gold/SCORING.md) ----------------------

_DIACRITICS = re.compile("[\u064B-\u0652\u0670\u0640]")
_DIGITS = str.maketrans("٠١٢٣٤٥٦٧٨٩۰۱۲۳۴۵۶۷۸۹", "01234567890123456789")
_EDGE = " \t\n.,:;!?\"'«»“”‘’()[]{}-–—،؛؟…"


def scoring_norm(text: str | None) -> str | None:
    """The comparison form of SCORING.md (written here from its rules)."""
    if text is None:
        return None
    text = _DIACRITICS.sub("", text)
    text = re.sub("[أإآٱ]", "ا", text).replace("ى", "ي").replace("ة", "ه")
    text = " ".join(text.translate(_DIGITS).split())
    return text.strip(_EDGE)


def _gold_params() -> list[str]:
    """Names of the dev gold files whose input is a saved text page."""
    from pathlib import Path

    gold = Path(__file__).resolve().parents[2] / "shared" / "gold" / "dev"
    names = [p.name for p in sorted(gold.glob("*.json"))
             if json.loads(p.read_text("utf-8")).get("input", "").endswith(".txt")]
    return names or ["(no gold)"]


@pytest.mark.shared
@pytest.mark.parametrize("gold_name", _gold_params())
def test_saved_text_passes_gold_cleaning_check(gold_dev_dir, gold_name):
    gold = json.loads((gold_dev_dir / gold_name).read_text(encoding="utf-8"))
    [doc] = read_inputs([str(gold_dev_dir / gold["input"])], published=gold.get("published"))
    assert scoring_norm(doc.title) == scoring_norm(gold["title"])
    assert scoring_norm(doc.source) == scoring_norm(gold["source"])
    body = scoring_norm(doc.text)
    for snippet in gold.get("body_must_contain", []):
        assert scoring_norm(snippet) in body, snippet
    for snippet in gold.get("body_must_not_contain", []):
        assert scoring_norm(snippet) not in body, snippet
    assert scoring_norm(gold["title"]) not in scoring_norm(doc.text.split(PARAGRAPH_SEP)[0])
    assert doc.published == gold.get("published")


@pytest.mark.shared
def test_saved_text_body_lines_are_stripped_paragraphs(gold_dev_dir):
    for path in sorted(gold_dev_dir.glob("*.txt")):
        [doc] = read_inputs([str(path)])
        for para in doc.text.split(PARAGRAPH_SEP):
            assert para and para == para.strip(), path.name
            assert "\u00a0" not in para


# --- saved text pages ----------------------------------------------------------

def page(*lines: str) -> str:
    return "\n".join(lines) + "\n"


def test_saved_text_headline_body_outlet_and_chrome():
    raw = page(TITLE, "", "\u00a0", BODY, "", BODY2, "", "\u00a0 ", "ميدل إيست أون لاين", "",
               "مقالات ذات صلة", "", "زر الذهاب إلى الأعلى")
    doc = document_from_saved_text(raw, published="2019-05-09")
    assert doc.title == TITLE
    assert doc.source == "ميدل إيست أون لاين"
    assert doc.text == BODY + PARAGRAPH_SEP + BODY2
    assert doc.published == "2019-05-09"


@pytest.mark.parametrize("chrome", [
    "مقالات ذات صلة", "زر الذهاب إلى الأعلى", "شارك", "شارك هذا الخبر:", "طباعة",
    "تابعونا على تويتر وفيسبوك", "اشترك في النشرة البريدية", "فيسبوك تويتر واتساب",
    "Facebook | Twitter | WhatsApp", "الوسوم: ليبيا، سرت، الجيش الوطني",
    "كلمات مفتاحية: ليبيا", "Tags: Libya", "اقرأ أيضاً: حفتر يزور القاهرة",
    "جميع الحقوق محفوظة © 2019", "© 2024 شبكة الأخبار", "Copyright 2019 News",
    "الخميس 9 مايو 2019", "09/05/2019 - 14:30", "منذ 3 ساعات", "آخر تحديث: 09 مايو 2019",
    "كتب: أحمد محمد", "// انتهى //", "***", "...المزيد",
])
def test_chrome_line_leaves_body(chrome):
    doc = document_from_saved_text(page(TITLE, BODY, chrome, BODY2))
    assert doc.text == BODY + PARAGRAPH_SEP + BODY2


@pytest.mark.parametrize("keep", [
    "وقال الوزير: نشر الجيش 300 جندي في المدينة",
    "شارك آلاف المتظاهرين في مسيرة وسط العاصمة",
    "تابع الوزير جولته في المنطقة الشرقية",
    "اشتباكات في سرت",
    "الخميس 9 مايو 2019 شهد اشتباكات عنيفة في المدينة",
])
def test_chrome_rules_keep_article_lines(keep):
    doc = document_from_saved_text(page(TITLE, BODY, keep, BODY2))
    assert keep in doc.text.split(PARAGRAPH_SEP)


def test_saved_text_read_also_block_dropped():
    raw = page(TITLE, BODY, "اقرأ أيضا:", "حفتر يزور القاهرة للمرة الثانية",
               "مجلس الأمن يبحث الأزمة الليبية", "", BODY2)
    assert document_from_saved_text(raw).text == BODY + PARAGRAPH_SEP + BODY2


def test_saved_text_tags_block_dropped():
    raw = page(TITLE, BODY, BODY2, "الوسوم", "ليبيا", "سرت", "الجيش الوطني الليبي")
    assert document_from_saved_text(raw).text == BODY + PARAGRAPH_SEP + BODY2


@pytest.mark.parametrize("tail, outlet", [
    ("رابط الخبر بصحيفة الوئام: " + TITLE, "الوئام"),
    ("رابط الخبر بموقع الحدث اليوم: " + TITLE, "الحدث اليوم"),
])
def test_saved_text_link_line_names_outlet(tail, outlet):
    own_line = document_from_saved_text(page(TITLE, BODY, BODY2, tail))
    assert own_line.source == outlet
    assert own_line.text == BODY + PARAGRAPH_SEP + BODY2
    same_line = document_from_saved_text(page(TITLE, BODY, BODY2 + " " + tail))
    assert same_line.source == outlet
    assert same_line.text == BODY + PARAGRAPH_SEP + BODY2


@pytest.mark.parametrize("line, outlet", [
    ("العربي الجديد", "العربي الجديد"),
    ("صحيفة الرياض", "الرياض"),
    ("موقع الخبر اليمني", "موقع الخبر اليمني"),
    ("صوت العاصمة نت", "صوت العاصمة نت"),
])
def test_saved_text_trailing_outlet_line(line, outlet):
    doc = document_from_saved_text(page(TITLE, BODY, BODY2, "", line, "", "مقالات ذات صلة"))
    assert doc.source == outlet
    assert doc.text == BODY + PARAGRAPH_SEP + BODY2


def test_saved_text_without_outlet_has_null_source():
    doc = document_from_saved_text(page(TITLE, "", BODY, BODY2))
    assert doc.source is None
    assert doc.title == TITLE


def test_saved_text_ambiguous_outlet_name_stays_in_body():
    # «الرياض» alone is a city (a dateline), not the newspaper.
    doc = document_from_saved_text(page(TITLE, BODY, "الرياض"))
    assert doc.source is None


def test_saved_text_byline_with_outlet_leaves_body():
    doc = document_from_saved_text(page(TITLE, "عين اليوم – جدة", BODY, BODY2))
    assert doc.text == BODY + PARAGRAPH_SEP + BODY2
    assert doc.source == "عين اليوم"


def test_saved_text_share_prefix_stripped():
    doc = document_from_saved_text(page(TITLE, "شارك من خلال تويتر فيسبوك جوجل بلس اكتب رأيك " + BODY))
    assert doc.text == BODY


def test_saved_text_headline_no_break_space_made_plain():
    doc = document_from_saved_text(page("مطار عدن الدولي\u00a0يستأنف رحلاته", BODY))
    assert doc.title == "مطار عدن الدولي يستأنف رحلاته"


def test_clean_body_keeps_first_line():
    body, source = clean_body(BODY + "\n\n " + BODY2 + "\n\nمقالات ذات صلة")
    assert body == BODY + PARAGRAPH_SEP + BODY2
    assert source is None


@pytest.mark.parametrize("text, folded", [
    ("أإآٱ", "اااا"), ("مستشفى", "مستشفي"), ("مدينة", "مدينه"),
    ("مُحَمَّد", "محمد"), ("الـــجيش", "الجيش"), ("  a\u00a0 B ", "a b"),
])
def test_fold_matching_form(text, folded):
    assert fold(text) == folded


# --- data files -------------------------------------------------------------

def _data(name):
    from importlib import resources

    return yaml.safe_load(resources.files("rasid.data").joinpath("ingest", name).read_text("utf-8"))


def test_chrome_yaml_is_valid():
    data = _data("chrome.yaml")
    assert isinstance(data["max_chrome_line_chars"], int)
    assert all(isinstance(p, str) and p.strip() for p in data["drop_phrases"])
    for key in ("drop_patterns", "source_patterns", "strip_prefixes"):
        for pat in data[key]:
            re.compile(pat)
    for pat in data["source_patterns"]:
        assert "(?P<source>" in pat
    for block in data["blocks"]:
        assert block["start"] and block["max_lines"] > 0 and block["max_words"] > 0
    rules.cache_clear()
    assert rules().drop.pattern


def test_outlets_yaml_is_valid():
    data = _data("outlets.yaml")
    names = [o["name"] for o in data["outlets"]]
    assert len(names) == len(set(names))
    assert all(isinstance(n, str) and n.strip() for n in names)
    for pat in data["generic_patterns"]:
        assert "(?P<source>" in pat
        re.compile(pat)
    assert "(?P<byline>" in data["byline_pattern"]


def test_clean_lines_reports_no_source_when_asked_not_to():
    kept, source = clean_lines([BODY, "ميدل إيست أون لاين"], find_source=False)
    assert kept == [BODY] and source is None


# --- HTML ------------------------------------------------------------------------

HTML_PAGE = """<!DOCTYPE html>
<html lang="ar" dir="rtl"><head><meta charset="utf-8">
<title>{title} - شبكة الأخبار العربية</title>
<meta property="og:title" content="{title}">
<meta property="og:site_name" content="شبكة الأخبار العربية">
<meta property="article:published_time" content="2019-05-09T14:30:00+02:00">
<link rel="canonical" href="https://news.example.org/2019/05/09/sirte">
</head><body>
<header><nav><ul><li><a href="/">الصفحة الأولى</a></li><li><a href="/p">سياسة واقتصاد</a></li>
<li><a href="/s">رياضة ومنوعات</a></li></ul></nav></header>
<main><article><h1>{title}</h1>
<p>{body}</p><p>{body2}</p>
<p>وأضاف أن الوحدات الهندسية بدأت تمشيط الطرق الرئيسية لإزالة الألغام التي خلفتها المجموعات المسلحة.</p>
<p>مقالات ذات صلة</p></article></main>
<aside><h3>الأكثر قراءة</h3><ul><li>نتائج مباريات الدوري الممتاز أمس</li></ul></aside>
<footer><p>جميع الحقوق محفوظة © 2019 شبكة الأخبار العربية</p><p>تابعونا على تويتر وفيسبوك</p></footer>
</body></html>
"""


def test_html_body_and_metadata():
    doc = document_from_html(HTML_PAGE.format(title=TITLE, body=BODY, body2=BODY2))
    assert doc.title == TITLE
    assert doc.source == "شبكة الأخبار العربية"
    assert doc.published == "2019-05-09"
    assert doc.url == "https://news.example.org/2019/05/09/sirte"
    paras = doc.text.split(PARAGRAPH_SEP)
    assert paras[0] == BODY and paras[1] == BODY2
    for chrome in ("الصفحة الأولى", "سياسة واقتصاد", "الأكثر قراءة", "مباريات", "جميع الحقوق", "تابعونا", "مقالات ذات صلة", TITLE):
        assert chrome not in doc.text


def test_html_fallback_fields_from_own_parsing():
    html = f"""<html><head><meta charset="utf-8">
<script type="application/ld+json">{{"@type": "NewsArticle", "datePublished": "2020-03-01T08:00:00Z",
"publisher": {{"@type": "Organization", "name": "وكالة المثال"}}}}</script>
<meta property="og:url" content="https://example.org/a/1"></head>
<body><div><p>{BODY}</p><p>{BODY2}</p></div></body></html>"""
    doc = document_from_html(html, published="2000-01-01")
    assert doc.published == "2020-03-01"
    assert doc.source == "وكالة المثال"
    assert doc.url == "https://example.org/a/1"
    assert BODY in doc.text


def test_html_published_fallback_when_page_has_no_date():
    html = f"<html><body><article><p>{BODY}</p><p>{BODY2}</p></article></body></html>"
    doc = document_from_html(html, published="2021-06-30", url="https://x.example/a")
    assert doc.published == "2021-06-30"
    assert doc.url == "https://x.example/a"
    assert doc.text.startswith(BODY)


def test_html_file_through_read_inputs(tmp_path):
    path = tmp_path / "page.html"
    path.write_text(HTML_PAGE.format(title=TITLE, body=BODY, body2=BODY2), encoding="utf-8")
    [doc] = read_inputs([str(path)], published="2000-01-01")
    assert doc.published == "2019-05-09" and doc.title == TITLE


# --- JSONL -----------------------------------------------------------------------

def _records():
    return [
        {"id": "a1", "text": BODY + "\n\n " + BODY2, "title": TITLE, "source": "sabq",
         "url": "http://x.example/1", "published": "2015-07-21", "author": "فلان"},
        {"id": 7, "text": BODY2 + "\nمقالات ذات صلة", "published": "2015-07-22T23:10:00+03:00"},
        {"id": "h1", "html": HTML_PAGE.format(title=TITLE, body=BODY, body2=BODY2), "source": "مصدر"},
        {"text": BODY},
    ]


def _write_jsonl(path, records, *, gz=False):
    data = "".join(json.dumps(r, ensure_ascii=False) + "\n" for r in records).encode("utf-8")
    path.write_bytes(gzip.compress(data) if gz else data)
    return path


@pytest.mark.parametrize("gz", [False, True])
def test_jsonl_records(tmp_path, gz):
    path = _write_jsonl(tmp_path / ("a.jsonl.gz" if gz else "a.jsonl"), _records(), gz=gz)
    docs = list(read_inputs([str(path)], published="2001-02-03"))
    assert [d.id for d in docs[:3]] == ["a1", "7", "h1"]
    a, b, h, plain = docs
    assert a.text == BODY + PARAGRAPH_SEP + BODY2  # first line kept: it is body text
    assert (a.title, a.source, a.url, a.published) == (TITLE, "sabq", "http://x.example/1", "2015-07-21")
    assert a.meta["author"] == "فلان"
    assert b.text == BODY2 and b.published == "2015-07-22" and b.title is None
    assert h.source == "مصدر" and h.title == TITLE and h.published == "2019-05-09"
    assert plain.published == "2001-02-03" and len(plain.id) == 16


def test_jsonl_from_binary_file_object():
    data = "".join(json.dumps(r, ensure_ascii=False) + "\n" for r in _records()[:2]).encode()
    docs = list(iter_jsonl(io.BytesIO(data)))
    assert [d.id for d in docs] == ["a1", "7"]


def test_jsonl_bad_records_reported_and_skipped(tmp_path):
    path = tmp_path / "mixed.jsonl"
    lines = [json.dumps({"id": "ok1", "text": BODY}, ensure_ascii=False), "{not json",
             json.dumps({"id": "x", "title": "بلا نص"}, ensure_ascii=False), "",
             json.dumps({"id": "en", "text": "English only text here, nothing else at all."}),
             json.dumps([1, 2]), json.dumps({"id": "d", "text": BODY, "published": "someday"}),
             json.dumps({"id": "ok2", "text": BODY2}, ensure_ascii=False)]
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    errors: list[InputError] = []
    docs = list(read_inputs([str(path)], on_error=errors.append))
    assert [d.id for d in docs] == ["ok1", "ok2"]
    messages = [str(e) for e in errors]
    assert messages == [
        f"{path} line 2: not valid JSON",
        f"{path} line 3: record has no text or html",
        f"{path} line 5 has no Arabic text",
        f"{path} line 6: not a JSON object",
        f"{path} line 7: published is not a date: 'someday'",
    ]
    with pytest.raises(InputError, match="line 2: not valid JSON"):
        list(read_inputs([str(path)]))


def test_jsonl_record_over_size_limit_skipped_unread(tmp_path, monkeypatch):
    from rasid import settings

    real = settings.get
    monkeypatch.setattr(settings, "get",
                        lambda s, k: 1000 if (s, k) == ("input", "max_article_bytes") else real(s, k))
    path = tmp_path / "big.jsonl"
    big = json.dumps({"id": "big", "text": BODY * 50}, ensure_ascii=False)
    path.write_text(big + "\n" + json.dumps({"id": "small", "text": BODY}, ensure_ascii=False) + "\n",
                    encoding="utf-8")
    errors = []
    assert [d.id for d in read_inputs([str(path)], on_error=errors.append)] == ["small"]
    assert "line 1: record is too large" in str(errors[0])


def test_jsonl_gz_that_is_not_gzip(tmp_path):
    path = tmp_path / "broken.jsonl.gz"
    path.write_bytes(b"\x1f\x8b" + b"garbage" * 10)
    with pytest.raises(InputError, match="not a valid gzip file"):
        list(read_inputs([str(path)]))


@pytest.mark.shared
def test_jsonl_corpus_records_stream(shared_dir):
    import itertools

    path = shared_dir / "data" / "corpus" / "saudinewsnet.jsonl.gz"
    errors = []
    docs = list(itertools.islice(read_inputs([str(path)], on_error=errors.append), 300))
    assert len(docs) == 300
    assert all(d.id.startswith("snn-") and re.fullmatch(r"\d{4}-\d{2}-\d{2}", d.published) for d in docs)
    assert all(d.text and d.source and "author" in d.meta for d in docs)
    assert all(str(e).startswith(str(path)) for e in errors)


# --- dates, files, API -----------------------------------------------------------

@pytest.mark.parametrize("value, expected", [
    ("2019-05-09", "2019-05-09"), ("2019-05-09T23:10:00+02:00", "2019-05-09"),
    ("2019-05-09T01:00:00Z", "2019-05-09"), ("2019-05-09 12:30:00", "2019-05-09"),
    ("2019/5/9", "2019-05-09"), ("20190509", "2019-05-09"), ("", None), (None, None),
    ("not a date", None), ("2019-13-45", None),
])
def test_normalise_date(value, expected):
    assert normalise_date(value) == expected


def test_iter_input_files_walks_directories_sorted(tmp_path):
    (tmp_path / "b").mkdir()
    for name in ("b/z.txt", "a.html", "b/c.jsonl.gz", "notes.md", ".hidden.txt", "x.JSONL"):
        (tmp_path / name).write_text("x", encoding="utf-8")
    found = [p.relative_to(tmp_path).as_posix() for p in iter_input_files([str(tmp_path)])]
    assert found == ["a.html", "x.JSONL", "b/c.jsonl.gz", "b/z.txt"]
    assert list(iter_input_files(["-"])) == ["-"]


def test_read_inputs_on_error_skips_bad_files(tmp_path):
    good = tmp_path / "good.txt"
    good.write_text(page(TITLE, BODY), encoding="utf-8")
    (tmp_path / "empty.txt").write_bytes(b"")
    errors = []
    docs = list(read_inputs([str(tmp_path), str(tmp_path / "missing.txt")], on_error=errors.append))
    assert [d.text for d in docs] == [BODY]
    assert [str(e) for e in errors] == [f"{tmp_path / 'empty.txt'} is empty",
                                        f"{tmp_path / 'missing.txt'}: no such file or directory"]


def test_read_inputs_id_is_content_hash(tmp_path):
    from rasid.document import content_id

    path = tmp_path / "a.txt"
    path.write_text(page(TITLE, BODY, BODY2), encoding="utf-8")
    [doc] = read_inputs([str(path)])
    assert doc.id == content_id(doc.text)


def test_stdin_single_line_is_the_text(run_cli):
    line = "استقبل الرئيس المصري قائد الجيش الليبي في القاهرة يوم الخميس"
    res = run_cli("analyze", "-", "--published", "2019-05-09", stdin=line + "\n")
    assert res.code == 0, res.err
    out = res.json()
    assert out["text"] == line and out["title"] is None and out["published"] == "2019-05-09"


def test_stdin_saved_page(run_cli):
    res = run_cli("analyze", "-", stdin=page(TITLE, BODY, BODY2, "مقالات ذات صلة"))
    assert res.code == 0, res.err
    out = res.json()
    assert out["title"] == TITLE and out["text"] == BODY + PARAGRAPH_SEP + BODY2
