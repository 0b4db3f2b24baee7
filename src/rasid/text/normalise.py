"""Placeholder stage (replaced by the real implementation)."""

from ..pipeline import stage


@stage(name="text.normalise", writes=('norm',))
def STAGE(doc):
    return doc
