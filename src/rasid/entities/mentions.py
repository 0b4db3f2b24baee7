"""Finding actor mentions in the normalised text.

Each finder walks the words of ``Document.norm`` and adds
:class:`ActorMention` records over words not yet taken:

* :func:`find_dictionary` — names and aliases of the actor dictionary,
  longest first, proclitics outside the span;
* :func:`find_institutions` — «الجيش المصري», «جيش بوروندي»; a bare head
  («قوات الأمن») becomes a ``bare`` mention that the linker resolves;
* :func:`find_titles` — «الرئيس المصري», «قائد الجيش الوطني الليبي»
  (mentions, not entities; the linker gives them the office holder);
* :func:`find_names` — person names after a title word, and kunyas;
* :func:`find_countries` — country names: LOC entities linked to the state
  actor ``<iso3>-state`` (the places stage geocodes them and adds no second
  entity over them).
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from .dictionary import ActorDictionary, Lexicons
from .matcher import PROCLITICS, Word, joined, readings, stem_texts


@dataclass(slots=True)
class ActorMention:
    """A mention of an actor: ``norm[nstart:nend]`` over words ``[i, j)``.

    ``source`` says how it was found (dictionary, short, institution, bare,
    anaphor, title, name, kunya, coref, country); ``entity`` whether it is
    reported as an entity (names are; titles and bare heads are not)."""

    nstart: int
    nend: int
    i: int
    j: int
    type: str
    source: str
    actor_id: str | None = None
    entity: bool = True
    country: str | None = None
    slug: str | None = None
    role: str | None = None
    of: str | None = None
    prefix: str = ""
    start: int = -1
    end: int = -1
    text: str = ""
    owners: tuple[str, ...] = ()


class Taken:
    """Which words are already part of a mention."""

    def __init__(self, n: int) -> None:
        self.words = [False] * n

    def free(self, i: int, j: int) -> bool:
        return not any(self.words[i:j])

    def take(self, i: int, j: int) -> None:
        for k in range(i, j):
            self.words[k] = True


def _stems(w: Word) -> tuple[str, ...]:
    return stem_texts(w.text)


# A name right after one of these is a father's («بن سلمان بن عبدالعزيز»).
PATRONYMIC = frozenset({"بن", "ابن", "بنت"})


def _given_name(t: str) -> bool:
    """Whether ``t`` is known as a given name (person-name lexicon)."""
    from .ner_names import names

    if t.startswith("عبدال") and len(t) > 6:
        return True  # «عبدالغني»
    u = names().get(t)
    return u is not None and u.given >= NAME_MIN_COUNT


def find_dictionary(norm: str, ws: list[Word], d: ActorDictionary, lex: Lexicons,
                    taken: Taken) -> list[ActorMention]:
    out: list[ActorMention] = []
    starts = d.index.starting_words(ws)
    i = 0
    while i < len(ws):
        if i not in starts or (lex.never and ws[i].text in lex.never):
            i += 1
            continue
        best = None
        for m in d.index.match_at(norm, ws, i):
            if not taken.free(m.i, m.j):
                continue
            if i > 0 and joined(norm, ws[i - 1], ws[i]) and (
                    ws[i - 1].text in PATRONYMIC
                    or (ws[i].text in PATRONYMIC and _given_name(ws[i - 1].text))):
                continue  # «سلطان بن سلمان بن عبدالعزيز», «أمين بن علي»: a father's name, not the actor
            if m.j - m.i >= 3 and ws[m.j - 2].text in PATRONYMIC and m.j < len(ws) \
                    and joined(norm, ws[m.j - 1], ws[m.j]) and norm[ws[m.j - 1].end:ws[m.j].start] == " " \
                    and ws[m.j].text.startswith("ال") and len(ws[m.j].text) >= 5 \
                    and ws[m.j].text not in lex.stop and ws[m.j].text not in lex.country_adjs \
                    and (d.get(m.value.actor_id) is None or d.get(m.value.actor_id).type == "PER"):
                continue  # «محمد بن عبدالرحمن المخرج»: another man of the same nasab
            if m.value.before is not None:
                if i == 0 or not joined(norm, ws[i - 1], ws[i]) or m.value.before not in _stems(ws[i - 1]):
                    continue
            best = m
            break
        if best is None:
            i += 1
            continue
        entry = d.get(best.value.actor_id)
        owners: tuple[str, ...] = ()
        if best.value.short:
            owners = tuple(sorted({m.value.actor_id for m in d.index.match_at(norm, ws, i)
                                   if m.value.short and (m.i, m.j) == (best.i, best.j)}))
        out.append(ActorMention(
            best.start, best.end, best.i, best.j, entry.type if entry else "ORG",
            "short" if best.value.short else "dictionary", best.value.actor_id,
            entity=not best.virtual, prefix=best.prefix, owners=owners))
        taken.take(best.i, best.j)
        i = best.j
    # A short form whose owners are never named in full is no mention: free
    # its words for the other finders («المهندس» before a name, when no «أبو
    # مهدي المهندس» is in the text).
    named = {m.actor_id for m in out if m.source == "dictionary"}
    kept = []
    for m in out:
        if m.source == "short" and named.isdisjoint(m.owners):
            taken.words[m.i:m.j] = [False] * (m.j - m.i)
        else:
            kept.append(m)
    return kept


def _country_after(norm: str, ws: list[Word], j: int, lex: Lexicons, *, adj: bool) -> tuple[str, int] | None:
    """The country named at word ``j`` (a nisba when ``adj``, else a name of
    one to three words), as ``(iso3, end word)``."""
    if j >= len(ws) or not joined(norm, ws[j - 1], ws[j]):
        return None
    if adj:
        iso = lex.country_adjs.get(ws[j].text)
        return (iso, j + 1) if iso else None
    for n in _name_lengths(lex.country_names).get(ws[j].text, ()):
        if n > 3 or j + n > len(ws):
            continue
        if any(not joined(norm, ws[k - 1], ws[k]) for k in range(j + 1, j + n)):
            continue
        key = " ".join(w.text for w in ws[j:j + n])
        iso = lex.country_names.get(key)
        if iso:
            return iso, j + n
    return None


_LENGTHS: dict[int, tuple[dict[str, str], int, dict[str, tuple[int, ...]]]] = {}


def _name_lengths(names: dict[str, str]) -> dict[str, tuple[int, ...]]:
    """First word -> word counts of the (space-joined) names starting with
    it, longest first; computed once per name table."""
    got = _LENGTHS.get(id(names))
    if got is None or got[0] is not names or got[1] != len(names):
        lengths: dict[str, set[int]] = {}
        for k in names:
            parts = k.split(" ")
            lengths.setdefault(parts[0], set()).add(len(parts))
        got = (names, len(names), {w: tuple(sorted(ns, reverse=True)) for w, ns in lengths.items()})
        _LENGTHS[id(names)] = got
    return got[2]


def find_institutions(norm: str, ws: list[Word], lex: Lexicons, taken: Taken) -> list[ActorMention]:
    out: list[ActorMention] = []
    head_starts = lex.heads.starting_words(ws)
    construct_starts = lex.construct.starting_words(ws)
    i = 0
    while i < len(ws):
        if i not in head_starts and i not in construct_starts:
            i += 1
            continue
        done = False
        for index, adj in ((lex.heads, True), (lex.construct, False)):
            for m in index.match_at(norm, ws, i):
                if not taken.free(m.i, m.j):
                    continue
                got = _country_after(norm, ws, m.j, lex, adj=adj)
                if got is None or not taken.free(m.j, got[1]):
                    continue
                iso, end = got
                h = m.value
                out.append(ActorMention(
                    m.start, ws[end - 1].end, i, end, "ORG", "institution",
                    f"{iso.lower()}-{h['slug']}", entity=bool(h.get("entity")) and not m.virtual,
                    country=iso, slug=h["slug"], prefix=m.prefix))
                taken.take(i, end)
                i = end
                done = True
                break
            if done:
                break
        if not done:
            i += 1
    out += find_org_names(norm, ws, lex, taken)
    # Bare heads and anaphors, resolved later by the linker.
    for i, w in enumerate(ws):
        if not taken.words[i]:
            bare = False
            if i in head_starts:
                for m in lex.heads.match_at(norm, ws, i):
                    if taken.free(m.i, m.j) and norm[m.start:m.end] not in lex.not_bare:
                        out.append(ActorMention(m.start, m.end, m.i, m.j, "ORG", "bare",
                                                entity=False, slug=m.value["slug"], prefix=m.prefix))
                        taken.take(m.i, m.j)
                        bare = True
                        break
            if not bare:
                for offset, stem, prefix, virtual in readings(w.text):
                    if stem in lex.anaphors and not virtual:
                        out.append(ActorMention(w.start + offset, w.end, i, i + 1, "ORG",
                                                "anaphor", entity=False, prefix=prefix))
                        taken.take(i, i + 1)
                        break
    return out


# ------------------------------------------------------------ organisation names
MAX_ORG_WORDS = 7


def _nisba(t: str) -> bool:
    """A definite nisba adjective («الوطني», «الاجتماعيه» normalised)."""
    return t.startswith("ال") and len(t) >= 5 and (t.endswith("ي") or t.endswith("يه"))


def _org_word(t: str, lex: Lexicons) -> bool:
    """A word that may be part of an organisation's name at all."""
    return len(t) >= 2 and not _DIGIT.search(t) and t not in lex.org_ends and t not in lex.never \
        and (t.startswith("ال") or t not in lex.stop)


