"""Property tests: every span the text layer (and the pipeline) produces is an
exact slice of the text."""

from __future__ import annotations

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from rasid.document import Document
from rasid.pipeline import default_pipeline
from rasid.text.numbers import find_numbers
from rasid.text.sentences import split_sentences
from rasid.text.tokens import tokenize

ARABIC_LETTERS = st.characters(min_codepoint=0x0621, max_codepoint=0x064A)
PIECES = st.one_of(
    ARABIC_LETTERS,
    st.sampled_from(list("\u064b\u064c\u064d\u064e\u064f\u0650\u0651\u0652\u0670\u0640")),
    st.sampled_from(list("0123456789٠١٢٣٤٥٦٧٨٩۰۱۲۳۴۵۶۷۸۹")),
    st.sampled_from(list("،؛؟.,:«»“”\"()/-!?…٫٬%'")),
    st.sampled_from([" ", "  ", "\n", "\n\n", "\t", "\u200f", "\u200c", "\xa0"]),
    st.characters(min_codepoint=0x41, max_codepoint=0x7A),
    st.sampled_from(["وقال", "وأضاف", "كما", "من جهته،", " د. ", "2.5", "1,500", "ثلاثة آلاف",
                     "عشرات", "جنديين", "والجيش", "نحو", "أكثر من", " و", "الثاني عشر"]),
)
ARABIC_TEXT = st.lists(PIECES, max_size=80).map("".join)
ANY_TEXT = st.one_of(ARABIC_TEXT, st.text(max_size=60))


def _check(text, span):
    assert 0 <= span.start <= span.end <= len(text)
    if getattr(span, "text", None) is not None:
        assert text[span.start:span.end] == span.text


@settings(max_examples=300, deadline=None)
@given(ANY_TEXT)
def test_tokenize_spans_are_exact(text):
    prev_end = 0
    for tok in tokenize(text):
        _check(text, tok)
        assert tok.start < tok.end and tok.start >= prev_end
        assert tok.start <= tok.stem_start <= tok.stem_end <= tok.end
        prev_end = tok.end


@settings(max_examples=300, deadline=None)
@given(ANY_TEXT)
def test_split_sentences_spans_are_ordered_and_cover_text(text):
    sents = split_sentences(text)
    prev_end = 0
    covered = set()
    for s in sents:
        _check(text, s)
        chunk = text[s.start:s.end]
        assert chunk and chunk == chunk.strip()
        assert s.start >= prev_end
        prev_end = s.end
        covered.update(range(s.start, s.end))
    assert all(ch.isspace() for i, ch in enumerate(text) if i not in covered)


@settings(max_examples=300, deadline=None)
@given(ANY_TEXT)
def test_find_numbers_spans_are_exact(text):
    prev_end = 0
    for n in find_numbers(text, tokenize(text)):
        _check(text, n)
        assert n.start < n.end and n.start >= prev_end
        assert n.value is None or n.value >= 0
        prev_end = n.end


def _contract_spans(contract):
    for key in ("entities", "places", "times", "quotes"):
        for item in contract[key]:
            yield item
    for ev in contract["events"]:
        for role in ("actor", "target", "trigger"):
            if ev.get(role):
                yield ev[role]
        yield ev["sentence"]
    yield from contract["sentences"]


@settings(max_examples=100, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(ARABIC_TEXT)
def test_default_pipeline_spans_are_exact(text):
    doc = default_pipeline()(Document(text=text))
    contract = doc.to_contract()
    assert contract["text"] == text
    for span in _contract_spans(contract):
        assert 0 <= span["start"] <= span["end"] <= len(text)
        if span.get("text") is not None:
            assert text[span["start"]:span["end"]] == span["text"]
    for layer in (doc.tokens, doc.sentences, doc.numbers):
        for span in layer:
            _check(text, span)
