"""Placeholder stage (replaced by the real implementation)."""

from ..pipeline import stage


@stage(name="time.stage", writes=('times',))
def STAGE(doc):
    return doc
