"""Merging the statistical NER (:func:`rasid.entities.ner.find_entities`)
into the actor mentions of the entities stage.

NER spans come in original-text offsets; they are mapped to the words of
``Document.norm``. A span is kept only over words no earlier finder took
(dictionary names, titles and institutions win where they overlap). A kept
span is linked by alias lookup: the whole span, or the span without a
leading descriptor, is looked up in the actor dictionary's phrase index;
otherwise the linker gives it a document-local id (persons and
organisations alike), so that its mentions group. Spans keep their proclitics
outside (the NER starts spans at the stem of their first token).
"""

from __future__ import annotations

from bisect import bisect_left, bisect_right

from ..document import Document, Sentence
from .dictionary import ActorDictionary, Lexicons
from .matcher import Word
from .mentions import ActorMention, Taken

# Sentences without a free word rarer than this (in the news word list of
# rasid.text.tokens) are not tagged by the NER.
RARE_FREQ = 20


def _norm_offset(norm_map: list[int], orig: int, *, end: bool) -> int:
    """The normalised offset of original offset ``orig`` (first normalised
    character at or after it for a start, last one before it for an end)."""
    if end:
        return bisect_right(norm_map, orig - 1)
    return bisect_left(norm_map, orig)


def _ensure_tokens(doc: Document) -> None:
    if not doc.tokens:
        from ..text.tokens import tokenize

        doc.tokens = tokenize(doc.text)


def ner_mentions(doc: Document, ws: list[Word], d: ActorDictionary, lex: Lexicons, taken: Taken, *,
                 types: tuple[str, ...] = ("PER", "ORG"),
                 max_freq: int = RARE_FREQ) -> list[ActorMention]:
    """NER spans of ``types`` over free words of ``ws``, as ``ner`` mentions.

    Only sentences with a free word rarer than ``max_freq`` in the news word
    list are tagged (a name unknown to the dictionary has such a word; the
    others are skipped for speed)."""
    from .ner import find_entities

    if not ws:
        return []
    _ensure_tokens(doc)
    starts = [w.start for w in ws]
    part = _rare_word_sentences(doc, ws, starts, taken, max_freq=max_freq)
    if part is None:
        return []
    out: list[ActorMention] = []
    for e in find_entities(part):
        if e.type not in types:
            continue
        a = _norm_offset(doc.norm_map, e.start, end=False)
        b = _norm_offset(doc.norm_map, e.end, end=True)
        if b <= a:
            continue
        i = bisect_right(starts, a) - 1
        j = bisect_left(starts, b)
        if i < 0 or i >= j or not taken.free(i, j):
            continue
        if ws[j - 1].end < b or a < ws[i].start:
            continue
        if ws[i].text.startswith("لل") and a < ws[i].start + 2:
            continue  # «للفيفا» read as «لفيفا»: the name («الفيفا») is not in the text
        i0, j0 = i, j
        j = _trim_tail(ws, i, j, lex,
                       person=e.type == "PER" and not _org_headed(ws, i, doc.norm[a:ws[i].end], lex))
        b = min(b, ws[j - 1].end)
        if e.type == "PER" and a == ws[i].start:
            while j - i > 1 and _common_noun(ws[i].text) and not _title_or_head(ws[i].text, lex):
                i += 1  # «رحيل إبراهيموفيتش», «لتمثيل النادي»: a noun before the name
            a = ws[i].start
        if e.type == "PER" and j - i == 1 and j0 - i0 > 1 and not _known_name(ws[i].text) \
                and _word_count(ws[i].text) >= TRIMMED_RARE:
            continue  # «فراغ (الشاب)»: what is left after trimming is an ordinary word
        if e.type == "PER" and j - i >= 3 and i > 0 and a == ws[i].start \
                and ws[i - 1].text in lex.construct_titles:
            i, a = i + 1, ws[i + 1].start  # «محافظ (أملج) زياد البازعي»: the place it rules
        if e.type == "PER" and a == ws[i].start:
            parts = _coordinated(ws, i, j)
            if parts is not None:
                for k in parts:  # «محمد وخالد»: two persons
                    if taken.free(k, k + 1):
                        w = ws[k]
                        off = 1 if k > i else 0
                        out.append(ActorMention(w.start + off, w.end, k, k + 1, "PER", "ner", None,
                                                prefix=w.text[:off]))
                        taken.take(k, k + 1)
                continue
        if e.type == "PER":
            k = _after_titles(ws, i, j, lex)
            if k >= j:
                continue  # «حاكم كاليفورنيا»: a title and the place it rules
            if k > i:
                i, a = k, ws[k].start
        nstart = a
        prefix = doc.norm[ws[i].start:a]
        text = doc.norm[a:ws[j - 1].end]
        typ = e.type
        headed = _org_headed(ws, i, text, lex)
        if typ == "PER" and headed:
            typ = "ORG"  # «شركة بكين للسيارات», «وكالة أنباء ريا نوفوستي»
        aid = _lookup(text, d)
        if aid is None and not _name_like(text, typ, lex, headed=headed):
            continue
        out.append(ActorMention(nstart, ws[j - 1].end, i, j, typ, "ner", aid, prefix=prefix))
        taken.take(i, j)
    return out


