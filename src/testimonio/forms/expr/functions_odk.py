"""ODK's extensions to XPath: the functions of the ODK XForms table beyond
XPath 1.0 and XForms 1.0 (digest, base64-decode, checklist,
weighted-checklist, randomize, instance, pulldata, decimal-time, uuid with a
length), and the argument helpers every function module shares.
"""

from __future__ import annotations

import base64
import binascii
import datetime as dt
import hashlib
import math
import random
import re
import secrets
import string
import uuid
from collections.abc import Sequence

from testimonio.errors import ExpressionError
from testimonio.forms.expr.context import Context
from testimonio.forms.expr.values import (
    NAN,
    NodeSet,
    Value,
    local,
    node_number,
    node_string,
    parse_date,
    to_number,
    to_string,
)


def nodes_arg(fname: str, v: Value) -> NodeSet:
    """The node-set argument of a function, or a sentence saying it needs one."""
    if not isinstance(v, NodeSet):
        raise ExpressionError(f"{fname}() needs a question or group such as ${{name}}, not a value.")
    return v


def to_int(v: Value) -> int:
    """A number argument as a whole number (NaN is 0; infinities are clamped)."""
    x = to_number(v)
    if math.isnan(x):
        return 0
    if math.isinf(x):
        return 2**31 if x > 0 else -(2**31)
    return int(x)


_TIME_OF_DAY = re.compile(r"\s*(\d{2}):(\d{2})(?::(\d{2})(\.\d+)?)?(Z|[+-]\d{2}:?\d{2})?\s*$")


def odk_decimal_time(c: Context, a: Sequence[Value]) -> Value:
    """The fraction of a day a time is, in the local zone (noon is 0.5)."""
    text = to_string(a[0])
    m = _TIME_OF_DAY.match(text)
    if m is None:
        d = parse_date(text)
        if not isinstance(d, dt.datetime):
            return NAN
        when = local(d)
    else:
        hours, minutes, seconds = int(m[1]), int(m[2]), int(m[3] or 0)
        if hours > 23 or minutes > 59 or seconds > 59:
            return NAN
        zone = m[5]
        day = c.today()
        naive = dt.datetime(day.year, day.month, day.day, hours, minutes, seconds)
        try:
            micro = int(float(m[4]) * 1_000_000) if m[4] else 0
            when = naive.replace(microsecond=micro)
            if zone:
                offset = dt.UTC if zone == "Z" else dt.datetime.strptime(zone.replace(":", ""), "%z").tzinfo
                when = local(when.replace(tzinfo=offset))
        except ValueError:
            return NAN
    seconds_in_day = when.hour * 3600 + when.minute * 60 + when.second + when.microsecond / 1e6
    return seconds_in_day / 86400.0


MAX_UUID_LENGTH = 1_000
_GUID_ALPHABET = string.ascii_letters + string.digits


def odk_uuid(_c: Context, a: Sequence[Value]) -> Value:
    if not a:
        return str(uuid.uuid4())
    n = max(0, min(MAX_UUID_LENGTH, to_int(a[0])))
    return "".join(secrets.choice(_GUID_ALPHABET) for _ in range(n))


_DIGESTS = {"MD5": "md5", "SHA-1": "sha1", "SHA-256": "sha256", "SHA-384": "sha384", "SHA-512": "sha512"}


def odk_digest(_c: Context, a: Sequence[Value]) -> Value:
    """XForms 1.1 digest(): the UTF-8 bytes hashed, in base64 (default) or hex."""
    algorithm = to_string(a[1])
    name = _DIGESTS.get(algorithm)
    if name is None:
        raise ExpressionError(f"digest() knows {', '.join(_DIGESTS)}, not {algorithm!r}.")
    encoding = to_string(a[2]) if len(a) > 2 else "base64"
    raw = hashlib.new(name, to_string(a[0]).encode("utf-8")).digest()
    if encoding == "hex":
        return raw.hex()
    if encoding == "base64":
        return base64.b64encode(raw).decode("ascii")
    raise ExpressionError(f"digest() encodes as base64 or hex, not {encoding!r}.")


def odk_base64_decode(_c: Context, a: Sequence[Value]) -> Value:
    """The UTF-8 text a base64 string encodes ('' if it is not base64 of text)."""
    try:
        return base64.b64decode(to_string(a[0]).strip(), validate=True).decode("utf-8")
    except (binascii.Error, ValueError):
        return ""


def _checked(v: AnswerValueLike) -> bool:
    """Whether a checklist item counts: a number above 0, else boolean()."""
    if isinstance(v, bool):
        return v
    x = node_number(v) if not isinstance(v, float) else v
    if not math.isnan(x):
        return x > 0
    return node_string(v) != "" if not isinstance(v, float) else False


AnswerValueLike = str | int | float | list[str] | None


def _items(args: Sequence[Value]) -> list[AnswerValueLike]:
    out: list[AnswerValueLike] = []
    for v in args:
        if isinstance(v, NodeSet):
            out.extend(v.values)
        elif isinstance(v, (bool, float, str)):
            out.append(v)
        else:
            out.append(to_string(v))
    return out


def _within(total: float, low: float, high: float) -> bool:
    return (low < 0 or total >= low) and (high < 0 or total <= high)


