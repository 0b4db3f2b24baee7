"""Resolve date expressions to values, and the public ``find_times``.

Values are ``YYYY-MM-DD``, ``YYYY-MM`` or ``YYYY`` with a precision ``day``,
``week``, ``month`` or ``year``. Relative expressions (weekdays, «أمس», a
month without a year, «الأسبوع الماضي») are resolved against the publication
date; without one their value is null, never a guess. Absolute expressions
keep their value.

Rules for the past-leaning reading of news:

- a weekday is the publication day itself when it matches, else the most
  recent such day before it; with «الماضي» strictly before; with «المقبل»
  the next one after;
- a day and month without a year take the year that puts them on or before
  publication (with «المقبل» after it; with «الجاري» the publication year);
- «ليل الأربعاء الخميس» is the first night's day;
- a range («من 3 إلى 5 مايو», «بين 3 و5 مايو») and an opening («منذ 4
  أبريل») take the day they start; the edge of a period («مطلع الشهر»,
  «أواخر العام الماضي») keeps the period's value and precision.
"""

from __future__ import annotations

import datetime as dt

from ..document import TimeSpan
from ..text.normalise import normalise_with_map, original_span
from .expressions import Lexicon, Match, lexicon, scan, _n


def find_times(text: str, *, published: str | None = None, norm: str | None = None,
               norm_map: list[int] | None = None) -> list[TimeSpan]:
    """Every date expression of ``text`` with its resolved value."""
    if norm is None or norm_map is None or len(norm_map) != len(norm) + 1:
        norm, norm_map = normalise_with_map(text)
    pub = parse_date(published)
    out = []
    dated: dict[int, str] = {}  # weekday -> the last date the text gave it
    for m in scan(norm):
        value, precision = resolve(m, pub)
        wd = _weekday_of(m)
        if wd is not None and value and m.kind == "date":
            dated[wd] = value
        elif wd is not None and m.kind == "weekday" and _bare(m) and wd in dated:
            value = dated[wd]  # «فجر الاثنين» after «فجر الإثنين 29 أبريل»
        start, end = original_span(norm_map, m.start, m.end)
        out.append(TimeSpan(text=text[start:end], start=start, end=end, value=value, precision=precision))
    return out


def _weekday_of(m: Match) -> int | None:
    wd = m.groups.get("wd")
    return lexicon().weekdays.get(_n(wd)) if wd else None


def _bare(m: Match) -> bool:
    g = m.groups
    return not (g.get("rel") or g.get("mod") or g.get("wd2")) and m.inner is None


def parse_date(s: str | None) -> dt.date | None:
    if not s:
        return None
    try:
        return dt.date.fromisoformat(s[:10])
    except ValueError:
        return None


def resolve(m: Match, pub: dt.date | None) -> tuple[str | None, str | None]:
    """``(value, precision)`` of one expression."""
    lx = lexicon()
    if m.inner is not None:
        v = resolve(m.inner, pub)
        if v[0]:
            return v
    g = m.groups
    fn = _RESOLVERS[m.kind]
    return fn(g, pub, lx)


def _mod(g: dict, lx: Lexicon) -> str | None:
    mod = g.get("mod")
    if not mod:
        return None
    mod = _n(mod)
    return "past" if mod in lx.past else "next" if mod in lx.next else "current"


def _month_of(g: dict, lx: Lexicon) -> int:
    return lx.months[_n(g["m1"])]


def _year_for(month: int, day: int | None, pub: dt.date, mode: str | None) -> int:
    """The year that puts (month, day) before publication, or after it for «المقبل»."""
    y = pub.year
    key = (month, day or 1)
    pkey = (pub.month, pub.day if day else 1)
    if mode == "next":
        return y if key > pkey else y + 1
    if mode == "current":
        return y
    if mode == "past":
        return y if key < pkey or (day and key == pkey) else y - 1
    return y if key <= pkey else y - 1


def _date(g, pub, lx):
    month = _month_of(g, lx)
    day = int(g["day"])
    if g.get("year"):
        year = int(g["year"])
    elif pub is None:
        return None, "day"
    else:
        year = _year_for(month, day, pub, _mod(g, lx))
    try:
        return dt.date(year, month, day).isoformat(), "day"
    except ValueError:
        return None, None


def _month(g, pub, lx):
    month = _month_of(g, lx)
    if g.get("year"):
        return f"{int(g['year']):04d}-{month:02d}", "month"
    if pub is None:
        return None, "month"
    mode = _mod(g, lx)
    y = pub.year
    if mode == "next":
        y = y if month > pub.month else y + 1
    elif mode == "past":
        y = y if month < pub.month else y - 1
    elif mode != "current":
        y = y if month <= pub.month else y - 1
    return f"{y:04d}-{month:02d}", "month"


