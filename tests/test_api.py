"""The REST API and the dashboard pages, through FastAPI's TestClient over an
in-memory store filled with articles built in code."""

from __future__ import annotations

import json
import re
from pathlib import Path
from html.parser import HTMLParser

import pytest
from fastapi.testclient import TestClient

from rasid.api.app import create_app, event_feature, missing_vendor_files
from rasid.document import Document, Entity, Event, Mention, Place, Quote, Sentence, TimeSpan
from rasid.settings import get as setting
from rasid.web.highlight import Mark, marks_from_contract, render_marked

import rasid.web

REPO_STATIC = Path(rasid.web.__file__).parent / "static"

# --- articles built in code ---------------------------------------------------------

CAIRO = ("القاهرة", "Cairo", "EG", 30.0444, 31.2357)
TRIPOLI = ("طرابلس", "Tripoli", "LY", 32.8872, 13.1913)
SABHA = ("سبها", "Sabha", "LY", 27.0377, 14.4283)


def _at(text: str, sub: str, nth: int = 0) -> tuple[int, int]:
    start = -1
    for _ in range(nth + 1):
        start = text.index(sub, start + 1)
    return start, start + len(sub)


def _ent(text: str, sub: str, type_: str, nth: int = 0) -> Entity:
    s, e = _at(text, sub, nth)
    return Entity(sub, s, e, type_)


def _place(text: str, where: tuple, nth: int = 0) -> Place:
    sub, name, country, lat, lon = where
    s, e = _at(text, sub, nth)
    return Place(sub, s, e, name, country, None, lat, lon, "PPLC" if name != "Sabha" else "PPLA",
                 None, 1)


def _mention(text: str, sub: str) -> Mention:
    s, e = _at(text, sub)
    return Mention(sub, s, e)


def _time(text: str, sub: str, value: str | None, precision: str | None) -> TimeSpan:
    s, e = _at(text, sub)
    return TimeSpan(sub, s, e, value, precision)


def _sentence(text: str, sub: str) -> Sentence:
    s, e = _at(text, sub)
    return Sentence(s, e)