def _org_end(norm: str, ws: list[Word], i: int, least: int, lex: Lexicons, taken: Taken,
             *, definite: bool) -> int | None:
    """The end (exclusive word index) of the organisation name whose head is
    word ``i``, or None when the words after it do not make one."""
    n = len(ws)

    def free(k: int) -> bool:
        return k < n and taken.free(k, k + 1) and _tight(norm, ws[k - 1], ws[k])

    def ok(k: int) -> bool:
        return free(k) and _org_word(ws[k].text, lex)

    k = i + 1
    if not free(k):
        return None
    t = ws[k].text
    place = False  # the name ends in a place: only adjectives may follow
    named = False  # the name so far ends in a person's name («جامعة الملك عبدالعزيز»)
    if definite:
        if not (ok(k) and (_nisba(t) or t in lex.org_adjectives)):
            return None  # «الهيئة العامة ...», «الاتحاد السعودي ...»; not «المنظمة لملف ...»
    elif t in lex.org_place_nouns and ok(k + 1):
        k += 2  # «أمانة منطقة تبوك»
        place = True
    elif not ok(k):
        return None
    elif t in lex.org_name_titles:
        e = _name_end(norm, ws, k + 1, lex, taken, max_units=1) if k + 1 < n else k + 1
        if e <= k + 1:
            return None
        k = e  # «جامعة الملك عبدالعزيز»
        named = True
    elif t.startswith("ال") and len(t) >= 4 and t not in lex.country_names and t not in lex.country_adjs \
            and t not in lex.org_not_first:
        k += 1  # not «ديوان الوزارة», «جامعة ألمانية»
    else:  # a foreign name («شركة سامسونغ») is left to the statistical NER
        return None
    genitive = False  # the word before was «ل» + a noun: a definite noun may follow
    # noun: the word before is a noun another may be coordinated with
    # («الثقافة والإعلام», «للسياحة والتراث»)
    noun = not place and k > i + 1 and ws[k - 1].text.startswith("ال")
    # adj: the word before is an adjective (or the name a body is named after):
    # only then may «ل» + a noun follow («الهيئة العامة للسياحة»; not «وزارة
    # العمل لإنهاء العقد», «وزارة الصحة للمواطنين»)
    adj = named or definite
    while k < n and k - i <= MAX_ORG_WORDS and ok(k):
        t = ws[k].text
        if place and not (_nisba(t) or t in lex.org_adjectives):
            break
        if t.startswith("وال") and len(t) >= 6 and (noun or _nisba(t[1:])) \
                and t[1:] not in lex.stop and t[1:] not in lex.person_titles:  # not «والمستشار», «والحكومة»
            genitive = noun = False
            adj = _nisba(t[1:])
        elif _nisba(t) or t in lex.org_adjectives or (genitive and t.startswith("ال")):
            noun = genitive and not _nisba(t)
            adj = not noun
            genitive = False
        elif t.startswith("لل") and len(t) >= 5 and adj:
            genitive, noun, adj = True, True, False  # «للسياحة» (والتراث الوطني)
        elif t.startswith("ل") and not t.startswith("ال") and len(t) >= 4 and k + 1 < n and adj \
                and t[1:] not in lex.stop and ok(k + 1) and ws[k + 1].text.startswith("ال"):
            genitive, noun, adj = True, False, False  # «لشؤون» المسجد النبوي
        else:
            break
        k += 1
    while k - 1 > i + 1 and ws[k - 1].text.startswith("ل") and not ws[k - 1].text.startswith("ال") \
            and (not definite or not ws[k - 1].text.startswith("لل")):
        k -= 1  # a dangling «لشؤون»; «مؤسسة النقد (للتدخل)»: a last «لل» word is the sentence's
    if k - (i + 1) < least:
        return None
    if definite and not any(w.text.startswith("ل") and not w.text.startswith("ال") for w in ws[i + 1:k]):
        return None  # «المؤسسة العسكرية الليبية» describes; «المؤسسة العامة للتقاعد» names
    return k


