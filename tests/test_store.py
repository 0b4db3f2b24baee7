"""The SQLite store: opening, migrations, add/has, search, export, read API."""

from __future__ import annotations

import csv
import io
import json
import sqlite3
import threading

import pytest

from rasid.contract import validate
from rasid.document import (Actor, Document, Entity, Event, Mention, Place, Sentence,
                            TimeSpan)
from rasid.errors import StoreError
from rasid.store import content_hash, open_store
from rasid.store.migrate import default_dir, load_migrations

# --- documents built in code ---------------------------------------------------


def span(text: str, part: str, *, after: int = 0) -> tuple[int, int]:
    start = text.index(part, after)
    return start, start + len(part)


def attack_doc(*, text: str | None = None, title: str = "هجوم على مستشفى في القاهرة",
               published: str = "2024-03-05", source: str = "وكالة الأنباء",
               doc_id: str | None = None) -> Document:
    """An article with one attack event, a located place, an actor and a time."""
    text = text or ("قال مصدر أمني إن مُسلحين هاجموا مستشفى في القاهرة يوم الثلاثاء، "
                    "ما أسفر عن مقتل ثلاثة أشخاص وإصابة خمسة آخرين. "
                    "واتهمت الحكومة جماعة الإرهاب بالوقوف وراء الهجوم.")
    doc = Document(text=text, id=doc_id, title=title, source=source, published=published)
    doc.sentences = [Sentence(0, text.index(".") + 1), Sentence(text.index(".") + 2, len(text))]
    s, e = span(text, "مُسلحين")
    gunmen = Mention(text[s:e], s, e, actor_id=None)
    s, e = span(text, "مستشفى")
    hospital = Mention(text[s:e], s, e)
    s, e = span(text, "القاهرة")
    cairo = Place(text[s:e], s, e, name="Cairo", country="EG", admin1="Cairo", lat=30.0444,
                  lon=31.2357, feature="PPLC", geonames_id=360630, precision=1)
    doc.places = [cairo]
    gs, ge = span(text, "الحكومة")
    doc.entities = [Entity(text[s:e], s, e, "LOC"), Entity(text[gs:ge], gs, ge, "ORG", actor_id="gov-eg")]
    doc.actors = [Actor("gov-eg", "الحكومة المصرية", "Government of Egypt", "State Forces", "EGY")]
    ts, te = span(text, "يوم الثلاثاء")
    doc.times = [TimeSpan(text[ts:te], ts, te, "2024-03-05", "day")]
    s, e = span(text, "هاجموا")
    doc.events = [Event(
        id="e1", type="ASSAULT", mode="firearms", trigger=Mention(text[s:e], s, e),
        sentence=doc.sentences[0], acled_event_type="Violence against civilians",
        acled_sub_event_type="Attack", actor=gunmen, target=hospital, place=cairo,
        date="2024-03-05", date_precision="day", fatalities=3, injured=5,
        modality="asserted", reported_by="مصدر أمني", confidence=0.8)]
    s, e = span(text, "اتهمت")
    doc.events.append(Event(
        id="e2", type="ACCUSE", mode=None, trigger=Mention(text[s:e], s, e),
        sentence=doc.sentences[1], actor=Mention(text[gs:ge], gs, ge, "gov-eg"),
        modality="asserted", confidence=0.6))
    return doc


def plain_doc(text: str, *, title: str | None = None, published: str | None = None) -> Document:
    """An article with no analysis layers."""
    return Document(text=text, title=title, published=published)


def row_counts(store) -> dict[str, int]:
    return {k: store.stats()[k] for k in ("articles", "events", "places", "entities")}


@pytest.fixture
def filled(memory_store):
    memory_store.add(attack_doc())
    memory_store.add(plain_doc("أعلنت وزارة الصحة في غزة ارتفاع عدد الضحايا إلى عشرين شخصاً.",
                               title="وزارة الصحة", published="2024-03-07"))
    return memory_store


def test_fixture_docs_keep_the_contract():
    assert validate(attack_doc().to_contract()) == []


# --- opening ---------------------------------------------------------------------

def test_open_store_creates_file_with_wal(tmp_path):
    path = tmp_path / "sub" / "x.db"
    with open_store(path) as store:
        assert store.version == len(load_migrations())
        assert store.conn.execute("PRAGMA journal_mode").fetchone()[0] == "wal"
    assert path.is_file()