def sample_documents() -> list[Document]:
    """Three short Arabic articles with every kind of span and four geocoded events."""
    t1 = ("استقبل الرئيس المصري عبد الفتاح السيسي في القاهرة يوم الخميس قائد الجيش الليبي "
          "خليفة حفتر. وقال السيسي إن «مصر تدعم جهود مكافحة الإرهاب في ليبيا».")
    cairo = _place(t1, CAIRO)
    d1 = Document(
        t1, id="cairo-meeting", title="السيسي يستقبل حفتر في القاهرة", source="الأهرام",
        url="https://example.org/ahram/1", published="2019-05-09",
        entities=[_ent(t1, "عبد الفتاح السيسي", "PER"), _ent(t1, "القاهرة", "LOC"),
                  _ent(t1, "الجيش الليبي", "ORG"), _ent(t1, "خليفة حفتر", "PER"),
                  _ent(t1, "السيسي", "PER", 1), _ent(t1, "مصر", "LOC", 1), _ent(t1, "ليبيا", "LOC")],
        places=[cairo],
        times=[_time(t1, "يوم الخميس", "2019-05-09", "day")],
        quotes=[Quote("السيسي", None, "«مصر تدعم جهود مكافحة الإرهاب في ليبيا»",
                      *_at(t1, "«مصر تدعم جهود مكافحة الإرهاب في ليبيا»"))],
        events=[Event("e1", "CONSULT", "visit", _mention(t1, "استقبل"),
                      _sentence(t1, t1[:t1.index(".") + 1]),
                      actor=_mention(t1, "عبد الفتاح السيسي"), target=_mention(t1, "خليفة حفتر"),
                      place=cairo, date="2019-05-09", date_precision="day", confidence=0.8)],
    )
    t2 = ("قتل ثلاثة مدنيين وأصيب خمسة آخرون في قصف استهدف حيا سكنيا جنوب طرابلس أمس الأحد. "
          "وتظاهر العشرات في طرابلس احتجاجا على القصف.")
    tripoli, tripoli2 = _place(t2, TRIPOLI), _place(t2, TRIPOLI, 1)
    d2 = Document(
        t2, id="tripoli-shelling", title="قتلى وجرحى في قصف جنوب طرابلس", source="الوسط",
        url="https://example.org/wasat/2", published="2019-05-13",
        entities=[_ent(t2, "طرابلس", "LOC"), _ent(t2, "طرابلس", "LOC", 1)],
        places=[tripoli, tripoli2],
        times=[_time(t2, "أمس الأحد", "2019-05-12", "day")],
        events=[Event("e1", "ASSAULT", "aerial", _mention(t2, "قصف"), _sentence(t2, t2[:t2.index(".") + 1]),
                      acled_event_type="Explosions/Remote violence",
                      acled_sub_event_type="Shelling/artillery/missile attack",
                      target=_mention(t2, "مدنيين"), place=tripoli, date="2019-05-12",
                      date_precision="day", fatalities=3, injured=5),
                Event("e2", "PROTEST", "demonstrate", _mention(t2, "تظاهر"),
                      _sentence(t2, "وتظاهر العشرات في طرابلس احتجاجا على القصف."),
                      actor=_mention(t2, "العشرات"), place=tripoli2, date="2019-05-12",
                      date_precision="day")],
    )
    t3 = ("اعتقلت قوة أمنية أربعة أشخاص في مدينة سبها جنوب ليبيا في 12 مايو 2019. "
          "وهددت الحكومة بفرض عقوبات على المهربين.")
    sabha = _place(t3, SABHA)
    d3 = Document(
        t3, id="sabha-arrests", title="اعتقال أربعة أشخاص في سبها", source="بوابة الوسط",
        published="2019-05-14",
        entities=[_ent(t3, "سبها", "LOC"), _ent(t3, "ليبيا", "LOC"), _ent(t3, "الحكومة", "ORG")],
        places=[sabha],
        times=[_time(t3, "12 مايو 2019", "2019-05-12", "day")],
        events=[Event("e1", "COERCE", "arrest", _mention(t3, "اعتقلت"), _sentence(t3, t3[:t3.index(".") + 1]),
                      actor=_mention(t3, "قوة أمنية"), target=_mention(t3, "أربعة أشخاص"),
                      place=sabha, date="2019-05-12", date_precision="day", arrested=4),
                Event("e2", "THREATEN", "sanction", _mention(t3, "هددت"),
                      _sentence(t3, "وهددت الحكومة بفرض عقوبات على المهربين."),
                      actor=_mention(t3, "الحكومة"), target=_mention(t3, "المهربين"))],
    )
    return [d1, d2, d3]


def fill(store) -> list[Document]:
    docs = sample_documents()
    for doc in docs:
        assert store.add(doc)
    return docs


@pytest.fixture
def client(memory_store):
    fill(memory_store)
    with TestClient(create_app(memory_store)) as c:
        yield c


# --- articles -------------------------------------------------------------------------

def test_articles_lists_all_with_total(client):
    body = client.get("/api/articles").json()
    assert body["total"] == 3
    assert body["offset"] == 0 and body["limit"] == setting("serve", "page_size")
    assert {a["id"] for a in body["items"]} == {"cairo-meeting", "tripoli-shelling", "sabha-arrests"}
    item = next(a for a in body["items"] if a["id"] == "tripoli-shelling")
    assert item["n_events"] == 2 and item["source"] == "الوسط"


def test_articles_paginates(client):
    first = client.get("/api/articles", params={"limit": 2, "offset": 0}).json()
    second = client.get("/api/articles", params={"limit": 2, "offset": 2}).json()
    assert len(first["items"]) == 2 and len(second["items"]) == 1
    assert first["total"] == second["total"] == 3
    ids = [a["id"] for a in first["items"] + second["items"]]
    assert len(set(ids)) == 3