def _ordinal(g, pub, lx):
    day = lx.ordinals[_n(g["ord"])]
    if g.get("m1"):
        return _date({**g, "day": str(day)}, pub, lx)
    if pub is None:
        return None, "day"
    y, mth = pub.year, pub.month
    g = {**g, "mod": g.get("mod2")}
    if _mod(g, lx) == "past":
        y, mth = (y, mth - 1) if mth > 1 else (y - 1, 12)
    elif _mod(g, lx) == "next":
        y, mth = (y, mth + 1) if mth < 12 else (y + 1, 1)
    try:
        return dt.date(y, mth, day).isoformat(), "day"
    except ValueError:
        return None, None


def _hdate(g, pub, lx):
    from hijridate import Gregorian, Hijri

    month = lx.hijri[_n(g["hm"])]
    day = int(g["day"])
    if g.get("hyear"):
        hy = int(g["hyear"])
    elif pub is None:
        return None, "day"
    else:
        ph = Gregorian(pub.year, pub.month, pub.day).to_hijri()
        hy = ph.year if (month, day) <= (ph.month, ph.day) else ph.year - 1
    try:
        return Hijri(hy, month, day).to_gregorian().isoformat(), "day"
    except (ValueError, OverflowError):
        return None, None


def _weekday(g, pub, lx):
    if pub is None:
        return None, "day"
    wd = lx.weekdays[_n(g["wd"])]
    if g.get("rel"):
        # «أمس الخميس»: the relative word and the weekday should agree; when
        # they do not (a story dated the day after it was written), the
        # weekday nearest the relative day wins.
        r = pub + dt.timedelta(days=lx.days[_n(g["rel"])])
        shift = (wd - r.weekday()) % 7
        shift = shift - 7 if shift > 3 else shift
        return (r + dt.timedelta(days=shift)).isoformat(), "day"
    mode = _mod(g, lx)
    if mode == "next":
        delta = (wd - pub.weekday()) % 7 or 7
        return (pub + dt.timedelta(days=delta)).isoformat(), "day"
    back = (pub.weekday() - wd) % 7
    if mode == "past" and back == 0:
        back = 7
    return (pub - dt.timedelta(days=back)).isoformat(), "day"


def _relday(g, pub, lx):
    if pub is None:
        return None, "day"
    return (pub + dt.timedelta(days=lx.days[_n(g["rel"])])).isoformat(), "day"


def _year(g, pub, lx):
    return f"{int(g['year']):04d}", "year"


def _shift_month(d: dt.date, k: int) -> tuple[int, int]:
    n = d.year * 12 + d.month - 1 + k
    return n // 12, n % 12 + 1


def _period(g, pub, lx):
    unit = lx.units.get(_n(g["unit"]), "day")
    mode = _mod(g, lx)
    if pub is None:
        return None, unit
    k = {"past": -1, "next": 1}.get(mode, 0)
    if unit == "year":
        return f"{pub.year + k:04d}", "year"
    if unit == "month":
        y, mth = _shift_month(pub, k)
        return f"{y:04d}-{mth:02d}", "month"
    monday = pub - dt.timedelta(days=pub.weekday()) + dt.timedelta(weeks=k)
    return monday.isoformat(), "week"


def _ago(g, pub, lx):
    unit = lx.units[_n(g["unit"])]
    word = _n(g["unit"])
    if g.get("num"):
        num = g["num"]
        n = int(num) if num.isdigit() else lx.numbers.get(_n(num), 1)
    else:
        n = 2 if word.endswith("ين") else 1  # a dual: «يومين», «شهرين»
    if pub is None:
        return None, unit
    if unit == "day":
        return (pub - dt.timedelta(days=n)).isoformat(), "day"
    if unit == "week":
        return (pub - dt.timedelta(weeks=n)).isoformat(), "week"
    if unit == "month":
        y, mth = _shift_month(pub, -n)
        return f"{y:04d}-{mth:02d}", "month"
    return f"{pub.year - n:04d}", "year"


def _range(g, pub, lx):
    """«من 3 إلى 5 مايو»: the range's first day (its value is where it starts)."""
    return _date(g, pub, lx)


def _numdate(g, pub, lx):
    """«12/5/2019» (day/month/year, as Arabic news writes it) or «2019-05-12»."""
    try:
        return dt.date(int(g["ny"]), int(g["nm"]), int(g["nd"])).isoformat(), "day"
    except ValueError:
        return None, None


_RESOLVERS = {
    "range": _range, "numdate": _numdate,
    "date": _date, "hdate": _hdate, "ordinal": _ordinal, "month": _month, "weekday": _weekday,
    "relday": _relday, "year": _year, "period": _period, "ago": _ago,
}
