"""The default stages of ``rasid analyze``, in order.

Each package exposes its stage as a module-level ``STAGE``; this list is the
whole of the default pipeline. Later work replaces a stage, never the list's
shape.
"""

from __future__ import annotations


def default_stages() -> list:
    from .entities.stage import STAGE as entities
    from .events.stage import STAGE as events
    from .geo.stage import STAGE as places
    from .text.normalise import STAGE as normalise
    from .text.numbers import STAGE as numbers
    from .text.sentences import STAGE as sentences
    from .text.tokens import STAGE as tokens
    from .time.stage import STAGE as times

    return [normalise, tokens, sentences, numbers, entities, places, times, events]
