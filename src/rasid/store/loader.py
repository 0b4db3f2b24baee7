"""Ingest: read inputs, analyse what is new, store it in batches.

``ingest_paths`` reads documents with :func:`rasid.ingest.read_inputs`,
skips those whose :func:`~rasid.store.content_hash` is already stored
*before* analysing them (a second ingest of the same corpus is fast and adds
nothing), runs the pipeline over the rest and writes them in batched
transactions. An input that cannot be read, or a document the pipeline
fails on, is rejected with a one-line reason and nothing of it is written.
"""

from __future__ import annotations

import shutil
import sqlite3
import sys
from dataclasses import dataclass, field
from typing import Callable, Iterable, Iterator, Sequence

from ..document import Document
from ..errors import RasidError
from .sqlite import DEFAULT_BATCH, Store, content_hash

Reader = Callable[..., Iterable[Document]]


@dataclass(slots=True)
class IngestReport:
    """What an ingest did. ``ok`` is False when anything was rejected."""

    added: int = 0
    duplicates: int = 0
    rejected: list[str] = field(default_factory=list)
    read: int = 0

    @property
    def ok(self) -> bool:
        return not self.rejected

    def summary(self) -> str:
        """One line, e.g. ``added 9 articles, 0 already stored, 0 rejected``."""
        line = (f"added {self.added} article{'' if self.added == 1 else 's'}, "
                f"{self.duplicates} already stored, {len(self.rejected)} rejected")
        if self.rejected:
            first = " ".join(self.rejected[0].split())
            line += f" ({first})" if len(self.rejected) == 1 else f" (first: {first})"
        return line


def ingest_paths(store: Store, inputs: Sequence[str], *, published: str | None = None,
                 limit: int | None = None, progress: bool = True, pipeline=None,
                 batch_size: int = DEFAULT_BATCH, reader: Reader | None = None) -> IngestReport:
    """Ingest files, directories and JSONL feeds into ``store``.

    ``published`` is the date for inputs that give none; ``limit`` stops after
    that many documents read; ``progress`` shows a bar on standard error when
    it is a terminal; ``pipeline`` defaults to
    :func:`rasid.pipeline.default_pipeline`; ``reader`` defaults to
    :func:`rasid.ingest.read_inputs` (same signature).
    """
    if pipeline is None:
        from ..pipeline import default_pipeline

        pipeline = default_pipeline()
    if reader is None:
        from ..ingest import read_inputs as reader
    report = IngestReport()

    def on_error(err: Exception) -> None:
        report.rejected.append(_one_line(err))

    docs = reader(list(inputs), published=published, on_error=on_error)
    bar = _progress_bar(enabled=progress)
    try:
        batch: list[Document] = []
        pending: set[str] = set()
        for doc in _limited(docs, limit):
            report.read += 1
            bar.update(1)
            key = content_hash(doc.text)
            if key in pending or store.has(key):
                report.duplicates += 1
                continue
            try:
                analysed = pipeline(doc)
            except Exception as exc:  # one bad document must not stop a corpus
                report.rejected.append(f"{_name(doc)}: analysis failed: {_describe(exc)}")
                continue
            batch.append(analysed)
            pending.add(key)
            if len(batch) >= batch_size:
                _flush(store, batch, report)
                batch, pending = [], set()
                bar.set_postfix_str(f"added {report.added}, {report.duplicates} already stored", refresh=False)
        if batch:
            _flush(store, batch, report)
    finally:
        bar.close()
    return report


def _flush(store: Store, batch: list[Document], report: IngestReport) -> None:
    """Write a batch in one transaction; if the database refuses it, write
    document by document so that one bad document rejects only itself."""
    try:
        added, dups = store.add_many(batch, batch_size=len(batch))
    except sqlite3.IntegrityError:
        added = dups = 0
        for doc in batch:
            try:
                if store.add(doc):
                    added += 1
                else:
                    dups += 1
            except sqlite3.IntegrityError as exc:
                report.rejected.append(f"{_name(doc)}: cannot be stored: {_one_line(exc)}")
    report.added += added
    report.duplicates += dups


def _limited(docs: Iterable[Document], limit: int | None) -> Iterator[Document]:
    if limit is not None and limit <= 0:
        return
    for n, doc in enumerate(docs, start=1):
        yield doc
        if limit is not None and n >= limit:
            return


def _progress_bar(*, enabled: bool):
    from tqdm import tqdm

    show = enabled and hasattr(sys.stderr, "isatty") and sys.stderr.isatty()
    # shutil falls back to 80x24 where a terminal reports a size of 0 (tqdm would draw nothing).
    size = shutil.get_terminal_size((80, 24))
    return tqdm(desc="ingest", unit=" articles", file=sys.stderr, disable=not show,
                ncols=size.columns, nrows=size.lines, mininterval=0.2)


def _name(doc: Document) -> str:
    return str(doc.meta.get("path") or doc.url or doc.id)


def _describe(exc: BaseException) -> str:
    if isinstance(exc, RasidError):
        return _one_line(exc)
    return f"{type(exc).__name__}: {_one_line(exc)}"


def _one_line(exc: BaseException) -> str:
    text = " ".join(str(exc).split())
    return text or type(exc).__name__
