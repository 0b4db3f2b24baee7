"""Placeholder stage (replaced by the real implementation)."""

from ..pipeline import stage


@stage(name="events.stage", writes=('events', 'quotes'))
def STAGE(doc):
    return doc