def test_open_store_uses_env_var(db_path):
    with open_store() as store:
        assert store.where == str(db_path)
    assert db_path.is_file()


def test_open_store_default_in_user_data_dir(tmp_path, monkeypatch):
    import platformdirs

    monkeypatch.delenv("RASID_DB", raising=False)
    monkeypatch.setattr(platformdirs, "user_data_dir", lambda *a, **k: str(tmp_path / "data" / "rasid"))
    with open_store() as store:
        assert store.where == str(tmp_path / "data" / "rasid" / "rasid.db")


def test_open_store_missing_file_without_create(tmp_path):
    path = tmp_path / "none.db"
    with pytest.raises(StoreError, match="no store at .*run 'rasid ingest' first"):
        open_store(path, create=False)
    assert not path.exists()


@pytest.mark.parametrize("url", ["postgresql://u@localhost/rasid", "postgres://localhost/x"])
def test_open_store_postgres_not_supported(url):
    with pytest.raises(StoreError, match="PostgreSQL is not supported yet"):
        open_store(url)


@pytest.mark.parametrize("content", [b"this is not a database, just some text\n" * 200,
                                     "نص عربي وليس قاعدة بيانات".encode() * 100])
def test_open_store_not_sqlite(tmp_path, content):
    path = tmp_path / "bad.db"
    path.write_bytes(content)
    with pytest.raises(StoreError, match="not a rasid store") as info:
        open_store(path)
    assert "\n" not in str(info.value)
    assert path.read_bytes() == content


def test_open_store_foreign_sqlite_database(tmp_path):
    path = tmp_path / "other.db"
    conn = sqlite3.connect(path)
    conn.execute("CREATE TABLE stuff (x)")
    conn.commit()
    conn.close()
    with pytest.raises(StoreError, match="not a rasid store"):
        open_store(path)


def test_open_store_newer_schema(tmp_path):
    path = tmp_path / "new.db"
    open_store(path).close()
    conn = sqlite3.connect(path)
    conn.execute("PRAGMA user_version = 99")
    conn.close()
    with pytest.raises(StoreError, match="schema version 99, newer"):
        open_store(path)


def test_cli_search_without_store_is_one_line_error(run_cli, db_path):
    res = run_cli("search", "القاهرة")
    assert res.code == 1
    assert res.err.startswith("rasid: error: no store at") and res.err.count("\n") == 1


# --- migrations ------------------------------------------------------------------

@pytest.fixture
def migrations_v2(tmp_path):
    """The shipped migrations plus a second one that adds a column and a table."""
    d = tmp_path / "migrations"
    d.mkdir()
    for entry in default_dir().iterdir():
        if entry.name.endswith(".sql"):
            (d / entry.name).write_text(entry.read_text(encoding="utf-8"), encoding="utf-8")
    n = len(load_migrations(d))
    (d / f"{n + 1:04d}_notes.sql").write_text(
        "ALTER TABLE articles ADD COLUMN note TEXT;\n"
        "CREATE TABLE notes (id INTEGER PRIMARY KEY, body TEXT);\n"
        "UPDATE articles SET note = 'migrated';\n", encoding="utf-8")
    return d, n


def test_migrations_upgrade_existing_store(tmp_path, migrations_v2):
    directory, n = migrations_v2
    path = tmp_path / "m.db"
    with open_store(path) as store:
        assert store.version == n
        store.add(attack_doc())
    with open_store(path, migrations=directory) as store:
        assert store.version == n + 1
        assert store.conn.execute("SELECT note FROM articles").fetchall() == [("migrated",)]
        assert store.count_articles() == 1
    # Opening again applies nothing more, and the old code refuses the newer store.
    with open_store(path, migrations=directory) as store:
        assert store.version == n + 1
    with pytest.raises(StoreError, match="newer"):
        open_store(path)


def test_migrations_failing_one_rolls_back(tmp_path, migrations_v2):
    directory, n = migrations_v2
    (directory / f"{n + 2:04d}_broken.sql").write_text(
        "CREATE TABLE half (x);\nTHIS IS NOT SQL;\n", encoding="utf-8")
    path = tmp_path / "m.db"
    open_store(path).close()
    with pytest.raises(StoreError, match=f"schema version {n + 2}"):
        open_store(path, migrations=directory)
    conn = sqlite3.connect(path)
    assert conn.execute("PRAGMA user_version").fetchone()[0] == n + 1
    assert conn.execute("SELECT count(*) FROM sqlite_master WHERE name = 'half'").fetchone()[0] == 0
    conn.close()