def find_org_names(norm: str, ws: list[Word], lex: Lexicons, taken: Taken) -> list[ActorMention]:
    """Organisation names by their head noun («وزارة العمل», «الهيئة العامة
    للسياحة والتراث الوطني») and fixed names («الدفاع المدني»), over free
    words; phrases that are institution heads («وزارة الداخلية») are left to
    the bare-head pass, generic ones («مجلس الإدارة») are skipped."""
    out: list[ActorMention] = []
    fixed = lex.org_names.starting_words(ws)
    heads = lex.org_heads.starting_words(ws)
    i = 0
    while i < len(ws):
        if taken.words[i] or (i not in fixed and i not in heads):
            i += 1
            continue
        found = None
        for m in lex.org_names.match_at(norm, ws, i):
            if not m.virtual and taken.free(m.i, m.j):
                end = m.j
                while end < len(ws) and taken.free(end, end + 1) and _tight(norm, ws[end - 1], ws[end]) \
                        and _nisba(ws[end].text) and _org_word(ws[end].text, lex):
                    end += 1  # «الهلال الأحمر السعودي»
                found = (m.start, end, m.prefix)
                break
        if found is None:
            for m in lex.org_heads.match_at(norm, ws, i):
                if m.virtual or m.j != i + 1:
                    continue
                head = ws[i].text[m.start - ws[i].start:]
                end = _org_end(norm, ws, i, m.value, lex, taken, definite=head.startswith("ال"))
                if end is None:
                    continue
                phrase = norm[m.start:ws[end - 1].end]
                if phrase in lex.org_generic or phrase in lex.heads or phrase in lex.construct \
                        or any(phrase.startswith(g + " ") for g in lex.org_generic_starts):
                    continue
                found = (m.start, end, m.prefix)
                break
        if found is None:
            i += 1
            continue
        start, end, prefix = found
        out.append(ActorMention(start, ws[end - 1].end, i, end, "ORG", "orgname", prefix=prefix))
        taken.take(i, end)
        i = end
    return out


