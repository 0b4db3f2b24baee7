"""Opinion pieces: articles written in the first person plural.

A column («نحن», «علينا», «بلادنا», «كما أشرنا») tells acts as arguments,
memories and examples, not as the news of the day; the events stage reads no
events from one (:func:`opinion_piece`). Words inside quotation marks are not
counted (a reported statement «نحن لن نسمح ...» is news). The words are the
``first_person`` cues of ``data/events/triggers.yaml``.
"""

from __future__ import annotations

import re

from ..text.normalise import normalise
from .lexicon import TriggerLexicon
from .quotes import quote_spans

MIN_WORDS = 4  # first-person words outside quotes
MIN_PER_THOUSAND = 4.0  # and their density per 1,000 words
_WORD = re.compile(r"[\u0621-\u064a]+")


def first_person_count(text: str, lex: TriggerLexicon) -> tuple[int, int]:
    """``(first-person words outside quotes, all words)`` of ``text``."""
    chars = list(text)
    for s, e in quote_spans(text):
        chars[s:e] = " " * (e - s)
    ws = _WORD.findall(normalise("".join(chars)))
    cues = lex.cues["first_person"]
    return sum(1 for w in ws if w in cues), len(ws)


def opinion_piece(text: str, lex: TriggerLexicon) -> bool:
    """Whether ``text`` is written in the first person plural (see the module
    docstring): at least :data:`MIN_WORDS` such words outside quotes, and
    :data:`MIN_PER_THOUSAND` per 1,000 words."""
    n, total = first_person_count(text, lex)
    return n >= MIN_WORDS and total > 0 and n * 1000 / total >= MIN_PER_THOUSAND


__all__ = ["opinion_piece", "first_person_count", "MIN_WORDS", "MIN_PER_THOUSAND"]