def test_migrations_numbering_without_gaps(tmp_path):
    (tmp_path / "0001_a.sql").write_text("CREATE TABLE a (x);")
    (tmp_path / "0003_c.sql").write_text("CREATE TABLE c (x);")
    with pytest.raises(RuntimeError, match="without gaps"):
        load_migrations(tmp_path)


# --- add / has -------------------------------------------------------------------

def test_content_hash_ignores_diacritics_and_spacing():
    assert content_hash("قتل  مُسلحون\nثلاثة") == content_hash("قتل مسلحون ثلاثة")
    assert content_hash("قتل مسلحون") != content_hash("قتل مسلحين")
    assert len(content_hash("نص")) == 64


def test_store_add_is_idempotent(memory_store):
    doc = attack_doc()
    assert memory_store.has(content_hash(doc.text)) is False
    assert memory_store.add(doc) is True
    assert memory_store.has(content_hash(doc.text)) is True
    before = row_counts(memory_store)
    assert before == {"articles": 1, "events": 2, "places": 1, "entities": 2}
    assert memory_store.add(attack_doc()) is False
    assert row_counts(memory_store) == before


def test_store_add_many_counts_duplicates_within_a_batch(memory_store):
    docs = [attack_doc(), plain_doc("نص عربي أول عن الاشتباكات في المدينة"),
            attack_doc(), plain_doc("نص عربي ثان عن الاشتباكات في الريف")]
    assert memory_store.add_many(docs, batch_size=3) == (3, 1)
    assert memory_store.count_articles() == 3


def test_store_add_many_rolls_back_failed_batch(memory_store):
    good = plain_doc("خبر سليم عن اجتماع الوزراء في العاصمة")
    bad = attack_doc()
    bad.events[1].id = bad.events[0].id  # two events with one id: the insert fails
    with pytest.raises(sqlite3.IntegrityError):
        memory_store.add_many([good, bad])
    assert row_counts(memory_store) == {"articles": 0, "events": 0, "places": 0, "entities": 0}
    assert memory_store.search("الوزراء") == []


def test_store_same_id_other_text_gets_own_id(memory_store):
    a = plain_doc("الخبر الأول عن الانتخابات")
    b = plain_doc("الخبر الثاني عن الانتخابات")
    a.id = b.id = "1"
    assert memory_store.add_many([a, b]) == (2, 0)
    ids = [r["id"] for r in memory_store.list_articles(limit=10, offset=0)]
    assert "1" in ids and len(set(ids)) == 2
    other = next(i for i in ids if i != "1")
    assert memory_store.get_article(other)["id"] == other


# --- search ----------------------------------------------------------------------

@pytest.mark.parametrize("stored, query", [
    ("الإرهاب", "الارهاب"),
    ("مُسلحين", "مسلحين"),
    ("القاهرة", "القاهره"),
    ("مستشفى", "مستشفي"),
    ("مسلحين", "مُسَلَّحِين"),
    ("الأمن", "الامن"),
    ("آلاف", "الاف"),
    ("الشـــرطة", "الشرطة"),
])
def test_search_matches_across_spelling_variants(memory_store, stored, query):
    text = f"ذكرت التقارير أن {stored} كان محور الحديث في الاجتماع الأخير للجنة."
    memory_store.add(plain_doc(text, title="تقرير"))
    memory_store.add(plain_doc("خبر آخر لا علاقة له بالموضوع إطلاقا ولا يذكر شيئا."))
    hits = memory_store.search(query)
    assert len(hits) == 1
    assert f"[{stored}]" in hits[0]["snippet"]


def test_search_result_fields(filled):
    hits = filled.search("القاهرة")
    assert len(hits) == 1
    hit = hits[0]
    assert {"id", "published", "title", "source", "snippet"} <= set(hit)
    assert hit["title"] == "هجوم على مستشفى في القاهرة"
    assert hit["published"] == "2024-03-05"
    assert "[القاهرة]" in hit["snippet"]
    # The snippet shows the article's own spelling, diacritics included.
    assert "مُسلحين" in hit["snippet"]


