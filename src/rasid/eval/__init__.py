"""``rasid eval``: score the system against gold files (``gold/SCORING.md``).

``score_dir(gold_dir)`` returns a :class:`Report`; the rules are pure
functions in :mod:`rasid.eval.scoring` and :mod:`rasid.eval.events`.
"""

from .report import Ratio, Report
from .runner import load_gold, run_system, score_article, score_dir

__all__ = ["Ratio", "Report", "load_gold", "run_system", "score_article", "score_dir"]