def _rare_word_sentences(doc: Document, ws: list[Word], starts: list[int], taken: Taken, *,
                         max_freq: int) -> Document | None:
    """A view of ``doc`` (same text, offsets and tokens) holding only the
    sentences worth tagging, or None when there are none."""
    from ..text.tokens import word_counts
    from .matcher import stem_texts

    counts = word_counts()
    sentences = doc.sentences or [Sentence(0, len(doc.text))]
    keep = []
    for s in sentences:
        a = bisect_left(starts, _norm_offset(doc.norm_map, s.start, end=False))
        b = bisect_left(starts, _norm_offset(doc.norm_map, s.end, end=True))
        for k in range(a, b):
            if taken.words[k] or len(ws[k].text) < 3:
                continue
            if min(counts.get(st, 0) for st in stem_texts(ws[k].text, virtual=False)) < max_freq:
                keep.append(s)
                break
    if not keep:
        return None
    if len(keep) == len(sentences) and doc.sentences:
        return doc
    lo, hi = keep[0].start, keep[-1].end
    tokens = [t for t in doc.tokens if lo <= t.start < hi]
    return Document(text=doc.text, tokens=tokens, sentences=keep)


def _name_like(text: str, typ: str, lex: Lexicons, *, headed: bool = False) -> bool:
    """Whether an NER span outside the dictionary reads as a name: not a
    collective or demonym (``not_entities`` of data/entities/names.yaml,
    country nisbas), not a single word with the article (السوريون، المرصد),
    not a description headed by a generic noun of force (قوات موالية)."""
    parts = text.split()
    if not parts or text in lex.not_entities or parts[0] in lex.not_entities:
        return False
    if len(parts) == 1 and (text.startswith("ال") or text in lex.country_adjs) \
            and not (headed and typ == "ORG" and text not in lex.country_adjs):
        return False  # «المرصد»; but «صحيفة الشروق» names the paper
    if typ == "ORG" and parts[0] in lex.generic_heads:
        return False
    if typ == "ORG" and parts[0] in lex.currency_words and (
            len(parts) == 1 or parts[1][:1] in "لب" or parts[1].endswith(("ي", "يه"))):
        return False  # «ريال للبنزين», «ريال سنوي»; not «ريال مدريد»
    if typ == "ORG" and _described(parts, lex):
        return False  # «بيئة الأعمال اليمنية», «معتمرو الخليج»
    if typ == "PER" and len(parts) == 1 and _common_not_name(parts[0]):
        return False  # «جودة», «الله»
    if typ == "PER" and all(p.endswith("ا") and not _known_name(p) for p in parts):
        return False  # «مرشداً تربوياً»: accusatives
    if typ == "ORG" and parts[0] in lex.person_titles and len(parts) > 1:
        return False  # «(مستشفى) الملك خالد»: part of a place's name
    return True


# A first word this common in the news that heads no name makes an NER ORG
# span a description; a single PER word this common (and four times as
# common as it is seen as a name) is an ordinary word.
COMMON_HEAD = 300


def _described(parts: list[str], lex: Lexicons) -> bool:
    """An ORG span that is a description: a common noun that heads no
    organisation's name followed by a definite word («بيئة الأعمال»), or a
    plural in construct («معتمرو الخليج»: «معتمرون» is the word)."""
    from ..text.tokens import word_counts

    first = parts[0]
    if len(parts) < 2 or first.startswith("ال") or not parts[1].startswith("ال"):
        return False
    if first in lex.org_name_heads or first in lex.country_names or first in lex.org_heads:
        return False
    counts = word_counts()
    if _known_name(first):
        return False
    if first.endswith("و") and counts.get(first + "ن", 0) >= COMMON_HEAD:
        return True
    return counts.get(first, 0) >= COMMON_HEAD and first not in lex.ner_org_heads


# A word whose form with the article is this common is an ordinary noun
# («الرحيل», «المسيرة», «التمثيل»), unless it is seen this often as a name.
NOUN_WITH_ARTICLE = 100
NOUN_NAME_MAX = 20


def _common_noun(t: str) -> bool:
    """Whether ``t`` (or ``t`` without a «ل/ب» proclitic) is an ordinary noun
    that a person span should not start with."""
    from ..text.tokens import word_counts
    from .ner_names import name_count

    counts = word_counts()
    stems = [t] + ([t[1:]] if t[:1] in "لب" and not t.startswith("ال") and len(t) > 3 else [])
    for st in stems:
        if len(st) < 3:
            continue  # «لي روي»
        if name_count(st) >= NOUN_NAME_MAX:
            continue
        if not st.startswith("ال") and counts.get("ال" + st, 0) >= NOUN_WITH_ARTICLE:
            return True
    return False


def _title_or_head(t: str, lex: Lexicons) -> bool:
    """A title («حاكم») or an organisation head («شركة»), with or without a
    proclitic: read by the title and organisation rules, not trimmed."""
    from .matcher import stem_texts

    return any(st in lex.person_titles or st in lex.construct_titles or st in lex.org_name_heads
               or st in lex.complements for st in stem_texts(t, virtual=False))


