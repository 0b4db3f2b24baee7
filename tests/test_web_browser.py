"""End to end in a real headless Chromium: ``rasid serve`` on 127.0.0.1 over a
temporary SQLite store, the article list, an article page and the map.

Needs Debian's Chromium at /usr/bin/chromium (``make browser`` installs it)
and the built vendor assets (``make web``). Screenshots go to
``artifacts/screenshots/``.
"""

from __future__ import annotations

import json
import os
import socket
import subprocess
import sys
import time
import urllib.request
from pathlib import Path
from urllib.parse import urlsplit

import pytest

from rasid.api.app import missing_vendor_files
from rasid.store import open_store
from test_api import sample_documents

pytestmark = pytest.mark.browser

REPO = Path(__file__).resolve().parents[1]
SCREENSHOTS = REPO / "artifacts" / "screenshots"
CHROMIUM = Path("/usr/bin/chromium")
CHROMIUM_ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
                 "--disable-background-networking", "--disable-component-update", "--disable-sync"]
LOCAL_HOSTS = {"127.0.0.1"}
# Bounded waits (they are limits, not measured timings).
START_LINES = 200
READY_TRIES = 200
UI_TIMEOUT_MS = 15_000


def _free_port() -> int:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@pytest.fixture(scope="module")
def server(tmp_path_factory):
    """``rasid serve`` in a subprocess over a store filled with the sample articles."""
    missing = missing_vendor_files()
    if missing:
        pytest.fail(f"vendor assets missing ({', '.join(missing)}): run `make web` first")
    db = tmp_path_factory.mktemp("browser") / "rasid.db"
    docs = sample_documents()
    with open_store(db) as store:
        for doc in docs:
            store.add(doc)
    port = _free_port()
    env = {**os.environ, "PYTHONUNBUFFERED": "1"}
    proc = subprocess.Popen(
        [sys.executable, "-m", "rasid.cli", "serve", "--db", str(db), "--host", "127.0.0.1",
         "--port", str(port)],
        stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True, env=env)
    try:
        url = None
        for _ in range(START_LINES):
            line = proc.stdout.readline()
            if not line:
                break
            if line.startswith("rasid dashboard: "):
                url = line.split(": ", 1)[1].strip()
                break
        assert url == f"http://127.0.0.1:{port}/", f"no dashboard line from rasid serve (got {url!r})"
        for _ in range(READY_TRIES):
            try:
                with urllib.request.urlopen(url + "api/stats", timeout=5) as resp:
                    stats = json.load(resp)
                break
            except OSError:
                if proc.poll() is not None:
                    pytest.fail(f"rasid serve exited with status {proc.returncode}")
                time.sleep(0.05)  # poll again
        else:
            pytest.fail("rasid serve did not answer")
        assert stats["articles"] == len(docs)
        yield {"url": url.rstrip("/"), "docs": docs}
    finally:
        proc.terminate()
        try:
            proc.wait(timeout=10)
        except subprocess.TimeoutExpired:
            proc.kill()
            proc.wait()
        if proc.stdout:
            proc.stdout.close()


@pytest.fixture(scope="module")
def browser():
    if not CHROMIUM.exists():
        pytest.fail(f"{CHROMIUM} is missing: install Debian's Chromium with `make browser` "
                    "(apt-get install chromium fonts-noto-core)")
    from playwright.sync_api import sync_playwright

    with sync_playwright() as pw:
        b = pw.chromium.launch(executable_path=str(CHROMIUM), headless=True, args=CHROMIUM_ARGS)
        try:
            yield b
        finally:
            b.close()


class Watched:
    """A page with its requests, console errors and page errors recorded."""

    def __init__(self, page):
        self.page = page
        self.requests: list[str] = []
        self.errors: list[str] = []
        page.on("request", lambda r: self.requests.append(r.url))
        page.on("console", lambda m: self.errors.append(f"console: {m.text}") if m.type == "error" else None)
        page.on("pageerror", lambda e: self.errors.append(f"pageerror: {e}"))
        page.on("requestfailed", lambda r: self.errors.append(f"failed: {r.url} {r.failure}"))

    def check_clean(self) -> None:
        assert not self.errors, self.errors
        foreign = [u for u in self.requests
                   if urlsplit(u).scheme not in ("data", "blob", "about")
                   and urlsplit(u).hostname not in LOCAL_HOSTS]
        assert not foreign, f"requests to other hosts: {foreign}"


