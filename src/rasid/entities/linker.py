"""Linking mentions to actors within one document.

* short forms («التحالف», «المرصد») go to the nearest earlier mention of an
  actor that owns them (else the next one); a short form whose owners are
  never named in the document is dropped;
* person names not in the dictionary get a document-local id ``doc:<slug>``;
* in-document coreference: the last word of a multi-word person name
  («راضي» after «بسام راضي») links later single-word mentions;
* bare heads («قوات الأمن», «الجيش», «النظام») link to the last earlier
  mention whose name begins with the same head; anaphors («الوزارة») to the
  last institution of their family;
* titles go to the office holder on the publication date («الرئيس المصري»
  in May 2019 -> egy-sisi) when exactly one actor held the office.

:func:`build_actors` makes one :class:`~rasid.document.Actor` per actor id.
"""

from __future__ import annotations

from ..document import Actor
from ..time.resolve import parse_date
from .dictionary import ActorDictionary, Lexicons
from .matcher import Word, joined, readings
from .mentions import ActorMention, Taken, _given_name

_TRANSLIT = {
    "ا": "a", "ب": "b", "ت": "t", "ث": "th", "ج": "j", "ح": "h", "خ": "kh", "د": "d",
    "ذ": "dh", "ر": "r", "ز": "z", "س": "s", "ش": "sh", "ص": "s", "ض": "d", "ط": "t",
    "ظ": "z", "ع": "a", "غ": "gh", "ف": "f", "ق": "q", "ك": "k", "ل": "l", "م": "m",
    "ن": "n", "ه": "h", "و": "w", "ي": "y", "ء": "", "ئ": "y", "ؤ": "w", " ": "-",
}


def slug(name: str) -> str:
    """A readable Latin slug of a normalised Arabic name: «بسام راضي» -> bsam-rady."""
    out = "".join(_TRANSLIT.get(c, c if c.isascii() and c.isalnum() else "") for c in name)
    out = "-".join(p for p in out.split("-") if p)
    return out or "x"


def resolve_short(mentions: list[ActorMention]) -> list[ActorMention]:
    """Give short forms the nearest owning actor named in the document; drop
    those whose owners are never named."""
    named = [m for m in mentions if m.source == "dictionary"]
    out = []
    for m in mentions:
        if m.source != "short":
            out.append(m)
            continue
        owners = set(m.owners)
        before = [n for n in named if n.actor_id in owners and n.nend <= m.nstart]
        after = [n for n in named if n.actor_id in owners and n.nstart >= m.nend]
        if before:
            m.actor_id = before[-1].actor_id
        elif after:
            m.actor_id = after[0].actor_id
        else:
            continue
        out.append(m)
    return out


def assign_local_ids(mentions: list[ActorMention], norm: str) -> None:
    """Document-local ids for person and organisation names outside the
    dictionary; an organisation name of two words or more found inside
    exactly one longer one takes its id («الهلال الأحمر» of «هيئة الهلال
    الأحمر السعودي», «مؤسسة النقد» of «مؤسسة النقد العربي السعودي»)."""
    for m in mentions:
        if m.actor_id is None and m.source in ("name", "kunya", "ner", "orgname"):
            m.actor_id = "doc:" + slug(norm[m.nstart:m.nend])
    local = sorted((m for m in mentions if m.source == "orgname" and (m.actor_id or "").startswith("doc:")),
                   key=lambda m: -(m.nend - m.nstart))
    orgs: dict[str, str] = {}
    for m in local:  # longest first: a name links to the longest one holding it
        text = norm[m.nstart:m.nend]
        if " " in text and text not in orgs:
            longer = {aid for t, aid in orgs.items() if len(t) > len(text) and f" {text} " in f" {t} "}
            if len(longer) == 1:
                m.actor_id = longer.pop()
        m.actor_id = orgs.setdefault(text, m.actor_id)


def coref_aliases(mentions: list[ActorMention], norm: str, ws: list[Word],
                  lex: Lexicons) -> dict[str, str]:
    """Last words of multi-word person names -> their actor ids (ambiguous
    last words, shared by two actors, are left out)."""
    cand: dict[str, set[str]] = {}
    for m in mentions:
        if m.type != "PER" or m.source not in ("dictionary", "name", "ner") or m.actor_id is None:
            continue
        if m.j - m.i < 2:
            continue
        toks = [w.text for w in ws[m.i:m.j]]
        toks[0] = norm[m.nstart:ws[m.i].end]
        if toks[0] == "ابو" or (len(toks) >= 2 and toks[-2] in ("بن", "ابن", "ال")):
            continue
        last = toks[-1]
        if len(last) < 3 or last in lex.stop or last in lex.never or last in lex.not_coref \
                or last in lex.country_adjs \
                or last in lex.complements or last in lex.person_titles:
            continue
        cand.setdefault(last, set()).add(m.actor_id)
    return {k: next(iter(v)) for k, v in cand.items() if len(v) == 1}