@pytest.mark.parametrize("query,expected", [
    ("سبها", {"sabha-arrests"}),
    ("طرابلس", {"tripoli-shelling"}),
    ("حفتر", {"cairo-meeting"}),
])
def test_articles_search_q(client, query, expected):
    body = client.get("/api/articles", params={"q": query}).json()
    assert {a["id"] for a in body["items"]} == expected
    assert body["total"] == len(expected)


@pytest.mark.parametrize("params", [
    {"limit": 0}, {"limit": -1}, {"limit": 10_000_000}, {"offset": -1}, {"limit": "many"},
])
def test_articles_rejects_bad_paging(client, params):
    resp = client.get("/api/articles", params=params)
    assert resp.status_code == 422
    assert resp.headers["content-type"].startswith("application/json")
    assert resp.json()["detail"]


def test_articles_accepts_max_page_size(client):
    limit = setting("serve", "max_page_size")
    assert client.get("/api/articles", params={"limit": limit}).status_code == 200
    assert client.get("/api/articles", params={"limit": limit + 1}).status_code == 422


def test_article_returns_contract(client, memory_store):
    doc = client.get("/api/articles/cairo-meeting").json()
    assert doc["schema"] == "rasid.document/1"
    assert doc["title"] == "السيسي يستقبل حفتر في القاهرة"
    for span in doc["entities"] + doc["places"] + doc["times"] + doc["quotes"]:
        assert doc["text"][span["start"]:span["end"]] == span["text"]
    assert doc["events"][0]["place"]["name"] == "Cairo"


@pytest.mark.parametrize("article_id", ["a/b c", "خبر-١", "x?y#z", "100%"])
def test_article_odd_ids_round_trip(memory_store, article_id):
    from urllib.parse import quote

    memory_store.add(Document("هذا نص عربي طويل بما يكفي للتجربة هنا " + article_id, id=article_id))
    with TestClient(create_app(memory_store)) as c:
        listed = c.get("/api/articles").json()["items"][0]["id"]
        assert listed == article_id
        assert c.get("/api/articles/" + quote(article_id, safe="")).json()["id"] == article_id
        assert c.get("/articles/" + quote(article_id, safe="")).status_code == 200


def test_article_missing_is_json_404(client):
    resp = client.get("/api/articles/no-such-id")
    assert resp.status_code == 404
    assert "no-such-id" in resp.json()["detail"]


# --- events -----------------------------------------------------------------------------

def test_events_lists_and_filters(client):
    all_ = client.get("/api/events").json()
    assert all_["total"] == 5 and len(all_["items"]) == 5
    assault = client.get("/api/events", params={"type": "ASSAULT"}).json()
    assert assault["total"] == 1
    row = assault["items"][0]
    assert (row["article_id"], row["fatalities"], row["injured"]) == ("tripoli-shelling", 3, 5)
    assert client.get("/api/events", params={"article_id": "sabha-arrests"}).json()["total"] == 2
    assert client.get("/api/events", params={"with_place": "true"}).json()["total"] == 4
    unplaced = client.get("/api/events", params={"with_place": "false"}).json()
    assert [e["type"] for e in unplaced["items"]] == ["THREATEN"]


def test_events_paginates(client):
    pages = [client.get("/api/events", params={"limit": 2, "offset": o}).json() for o in (0, 2, 4)]
    assert [len(p["items"]) for p in pages] == [2, 2, 1]
    keys = {(e["article_id"], e["event_id"]) for p in pages for e in p["items"]}
    assert len(keys) == 5


@pytest.mark.parametrize("params", [{"limit": 0}, {"offset": -5}, {"with_place": "maybe"}])
def test_events_rejects_bad_params(client, params):
    resp = client.get("/api/events", params=params)
    assert resp.status_code == 422
    assert resp.json()["detail"]


