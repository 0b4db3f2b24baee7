"""Placeholder stage (replaced by the real implementation)."""

from ..pipeline import stage


@stage(name="entities.stage", writes=('entities', 'actors'))
def STAGE(doc):
    return doc