def test_search_title_only_match(filled):
    assert [h["title"] for h in filled.search("وزارة")] == ["وزارة الصحة"]
    assert filled.search("title:القاهره")[0]["title"] == "هجوم على مستشفى في القاهرة"


def test_search_phrase_query(filled):
    assert len(filled.search('"هاجموا مستشفي"')) == 1
    assert filled.search('"مستشفي هاجموا"') == []
    hit = filled.search('"هاجموا مستشفى"')[0]
    assert "[هاجموا مستشفى]" in hit["snippet"]


def test_search_all_words_must_match(filled):
    assert len(filled.search("مسلحين القاهرة")) == 1
    assert filled.search("مسلحين غزة") == []
    assert len(filled.search("مسلحين OR غزة")) == 2


@pytest.mark.parametrize("query", ['"القاهرة', "(", ")", "AND", "القاهرة AND", "*", "foo:bar",
                                   "القاهرة-غزة", "NEAR(", "'; DROP TABLE articles; --", "", "   ",
                                   "؟!", "^", "القاهرة:"])
def test_search_invalid_fts_never_raises(filled, query):
    hits = filled.search(query)
    assert isinstance(hits, list)
    if query.strip():
        assert filled.count_articles(q=query) == len(hits)
        assert len(filled.list_articles(limit=10, offset=0, q=query)) == len(hits)
    assert filled.count_articles() == 2


def test_search_invalid_fts_falls_back_to_words(filled):
    assert [h["title"] for h in filled.search('"القاهرة')] == ["هجوم على مستشفى في القاهرة"]
    assert len(filled.search("القاهرة-مسلحين")) == 1
    assert len(filled.search("القاهرة AND")) == 1
    assert filled.search("؟!") == []


def test_search_limit_offset(memory_store):
    for i in range(5):
        memory_store.add(plain_doc(f"خبر رقم {i} عن الاحتجاجات في الشارع {'و' * (i + 1)}"))
    assert len(memory_store.search("الاحتجاجات", limit=2)) == 2
    ids = [h["id"] for h in memory_store.search("الاحتجاجات", limit=10)]
    assert [h["id"] for h in memory_store.search("الاحتجاجات", limit=2, offset=3)] == ids[3:5]


def test_cli_search_prints_hits(run_cli, db_path):
    with open_store(db_path) as store:
        store.add(attack_doc())
    res = run_cli("search", "القاهره")
    assert res.code == 0
    assert "[القاهرة]" in res.out and "1 result(s)" in res.err
    res = run_cli("search", '"القاهره', "--format", "jsonl")
    assert res.code == 0 and json.loads(res.out.splitlines()[0])["published"] == "2024-03-05"


# --- export ----------------------------------------------------------------------

def test_export_jsonl_round_trips_contract(filled):
    buf = io.StringIO()
    assert filled.export(buf, fmt="jsonl", what="articles") == 2
    objs = [json.loads(line) for line in buf.getvalue().splitlines()]
    assert len(objs) == 2
    assert objs[0] == attack_doc().to_contract()
    for obj in objs:
        assert validate(obj) == []


def test_export_jsonl_events(filled):
    buf = io.StringIO()
    assert filled.export(buf, fmt="jsonl", what="events") == 2
    evs = [json.loads(line) for line in buf.getvalue().splitlines()]
    expected = attack_doc()
    assert evs[0] == {"article_id": expected.id, **expected.events[0].to_contract()}


def test_export_csv_events(filled):
    buf = io.StringIO()
    assert filled.export(buf, fmt="csv", what="events") == 2
    rows = list(csv.DictReader(io.StringIO(buf.getvalue())))
    assert len(rows) == 2
    first = rows[0]
    assert first["article_title"] == "هجوم على مستشفى في القاهرة"
    assert first["article_published"] == "2024-03-05"
    assert first["type"] == "ASSAULT" and first["fatalities"] == "3" and first["injured"] == "5"
    assert first["place_name"] == "Cairo" and float(first["place_lat"]) == pytest.approx(30.0444)
    assert first["actor_text"] == "مُسلحين" and first["reported_by"] == "مصدر أمني"
    assert rows[1]["type"] == "ACCUSE" and rows[1]["place_name"] == ""