# A single word left of a trimmed person span stays only when it is a known
# name part or rarer than this (a foreign name: «(رحيل) إبراهيموفيتش»).
TRIMMED_RARE = 100


def _word_count(t: str) -> int:
    from ..text.tokens import word_counts

    return word_counts().get(t, 0)


def _known_name(t: str) -> bool:
    """Whether ``t`` is seen as a name part often enough to count."""
    from .ner_names import name_count

    return name_count(t) >= TAIL_NAME_MIN


def _common_not_name(t: str, *, ratio: int = 4) -> bool:
    """A word far more common in the news (``ratio`` times) than as a name."""
    from ..text.tokens import word_counts
    from .ner_names import name_count

    c = word_counts().get(t, 0)
    return c >= COMMON_HEAD and name_count(t) * ratio < c


def _tail_word(t: str, lex: Lexicons) -> bool:
    """Whether ``t``, last in an NER span, is an ordinary word that ended up
    in it: a function word or date («أمس»), «ب» + a common noun («بشكل»), or
    a common accusative («بيانا», «اجتماعا») that is not a name."""
    from ..text.tokens import word_counts

    if _known_name(t):
        return False  # «علي» (normalised «على» too)
    if t in lex.org_ends or (t in lex.stop and not t.startswith("ال")):
        return True  # not «المصري», «الثاني»: nisbas and ordinals end names
    counts = word_counts()
    if t[:1] == "ب" and not t.startswith("ال") and max(counts.get(t, 0), counts.get(t[1:], 0)) >= TAIL_COMMON:
        return True
    return t.endswith("ا") and len(t) >= 4 and counts.get(t, 0) >= TAIL_ACCUSATIVE


# «ب» + a word this common ends an NER span («بشكل»); an accusative in «ا»
# this common too («بيانا»); a known name part seen this often never does.
TAIL_COMMON = 1000
TAIL_ACCUSATIVE = 200
TAIL_NAME_MIN = 5


def _trim_tail(ws: list[Word], i: int, j: int, lex: Lexicons, *, person: bool = False) -> int:
    """The end of span ``[i, j)`` without ordinary trailing words
    («نادي الشباب بيانا» -> «نادي الشباب»); a person's name also loses a
    last word with «بال/لل» («الغفيلي بالرس»)."""
    while j - i > 1:
        t = ws[j - 1].text
        if not (_tail_word(t, lex) or (person and (t[:3] in ("بال", "كال") or t.startswith("لل")
                                                   or t in lex.person_titles))):
            break
        j -= 1
    return j


def _coordinated(ws: list[Word], i: int, j: int) -> list[int] | None:
    """The word indexes of single given names joined by «و» in an NER person
    span («محمد وخالد», «وليد وأحمد»), or None when the span is one name."""
    from .ner_names import names

    if j - i < 2:
        return None
    lexicon = names()
    for k in range(i, j):
        t = ws[k].text
        if k > i:
            if not t.startswith("و") or len(t) < 4:
                return None
            t = t[1:]
        u = lexicon.get(t)
        if u is None or u.given < COORDINATED_GIVEN:
            return None
    return list(range(i, j))


# Each part of a coordinated span must be seen this often as a given name.
COORDINATED_GIVEN = 50


def _after_titles(ws: list[Word], i: int, j: int, lex: Lexicons) -> int:
    """The first word of ``[i, j)`` after leading titles, their complements and
    nisbas («السناتور الأمريكي بن كاردين» -> «بن كاردين»), and after the place
    a construct title rules («حاكم لويزيانا»)."""
    from .matcher import stem_texts

    k = i
    while k < j:
        t = ws[k].text
        stems = stem_texts(t, virtual=False) if k == i else (t,)
        if not lex.construct_titles.isdisjoint(stems):
            k += 2
        elif not lex.person_titles.isdisjoint(stems) or t in lex.complements or t in lex.country_adjs:
            k += 1
        else:
            break
    return k


def _org_headed(ws: list[Word], i: int, text: str, lex: Lexicons) -> bool:
    """Whether a span starting at word ``i`` names an organisation by its head
    noun: its first word is one (``org_name_heads`` of data/entities/names.yaml),
    or the word before it is, with or without a proclitic («لشركة»)."""
    from .matcher import stem_texts

    heads = lex.org_name_heads
    first = text.split(maxsplit=1)[0] if text else ""
    if first in heads:
        return True
    return i > 0 and any(st in heads for st in stem_texts(ws[i - 1].text, virtual=False))


def _lookup(text: str, d: ActorDictionary) -> str | None:
    """The actor whose (non-short) alias is exactly ``text``, if exactly one."""
    from .matcher import phrase_words

    key = phrase_words(text)
    if not key:
        return None
    ids = {v.actor_id for k, v in d.index._by_first.get(key[0], ()) if k == key and not v.short
           and v.before is None}
    return ids.pop() if len(ids) == 1 else None
