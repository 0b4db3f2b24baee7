"""Positive evidence for doubtful one-word place names.

GeoNames gives Arabic names to many places whose names are ordinary words
(«صور» pictures / Tyre, «العيون» eyes / Laayoune, «القطاع» sector / the Gaza
Strip) or given names («بول», «سارة»). A one-word name that is not a country
is *doubtful* when

- the word is an ordinary word: the corpus word list has its sibling forms
  (the same word with the article toggled, or with a possessive suffix:
  «الصور», «صوره», «عيون», «عينه») at least half as often as the word itself,
  and often enough in absolute terms; or
- every place it may name is small (under :data:`SMALL_POP`, not a capital
  or first-level region).

A doubtful mention is kept only with evidence: a generic word before it
(«مدينة صور»), a locative word or the proclitic ب before it («في العيون»,
«بالخرج»), a nisba after it, a NER ``LOC`` span over it, coordination with
a sure place («حماه وحلب»), or (small places that are no ordinary word) a
country the document is already about. It is dropped all the same after an
organisation word («جامعة», «قناة»), after a title or before «بن» (a
person's name), and, for ordinary words, when a definite noun follows that
makes it a noun phrase («في صور الموت»).
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass
from functools import lru_cache
from typing import Iterable

from ..text.normalise import normalise
from .build import REGION, data_path, load_yaml

SMALL_POP = 100_000
FOREIGN_POP = 1_000_000  # as a clitic reading («بالم»)
FOREIGN_BARE_POP = 300_000  # as a short whole word («بو», «بول»)
SHORT_NAME = 3  # letters: short transliterations collide with given names
ORDINARY_RATIO = 0.5
ORDINARY_PER_MILLION = 3.0


@dataclass(slots=True, frozen=True)
class Guards:
    locative: frozenset[str]
    organisations: frozenset[str]
    titles: frozenset[str]
    patronymic: frozenset[str]
    continent_parts: frozenset[str]
    quantifiers: frozenset[str]


@lru_cache(maxsize=1)
def guards() -> Guards:
    """The guard words of ``data/gazetteer/context.yaml``, normalised."""
    data = load_yaml(data_path("context.yaml"))
    n = lambda key: frozenset(normalise(str(w), collapse_space=True) for w in data.get(key, []))  # noqa: E731
    return Guards(n("locative"), n("organisations"), n("titles"), n("patronymic"), n("continent_parts"),
                  n("quantifiers"))


def sibling_forms(word: str, *, article: bool = True) -> set[str]:
    """Forms of ``word`` as an ordinary noun: article toggled (unless not
    ``article``: «السورية» is the nisba of «سورية», no sign of a noun),
    possessives."""
    base = word[2:] if word.startswith("ال") and len(word) > 3 else word
    stems = {base}
    if base.endswith("ه"):  # ta marbuta, normalised: «صورة» -> «صورت»+ه
        stems.add(base[:-1] + "ت")
    forms = {"ال" + base, base} if article else {base}
    for s in stems:
        forms |= {s + "ه", s + "ها", s + "هم", s + "ي"}
    return forms - {word}


def ordinary_word(word: str, *, article: bool = True) -> bool:
    """Whether ``word`` (normalised) is mostly an ordinary Arabic word."""
    from .matcher import word_counts

    counts, total = word_counts()
    if not total:
        return False
    sib = sum(counts.get(f, 0) for f in sibling_forms(word, article=article))
    return sib * 1e6 / total >= ORDINARY_PER_MILLION and sib >= ORDINARY_RATIO * counts.get(word, 0)


def foreign_places(cands: Iterable, *, limit: int | None = None) -> bool:
    """Every candidate is a town outside the region, not a capital, under
    ``limit`` people (default :data:`FOREIGN_POP`; transliterations that
    collide with words or names: «بالم» Ulm, «بو» Bo)."""
    limit = FOREIGN_POP if limit is None else limit
    return all(not c.is_country and c.country not in REGION and c.feature not in ("PPLC", "ADM1")
               and c.population < limit for c in cands)


def small_places(cands: Iterable) -> bool:
    """Every candidate is a small place (not a country, capital or region)."""
    return all(not c.is_country and c.feature not in ("PPLC", "ADM1") and c.population < SMALL_POP
               for c in cands)


def doubt(m) -> str | None:
    """``"word"``, ``"small"`` or None (not doubtful) for a mention."""
    if m.last_word != m.first_word or m.inferred:
        return None
    if m.generic is not None:
        return "phrase" if ordinary_word(m.key) else None
    if any(c.is_country for c in m.candidates):
        return "word" if ordinary_word(m.key, article=False) else None
    if ordinary_word(m.key):
        return "word"
    if (m.prefix or len(m.key) <= SHORT_NAME) and foreign_places(
            m.candidates, limit=None if m.prefix else FOREIGN_BARE_POP):
        return "foreign"  # «بالم»: ب + a foreign town, or a word of its own
    if small_places(m.candidates):
        return "small"
    return None


def _strip(word: str, prefixes: tuple[str, ...]) -> tuple[str, str]:
    for p in prefixes:
        if word.startswith(p) and len(word) - len(p) >= 2:
            return p, word[len(p):]
    return "", word


def keep_doubtful(mentions: list, words: list, ctx, *, loc_spans: Iterable[tuple[int, int]] = ()) -> list:
    """``mentions`` without the doubtful ones that lack evidence."""
    g = guards()
    spans = list(loc_spans)
    by_last = {m.last_word: m for m in mentions}
    by_first = {m.first_word: m for m in mentions}
    kinds = [doubt(m) for m in mentions]
    focus: Counter = Counter()
    for m, k in zip(mentions, kinds):
        cc = _main_country(m.candidates)
        if k is None and cc:
            focus[cc] += 1
    out = []
    for m, kind in zip(mentions, kinds):
        if _adjective(m, words, ctx) or _continent(m, words, g) or _person(m, words, g):
            continue
        if kind is None or _evidence(m, kind, words, ctx, g, spans, by_last, by_first, focus, kinds, mentions):
            out.append(m)
    return out


def _main_country(cands) -> str | None:
    """The country of a name: its only one, or that of a candidate ten times
    bigger than any other (Riyadh over the villages called الرياض)."""
    countries = {c.country for c in cands}
    if len(countries) == 1:
        return next(iter(countries))
    if not cands:
        return None
    ranked = sorted(cands, key=lambda c: (c.is_country, c.population), reverse=True)
    top, rest = ranked[0], ranked[1:]
    if top.is_country or all(top.population >= 10 * max(c.population, 1) for c in rest if c.country != top.country):
        return top.country
    return None


def _adjective(m, words, ctx) -> bool:
    """«المصارف السعودية»: a country named like a feminine nisba, right after
    a definite noun, is the adjective, not the country."""
    nisba_shaped = m.first_word == m.last_word and m.key.startswith("ال") and m.key.endswith("يه")
    if m.prefix or m.generic or m.first_word == 0 or not (m.key in ctx.nisba or nisba_shaped):
        return False
    prev = words[m.first_word - 1]
    if words[m.first_word].nstart - prev.nend != 1:
        return False
    return prev.norm.startswith("ال") and prev.norm not in ctx.nisba


def _person(m, words, g: Guards) -> bool:
    """«الشيخ سعد بن محمد»: a name (not a country, capital or big city)
    right before «بن/ابن/بنت» is a person's."""
    from .matcher import is_important

    j = m.last_word + 1
    return (m.generic is None and not m.inferred and j < len(words)
            and words[j].norm in g.patronymic and not is_important(m.candidates))