def find_titles(norm: str, ws: list[Word], lex: Lexicons, taken: Taken,
                orgs: dict[int, ActorMention] | None) -> list[ActorMention]:
    """Office titles followed by a country («وزير الخارجية الروسي»), or, when
    ``orgs`` (word index -> the ORG mention starting there) is given, by an
    organisation («قائد الجيش الوطني الليبي»)."""
    out: list[ActorMention] = []
    role_starts = lex.roles.starting_words(ws)
    org_starts = lex.org_titles.starting_words(ws)
    for i in range(len(ws)):
        if taken.words[i] or (i not in role_starts and i not in org_starts):
            continue
        for m in lex.roles.match_at(norm, ws, i) + lex.org_titles.match_at(norm, ws, i):
            if not taken.free(m.i, m.j):
                continue
            j = m.j
            org = orgs.get(j) if orgs is not None else None
            if orgs is not None and org is None:
                continue
            if org is not None and j < len(ws) and joined(norm, ws[j - 1], ws[j]) \
                    and lex.org_titles.best_at(norm, ws, i) is not None:
                out.append(ActorMention(m.start, org.nend, i, org.j, "PER", "title",
                                        entity=False, of=org.actor_id, prefix=m.prefix))
                taken.take(i, j)
                break
            got = _country_after(norm, ws, j, lex, adj=True) or _country_after(norm, ws, j, lex, adj=False)
            if got is not None and isinstance(m.value, str) and m.value in _role_names(lex):
                iso, end = got
                out.append(ActorMention(m.start, ws[end - 1].end, i, end, "PER", "title",
                                        entity=False, role=m.value, of=iso, prefix=m.prefix))
                taken.take(i, end)
                break
    return out


