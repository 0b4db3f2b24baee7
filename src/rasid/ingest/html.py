"""A whole HTML page to a Document: trafilatura first, our own lxml reading after.

trafilatura gives the article body (without navigation, footer, comments) and
the page's metadata: title, outlet (``og:site_name``), publication date and
canonical URL. When it misses a field we read the page's ``<meta>`` tags,
JSON-LD, ``<time>`` and ``<link rel=canonical>`` ourselves, and when it finds
no body we take the paragraphs of ``<article>`` (or of the page) outside
``nav``/``header``/``footer``/``aside``. The body then goes through the same
chrome rules as a saved text page.
"""

from __future__ import annotations

import json
import logging
import re
from dataclasses import dataclass

from ..document import Document
from .checks import is_arabic, normalise_date
from .chrome import fold
from .saved_text import PARAGRAPH_SEP, clean_body

# Libraries that log warnings about odd pages; a warning is not an error for
# us and must not reach standard error (the CLI's stderr is one line).
for _name in ("trafilatura", "htmldate", "courlan", "justext", "readability", "charset_normalizer"):
    logging.getLogger(_name).addHandler(logging.NullHandler())

_NOISE_TAGS = ("script", "style", "noscript", "template", "nav", "header", "footer", "aside",
               "form", "button", "select", "iframe", "svg", "figure", "menu")
_META_TITLE = (("property", "og:title"), ("name", "twitter:title"), ("name", "title"))
_META_SITE = (("property", "og:site_name"), ("name", "application-name"),
              ("name", "publisher"), ("name", "og:site_name"))
_META_DATE = (("property", "article:published_time"), ("name", "article:published_time"),
              ("itemprop", "datePublished"), ("name", "datePublished"), ("name", "pubdate"),
              ("name", "publishdate"), ("name", "publish-date"), ("name", "date"),
              ("name", "DC.date.issued"), ("name", "dcterms.created"), ("name", "sailthru.date"),
              ("property", "og:published_time"), ("name", "parsely-pub-date"))
_META_URL = (("property", "og:url"), ("name", "twitter:url"))
_HOSTNAME = re.compile(r"(?:www\.)?[\w-]+(?:\.[\w-]+)+", re.ASCII)
_TITLE_SEPARATORS = re.compile(r"\s+[|\-–—:«»]\s+")


@dataclass(slots=True)
class PageFields:
    """What a page says about itself; any field may be missing."""

    text: str | None = None
    title: str | None = None
    source: str | None = None
    published: str | None = None
    url: str | None = None


def _clean(value: object) -> str | None:
    if value is None:
        return None
    text = " ".join(str(value).split())
    return text or None


def _trafilatura_fields(html: str, *, url: str | None) -> PageFields:
    try:
        from trafilatura import bare_extraction
    except ImportError:  # pragma: no cover - trafilatura is a dependency
        return PageFields()
    try:
        doc = bare_extraction(
            html, url=url, with_metadata=True, include_comments=False, include_tables=True,
            include_images=False, include_links=False, deduplicate=False,
            date_extraction_params={"extensive_search": False, "original_date": True,
                                    "outputformat": "%Y-%m-%d"})
    except Exception:  # trafilatura failing on an odd page: fall back to our own reading
        return PageFields()
    if doc is None:
        return PageFields()
    get = doc.get if isinstance(doc, dict) else (lambda key: getattr(doc, key, None))
    return PageFields(text=get("text") or None, title=_clean(get("title")),
                      source=_clean(get("sitename")), published=normalise_date(get("date")),
                      url=_clean(get("url")))


def _meta(root, pairs: tuple[tuple[str, str], ...]) -> str | None:
    for attr, value in pairs:
        for el in root.iter("meta"):
            if (el.get(attr) or "").strip().lower() == value.lower():
                content = _clean(el.get("content"))
                if content:
                    return content
    return None


def _json_ld(root) -> list[dict]:
    out: list[dict] = []
    for el in root.iter("script"):
        if (el.get("type") or "").strip().lower() != "application/ld+json":
            continue
        try:
            data = json.loads(el.text or "")
        except ValueError:
            continue
        stack = [data]
        while stack:
            item = stack.pop()
            if isinstance(item, list):
                stack.extend(item)
            elif isinstance(item, dict):
                out.append(item)
                if isinstance(item.get("@graph"), list):
                    stack.extend(item["@graph"])
    return out