@pytest.fixture
def watched(browser):
    context = browser.new_context(viewport={"width": 1280, "height": 860}, locale="ar")
    page = context.new_page()
    page.set_default_timeout(UI_TIMEOUT_MS)
    try:
        yield Watched(page)
    finally:
        context.close()


def test_browser_article_list_shows_titles(server, watched):
    page = watched.page
    page.goto(server["url"] + "/")
    titles = page.locator("table.articles td.title a").all_inner_texts()
    assert sorted(titles) == sorted(d.title for d in server["docs"])
    assert page.locator("html").get_attribute("dir") == "rtl"
    assert page.locator("header.site nav a").count() >= 2
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=str(SCREENSHOTS / "articles.png"), full_page=True)
    watched.check_clean()


def test_browser_search_box_filters(server, watched):
    page = watched.page
    page.goto(server["url"] + "/")
    page.fill("form.search input[name=q]", "سبها")
    page.click("form.search button")
    page.wait_for_url("**/?q=*")
    titles = page.locator("table.articles td.title a").all_inner_texts()
    assert titles == ["اعتقال أربعة أشخاص في سبها"]
    watched.check_clean()


def test_browser_article_page_highlights(server, watched):
    page = watched.page
    page.goto(server["url"] + "/")
    page.click("text=السيسي يستقبل حفتر في القاهرة")
    page.wait_for_url("**/articles/cairo-meeting")
    assert page.locator("html").get_attribute("dir") == "rtl"
    assert page.locator("html").get_attribute("lang") == "ar"
    direction = page.locator("#text").evaluate("el => getComputedStyle(el).direction")
    assert direction == "rtl"
    for kind in ("per", "org", "loc", "place", "time", "trigger", "quote"):
        spans = page.locator(f'#text mark[data-kind="{kind}"]:not([data-cont])')
        assert spans.count() >= 1, kind
        assert page.locator(f"ul.legend mark.hl-{kind}").count() == 1, kind
    # Each kind is drawn differently from plain text.
    plain_bg = page.locator("#text").evaluate("el => getComputedStyle(el).backgroundColor")
    per_bg = page.locator('#text mark[data-kind="per"]').first.evaluate(
        "el => getComputedStyle(el).backgroundColor")
    assert per_bg != plain_bg
    assert page.locator('#text mark[data-kind="trigger"]').first.inner_text() == "استقبل"
    assert page.locator(".events table tbody tr").count() == 1
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=str(SCREENSHOTS / "article.png"), full_page=True)
    watched.check_clean()


def test_browser_map_markers_outlines_popup(server, watched):
    page = watched.page
    page.goto(server["url"] + "/map")
    page.wait_for_selector("#map[data-ready]")
    assert page.locator("#map").get_attribute("data-ready") == "1"
    assert page.locator("#map.leaflet-container").count() == 1
    # Country outlines: one SVG path per country polygon in the overlay pane.
    outlines = page.locator(".leaflet-overlay-pane svg path").count()
    assert outlines >= 100
    # One marker per distinct event place: Cairo, Tripoli (two events), Sabha.
    places = {(round(e.place.lat, 4), round(e.place.lon, 4))
              for d in server["docs"] for e in d.events if e.place is not None}
    markers = page.locator(".leaflet-marker-pane .leaflet-marker-icon")
    assert markers.count() == len(places) == 3
    assert page.locator(".leaflet-tile-pane img").count() == 0  # no tile server
    marker = page.locator('.leaflet-marker-icon[title^="Sabha"]')
    marker.click()
    popup = page.locator(".leaflet-popup-content")
    popup.wait_for()
    text = popup.inner_text()
    assert "COERCE" in text and "قوة أمنية" in text and "2019-05-12" in text
    assert popup.locator('a[href="/articles/sabha-arrests"]').count() == 1
    page.locator('.leaflet-marker-icon[title^="Tripoli"]').click()
    tripoli = page.locator(".leaflet-popup-content", has_text="Tripoli").inner_text()
    assert "ASSAULT" in tripoli and "PROTEST" in tripoli and "3" in tripoli
    page.wait_for_function("document.querySelectorAll('.leaflet-popup').length === 1")
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=str(SCREENSHOTS / "map.png"), animations="disabled")
    watched.check_clean()
