"""Placeholder stage (replaced by the real implementation)."""

from ..pipeline import stage


@stage(name="text.numbers", writes=('numbers',))
def STAGE(doc):
    return doc
