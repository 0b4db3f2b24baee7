"""Placeholder stage (replaced by the real implementation)."""

from ..pipeline import stage


@stage(name="text.sentences", writes=('sentences',))
def STAGE(doc):
    return doc
