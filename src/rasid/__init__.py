"""rasid (راصد): Arabic news to structured, geocoded, time-resolved event data."""

from .document import Document
from .errors import InputError, RasidError

__version__ = "0.1.0"
__all__ = ["Document", "InputError", "RasidError", "analyze", "__version__"]


def analyze(doc: Document) -> Document:
    """Run the default pipeline over one document (see :mod:`rasid.pipeline`)."""
    from .pipeline import analyze as _analyze

    return _analyze(doc)
