"""How a setting is written, said once beside its field: the manifest's key, the command line's
flag and help, and the parser from either spelling to the field's value.

`config.settings` declares each field of `Settings` with an `Option` (`setting(default,
Option(...))`); `Settings.updated` reads manifests through it and `cli.options` makes the
click options from it, so that no option is described twice.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from dataclasses import Field, dataclass, field, fields
from pathlib import Path
from typing import Any, TypeVar

from ..errors import PublishError

T = TypeVar("T")

Parser = Callable[[Any, str, Path | None], Any]
"""Reads a manifest or command-line value: (value, where it was written for the error message,
the project folder that file names are relative to) -> the field's value."""


@dataclass(frozen=True, slots=True)
class Option:
    """One setting as manifests and the command line write it."""

    parse: Parser | None = None
    """The field's parser; None for a switch, which takes true or false."""
    flags: tuple[str, ...] = ()
    """The command-line option as click declares it: ("--bleed",), ("-f", "--format"), and
    ("--facing/--no-facing",) for a switch that can be turned off too; () for a setting only
    manifests give."""
    help: str = ""
    """The command line's help text."""
    key: str = ""
    """The manifest's key when it is not the field's name (bleed for `bleed_mm`)."""
    aliases: tuple[str, ...] = ()
    """Older manifest keys still read, but not listed among the valid ones."""
    value_type: type = str
    """The type click reads the flag's value as (its help shows it: FLOAT)."""
    repeatable: bool = False
    """True for a comma-separated list that the command line may also give in several flags
    (`-f html -f epub`), each adding to it, rather than the last one replacing the others."""

    @property
    def switch(self) -> bool:
        """True for a true-or-false setting (a flag on the command line)."""
        return self.parse is None


def setting(default: T, option: Option) -> T:
    """A dataclass field with `default` and its `option`."""
    return field(default=default, metadata={"option": option})


def option_of(item: Field[Any]) -> Option | None:
    """The option a field was declared with; None for a section (`pdf`, `epub`, ...)."""
    return item.metadata.get("option")


def manifest_key(item: Field[Any]) -> str:
    """The key a manifest writes the field as."""
    option = option_of(item)
    return option.key if option is not None and option.key else item.name


def places(settings: Any, extra: dict[str, Option]) -> Iterator[tuple[str, Option]]:
    """Every option of `settings` (a dataclass instance) by its manifest path (`size`,
    `pdf.bleed`): the top-level ones, then `extra` (keys that set several fields, such as
    `reading`), then each section's (a field declared without an option)."""
    sections = []
    for item in fields(settings):
        option = option_of(item)
        if option is None:
            sections.append(item.name)
        else:
            yield manifest_key(item), option
    yield from extra.items()
    for name in sections:
        for item in fields(getattr(settings, name)):
            option = option_of(item)
            if option is not None:
                yield f"{name}.{manifest_key(item)}", option


def switch(value: Any, where: str, name: str) -> bool:
    """A switch's value, which must be true or false."""
    if not isinstance(value, bool):
        raise PublishError(f"{where}: {name} must be true or false, not {value!r}")
    return value


def listed(value: Any) -> tuple[str, ...]:
    """A list written as `a,b` or as a list: its items lower-cased, once each, in order."""
    items = value.split(",") if isinstance(value, str) else list(value)
    return tuple(dict.fromkeys(str(item).strip().lower() for item in items if str(item).strip()))
