"""The actor dictionary (``data/actors/*.yaml``) and the entity lexicons.

:func:`load_dictionary` reads every actor file once per process and gives an
:class:`ActorDictionary`: the entries by id, their offices, and a
:class:`~rasid.entities.matcher.PhraseIndex` of every normalised alias.
:func:`validate_actor_data` lists what is wrong with raw actor files (used by
the tests). The small lexicons beside it (``data/entities/``: countries,
titles, institutions, names) are loaded by :func:`lexicons`.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass, field
from functools import lru_cache
from importlib import resources
from typing import Any, Iterable

import yaml

from ..text.normalise import normalise
from .matcher import PhraseIndex, phrase_words

ACLED_KINDS = frozenset({
    "State forces", "Rebel group", "Political militia", "Identity militia",
    "Rioters", "Protesters", "Civilians", "External/Other forces",
})
# PLOVER sector codes (manual, "Sector Codes"), and the codes PLOVER gives
# international non-state actors in place of a country ("International
# non-state actor names"), used as the sector of such actors.
PLOVER_SECTORS = frozenset({
    "COP", "GOV", "JUD", "LEG", "MIL", "PRM", "PTY", "REB", "SPY", "UAF", "UNK",
    "AGR", "BUS", "CRM", "CVL", "EDU", "ELI", "JRN", "LAB", "MED", "REF", "OPP", "PRE", "REL", "SOC",
})
PLOVER_NONSTATE = frozenset({"IGO", "UNO", "EUR", "NGO", "ISM", "IMG", "MNC"})
SECTORS = PLOVER_SECTORS | PLOVER_NONSTATE
TYPES = frozenset({"PER", "ORG"})
REQUIRED = ("id", "type", "name_ar", "name_en", "kind", "sector", "country", "aliases")
_LOADER = getattr(yaml, "CSafeLoader", yaml.SafeLoader)  # the C loader when PyYAML has it
_ID = re.compile(r"^[a-z0-9]+(?:-[a-z0-9]+)*$")
_PARTIAL_DATE = re.compile(r"^(\d{4})(?:-(\d{2}))?(?:-(\d{2}))?$")
_DESCRIPTOR = re.compile(r"^\[([^\]]+)\]\s*(.+)$")


@dataclass(slots=True, frozen=True)
class Office:
    role: str
    of: str
    start: dt.date | None
    end: dt.date | None

    def held_on(self, day: dt.date | None) -> bool:
        if day is None:
            return self.end is None
        return (self.start is None or self.start <= day) and (self.end is None or day <= self.end)


@dataclass(slots=True)
class ActorEntry:
    id: str
    type: str
    name_ar: str
    name_en: str
    kind: str | None
    country: str | None
    aliases: tuple[str, ...] = ()
    sector: str | None = None
    short: tuple[str, ...] = ()
    offices: tuple[Office, ...] = ()


@dataclass(slots=True, frozen=True)
class AliasValue:
    """What an alias stands for: the actor, and a word that must precede it
    outside the span (``[تنظيم] القاعدة``), if any."""

    actor_id: str
    before: str | None = None
    short: bool = False


@dataclass(slots=True)
class ActorDictionary:
    entries: dict[str, ActorEntry] = field(default_factory=dict)
    index: PhraseIndex[AliasValue] = field(default_factory=PhraseIndex)

    def get(self, actor_id: str) -> ActorEntry | None:
        return self.entries.get(actor_id)

    def holders(self, role: str, of: str, *, on: dt.date | None) -> list[ActorEntry]:
        """Actors holding ``role`` of ``of`` (ISO3 or actor id) on day ``on``."""
        out = []
        for e in self.entries.values():
            if any(o.role == role and o.of == of and o.held_on(on) for o in e.offices):
                out.append(e)
        return out


def _date(v: Any, *, end: bool = False) -> dt.date | None:
    """An office date: ``YYYY-MM-DD``, or ``YYYY-MM`` / ``YYYY`` when the day
    (or month) is not known for sure. A partial start is read as the first
    day of its period, a partial end as the last (so that a title at a date
    inside a partial period may find two holders, and is then left unlinked)."""
    if v is None:
        return None
    if isinstance(v, dt.date):
        return v
    if isinstance(v, int):
        v = str(v)
    m = _PARTIAL_DATE.match(str(v))
    if not m:
        raise ValueError(f"bad date {v!r}")
    y, mo, d = int(m.group(1)), m.group(2), m.group(3)
    if d is not None:
        return dt.date(y, int(mo), int(d))
    if mo is not None:
        mo = int(mo)
        if not end:
            return dt.date(y, mo, 1)
        nxt = dt.date(y + (mo == 12), mo % 12 + 1, 1)
        return nxt - dt.timedelta(days=1)
    return dt.date(y, 12, 31) if end else dt.date(y, 1, 1)


def id_problem(actor_id: str, country: str | None) -> str | None:
    """What is wrong with ``actor_id`` under the id convention, or None.

    National actors (``country`` set) are ``<iso3 lower-case>-<slug>``
    (``egy-sisi``, ``lby-lna``); transnational and international ones
    (``country`` null) are a plain slug whose first part is not an ISO
    alpha-3 code (``isis``, ``un-security-council``)."""
    import pycountry

    if not isinstance(actor_id, str) or not _ID.match(actor_id):
        return "id must be a lower-case slug"
    head = actor_id.split("-", 1)[0]
    if country:
        if not actor_id.startswith(country.lower() + "-"):
            return f"id of a national actor must start with {country.lower()}-"
    elif len(head) == 3 and pycountry.countries.get(alpha_3=head.upper()) is not None:
        return "id of an international actor must not start with a country code"
    return None


def name_variants(name: str) -> set[str]:
    """Spelling variants generated for an alias: «عبد X» and «عبدX»."""
    base = normalise(name, collapse_space=True)
    out = {base}
    joined = re.sub(r"(?<!\S)عبد (?=\S)", "عبد", base)
    split = re.sub(r"(?<!\S)عبد(?=ال\S)", "عبد ", base)
    out.update({joined, split})
    return out


def _actor_dir():
    return resources.files("rasid.data").joinpath("actors")


def read_actor_files() -> dict[str, list[dict]]:
    """Raw actor entries of every ``data/actors/*.yaml``, by file name."""
    out: dict[str, list[dict]] = {}
    for f in sorted(_actor_dir().iterdir(), key=lambda p: p.name):
        if not f.name.endswith(".yaml"):
            continue
        with f.open("r", encoding="utf-8") as fh:
            raw = yaml.load(fh, Loader=_LOADER) or {}
        out[f.name] = list(raw.get("actors") or [])
    return out


def validate_actor_data(files: dict[str, list[dict]], *, roles: Iterable[str] = ()) -> list[str]:
    """Problems in raw actor entries (empty list when all is well)."""
    import pycountry

    problems: list[str] = []
    ids: set[str] = set()
    alias_owner: dict[str, str] = {}
    known_roles = set(roles)
    for fname, entries in files.items():
        for n, e in enumerate(entries):
            where = f"{fname}#{n} {e.get('id')!r}"
            for key in REQUIRED:
                if key not in e:
                    problems.append(f"{where}: missing {key}")
            aid = e.get("id")
            bad_id = id_problem(aid, e.get("country") if isinstance(e.get("country"), str) else None)
            if bad_id:
                problems.append(f"{where}: {bad_id}")
            elif aid in ids:
                problems.append(f"{where}: duplicate id")
            else:
                ids.add(aid)
            if e.get("type") not in TYPES:
                problems.append(f"{where}: type must be PER or ORG")
            if "kind" in e and e.get("kind") not in ACLED_KINDS:
                problems.append(f"{where}: kind {e.get('kind')!r} is not an ACLED actor type")
            if "sector" in e and e.get("sector") not in SECTORS:
                problems.append(f"{where}: sector {e.get('sector')!r} is not a PLOVER sector code")
            c = e.get("country")
            if c is not None and (not isinstance(c, str) or len(c) != 3
                                  or pycountry.countries.get(alpha_3=c) is None):
                problems.append(f"{where}: country {c!r} is not ISO 3166-1 alpha-3")
            for name in [e.get("name_ar")] + list(e.get("aliases") or []):
                if not isinstance(name, str) or not name.strip():
                    problems.append(f"{where}: empty name")
                    continue
                m = _DESCRIPTOR.match(name)
                core = m.group(2) if m else name
                for v in name_variants(core):
                    owner = alias_owner.setdefault(v, aid)
                    if owner != aid:
                        problems.append(f"{where}: alias {name!r} also belongs to {owner!r}")
            for o in e.get("office") or []:
                if not isinstance(o, dict) or not {"role", "of"} <= set(o):
                    problems.append(f"{where}: office needs role and of")
                    continue
                if known_roles and o["role"] not in known_roles:
                    problems.append(f"{where}: unknown office role {o['role']!r}")
                try:
                    a, b = _date(o.get("from")), _date(o.get("to"), end=True)
                except (ValueError, TypeError):
                    problems.append(f"{where}: bad office date")
                    continue
                if a and b and b < a:
                    problems.append(f"{where}: office ends before it starts")
    # Short forms may be shared by actors (the nearest one named in full
    # wins), but must not be another actor's alias.
    for fname, entries in files.items():
        for e in entries:
            for name in e.get("short") or ():
                for v in name_variants(name):
                    owner = alias_owner.get(v)
                    if owner is not None and owner != e.get("id"):
                        problems.append(f"{fname} {e.get('id')!r}: short form {name!r} is an alias of {owner!r}")
    # Offices 'of' an actor id must name a known actor (or a country).
    for fname, entries in files.items():
        for e in entries:
            for o in e.get("office") or []:
                of = o.get("of") if isinstance(o, dict) else None
                if isinstance(of, str) and not of.isupper() and of not in ids:
                    problems.append(f"{fname} {e.get('id')!r}: office of unknown actor {of!r}")
    return problems


@lru_cache(maxsize=1)
def load_dictionary() -> ActorDictionary:
    """The shipped actor dictionary (cached)."""
    d = ActorDictionary()
    for entries in read_actor_files().values():
        for e in entries:
            offices = tuple(Office(o["role"], o["of"], _date(o.get("from")), _date(o.get("to"), end=True))
                            for o in (e.get("office") or []))
            entry = ActorEntry(
                id=e["id"], type=e["type"], name_ar=e["name_ar"], name_en=e["name_en"],
                kind=e.get("kind"), country=e.get("country"), sector=e.get("sector"),
                aliases=tuple(e.get("aliases") or ()), short=tuple(e.get("short") or ()),
                offices=offices)
            d.entries[entry.id] = entry
            guarded = {m.group(2).strip() for a in entry.aliases if (m := _DESCRIPTOR.match(a))}
            plain = () if entry.name_ar in guarded else (entry.name_ar,)
            for name in (*plain, *entry.aliases):
                m = _DESCRIPTOR.match(name)
                before = normalise(m.group(1)) if m else None
                core = m.group(2) if m else name
                for v in name_variants(core):
                    d.index.add(phrase_words(v), AliasValue(entry.id, before))
            for name in entry.short:
                for v in name_variants(name):
                    d.index.add(phrase_words(v), AliasValue(entry.id, None, short=True))
    return d


def is_media(actor_id: str | None) -> bool:
    """Whether ``actor_id`` is a news outlet or agency of the dictionary
    (PLOVER sector JRN)."""
    e = load_dictionary().get(actor_id) if actor_id else None
    return e is not None and e.sector == "JRN"


# ---------------------------------------------------------------- lexicons

def _entity_data(name: str) -> dict:
    with resources.files("rasid.data").joinpath("entities", name).open("r", encoding="utf-8") as fh:
        return yaml.safe_load(fh) or {}


@dataclass(slots=True)
class Lexicons:
    """The entity lexicons of ``data/entities/``, normalised."""

    country_names: dict[str, str]          # normalised name -> ISO3
    country_adjs: dict[str, str]           # normalised nisba form -> ISO3
    roles: PhraseIndex[str]                 # title phrase -> role
    org_titles: PhraseIndex[str]
    org_roles: tuple[str, ...]
    heads: PhraseIndex[dict]                # definite head -> head record
    construct: PhraseIndex[dict]            # indefinite head -> head record
    anaphors: dict[str, set[str]]           # anaphor word -> slugs
    person_titles: frozenset[str]
    complements: frozenset[str]
    stop: frozenset[str]
    never: frozenset[str]
    not_kunya: frozenset[str]
    not_bare: frozenset[str]
    not_entities: frozenset[str] = frozenset()
    generic_heads: frozenset[str] = frozenset()
    org_name_heads: frozenset[str] = frozenset()
    construct_titles: frozenset[str] = frozenset()
    named_after_heads: frozenset[str] = frozenset()
    org_heads: PhraseIndex[int] = field(default_factory=PhraseIndex)   # head noun -> fewest words after it
    org_names: PhraseIndex[str] = field(default_factory=PhraseIndex)   # fixed organisation names
    org_place_nouns: frozenset[str] = frozenset()
    org_ends: frozenset[str] = frozenset()
    org_generic: frozenset[str] = frozenset()
    org_adjectives: frozenset[str] = frozenset()
    org_not_first: frozenset[str] = frozenset()
    org_generic_starts: frozenset[str] = frozenset()
    currency_words: frozenset[str] = frozenset()
    ner_org_heads: frozenset[str] = frozenset()
    not_coref: frozenset[str] = frozenset()
    org_name_titles: frozenset[str] = frozenset()
    raw: dict[str, dict] = field(default_factory=dict)


def _adj_forms(adj: str) -> list[str]:
    a = normalise(adj)
    return [a, a + "ه", "ال" + a, "ال" + a + "ه"]


@lru_cache(maxsize=1)
def lexicons() -> Lexicons:
    countries = _entity_data("countries.yaml")
    titles = _entity_data("titles.yaml")
    inst = _entity_data("institutions.yaml")
    names = _entity_data("names.yaml")
    orgs = _entity_data("organisations.yaml")
    org_heads: PhraseIndex[int] = PhraseIndex()
    for key in ("heads", "definite_heads"):
        for head, least in (orgs.get(key) or {}).items():
            org_heads.add(head, int(least))
    org_names: PhraseIndex[str] = PhraseIndex()
    for name in orgs.get("names") or ():
        org_names.add(name, normalise(name))
    cn: dict[str, str] = {}
    ca: dict[str, str] = {}
    for iso3, rec in (countries.get("countries") or {}).items():
        for n in rec.get("names") or ():
            cn[" ".join(phrase_words(n))] = iso3
        for a in rec.get("adj") or ():
            for f in _adj_forms(a):
                ca[f] = iso3
    roles: PhraseIndex[str] = PhraseIndex()
    for role, phrases in (titles.get("roles") or {}).items():
        for p in phrases:
            roles.add(p, role)
    org_titles: PhraseIndex[str] = PhraseIndex()
    for p in titles.get("org_titles") or ():
        org_titles.add(p, p)
    heads: PhraseIndex[dict] = PhraseIndex()
    construct: PhraseIndex[dict] = PhraseIndex()
    anaphors: dict[str, set[str]] = {}
    for h in inst.get("heads") or ():
        for f in h.get("forms") or ():
            heads.add(f, h)
        for f in h.get("construct") or ():
            construct.add(f, h)
        for a in h.get("anaphors") or ():
            anaphors.setdefault(normalise(a), set()).add(h["slug"])
    norm_set = lambda xs: frozenset(normalise(x) for x in (xs or ()))  # noqa: E731
    return Lexicons(
        country_names=cn, country_adjs=ca, roles=roles, org_titles=org_titles,
        org_roles=tuple(titles.get("org_roles") or ()), heads=heads, construct=construct,
        anaphors=anaphors, person_titles=norm_set(names.get("titles")),
        complements=norm_set(names.get("complements")), stop=norm_set(names.get("stop")),
        never=norm_set(names.get("never")), not_kunya=norm_set(names.get("not_kunya")),
        not_bare=norm_set(inst.get("not_bare")),
        not_entities=norm_set(names.get("not_entities")),
        generic_heads=norm_set(names.get("generic_heads")),
        org_name_heads=norm_set(names.get("org_name_heads")),
        construct_titles=norm_set(w for p in names.get("construct_titles") or () for w in p.split()[-1:]),
        named_after_heads=norm_set(names.get("named_after_heads")),
        org_heads=org_heads, org_names=org_names,
        org_place_nouns=norm_set(orgs.get("place_nouns")), org_ends=norm_set(orgs.get("ends")),
        org_generic=norm_set(orgs.get("generic")), org_adjectives=norm_set(orgs.get("adjectives")),
        org_not_first=norm_set(orgs.get("not_first")),
        org_generic_starts=norm_set(orgs.get("generic_starts")),
        currency_words=norm_set(names.get("currency_words")),
        ner_org_heads=norm_set(names.get("ner_org_heads")),
        not_coref=norm_set(names.get("not_coref")),
        org_name_titles=norm_set(orgs.get("titles")),
        raw={"countries": countries, "titles": titles, "institutions": inst, "names": names,
             "organisations": orgs},
    )
