"""The times stage: date expressions resolved against the publication date."""

from __future__ import annotations

from ..document import Document
from ..pipeline import stage
from .resolve import find_times


@stage(name="time.times", reads=("text", "norm", "published"), writes=("times",))
def STAGE(doc: Document) -> Document:
    doc.times = find_times(doc.text, published=doc.published, norm=doc.norm or None,
                           norm_map=doc.norm_map or None)
    return doc