def find_coref(norm: str, ws: list[Word], aliases: dict[str, str], lex: Lexicons,
               taken: Taken) -> list[ActorMention]:
    """Single-word mentions of persons named in full elsewhere in the document."""
    out = []
    if not aliases:
        return out
    words = taken.words
    for i, w in enumerate(ws):
        if words[i] or w.text in lex.never:
            continue
        hit = None
        for offset, text, prefix, virtual in readings(w.text):
            if not virtual:
                aid = aliases.get(text)
                if aid:
                    hit = (offset, prefix, aid)
                    break
        if hit is None:
            continue
        if i > 0 and not words[i - 1] and joined(norm, ws[i - 1], w) and _given_name(ws[i - 1].text):
            continue  # «عثمان الغامدي»: another person with the same family name
        offset, prefix, aid = hit
        out.append(ActorMention(w.start + offset, w.end, i, i + 1, "PER", "coref", aid, prefix=prefix))
        taken.take(i, i + 1)
    return out


def _strip_article(s: str) -> str:
    return s[2:] if s.startswith("ال") else s


def resolve_bare(mentions: list[ActorMention], norm: str) -> None:
    """Bare heads and anaphors take the id of the last fitting earlier mention."""
    ordered = sorted(mentions, key=lambda m: m.nstart)
    for k, m in enumerate(ordered):
        if m.source not in ("bare", "anaphor") or m.actor_id is not None:
            continue
        head = _strip_article(norm[m.nstart:m.nend])
        for prev in reversed(ordered[:k]):
            if prev.actor_id is None or prev.type != "ORG" or prev.source in ("bare", "anaphor"):
                continue
            if m.source == "anaphor":
                if prev.slug and prev.slug.endswith("ministry"):
                    m.actor_id = prev.actor_id
                    break
                continue
            ptext = _strip_article(norm[prev.nstart:prev.nend])
            if ptext.startswith(head) and len(ptext) > len(head):
                m.actor_id = prev.actor_id
                break
        if m.actor_id is None and m.source == "bare":
            # no earlier antecedent: the first later institution of that head
            for nxt in ordered[k + 1:]:
                if nxt.source == "institution" and nxt.actor_id and \
                        _strip_article(norm[nxt.nstart:nxt.nend]).startswith(head):
                    m.actor_id = nxt.actor_id
                    break


def resolve_titles(mentions: list[ActorMention], d: ActorDictionary, lex: Lexicons,
                   *, published: str | None) -> None:
    """Titles to the office holder on the publication date (one holder only)."""
    day = parse_date(published)
    for m in mentions:
        if m.source != "title" or m.actor_id is not None or not m.of:
            continue
        roles = [m.role] if m.role else list(lex.org_roles)
        holders = {e.id for r in roles for e in d.holders(r, m.of, on=day)}
        if len(holders) == 1:
            m.actor_id = holders.pop()


def build_actors(mentions: list[ActorMention], d: ActorDictionary, norm: str) -> list[Actor]:
    """One :class:`Actor` per distinct actor id, in order of first mention."""
    import pycountry

    seen: dict[str, Actor] = {}
    for m in sorted(mentions, key=lambda m: m.nstart):
        aid = m.actor_id
        if aid is None or aid in seen:
            continue
        entry = d.get(aid)
        if entry is not None:
            seen[aid] = Actor(aid, entry.name_ar, entry.name_en, entry.kind, entry.country,
                              entry.sector)
        elif m.source in ("institution", "country"):
            rec = pycountry.countries.get(alpha_3=m.country) if m.country else None
            cname = getattr(rec, "common_name", None) or getattr(rec, "name", m.country)
            head = _institution_head(m.slug)
            name_en = head.get("name_en", "{country}").format(country=cname) if head else None
            seen[aid] = Actor(aid, m.text or norm[m.nstart:m.nend], name_en,
                              head.get("kind") if head else None, m.country,
                              head.get("sector") if head else None)
        else:
            seen[aid] = Actor(aid, m.text or norm[m.nstart:m.nend], None, None, None)
    return list(seen.values())


def _institution_head(slug_: str | None) -> dict | None:
    from .dictionary import lexicons

    for h in lexicons().raw["institutions"].get("heads") or ():
        if h["slug"] == slug_:
            return h
    return None


__all__ = ["slug", "resolve_short", "assign_local_ids", "coref_aliases",
           "find_coref", "resolve_bare", "resolve_titles", "build_actors", "joined"]