def test_export_csv_articles_without_body(filled):
    buf = io.StringIO()
    assert filled.export(buf, fmt="csv", what="articles") == 2
    rows = list(csv.DictReader(io.StringIO(buf.getvalue())))
    assert [r["title"] for r in rows] == ["هجوم على مستشفى في القاهرة", "وزارة الصحة"]
    assert "text" not in rows[0] and rows[0]["n_events"] == "2"


def test_export_empty_store_has_header(memory_store):
    buf = io.StringIO()
    assert memory_store.export(buf, fmt="csv", what="events") == 0
    assert buf.getvalue().startswith("article_id,article_title,")


def test_export_unknown_format(memory_store):
    with pytest.raises(StoreError, match="unknown export format"):
        memory_store.export(io.StringIO(), fmt="xml", what="articles")


def test_cli_export_to_file(run_cli, db_path, tmp_path):
    with open_store(db_path) as store:
        store.add(attack_doc())
    out = tmp_path / "events.csv"
    res = run_cli("export", "--format", "csv", "-o", out)
    assert res.code == 0 and "exported 2 events" in res.err
    assert out.read_text(encoding="utf-8").count("\n") == 3
    res = run_cli("export")
    assert res.code == 0 and json.loads(res.out)["events"][0]["fatalities"] == 3


# --- read API ----------------------------------------------------------------------

def test_list_and_get_articles(filled):
    assert filled.count_articles() == 2
    rows = filled.list_articles(limit=10, offset=0)
    assert [r["title"] for r in rows] == ["وزارة الصحة", "هجوم على مستشفى في القاهرة"]  # newest first
    assert set(rows[0]) == {"id", "title", "source", "published", "url", "n_events", "n_places"}
    assert rows[1]["n_events"] == 2 and rows[1]["n_places"] == 1
    assert filled.list_articles(limit=1, offset=1) == rows[1:]
    assert filled.get_article(rows[1]["id"]) == attack_doc().to_contract()
    assert filled.get_article("nope") is None


def test_list_articles_with_query(filled):
    assert filled.count_articles(q="غزه") == 1
    assert [r["title"] for r in filled.list_articles(limit=10, offset=0, q="غزه")] == ["وزارة الصحة"]


def test_list_and_count_events(filled):
    doc_id = attack_doc().id
    assert filled.count_events() == 2
    assert filled.count_events(type="ASSAULT") == 1
    assert filled.count_events(with_place=True) == 1
    assert filled.count_events(with_place=False) == 1
    assert filled.count_events(article_id=doc_id) == 2
    evs = filled.list_events(limit=10, offset=0, type="ASSAULT")
    assert len(evs) == 1
    ev = evs[0]
    assert ev["article_title"] == "هجوم على مستشفى في القاهرة"
    assert ev["event_id"] == "e1" and ev["place_country"] == "EG" and ev["fatalities"] == 3
    assert ev["trigger_text"] == "هاجموا"
    assert filled.list_events(limit=10, offset=0, with_place=True) == evs


def test_stats(filled):
    st = filled.stats()
    assert st["articles"] == 2 and st["events"] == 2 and st["places"] == 1 and st["entities"] == 2
    assert st["events_by_type"] == {"ACCUSE": 1, "ASSAULT": 1}
    assert st["published_first"] == "2024-03-05" and st["published_last"] == "2024-03-07"


def test_store_shared_across_threads(tmp_path):
    errors: list[BaseException] = []
    with open_store(tmp_path / "t.db") as store:
        def work(i: int) -> None:
            try:
                for j in range(5):
                    store.add(plain_doc(f"خبر من الخيط {i} رقم {j} عن المفاوضات"))
                    store.search("المفاوضات")
                    store.list_articles(limit=5, offset=0)
            except BaseException as exc:  # pragma: no cover - reported below
                errors.append(exc)

        threads = [threading.Thread(target=work, args=(i,)) for i in range(4)]
        for t in threads:
            t.start()
        for t in threads:
            t.join()
        assert errors == []
        assert store.count_articles() == 20


def test_store_indexes_pipeline_norm_like_its_own(memory_store):
    from rasid.text.normalise import STAGE as normalise_stage

    doc = normalise_stage(attack_doc())
    assert doc.norm
    assert memory_store.add(doc) is True
    assert memory_store.has(content_hash(doc.text))
    assert memory_store.add(attack_doc()) is False
    assert "[القاهرة]" in memory_store.search("القاهره")[0]["snippet"]
