"""The REST API and the dashboard, as one FastAPI application over a store.

JSON under ``/api`` (described by OpenAPI at ``/openapi.json``):

- ``GET /api/articles?limit=&offset=&q=`` → ``{total, limit, offset, items}``
- ``GET /api/articles/{id}`` → the ``rasid.document/1`` object (404 if missing)
- ``GET /api/events?limit=&offset=&type=&article_id=&with_place=`` → a page
- ``GET /api/events.geojson?type=&article_id=`` → the events that have a
  place, as a GeoJSON FeatureCollection (for the map)
- ``GET /api/stats`` → the store's figures

HTML pages (Jinja2 templates, Arabic, right to left): ``/`` the article list
with search and pages, ``/articles/{id}`` an article with its spans
highlighted and its events, ``/map`` a Leaflet map of the event places drawn
over country outlines shipped with the package (no tile server, no CDN).

Handlers are ``async`` and call the store directly: every store call then runs
on the event loop's thread, one at a time, which suits a SQLite connection.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any
from urllib.parse import urlencode, urlsplit

import jinja2
from fastapi import FastAPI, HTTPException, Query, Request
from fastapi.responses import HTMLResponse, JSONResponse
from fastapi.staticfiles import StaticFiles
from markupsafe import Markup

from .. import __version__
from ..settings import get as setting
from ..web.highlight import KINDS, LEGEND, marks_from_contract, render_marked

WEB_DIR = Path(__file__).resolve().parents[1] / "web"
STATIC_DIR = WEB_DIR / "static"
TEMPLATES_DIR = WEB_DIR / "templates"
# Files the map needs from ``make web`` (scripts/build_web.py).
VENDOR_FILES = ("vendor/leaflet/leaflet.js", "vendor/leaflet/leaflet.css",
                "vendor/world/countries-110m.geojson")
# Most features one GeoJSON answer carries.
MAP_MAX_FEATURES = 20_000

EVENT_COLUMNS = ("type", "mode", "trigger", "actor", "target", "place", "date",
                 "fatalities", "injured", "arrested", "modality")


def missing_vendor_files(static_dir: Path = STATIC_DIR) -> list[str]:
    """The built third-party assets that are absent (empty when ``make web`` ran)."""
    return [name for name in VENDOR_FILES if not (static_dir / name).is_file()]


def _safe_url(url: str | None) -> str | None:
    """``url`` if it is an absolute http(s) link, else None (never a ``javascript:``)."""
    if not url:
        return None
    parts = urlsplit(url)
    return url if parts.scheme in ("http", "https") and parts.netloc else None


def _page_items(store: Any, kind: str, *, chunk: int, cap: int, **filters: Any) -> list[dict]:
    """Every row of ``list_<kind>`` matching ``filters``, read ``chunk`` at a time."""
    lister = getattr(store, f"list_{kind}")
    items: list[dict] = []
    while len(items) < cap:
        page = lister(limit=min(chunk, cap - len(items)), offset=len(items), **filters)
        items.extend(page)
        if len(page) < chunk:
            break
    return items


def event_feature(event: dict[str, Any]) -> dict[str, Any] | None:
    """A GeoJSON Point feature for a flattened event row, or None without coordinates."""
    lat = event.get("place_lat", event.get("lat"))
    lon = event.get("place_lon", event.get("lon"))
    if lat is None or lon is None:
        return None
    props = {k: v for k, v in event.items() if k not in ("place_lat", "place_lon", "lat", "lon")}
    return {"type": "Feature",
            "geometry": {"type": "Point", "coordinates": [float(lon), float(lat)]},
            "properties": props}


def _templates() -> jinja2.Environment:
    env = jinja2.Environment(loader=jinja2.FileSystemLoader(str(TEMPLATES_DIR)),
                             autoescape=True, trim_blocks=True, lstrip_blocks=True)
    env.globals["version"] = __version__
    return env


def create_app(store: Any, *, static_dir: Path | None = None) -> FastAPI:
    """The application serving ``store`` (an open :class:`rasid.store.Store`).

    ``static_dir`` replaces the package's static folder (tests use it to
    simulate missing vendor assets).
    """
    static = Path(static_dir) if static_dir is not None else STATIC_DIR
    page_size = int(setting("serve", "page_size"))
    max_page = int(setting("serve", "max_page_size"))
    env = _templates()

    app = FastAPI(title="rasid", version=__version__,
                  description="Events extracted from Arabic news: articles, events, places.",
                  docs_url=None, redoc_url=None, openapi_url="/openapi.json")
    app.state.store = store
    app.mount("/static", StaticFiles(directory=str(static), check_dir=False), name="static")

    def html(request: Request, name: str, *, status_code: int = 200, **context: Any) -> HTMLResponse:
        context.setdefault("page_title", "rasid")
        context["path"] = request.url.path
        return HTMLResponse(env.get_template(name).render(**context), status_code=status_code)

    def not_found(request: Request, message: str) -> HTMLResponse:
        return html(request, "error.html", status_code=404, page_title="غير موجود",
                    message=message)

    # --- JSON API -----------------------------------------------------------

    @app.get("/api/articles", tags=["articles"], summary="A page of stored articles")
    async def api_articles(
        limit: int = Query(page_size, ge=1, le=max_page, description="items per page"),
        offset: int = Query(0, ge=0, description="items to skip"),
        q: str | None = Query(None, max_length=500, description="full-text query"),
    ) -> dict[str, Any]:
        q = q.strip() if q else None
        return {"total": store.count_articles(q=q or None), "limit": limit, "offset": offset,
                "items": store.list_articles(limit=limit, offset=offset, q=q or None)}

    @app.get("/api/articles/{article_id:path}", tags=["articles"],
             summary="One article as a rasid.document/1 object",
             responses={404: {"description": "no article with this id"}})
    async def api_article(article_id: str) -> dict[str, Any]:
        doc = store.get_article(article_id)
        if doc is None:
            raise HTTPException(status_code=404, detail=f"no article with id {article_id!r}")
        return doc

    @app.get("/api/events", tags=["events"], summary="A page of events, flattened")
    async def api_events(
        limit: int = Query(page_size, ge=1, le=max_page, description="items per page"),
        offset: int = Query(0, ge=0, description="items to skip"),
        type: str | None = Query(None, description="PLOVER event type, e.g. ASSAULT"),
        article_id: str | None = Query(None, description="events of this article only"),
        with_place: bool | None = Query(None, description="true: only geocoded events; false: only those without"),
    ) -> dict[str, Any]:
        filters = {"type": type or None, "article_id": article_id or None, "with_place": with_place}
        return {"total": store.count_events(**filters), "limit": limit, "offset": offset,
                "items": store.list_events(limit=limit, offset=offset, **filters)}

    @app.get("/api/events.geojson", tags=["events"],
             summary="Events that have a place, as a GeoJSON FeatureCollection")
    async def api_events_geojson(
        type: str | None = Query(None, description="PLOVER event type"),
        article_id: str | None = Query(None, description="events of this article only"),
    ) -> JSONResponse:
        rows = _page_items(store, "events", chunk=max_page, cap=MAP_MAX_FEATURES,
                           type=type or None, article_id=article_id or None, with_place=True)
        features = [f for f in map(event_feature, rows) if f is not None]
        return JSONResponse({"type": "FeatureCollection", "features": features},
                            media_type="application/geo+json")

    @app.get("/api/stats", tags=["store"], summary="Counts of articles, events and places")
    async def api_stats() -> dict[str, Any]:
        return store.stats()

    # --- HTML pages -----------------------------------------------------------

    @app.get("/", response_class=HTMLResponse, include_in_schema=False)
    async def page_articles(request: Request, q: str | None = None, page: str | None = None):
        q = (q or "").strip()[:500]
        try:
            number = max(1, int(page or 1))
        except ValueError:
            number = 1
        total = store.count_articles(q=q or None)
        pages = max(1, -(-total // page_size))
        number = min(number, pages)
        items = store.list_articles(limit=page_size, offset=(number - 1) * page_size, q=q or None)

        def link(n: int) -> str:
            params = {k: v for k, v in (("q", q), ("page", n)) if v and not (k == "page" and v == 1)}
            return "/" + ("?" + urlencode(params) if params else "")

        return html(request, "articles.html", page_title="المقالات", q=q, items=items,
                    total=total, page=number, pages=pages,
                    prev_url=link(number - 1) if number > 1 else None,
                    next_url=link(number + 1) if number < pages else None,
                    stats=store.stats())

    @app.get("/articles/{article_id:path}", response_class=HTMLResponse, include_in_schema=False)
    async def page_article(request: Request, article_id: str):
        doc = store.get_article(article_id)
        if doc is None:
            return not_found(request, f"لا يوجد مقال بالمعرّف «{article_id}».")
        marks = marks_from_contract(doc)
        present = {m.kind for m in marks}
        legend = [(k, *LEGEND[k]) for k in KINDS if k in present]
        body = Markup(render_marked(doc.get("text") or "", marks))
        return html(request, "article.html", page_title=doc.get("title") or doc["id"], doc=doc,
                    body=body, legend=legend, url=_safe_url(doc.get("url")),
                    events=doc.get("events") or [])

    @app.get("/map", response_class=HTMLResponse, include_in_schema=False)
    async def page_map(request: Request, type: str | None = None, article_id: str | None = None):
        params = {k: v for k, v in (("type", type), ("article_id", article_id)) if v}
        geojson_url = "/api/events.geojson" + ("?" + urlencode(params) if params else "")
        return html(request, "map.html", page_title="الخريطة", missing=missing_vendor_files(static),
                    geojson_url=geojson_url, outlines_url="/static/vendor/world/countries-110m.geojson")

    return app
