"""Ingest into the store: idempotence, rejection, batching, progress."""

from __future__ import annotations

import io
import json
from pathlib import Path

import pytest

from rasid.document import Document
from rasid.errors import InputError
from rasid.store import open_store
from rasid.store.loader import IngestReport, ingest_paths

ARTICLES = [
    "أعلنت وزارة الداخلية اعتقال خمسة أشخاص في مدينة الإسكندرية بتهمة التخطيط لأعمال عنف.",
    "قُتل ثلاثة جنود وأصيب أربعة آخرون في هجوم بعبوة ناسفة استهدف دورية عسكرية شمال سيناء.",
    "تظاهر المئات في العاصمة الأردنية عمّان احتجاجاً على ارتفاع الأسعار يوم الجمعة.",
    "وقّع وزيرا خارجية البلدين اتفاقية للتعاون الاقتصادي خلال زيارة رسمية إلى الرياض.",
]


def fake_reader(inputs, *, published=None, on_error=None):
    """Stands in for rasid.ingest.read_inputs: each input is either a text or
    an exception to report ("!" + message) or raise ("boom")."""
    for item in inputs:
        if item == "boom":
            raise RuntimeError("reader crashed")
        if item.startswith("!"):
            on_error(InputError(item[1:]))
            continue
        yield Document(text=item, title=item.split()[0], published=published)


class CountingPipeline:
    """Records which texts were analysed; fails on texts containing a marker."""

    def __init__(self, *, fail_on: str | None = None):
        self.seen: list[str] = []
        self.fail_on = fail_on

    def __call__(self, doc: Document) -> Document:
        self.seen.append(doc.text)
        if self.fail_on and self.fail_on in doc.text:
            raise ValueError("stage exploded")
        return doc


def counts(store) -> dict[str, int]:
    st = store.stats()
    return {k: st[k] for k in ("articles", "events", "places", "entities")}


def ingest(store, inputs, **kw) -> IngestReport:
    kw.setdefault("pipeline", CountingPipeline())
    return ingest_paths(store, inputs, reader=fake_reader, progress=False, **kw)


def test_ingest_adds_and_summarises(memory_store):
    report = ingest(memory_store, ARTICLES, published="2024-01-02")
    assert (report.added, report.duplicates, report.rejected, report.ok) == (4, 0, [], True)
    assert report.summary() == "added 4 articles, 0 already stored, 0 rejected"
    assert memory_store.count_articles() == 4
    assert {r["published"] for r in memory_store.list_articles(limit=10, offset=0)} == {"2024-01-02"}


def test_ingest_twice_adds_nothing_and_skips_analysis(memory_store):
    ingest(memory_store, ARTICLES)
    pipeline = CountingPipeline()
    report = ingest(memory_store, ARTICLES + [ARTICLES[0]], pipeline=pipeline)
    assert (report.added, report.duplicates, report.ok) == (0, 5, True)
    assert pipeline.seen == []  # duplicates are recognised before analysis
    assert report.summary() == "added 0 articles, 5 already stored, 0 rejected"


def test_ingest_same_text_twice_in_one_run(memory_store):
    pipeline = CountingPipeline()
    variant = ARTICLES[1].replace("قُتل", "قتل")  # same text once diacritics are folded
    report = ingest(memory_store, [ARTICLES[1], variant], pipeline=pipeline)
    assert (report.added, report.duplicates) == (1, 1)
    assert len(pipeline.seen) == 1


def test_ingest_rejected_input_is_reported_and_not_stored(memory_store):
    ingest(memory_store, ARTICLES[:2])
    before = counts(memory_store)
    report = ingest(memory_store, ["!bad.txt: no Arabic text"])
    assert report.ok is False and report.added == 0
    assert report.rejected == ["bad.txt: no Arabic text"]
    assert report.summary() == "added 0 articles, 0 already stored, 1 rejected (bad.txt: no Arabic text)"
    assert counts(memory_store) == before


def test_ingest_rejects_only_the_bad_input(memory_store):
    report = ingest(memory_store, [ARTICLES[0], "!a.html: empty", ARTICLES[1], "!b.txt: binary"])
    assert report.added == 2 and len(report.rejected) == 2 and not report.ok
    assert report.summary().endswith("2 rejected (first: a.html: empty)")


def test_ingest_pipeline_failure_rejects_that_document(memory_store):
    report = ingest(memory_store, ARTICLES, pipeline=CountingPipeline(fail_on="سيناء"))
    assert report.added == 3 and len(report.rejected) == 1
    assert "analysis failed: ValueError: stage exploded" in report.rejected[0]
    assert memory_store.search("سيناء") == []


def test_ingest_crash_mid_batch_rolls_back_that_batch(memory_store):
    with pytest.raises(RuntimeError, match="reader crashed"):
        ingest(memory_store, [ARTICLES[0], ARTICLES[1], ARTICLES[2], "boom", ARTICLES[3]], batch_size=2)
    # The first batch was committed; the half-read second batch left nothing.
    assert memory_store.count_articles() == 2
    assert memory_store.search("عمان") == []
    report = ingest(memory_store, ARTICLES, batch_size=2)
    assert (report.added, report.duplicates) == (2, 2)


def test_ingest_batch_refused_by_database_falls_back_per_document(memory_store):
    def duplicate_event_ids(doc: Document) -> Document:
        if "سيناء" in doc.text:
            from rasid.document import Event, Mention, Sentence

            ev = Event(id="e1", type="ASSAULT", mode=None, trigger=Mention("هجوم", 0, 4),
                       sentence=Sentence(0, len(doc.text)))
            doc.events = [ev, ev]
        return doc

    report = ingest(memory_store, ARTICLES, pipeline=duplicate_event_ids)
    assert report.added == 3 and len(report.rejected) == 1 and "cannot be stored" in report.rejected[0]
    assert counts(memory_store) == {"articles": 3, "events": 0, "places": 0, "entities": 0}