def _paragraphs(root) -> list[str]:
    for tag in _NOISE_TAGS:
        for el in list(root.iter(tag)):
            parent = el.getparent()
            if parent is not None:
                el.drop_tree()
    containers = list(root.iter("article")) or [el for el in root.iter()
                                                if (el.get("itemprop") or "") == "articleBody"]
    container = max(containers, key=lambda el: len(el.text_content())) if containers else root
    paras = [" ".join(el.text_content().split())
             for el in container.iter("p", "blockquote", "h2", "h3", "li")]
    paras = [p for p in paras if p]
    if not paras:
        paras = [line.strip() for line in container.text_content().splitlines() if line.strip()]
    return paras


def _lxml_fields(html: str) -> PageFields:
    import lxml.html
    from lxml.etree import ParserError

    try:
        root = lxml.html.document_fromstring(html)
    except (ParserError, ValueError):
        return PageFields()
    fields = PageFields()
    ld = _json_ld(root)
    fields.title = _meta(root, _META_TITLE)
    if not fields.title:
        h1 = next(iter(root.iter("h1")), None)
        fields.title = _clean(h1.text_content()) if h1 is not None else None
    if not fields.title:
        t = next(iter(root.iter("title")), None)
        fields.title = _clean(t.text_content()) if t is not None else None
    fields.source = _meta(root, _META_SITE)
    if not fields.source:
        for item in ld:
            pub = item.get("publisher")
            if isinstance(pub, dict) and _clean(pub.get("name")):
                fields.source = _clean(pub.get("name"))
                break
    date_value = _meta(root, _META_DATE)
    if not date_value:
        date_value = next((str(item["datePublished"]) for item in ld if item.get("datePublished")), None)
    if not date_value:
        el = next((t for t in root.iter("time") if t.get("datetime")), None)
        date_value = el.get("datetime") if el is not None else None
    fields.published = normalise_date(date_value)
    canonical = next((el.get("href") for el in root.iter("link")
                      if "canonical" in (el.get("rel") or "").lower().split() and el.get("href")), None)
    fields.url = _clean(canonical) or _meta(root, _META_URL)
    fields.text = PARAGRAPH_SEP.join(_paragraphs(root))
    return fields


def _strip_site_from_title(title: str | None, source: str | None) -> str | None:
    """``عنوان الخبر - اسم الموقع`` → ``عنوان الخبر`` when the outlet is known."""
    if not title or not source:
        return title
    parts = _TITLE_SEPARATORS.split(title)
    if len(parts) > 1:
        if fold(parts[-1]) == fold(source):
            return " - ".join(parts[:-1]).strip() or title
        if fold(parts[0]) == fold(source):
            return " - ".join(parts[1:]).strip() or title
    return title


def document_from_html(html: str, *, id: str | None = None, published: str | None = None,
                       url: str | None = None) -> Document:
    """A :class:`Document` from a whole HTML page.

    ``published`` is the fallback date when the page gives none; ``url`` the
    page's address when it names no canonical one. The body may come out
    empty (no article on the page); callers check it.
    """
    main = _trafilatura_fields(html, url=None)
    own: PageFields | None = None

    def fallback() -> PageFields:
        nonlocal own
        if own is None:
            own = _lxml_fields(html)
        return own

    text = main.text
    if not text or not is_arabic(text):
        alt = fallback().text
        if alt and (not text or is_arabic(alt)):
            text = alt
    body, named = clean_body(text or "")
    source = main.source
    if not source or _HOSTNAME.fullmatch(source):  # trafilatura falls back to the host name
        source = fallback().source or source or named
    title = main.title or fallback().title
    title = _strip_site_from_title(title, source)
    if title and body:
        first, _, rest = body.partition(PARAGRAPH_SEP)
        if fold(first) == fold(title):
            body = rest
    date_value = main.published or fallback().published or normalise_date(published)
    page_url = main.url or fallback().url or url
    return Document(text=body, id=id, title=title, source=source, url=page_url,
                    published=date_value)
