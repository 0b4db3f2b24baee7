"""The shipped NER model: loads offline, tags sentences, clitic-free spans."""

from __future__ import annotations

import pytest

from rasid.document import Document, Sentence
from rasid.entities.ner import NerModel, find_entities, model, propagate
from rasid.entities.ner_data import spans
from rasid.text.tokens import tokenize


def _doc(text: str) -> Document:
    doc = Document(text=text)
    doc.tokens = tokenize(text)
    return doc


def _found(text: str) -> set[tuple[str, str]]:
    return {(e.text, e.type) for e in find_entities(_doc(text))}


def test_model_loads_once_without_network():
    m = model()
    assert isinstance(m, NerModel) and m is model()
    assert m.path.exists() and m.path.stat().st_size < 30e6
    assert m.tag([]) == []


@pytest.mark.parametrize("text, entity", [
    ("وقدم الوفد دعما لأوباما في الانتخابات .", ("أوباما", "PER")),
    ("وصل المبعوث الأممي بصنعاء أمس .", ("صنعاء", "LOC")),
    ("وقال الرئيس عبدالفتاح السيسي إن مصر تدعم الحل السياسي .", ("عبدالفتاح السيسي", "PER")),
    ("ودعا مجلس الأمن الدولي إلى وقف إطلاق النار في اليمن .", ("مجلس الأمن الدولي", "ORG")),
    ("ودعا مجلس الأمن الدولي إلى وقف إطلاق النار في اليمن .", ("اليمن", "LOC")),
    pytest.param("وقالت الرئاسة المصرية في بيان إن الرئيس استقبل الوفد .", ("الرئاسة المصرية", "ORG"), marks=pytest.mark.xfail(
        strict=True, reason="the corpora rarely tag such institutions; left to the dictionary")),
    pytest.param("وأعلنت الحكومة حظر جماعة الإخوان المسلمين في البلاد .", ("جماعة الإخوان المسلمين", "ORG"), marks=pytest.mark.xfail(
        strict=True, reason="the corpora rarely tag such institutions; left to the dictionary")),
    ("وسيطرت الشرطة والجيش الليبي على مدينة بنغازي بعد معارك عنيفة .", ("الجيش الليبي", "ORG")),
    ("وسيطرت الشرطة والجيش الليبي على مدينة بنغازي بعد معارك عنيفة .", ("بنغازي", "LOC")),
])
def test_find_entities_types_and_spans(text, entity):
    assert entity in _found(text)


@pytest.mark.parametrize("text, span", [
    ("وقدم الوفد دعما لأوباما في الانتخابات .", "أوباما"),
    ("وصل المبعوث الأممي بصنعاء أمس .", "صنعاء"),
    ("وسيطرت الشرطة والجيش الليبي على مدينة بنغازي بعد معارك عنيفة .", "الجيش الليبي"),
])
def test_find_entities_leaves_proclitics_outside(text, span):
    doc = _doc(text)
    ents = find_entities(doc)
    texts = [e.text for e in ents]
    assert span in texts
    for e in ents:
        assert doc.text[e.start:e.end] == e.text
        assert e.text[:1] not in "وفبل" or e.text in ("لبنان", "بغداد", "بنغازي")


def test_find_entities_uses_sentences_and_exact_offsets():
    text = "استقبل الملك سلمان بن عبدالعزيز في الرياض وزير الخارجية . ثم غادر إلى جدة ."
    doc = _doc(text)
    doc.sentences = [Sentence(0, 57), Sentence(58, len(text))]
    ents = find_entities(doc)
    assert ents and all(text[e.start:e.end] == e.text for e in ents)
    assert ("الرياض", "LOC") in {(e.text, e.type) for e in ents}
    assert ents == sorted(ents, key=lambda e: e.start)


def test_tag_gives_valid_bio_of_the_three_types():
    words = "قال وزير الخارجية السعودي عادل الجبير في الرياض إن المملكة تدعم الحكومة اليمنية .".split()
    tags = model().tag(words)
    assert len(tags) == len(words)
    assert {t for t in tags} <= {"O", "B-PER", "I-PER", "B-ORG", "I-ORG", "B-LOC", "I-LOC"}
    assert (7, 8, "LOC") in spans(tags)


def test_bilstm_numpy_inference_equals_torch(tmp_path):
    torch = pytest.importorskip("torch")
    import numpy as np

    from rasid.entities import ner_bilstm as nb

    words = ["قال", "الرئيس", "في", "بغداد", "الجيش", "صنعاء"]
    vocab = nb.Vocab(words, sorted({c for w in words for c in w}))
    rng = np.random.default_rng(0)
    emb = rng.normal(size=(len(words) + 2, 8)).astype(np.float32)
    torch.manual_seed(0)
    tm = nb._torch_model(vocab, emb, hidden=6, char_dim=5, filters=4)
    with torch.no_grad():
        for p in tm.crf.parameters():
            p.normal_()
    tm.eval()
    path = nb.export(tm, vocab, tmp_path / "m.npz")
    npm = nb.NumpyBiLstmCrf.load(path)
    for sent in (["قال", "الرئيس"], ["وصل", "الجيش", "إلى", "صنعاء", "أمس", "."]):
        wid = torch.from_numpy(vocab.word_ids(sent))[None]
        cid = torch.from_numpy(vocab.char_ids(sent))[None]
        lex = torch.from_numpy(nb.lexical(sent))[None]
        with torch.no_grad():
            ref = tm.emissions(wid, cid, lex)[0].numpy()
        assert np.allclose(npm.emissions(sent), ref, atol=1e-4)
        assert len(npm.tag(sent)) == len(sent)


def test_propagate_tags_a_name_where_it_recurs_untagged():
    stems = [["قال", "شركه", "نوكيا", "ان"], ["و", "نوكيا", "ستطرح"], ["قال", "مايكل", "شوماخر"], ["فاز", "شوماخر"]]
    tags = [["O", "O", "B-ORG", "O"], ["O", "O", "O"], ["O", "B-PER", "I-PER"], ["O", "O"]]
    out = propagate(stems, tags)
    assert out[1] == ["O", "B-ORG", "O"]
    assert out[3] == ["O", "B-PER"]  # the surname of a person tagged in full
    assert out[0] == tags[0] and out[2] == tags[2]


def test_propagate_leaves_frequent_words_and_tagged_words_alone():
    stems = [["في", "الشرق", "الاوسط"], ["الشرق", "قريب"], ["في", "الشرق", "الاوسط"]]
    tags = [["O", "B-LOC", "I-LOC"], ["O", "O"], ["O", "B-ORG", "O"]]
    out = propagate(stems, tags, max_freq=0)
    assert out[1] == ["O", "O"]  # one frequent word is not a name on its own
    assert out[2] == ["O", "B-ORG", "O"]  # words already tagged keep their tags


def test_tag_document_is_consistent_across_sentences():
    m = model()
    doc = [["وقال", "رئيس", "شركة", "مايكروسوفت", "إن", "الأرباح", "زادت", "."],
           ["وتتوقع", "مايكروسوفت", "أرباحا", "أكبر", "."]]
    tags = m.tag_document(doc)
    assert [len(t) for t in tags] == [len(s) for s in doc]
    first = {t[2:] for t in tags[0][3:4]}
    if first != {""}:
        assert tags[1][1][2:] in first