@pytest.mark.parametrize("limit, added", [(0, 0), (1, 1), (3, 3), (10, 4)])
def test_ingest_limit(memory_store, limit, added):
    report = ingest(memory_store, ARTICLES, limit=limit)
    assert report.added == added and memory_store.count_articles() == added


def test_ingest_limit_counts_documents_read(memory_store):
    ingest(memory_store, ARTICLES[:2])
    report = ingest(memory_store, ARTICLES, limit=3)
    assert (report.added, report.duplicates) == (1, 2)


class Terminal(io.StringIO):
    def isatty(self) -> bool:
        return True


def test_ingest_progress_bar_on_terminal_only(memory_store, monkeypatch, capsys):
    ingest_paths(memory_store, ARTICLES[:2], reader=fake_reader, pipeline=CountingPipeline(), progress=True)
    assert capsys.readouterr().err == ""  # not a terminal: no bar
    term = Terminal()
    monkeypatch.setattr("sys.stderr", term)
    ingest_paths(memory_store, ARTICLES[2:], reader=fake_reader, pipeline=CountingPipeline(), progress=True)
    assert "ingest" in term.getvalue() and "2" in term.getvalue()
    term2 = Terminal()
    monkeypatch.setattr("sys.stderr", term2)
    ingest_paths(memory_store, ARTICLES, reader=fake_reader, pipeline=CountingPipeline(), progress=False)
    assert term2.getvalue() == ""


# --- with the real reader and the CLI ---------------------------------------------------

def _needs_reader():
    import rasid.ingest

    if not hasattr(rasid.ingest, "read_inputs"):
        pytest.skip("rasid.ingest.read_inputs is not written yet")


@pytest.fixture
def corpus(tmp_path) -> Path:
    d = tmp_path / "corpus"
    d.mkdir()
    for i, text in enumerate(ARTICLES[:3]):
        (d / f"a{i}.txt").write_text(f"عنوان الخبر رقم {i}\n\n{text}\n", encoding="utf-8")
    with (d / "feed.jsonl").open("w", encoding="utf-8") as fh:
        fh.write(json.dumps({"id": "feed-1", "text": ARTICLES[3], "title": "اتفاقية",
                             "published": "2024-02-01"}, ensure_ascii=False) + "\n")
    return d


def test_cli_ingest_twice_adds_nothing(run_cli, db_path, corpus):
    _needs_reader()
    res = run_cli("ingest", corpus, "--quiet")
    assert res.code == 0, res.err
    assert "added 4 articles, 0 already stored, 0 rejected" in res.out
    with open_store(db_path, create=False) as store:
        before = counts(store)
        assert store.get_article("feed-1")["published"] == "2024-02-01"
    res = run_cli("ingest", corpus, "--quiet")
    assert res.code == 0
    assert "added 0 articles, 4 already stored, 0 rejected" in res.out
    with open_store(db_path, create=False) as store:
        assert counts(store) == before
    res = run_cli("search", "الاسكندريه")
    assert res.code == 0 and "[الإسكندرية]" in res.out


def test_cli_ingest_bad_input_leaves_store_unchanged(run_cli, db_path, corpus, tmp_path):
    _needs_reader()
    assert run_cli("ingest", corpus, "--quiet").code == 0
    with open_store(db_path, create=False) as store:
        before = counts(store)
    bad = tmp_path / "bad.txt"
    bad.write_bytes(b"\x00\x01\x02 not text at all \xff\xfe")
    res = run_cli("ingest", bad, "--quiet")
    assert res.code == 1
    assert "added 0 articles, 0 already stored, 1 rejected" in res.out
    with open_store(db_path, create=False) as store:
        assert counts(store) == before


def test_cli_ingest_limit(run_cli, db_path, corpus):
    _needs_reader()
    res = run_cli("ingest", corpus, "--quiet", "--limit", "2")
    assert res.code == 0 and "added 2 articles" in res.out


@pytest.mark.parametrize("name, data", [
    ("empty.txt", b""),
    ("binary.txt", b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + bytes(300)),
    ("latin1.txt", "d\u00e9j\u00e0 vu, \u00e7a va tr\u00e8s bien".encode("latin-1")),
    ("english.txt", b"Breaking news\n\nThe army said on Thursday it had taken the city.\n"),
    ("broken.html", b"<html><head><title>x</title><body><div><nav><a href='/'>Home</a"),
    ("huge.txt", None),
])
def test_cli_ingest_each_bad_input_one_line_store_unchanged(run_cli, db_path, corpus, tmp_path, name, data):
    _needs_reader()
    assert run_cli("ingest", corpus, "--quiet").code == 0
    with open_store(db_path, create=False) as store:
        before = counts(store)
    bad = tmp_path / name
    if data is None:  # a sparse 50 MB file: refused by its size, never read whole
        with bad.open("wb") as fh:
            fh.truncate(50 * 1024 * 1024)
    else:
        bad.write_bytes(data)
    res = run_cli("ingest", bad, "--quiet")
    assert res.code != 0
    lines = res.err.splitlines()
    assert len(lines) == 1 and lines[0].startswith("rasid: error: ") and name in lines[0], res.err
    assert "Traceback" not in res.err
    with open_store(db_path, create=False) as store:
        assert counts(store) == before