def _continent(m, words, g: Guards) -> bool:
    """«أمريكا الشمالية»: a country name made a continent by the next word."""
    j = m.last_word + 1
    return (any(c.is_country for c in m.candidates) and j < len(words)
            and words[j].norm in g.continent_parts)


def _evidence(m, kind, words, ctx, g: Guards, spans, by_last, by_first, focus, kinds, mentions) -> bool:
    i, j = m.first_word, m.last_word
    prev = words[i - 1].norm if i > 0 else ""
    prev_p, prev_stem = _strip(prev, ctx.prefixes) if prev not in g.organisations | g.titles else ("", prev)
    nxt = words[j + 1].norm if j + 1 < len(words) else ""
    if kind == "phrase":  # «منطقة الشرق الأوسط»: the word heads a noun phrase
        return not (nxt.startswith("ال") and m.nisba_country is None and (j + 1) not in by_first)
    # Against: an organisation, a person's name.
    if kind == "word" and (prev in g.organisations or prev_stem in g.organisations):
        return False
    if prev in g.titles or prev_stem in g.titles or nxt in g.patronymic:
        return False
    if kind == "word" and (j + 1) in by_first and not nxt.startswith("و") and nxt not in ctx.near:
        return False  # «ببورصة طوكيو»: the word heads a phrase with the place
    if kind == "word" and nxt.startswith("ال") and m.nisba_country is None and (j + 1) not in by_first:
        return False  # «صور الموت»: a noun phrase
    # For.
    if m.nisba_country or m.container is not None:
        return True
    if any(m.start < e and s < m.end for s, e in spans):
        return True
    countries = {c.country for c in m.candidates}
    in_focus = any(focus[c] for c in countries)
    if prev == "من" and i > 1 and _strip(words[i - 2].norm, ctx.prefixes)[1] in g.quantifiers:
        prev = prev_stem = ""  # «العديد من العيون»: partitive
    # ب reads as «in» for a small place, or a place in a country the document
    # is about («بالظهران»), not for an ordinary word elsewhere («بالورد»).
    located = (m.near or ((kind == "small" or in_focus) and m.prefix in ("ب", "وب", "فب"))
               or prev in g.locative or prev_stem in g.locative)
    if located and (kind != "small" or in_focus or not focus):
        return True
    if kind == "foreign" and nxt.startswith("ال") and nxt.endswith(("ي", "يه")):
        return True  # «بروج البلجيكي»: a nisba after a foreign town
    sure = lambda k: k in by_last and kinds[mentions.index(by_last[k])] is None  # noqa: E731
    if m.prefix.startswith("و") and sure(i - 1):
        return True  # «حماه وحلب»
    if nxt.startswith("و") and (j + 1) in by_first and kinds[mentions.index(by_first[j + 1])] is None:
        return True  # «حلب وحمص»
    return kind == "small" and in_focus
