"""`rasid analyze` prints exactly the rasid.document/1 contract for every input kind."""

from __future__ import annotations

import gzip
import json

import pytest

from rasid.contract import TOP, validate

ARTICLE = (
    "الجيش يعلن السيطرة على بلدة في جنوب ليبيا\n\n"
    "أعلن الجيش الوطني الليبي الخميس سيطرته على بلدة غدوة جنوب مدينة سبها، "
    "وقال المتحدث باسمه إن قواته قتلت ثلاثة مسلحين في اشتباكات عنيفة.\n"
    "وأضاف أن العملية مستمرة حتى تطهير المنطقة من الجماعات المتطرفة\n\n"
    "وكالة الأنباء\n"
)

HTML = """<!DOCTYPE html><html lang="ar" dir="rtl"><head><meta charset="utf-8">
<title>اشتباكات في طرابلس - موقع الخبر</title>
<meta property="og:title" content="اشتباكات في طرابلس">
<meta property="og:site_name" content="موقع الخبر">
<meta property="article:published_time" content="2019-05-09T10:00:00+02:00">
</head><body><nav><a href="/">الرئيسية</a> | <a href="/sport">رياضة</a></nav>
<article><h1>اشتباكات في طرابلس</h1>
<p>اندلعت اشتباكات عنيفة صباح الخميس في الضواحي الجنوبية للعاصمة الليبية طرابلس بين قوات الجيش الوطني الليبي وقوات موالية لحكومة الوفاق.</p>
<p>وقال مصدر طبي إن خمسة أشخاص قتلوا وأصيب العشرات في المعارك التي استمرت حتى المساء.</p>
</article><footer>جميع الحقوق محفوظة</footer></body></html>"""


def _check(obj: dict) -> None:
    assert validate(obj) == []
    assert tuple(obj) == TOP  # every field, in the contract's order


@pytest.fixture
def inputs(tmp_path):
    txt = tmp_path / "article.txt"
    txt.write_text(ARTICLE, encoding="utf-8")
    html = tmp_path / "page.html"
    html.write_text(HTML, encoding="utf-8")
    rec = {"id": "rec-1", "text": ARTICLE.split("\n\n", 1)[1], "title": "عنوان", "source": "مصدر",
           "url": "https://example.org/a", "published": "2019-05-09T12:00:00"}
    jl = tmp_path / "articles.jsonl"
    jl.write_text(json.dumps(rec, ensure_ascii=False) + "\n"
                  + json.dumps({**rec, "id": "rec-2", "published": None}, ensure_ascii=False) + "\n",
                  encoding="utf-8")
    gz = tmp_path / "articles.jsonl.gz"
    with gzip.open(gz, "wt", encoding="utf-8") as fh:
        fh.write(json.dumps(rec, ensure_ascii=False) + "\n")
    return {"txt": txt, "html": html, "jsonl": jl, "gz": gz}


def test_analyze_txt_gives_contract(run_cli, inputs):
    res = run_cli("analyze", inputs["txt"], "--published", "2019-05-09")
    assert res.code == 0, res.err
    obj = res.json()
    _check(obj)
    assert obj["title"] == "الجيش يعلن السيطرة على بلدة في جنوب ليبيا"
    assert obj["published"] == "2019-05-09"
    assert obj["language"] == "ar"
    assert "وكالة الأنباء" not in obj["text"]
    assert len(obj["sentences"]) >= 3


def test_analyze_html_takes_page_metadata(run_cli, inputs):
    res = run_cli("analyze", inputs["html"])
    assert res.code == 0, res.err
    obj = res.json()
    _check(obj)
    assert obj["title"] == "اشتباكات في طرابلس"
    assert obj["source"] == "موقع الخبر"
    assert obj["published"] == "2019-05-09"
    assert "الرئيسية" not in obj["text"] and "جميع الحقوق محفوظة" not in obj["text"]


def test_analyze_jsonl_keeps_ids_and_order(run_cli, inputs):
    res = run_cli("analyze", inputs["jsonl"], "--format", "jsonl", "--published", "2020-01-01")
    assert res.code == 0, res.err
    objs = [json.loads(line) for line in res.out.splitlines()]
    assert [o["id"] for o in objs] == ["rec-1", "rec-2"]
    for o in objs:
        _check(o)
    assert objs[0]["published"] == "2019-05-09"  # the record's own date wins
    assert objs[1]["published"] == "2020-01-01"  # --published fills a missing one
    assert objs[0]["title"] == "عنوان" and objs[0]["source"] == "مصدر"


def test_analyze_jsonl_gz_and_json_array(run_cli, inputs):
    res = run_cli("analyze", inputs["gz"], inputs["txt"], "--format", "json")
    assert res.code == 0, res.err
    objs = res.json()
    assert isinstance(objs, list) and len(objs) == 2
    for o in objs:
        _check(o)


def test_analyze_stdin(run_cli):
    res = run_cli("analyze", "-", "--published", "2019-05-09", stdin=ARTICLE)
    assert res.code == 0, res.err
    obj = res.json()
    _check(obj)
    assert obj["title"].startswith("الجيش يعلن")


def test_analyze_id_is_content_hash_without_input_id(run_cli, inputs):
    a = run_cli("analyze", inputs["txt"]).json()
    b = run_cli("analyze", "-", stdin=ARTICLE).json()
    assert a["id"] == b["id"] and len(a["id"]) >= 12


@pytest.mark.shared
def test_analyze_seed_article(run_cli, gold_dev_dir):
    res = run_cli("analyze", gold_dev_dir / "sisi-haftar-2019-05-09.txt", "--published", "2019-05-09")
    assert res.code == 0, res.err
    obj = res.json()
    _check(obj)
    assert obj["title"] == "السيسي يجدد دعمه لحفتر في مكافحة الإرهاب"
    assert obj["source"] == "ميدل إيست أون لاين"
    sentences = [obj["text"][s["start"]:s["end"]] for s in obj["sentences"]]
    assert len(sentences) >= 20
    assert max(len(s.split()) for s in sentences) <= 60


@pytest.mark.shared
def test_analyze_every_dev_article_keeps_contract(run_cli, gold_dev):
    for gold in gold_dev:
        if "_input" not in gold:
            continue
        res = run_cli("analyze", gold["_input"], "--published", gold["published"])
        assert res.code == 0, (gold["id"], res.err)
        _check(res.json())