def odk_checklist(_c: Context, a: Sequence[Value]) -> Value:
    """checklist(min, max, v*): how many v count as checked is within [min, max] (-1: no bound)."""
    count = sum(1 for v in _items(a[2:]) if _checked(v))
    return _within(count, to_number(a[0]), to_number(a[1]))


def odk_weighted_checklist(_c: Context, a: Sequence[Value]) -> Value:
    """weighted-checklist(min, max, v, w, ...): the weights of checked v summed."""
    values = _items(a[2::2])
    weights = [node_number(w) if not isinstance(w, float) else w for w in _items(a[3::2])]
    if len(values) != len(weights):
        raise ExpressionError("weighted-checklist() needs as many weights as values.")
    total = math.fsum(w for v, w in zip(values, weights, strict=True) if _checked(v))
    return _within(total, to_number(a[0]), to_number(a[1]))


class _ParkMiller:
    """The Park-Miller generator ODK's seeded randomize() uses."""

    MODULUS = 2_147_483_647

    def __init__(self, seed: float) -> None:
        self.state = int(seed) % self.MODULUS
        if self.state <= 0:
            self.state += self.MODULUS - 1

    def next_float(self) -> float:
        self.state = self.state * 16_807 % self.MODULUS
        return (self.state - 1) / (self.MODULUS - 1)


def shuffled_order(n: int, seed: float | None = None) -> list[int]:
    """A permutation of ``range(n)`` by the inside-out Fisher-Yates algorithm.

    With a seed the draws come from the Park-Miller generator, so the same
    seed always gives the same order (the ODK XForms ``randomize``).
    """
    draw = _ParkMiller(seed).next_float if seed is not None else random.random  # noqa: S311 - an order
    order: list[int] = []
    for i in range(n):
        j = math.floor(draw() * (i + 1))
        if j == i:
            order.append(i)
        else:
            order.append(order[j])
            order[j] = i
    return order


def odk_randomize(_c: Context, a: Sequence[Value]) -> Value:
    """Shuffle nodes with the inside-out Fisher-Yates algorithm (seeded: reproducible)."""
    nodes = nodes_arg("randomize", a[0])
    seed = None
    if len(a) > 1:
        seed = to_number(a[1])
        if not math.isfinite(seed):
            raise ExpressionError("randomize() needs a number as its seed.")
    order = shuffled_order(len(nodes), seed)
    return NodeSet(tuple(nodes.paths[k] for k in order), tuple(nodes.values[k] for k in order))


#: The spec's "circumference of the Earth around the Equator", as a radius in metres.
EARTH_RADIUS_M = 6_378_100.0
MAX_GEO_POINTS = 100_000


def _geopoints(args: Sequence[Value]) -> list[tuple[float, float]] | None:
    """Points of a node-set of geopoints, or of one geoshape/geotrace ("lat lon alt acc; …")."""
    texts: list[str] = []
    for v in args:
        texts.extend(v.strings() if isinstance(v, NodeSet) else [to_string(v)])
    if len(texts) == 1 and ";" in texts[0]:
        texts = texts[0].split(";")
    points: list[tuple[float, float]] = []
    for text in texts[:MAX_GEO_POINTS]:
        parts = text.split()
        if not text.strip():
            continue
        try:
            lat, lon = float(parts[0]), float(parts[1])
        except (ValueError, IndexError):
            return None
        if not (-90 <= lat <= 90 and -180 <= lon <= 180):
            return None
        points.append((math.radians(lat), math.radians(lon)))
    return points


def odk_distance(_c: Context, a: Sequence[Value]) -> Value:
    """Metres along the points in order, on a sphere of the Earth's equatorial radius."""
    points = _geopoints(a)
    if points is None:
        return NAN
    total = 0.0
    for (p1, l1), (p2, l2) in zip(points, points[1:], strict=False):
        h = math.sin((p2 - p1) / 2) ** 2 + math.cos(p1) * math.cos(p2) * math.sin((l2 - l1) / 2) ** 2
        total += EARTH_RADIUS_M * 2 * math.atan2(math.sqrt(h), math.sqrt(1 - h))
    return round(total, 2)


def odk_area(_c: Context, a: Sequence[Value]) -> Value:
    """Square metres inside the points (a closed shape), on the same sphere."""
    points = _geopoints(a)
    if points is None:
        return NAN
    if len(points) < 3:
        return 0.0
    total = 0.0
    for i, (p1, l1) in enumerate(points):
        p2, l2 = points[(i + 1) % len(points)]
        total += (l2 - l1) * (2 + math.sin(p1) + math.sin(p2))
    return round(abs(total * EARTH_RADIUS_M * EARTH_RADIUS_M / 2), 2)


def odk_instance(c: Context, a: Sequence[Value]) -> Value:
    name = to_string(a[0])
    data = c.instance(name)
    if data is None:
        raise ExpressionError(f"This form has no list or attachment called {name!r} for instance().")
    return NodeSet((f"instance('{name}')",), ("",))


def odk_pulldata(c: Context, a: Sequence[Value]) -> Value:
    """pulldata(id, field, key field, key): instance(id)/root/item[key field = key]/field."""
    name, wanted, column, key = (to_string(v) for v in a)
    data = c.instance(name)
    if data is None:
        raise ExpressionError(f"This form has no attachment called {name!r} for pulldata().")
    for i in data.positions(column, key):
        value = data.items[i].get(wanted)
        if value is not None:
            return value
    return ""