def test_events_geojson_shape(client):
    resp = client.get("/api/events.geojson")
    assert resp.status_code == 200
    assert resp.headers["content-type"].startswith("application/geo+json")
    fc = resp.json()
    assert fc["type"] == "FeatureCollection"
    assert len(fc["features"]) == 4  # the THREATEN event has no place
    for f in fc["features"]:
        assert f["type"] == "Feature" and f["geometry"]["type"] == "Point"
        lon, lat = f["geometry"]["coordinates"]
        assert -180 <= lon <= 180 and -90 <= lat <= 90
        assert f["properties"]["type"] and f["properties"]["article_id"]
    cairo = next(f for f in fc["features"] if f["properties"]["type"] == "CONSULT")
    assert cairo["geometry"]["coordinates"] == pytest.approx([31.2357, 30.0444])
    assert cairo["properties"]["article_title"] == "السيسي يستقبل حفتر في القاهرة"


def test_events_geojson_filters_by_type(client):
    fc = client.get("/api/events.geojson", params={"type": "COERCE"}).json()
    assert [f["properties"]["place_name"] for f in fc["features"]] == ["Sabha"]


def test_event_feature_without_coordinates_is_none():
    assert event_feature({"type": "ASSAULT", "place_lat": None, "place_lon": 13.2}) is None


def test_stats_counts(client):
    stats = client.get("/api/stats").json()
    assert stats["articles"] == 3 and stats["events"] == 5


def test_openapi_lists_endpoints(client):
    doc = client.get("/openapi.json").json()
    for path in ("/api/articles", "/api/articles/{article_id}", "/api/events",
                 "/api/events.geojson", "/api/stats"):
        assert path in doc["paths"], path
    assert not any(p in doc["paths"] for p in ("/", "/map", "/articles/{article_id}"))


@pytest.mark.parametrize("path", ["/docs", "/redoc"])
def test_cdn_docs_are_disabled(client, path):
    assert client.get(path).status_code == 404


# --- highlighting -------------------------------------------------------------------------

class _Marks(HTMLParser):
    """Collects each <mark>'s kind and the text inside it (nesting aware)."""

    def __init__(self):
        super().__init__()
        self.open: list[list] = []
        self.done: list[tuple[str, str, bool]] = []
        self.depth_ok = True

    def handle_starttag(self, tag, attrs):
        if tag == "mark":
            a = dict(attrs)
            self.open.append([a.get("data-kind"), "", a.get("data-cont") == "1"])

    def handle_endtag(self, tag):
        if tag == "mark":
            kind, text, cont = self.open.pop()
            self.done.append((kind, text, cont))

    def handle_data(self, data):
        for m in self.open:
            m[1] += data


def _parse(html: str) -> list[tuple[str, str, bool]]:
    p = _Marks()
    p.feed(html)
    assert not p.open
    return p.done


def test_render_marked_keeps_text_and_nests():
    text = "قال السيسي في القاهرة"
    marks = [Mark(0, len(text), "quote"), Mark(4, 10, "per"), Mark(14, 21, "loc"),
             Mark(14, 21, "place"), Mark(0, 3, "trigger")]
    html = render_marked(text, marks)
    assert re.sub(r"<[^>]+>", "", html) == text
    got = {(k, t) for k, t, _ in _parse(html)}
    assert got == {("quote", text), ("per", "السيسي"), ("loc", "القاهرة"), ("place", "القاهرة"),
                   ("trigger", "قال")}


def test_render_marked_overlapping_spans_reopen():
    text = "abcdefghij"
    html = render_marked(text, [Mark(0, 6, "per"), Mark(3, 9, "time")])
    pieces = _parse(html)
    time_text = "".join(t for k, t, _ in pieces if k == "time")
    assert time_text == "defghi"
    assert [c for k, _, c in pieces if k == "time"].count(False) == 1  # counted once
    assert re.sub(r"<[^>]+>", "", html) == text


