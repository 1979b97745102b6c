"""The model as JSON values and back, exactly, for the build cache (`publish.cache`), which
keeps the articles read from sources so (`sources.article`) and never pickles them.

A value of the model is stored as an object with one member, named after its class, holding
its fields' values in order: `{"Heading": [2, [{"Text": ["小标题"]}]]}`. A tuple is an array,
a path `{"Path": "..."}`, a date `{"datetime": [its time without zone, its zone, fold]}` (the
zone's name, or its offset in seconds for a date written with one); strings, numbers,
booleans and null are themselves. Reading builds the model's own classes
only: a value naming another, or shaped otherwise, is refused with a `ValueError`, and the
cache takes that as a miss. (`publish.serialize` is the other way of writing the model out:
readable, for scripts, and not meant to be read back.)
"""

from __future__ import annotations

from dataclasses import fields
from datetime import datetime, timedelta, timezone
from pathlib import Path
from typing import Any
from zoneinfo import ZoneInfo

from .document import (
    Article,
    Emphasis,
    Figure,
    Heading,
    Interview,
    LineBreak,
    Link,
    ListBlock,
    PageBreak,
    Paragraph,
    Quote,
    Ruby,
    Signature,
    Strong,
    Table,
    Text,
)

_CLASSES: dict[str, Any] = {
    cls.__name__: cls
    for cls in (
        Article, Emphasis, Figure, Heading, Interview, LineBreak, Link, ListBlock, PageBreak,
        Paragraph, Quote, Ruby, Signature, Strong, Table, Text,
    )
}  # fmt: skip
_FIELDS = {name: tuple(f.name for f in fields(cls)) for name, cls in _CLASSES.items()}


def stored(value: Any) -> Any:
    """`value` (a model value: an article, a block, a run, or a tuple of them) as JSON values;
    a `ValueError` for what the model does not hold (a date whose zone has no name)."""
    if value is None or isinstance(value, str | int | float):
        return value
    if isinstance(value, tuple):
        return [stored(item) for item in value]
    name = type(value).__name__
    if _CLASSES.get(name) is type(value):
        return {name: [stored(getattr(value, field)) for field in _FIELDS[name]]}
    if isinstance(value, Path):
        return {"Path": str(value)}
    if isinstance(value, datetime):
        return {"datetime": [value.replace(tzinfo=None).isoformat(), _zone(value), value.fold]}
    raise ValueError(f"{type(value).__name__} is not a value of the model")


def restored(value: Any) -> Any:
    """The model value `stored` made `value` from; a `ValueError` when it is not one."""
    try:
        return _restored(value)
    except (KeyError, TypeError, AttributeError) as error:
        raise ValueError(f"not a stored model value: {error}") from None


def _restored(value: Any) -> Any:
    kind = type(value)
    if kind is list:
        return tuple(_restored(item) for item in value)
    if kind is not dict:
        return value
    ((name, data),) = value.items()
    if name == "Path":
        return Path(data)
    if name == "datetime":
        when, zone, fold = data
        found = datetime.fromisoformat(when).replace(fold=fold)
        return found if zone is None else found.replace(tzinfo=_zone_named(zone))
    return _CLASSES[name](*(_restored(item) for item in data))


def _zone(moment: datetime) -> str | float | None:
    """A date's zone by its name, its offset in seconds (a date written with one), or None."""
    zone = moment.tzinfo
    if zone is None:
        return None
    if isinstance(zone, ZoneInfo) and zone.key:
        return zone.key
    offset = zone.utcoffset(moment)
    # A zone of a fixed offset, without a name of its own.
    if isinstance(zone, timezone) and offset is not None and repr(zone) == repr(timezone(offset)):
        return offset.total_seconds()
    raise ValueError(f"a date in the zone {zone!r}, which cannot be stored")


def _zone_named(zone: str | float) -> ZoneInfo | timezone:
    return ZoneInfo(zone) if isinstance(zone, str) else timezone(timedelta(seconds=zone))