def _role_names(lex: Lexicons) -> set[str]:
    return set((lex.raw["titles"].get("roles") or {}).keys())


_DIGIT = re.compile(r"\d")


def _event_words() -> frozenset[str]:
    """Single words of the trigger lexicon: never parts of a name."""
    global _EVENT_WORDS
    if _EVENT_WORDS is None:
        from ..events.lexicon import trigger_lexicon

        lex = trigger_lexicon()
        _EVENT_WORDS = frozenset(k for k in lex.index.first_words())
    return _EVENT_WORDS


_EVENT_WORDS: frozenset[str] | None = None


# A name found after a title starts with a word known as a person's name, or
# with a word rare in the news (a foreign name): «رئيس قسم الفلك» does not.
NAME_MIN_COUNT = 5
RARE_WORD = 100


def _name_start(t: str) -> bool:
    from ..text.tokens import word_counts

    if _known_part(t):
        return True
    if t.startswith("عبد") and len(t) > 5 and t[3:5] == "ال":
        return True  # «عبداللطيف», «عبدالمحسن»: عبد + a divine name
    if _conjoined(t):
        return False  # «وزوج»: a conjunction on a common word
    return word_counts().get(t, 0) < RARE_WORD


def _conjoined(t: str) -> bool:
    """Whether ``t`` reads as «و/ف» + a word more common than ``t`` itself
    («وأب», «وزوج»; not «ولاية»)."""
    from ..text.tokens import word_counts

    if t[:1] not in "وف" or len(t) < 3:
        return False
    counts = word_counts()
    rest = counts.get(t[1:], 0)
    return rest >= 20 and rest > counts.get(t, 0)


def _known_part(t: str) -> bool:
    """Whether ``t`` is a known name part (person-name lexicon)."""
    from .ner_names import name_count

    return name_count(t) >= NAME_MIN_COUNT


def _noun_with_article(t: str) -> bool:
    """An indefinite word common with the article («منشورات»: «المنشورات»)
    and not a known name part."""
    from ..text.tokens import word_counts

    return not _known_part(t) and word_counts().get("ال" + t, 0) >= 100


def _prepositional_noun(t: str) -> bool:
    """«لتمثيل», «بتوجيه»: «ل/ب» + a noun common with the article, not a name."""
    return _noun_with_article(t[1:])


def _article_form(t: str) -> bool:
    """«بالديوان», «للإغاثة»: a preposition on a common definite noun."""
    from ..text.tokens import word_counts

    if t.startswith("لل") and len(t) > 4:
        rest = "ال" + t[2:]
    elif t[:1] in "بك" and t[1:3] == "ال" and len(t) > 5:
        rest = t[1:]
    else:
        return False
    return word_counts().get(rest, 0) >= 50


def _name_word(w: Word, lex: Lexicons, *, first: bool) -> bool:
    t = w.text
    if len(t) < 2 or _DIGIT.search(t) or t in lex.never or t in _event_words():
        return False
    if not lex.stop.isdisjoint(stem_texts(t)):
        return False
    if t in lex.person_titles or t in lex.complements or t in lex.org_name_heads:
        return False  # «رئيس شركة بكين»: an organisation, not a person's name
    if _article_form(t):
        return False
    if t in lex.country_adjs or t in lex.country_names:
        return False
    if first and t.startswith("ال"):
        return False
    if first and t[:1] in "لب" and len(t) > 4 and not t.startswith("ال") and _prepositional_noun(t):
        return False  # «(الفريق) لتمثيل النادي»
    if not first and t[0] in "وفبل" and len(t) > 3 and t[1:] in lex.stop | lex.person_titles:
        return False
    if not first and t[0] in "وف" and not t.startswith("ال"):
        # «ووزير», «وقال»: a conjunction starts a new phrase
        return False
    if not first and t in lex.construct_titles:
        return False  # «فيصل بن خالد أمير منطقة عسير»
    if not first and (t[:3] in ("بال", "كال") or t.startswith("لل")):
        return False  # «الغفيلي بالرس»: a preposition starts a new phrase
    if not first and _common_word(t):
        return False  # «خالد الفيصل مستشار», «... لكافة», «... أثناء»
    if not first and not t.startswith("ال") and _noun_with_article(t):
        return False  # «عبيد بن سعيد الشقصي منشورات»
    if not first and not t.startswith("ال") and len(t) > 3 and (
            t.endswith(("ته", "تها", "تهم")) or t[0] == "ل") and not _known_part(t):
        return False  # «... السحيباني رتبته», «... الحمدان لتذليل»: a noun with a pronoun or «ل»
    return True


