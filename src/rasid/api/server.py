"""``rasid serve``: open the store and serve the API and the dashboard with uvicorn."""

from __future__ import annotations

import sys
from typing import TextIO

from ..settings import get as setting
from .app import create_app, missing_vendor_files

VENDOR_WARNING = ("rasid: warning: the map's assets (Leaflet, country outlines) are not built; "
                  "the map page will say so. Build them with `make web`.")


def dashboard_url(host: str, port: int) -> str:
    """The address to print for ``host``/``port`` (IPv6 literals in brackets)."""
    shown = f"[{host}]" if ":" in host and not host.startswith("[") else host
    return f"http://{shown}:{port}/"


def serve(*, db: str | None = None, host: str | None = None, port: int | None = None,
          out: TextIO | None = None) -> None:
    """Serve the store ``db`` (default: ``$RASID_DB`` or the user data file) until interrupted.

    ``host``/``port`` default to ``[serve]`` in the shipped settings. Prints the
    dashboard URL before serving, and one warning line when the map's vendor
    assets are missing (the server starts all the same).
    """
    import uvicorn

    from ..store import open_store

    host = host or str(setting("serve", "host"))
    port = int(port if port is not None else setting("serve", "port"))
    out = out or sys.stdout
    store = open_store(db, create=True)
    try:
        app = create_app(store)
        if missing_vendor_files():
            print(VENDOR_WARNING, file=sys.stderr, flush=True)
        print(f"rasid dashboard: {dashboard_url(host, port)}", file=out, flush=True)
        uvicorn.run(app, host=host, port=port, log_level="warning", access_log=False)
    finally:
        store.close()