def test_render_marked_escapes_untrusted_text():
    text = '<script>alert("x")</script> & نص'
    html = render_marked(text, [Mark(0, 8, "per", label='"><img src=x>')])
    assert "<script>" not in html and "<img" not in html
    assert "&lt;script&gt;" in html


@pytest.mark.parametrize("mark", [Mark(5, 3, "per"), Mark(-1, 2, "per"), Mark(0, 99, "per"),
                                  Mark(2, 2, "per")])
def test_render_marked_drops_invalid_spans(mark):
    assert render_marked("abcdef", [mark]) == "abcdef"


def test_marks_from_contract_kinds():
    doc = sample_documents()[0].to_contract()
    kinds = {m.kind for m in marks_from_contract(doc)}
    assert kinds == {"per", "org", "loc", "place", "time", "trigger", "quote"}


# --- HTML pages ----------------------------------------------------------------------------

def test_article_page_has_rtl_and_spans(client):
    resp = client.get("/articles/cairo-meeting")
    assert resp.status_code == 200 and resp.headers["content-type"].startswith("text/html")
    html = resp.text
    assert '<html lang="ar" dir="rtl">' in html
    pieces = {(k, t) for k, t, cont in _parse(html.split('id="text">', 1)[1].split("</div>", 1)[0])
              if not cont}
    for expected in [("per", "عبد الفتاح السيسي"), ("org", "الجيش الليبي"), ("loc", "القاهرة"),
                     ("place", "القاهرة"), ("time", "يوم الخميس"), ("trigger", "استقبل"),
                     ("quote", "«مصر تدعم جهود مكافحة الإرهاب في ليبيا»")]:
        assert expected in pieces, expected
    assert "CONSULT" in html and "Cairo" in html  # the events table
    assert 'class="legend"' in html


def test_article_page_missing_is_404_html(client):
    resp = client.get("/articles/nope")
    assert resp.status_code == 404 and "text/html" in resp.headers["content-type"]


def test_article_page_escapes_untrusted_input(memory_store):
    doc = Document('هذا نص <script>alert(1)</script> عن <b>ليبيا</b> يكفي للتجربة',
                   id="evil", title='<img src=x onerror=alert(1)>', url="javascript:alert(1)",
                   source="<i>src</i>")
    memory_store.add(doc)
    with TestClient(create_app(memory_store)) as c:
        page = c.get("/articles/evil").text
        listing = c.get("/").text
    for html in (page, listing):
        assert "<script>alert" not in html and "<img src=x" not in html and "<i>src" not in html
    assert "&lt;script&gt;" in page
    assert "javascript:" not in page


def test_articles_page_lists_titles_and_searches(client):
    html = client.get("/").text
    for title in ("السيسي يستقبل حفتر في القاهرة", "قتلى وجرحى في قصف جنوب طرابلس",
                  "اعتقال أربعة أشخاص في سبها"):
        assert title in html
    found = client.get("/", params={"q": "سبها"}).text
    assert "اعتقال أربعة أشخاص في سبها" in found and "السيسي يستقبل حفتر" not in found


def test_articles_page_paginates(memory_store, monkeypatch):
    import rasid.api.app as app_mod

    real = app_mod.setting
    monkeypatch.setattr(app_mod, "setting",
                        lambda s, k: 2 if (s, k) == ("serve", "page_size") else real(s, k))
    fill(memory_store)
    with TestClient(create_app(memory_store)) as c:
        first, second = c.get("/").text, c.get("/?page=2").text
        assert c.get("/?page=abc").status_code == 200
    assert 'rel="next"' in first and "صفحة 1 من 2" in first
    assert 'rel="prev"' in second and "صفحة 2 من 2" in second
    assert first.count('<td class="title">') == 2 and second.count('<td class="title">') == 1


