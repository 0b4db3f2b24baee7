"""Placeholder stage (replaced by the real implementation)."""

from ..pipeline import stage


@stage(name="text.tokens", writes=('tokens',))
def STAGE(doc):
    return doc