# A word this common in the news that is not a known name part (count in the
# person-name lexicon below NAME_MIN_COUNT) ends a name found by rule.
COMMON_WORD = 300


def _common_word(t: str) -> bool:
    """Whether ``t`` (not first in a name) reads as an ordinary word: common
    in the news and not a known name part, or «ل/ب» + such a word («لكافة»)."""
    from ..text.tokens import word_counts

    counts = word_counts()
    if _known_part(t):
        return False
    if counts.get(t, 0) >= COMMON_WORD:
        return True
    if t[:1] in "لب" and len(t) > 3 and not t.startswith("ال"):
        rest = t[1:]
        return counts.get(rest, 0) >= COMMON_WORD and not _known_part(rest)
    return False


def _after_connector(w: Word, lex: Lexicons) -> bool:
    """Whether ``w`` can follow «بن»/«آل» in a name («آل الشيخ», «بن عبدالعزيز»)."""
    t = w.text
    if len(t) < 2 or _DIGIT.search(t) or t in lex.never or t in lex.country_names:
        return False
    return t not in lex.stop or _known_part(t)  # «بن علي» («على»)


def _tight(norm: str, a: Word, b: Word) -> bool:
    """``b`` follows ``a`` after one space or a tight dash/dot («بيير-إمريك»),
    not after a spaced dash («الملك خالد - رحمه الله»)."""
    gap = norm[a.end:b.start]
    return joined(norm, a, b) and (gap == " " or " " not in gap)


# Words that chain a nasab or a family name onto a name: «فيصل بن بندر بن
# عبدالعزيز», «عبدالله بن عبدالرحمن آل بشر» (normalised «آل» is «ال»).
CONNECTORS = frozenset({"بن", "بنت", "ابن", "ال"})
MAX_NAME_WORDS = 9


def _name_end(norm: str, ws: list[Word], j: int, lex: Lexicons, taken: Taken, *,
              max_units: int = 3) -> int:
    """The end (exclusive word index) of a person name starting at word ``j``:
    up to ``max_units`` name words, plus any «بن X» / «آل X» links between them."""
    n = len(ws)
    k = j
    units = 0
    linked = False  # the last words were a «بن X» link
    while k < n and k - j < MAX_NAME_WORDS and taken.free(k, k + 1) \
            and (joined(norm, ws[k - 1], ws[k]) if k == j else _tight(norm, ws[k - 1], ws[k])):
        t = ws[k].text
        if k > j and t in CONNECTORS and k + 1 < n and taken.free(k + 1, k + 2) \
                and _tight(norm, ws[k], ws[k + 1]) and _after_connector(ws[k + 1], lex):
            k += 2
            if ws[k - 1].text == "عبد" and k < n and taken.free(k, k + 1) and joined(norm, ws[k - 1], ws[k]) \
                    and _after_connector(ws[k], lex):
                k += 1  # «بن عبد العزيز»
            linked = ws[k - 2].text != "ال"
            continue
        if linked and units < max_units and t.startswith("ال") and len(t) >= 5 \
                and (t in lex.person_titles or t in lex.country_adjs) and t not in lex.construct_titles \
                and (k + 1 >= n or not _tight(norm, ws[k], ws[k + 1]) or not _name_word(ws[k + 1], lex, first=False)):
            k += 1  # «عبدالله بن عبدالمحسن التركي», «محمد بن عبدالرحمن المخرج»: a family name
            break
        linked = False
        if units >= max_units or not _name_word(ws[k], lex, first=(k == j)):
            break
        k += 1
        units += 1
        if t == "عبد" and k < n and taken.free(k, k + 1) and _tight(norm, ws[k - 1], ws[k]) \
                and ws[k].text.startswith("ال") and _after_connector(ws[k], lex):
            k += 1  # «عبد العزيز»: one name
    return k


def _accusatives(ws: list[Word]) -> bool:
    """«(اللاعب) مرشداً تربوياً»: every word an indefinite accusative in «ا»
    that is not a known name part."""
    return all(w.text.endswith("ا") and not _known_part(w.text) for w in ws)


