"""Placeholder stage (replaced by the real implementation)."""

from ..pipeline import stage


@stage(name="geo.stage", writes=('places',))
def STAGE(doc):
    return doc