def test_map_page_with_and_without_vendor(client, memory_store, tmp_path):
    if missing_vendor_files():
        pytest.skip("vendor assets not built (make web)")
    html = client.get("/map").text
    assert 'id="map"' in html and "/static/vendor/leaflet/leaflet.js" in html
    assert client.get("/static/vendor/world/countries-110m.geojson").status_code == 200
    assert client.get("/static/map.js").status_code == 200
    with TestClient(create_app(memory_store, static_dir=tmp_path)) as bare:
        page = bare.get("/map").text
    assert 'id="map-missing"' in page and "make web" in page and "leaflet.js" not in page.split("</main>")[1]


def test_static_assets_served(client):
    css = client.get("/static/app.css")
    assert css.status_code == 200 and "text/css" in css.headers["content-type"]


# --- rasid serve ------------------------------------------------------------------------------

@pytest.mark.parametrize("missing", [[], ["vendor/leaflet/leaflet.js"]])
def test_serve_prints_url_and_warns_once(db_path, monkeypatch, capsys, missing):
    import uvicorn

    import rasid.api.server as server

    calls = []
    monkeypatch.setattr(uvicorn, "run", lambda app, **kw: calls.append((app, kw)))
    monkeypatch.setattr(server, "missing_vendor_files", lambda: missing)
    server.serve(db=str(db_path), port=9999)
    out, err = capsys.readouterr()
    host = setting("serve", "host")
    assert out.strip() == f"rasid dashboard: http://{host}:9999/"
    assert calls and calls[0][1]["host"] == host and calls[0][1]["port"] == 9999
    warnings = [line for line in err.splitlines() if "make web" in line]
    assert len(warnings) == (1 if missing else 0)
    assert db_path.exists()


def test_serve_cli_uses_settings_defaults(db_path, monkeypatch, run_cli):
    import uvicorn

    calls = []
    monkeypatch.setattr(uvicorn, "run", lambda app, **kw: calls.append(kw))
    result = run_cli("serve", "--db", db_path)
    assert result.code == 0
    assert calls == [{"host": setting("serve", "host"), "port": setting("serve", "port"),
                      "log_level": "warning", "access_log": False}]
    assert f":{setting('serve', 'port')}/" in result.out


# --- scripts/build_web.py ----------------------------------------------------------------------

def test_build_web_is_idempotent(tmp_path):
    import importlib.util
    import json
    from pathlib import Path

    repo = Path(__file__).resolve().parents[1]
    if not (repo / "node_modules" / "leaflet").is_dir():
        pytest.skip("node_modules not installed (npm ci)")
    spec = importlib.util.spec_from_file_location("build_web", repo / "scripts" / "build_web.py")
    build_web = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(build_web)
    out = tmp_path / "vendor"
    (out / "stale").mkdir(parents=True)
    (out / "stale" / "old.js").write_text("x")
    written, same = build_web.build(out=out)
    assert written > 0 and same == 0
    assert not (out / "stale").exists()
    assert build_web.build(out=out) == (0, written)
    fc = json.loads((out / "world" / "countries-110m.geojson").read_text(encoding="utf-8"))
    assert fc["type"] == "FeatureCollection" and len(fc["features"]) >= 170
    assert {"leaflet.js", "leaflet.css"} <= {p.name for p in (out / "leaflet").iterdir()}
    manifest = json.loads((out / "manifest.json").read_text(encoding="utf-8"))
    assert manifest["packages"] == {"leaflet": "1.9.4", "world-atlas": "2.0.2", "topojson-client": "3.1.0"}


def test_build_web_outlines_have_no_edge_across_the_map():
    """Rings crossing the antimeridian are unwrapped: no edge spans >180° of longitude."""
    outlines = REPO_STATIC / "vendor" / "world" / "countries-110m.geojson"
    if not outlines.exists():
        pytest.fail("web assets are not built: run `make web`")
    fc = json.loads(outlines.read_text(encoding="utf-8"))
    polygons = []
    for f in fc["features"]:
        g = f["geometry"]
        polygons += [g["coordinates"]] if g["type"] == "Polygon" else g["coordinates"]
    worst = max(abs(b[0] - a[0]) for poly in polygons for ring in poly for a, b in zip(ring, ring[1:]))
    assert worst < 180