def find_names(norm: str, ws: list[Word], lex: Lexicons, taken: Taken) -> list[ActorMention]:
    """Person names after a title word (2-3 words), and kunyas (أبو X).

    Word ``i`` is a title when one of its proclitic readings is a title word."""
    out: list[ActorMention] = []
    i = 0
    n = len(ws)
    while i < n:
        w = ws[i]
        stems = stem_texts(w.text, virtual=False)
        # Kunya: ابو + name word (+ nisba)
        if "ابو" in stems and i + 1 < n and taken.free(i, i + 2) and joined(norm, w, ws[i + 1]):
            nxt = ws[i + 1].text
            if nxt not in lex.not_kunya and _name_word(ws[i + 1], lex, first=True) \
                    and nxt not in lex.country_names:
                end = i + 2
                if end < n and joined(norm, ws[end - 1], ws[end]) and taken.free(end, end + 1) \
                        and ws[end].text.startswith("ال") and ws[end].text.endswith("ي") \
                        and ws[end].text not in lex.stop and ws[end].text not in lex.complements \
                        and len(ws[end].text) > 4:
                    end += 1
                off = w.text.find("ابو") if w.text != "ابو" else 0
                out.append(ActorMention(w.start + max(off, 0), ws[end - 1].end, i, end, "PER", "kunya",
                                        prefix=w.text[:max(off, 0)]))
                taken.take(i, end)
                i = end
                continue
        if lex.person_titles.isdisjoint(stems) or taken.words[i]:
            i += 1
            continue
        if i > 0 and joined(norm, ws[i - 1], w) \
                and not lex.named_after_heads.isdisjoint(stem_texts(ws[i - 1].text, virtual=False)):
            i += 1  # «حديقة الملك فهد المركزية», «جامعة الإمام محمد بن سعود»: a place's name
            continue
        j = i + 1
        # skip title complements, nisbas, and further titles (السفير ... / القيادي البارز),
        # and the place a construct title rules («حاكم لويزيانا الجمهوري بوبي جيندال»)
        while j < n and joined(norm, ws[j - 1], ws[j]):
            t = ws[j].text
            if t in lex.complements or t in lex.country_adjs or t in lex.person_titles:
                j += 1
            elif not lex.construct_titles.isdisjoint(stem_texts(ws[j - 1].text, virtual=False)) \
                    and j + 1 < n and joined(norm, ws[j], ws[j + 1]) and not _conjoined(t):
                j += 1
                if t in lex.stop and j + 1 < n and joined(norm, ws[j], ws[j + 1]):
                    j += 1  # «حاكم ولاية كاليفورنيا جيري براون»
            else:
                break
        if j < n and ws[j].text == "ابو":
            i = j  # a kunya: read by the branch above
            continue
        k = _name_end(norm, ws, j, lex, taken)
        if k - j >= 2 and _name_start(ws[j].text) and not _accusatives(ws[j:k]):
            out.append(ActorMention(ws[j].start, ws[k - 1].end, j, k, "PER", "name"))
            taken.take(j, k)
            i = k
            continue
        i += 1
    return out


def find_countries(norm: str, ws: list[Word], lex: Lexicons, taken: Taken) -> list[ActorMention]:
    """Country names as LOC mentions of the state actor ``<iso3>-state``."""
    out: list[ActorMention] = []
    lengths = _name_lengths(lex.country_names)
    for i in range(len(ws)):
        if taken.words[i]:
            continue
        for offset, stem, prefix, virtual in readings(ws[i].text, prefixes=PROCLITICS):
            if virtual:
                continue
            for nwords in lengths.get(stem, ()):
                if nwords > 3 or i + nwords > len(ws) or not taken.free(i, i + nwords):
                    continue
                if any(not joined(norm, ws[k - 1], ws[k]) for k in range(i + 1, i + nwords)):
                    continue
                key = " ".join([stem] + [w.text for w in ws[i + 1:i + nwords]])
                iso = lex.country_names.get(key)
                if iso:
                    out.append(ActorMention(ws[i].start + offset, ws[i + nwords - 1].end, i, i + nwords,
                                            "LOC", "country", f"{iso.lower()}-state", entity=True,
                                            country=iso, slug="state", prefix=prefix))
                    taken.take(i, i + nwords)
                    break
            else:
                continue
            break
    return out
