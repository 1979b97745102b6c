"""The command line's settings options, made from the settings' own declarations
(`config.Option`): a command names the settings it takes by manifest path (`size`,
`pdf.bleed`) and gets their values back nested as a manifest's `output:` section, which the
API (`publish.build`, `publish.check`) takes as it is.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any, TypeVar

import click

from ..config import OPTIONS

Command = TypeVar("Command", bound=Callable[..., Any])
"""A command's function, as click's decorators take and return it."""


def setting_option(path: str, help: str = "") -> Callable[[Command], Command]:
    """The click option of the setting at `path` (`size`, `pdf.bleed`), as its field declares
    it (`config.Option`); `help` where a command uses the setting for something else (check's
    --font). Not given, it is None, which leaves the manifest's value."""
    option = OPTIONS[path]
    # A switch not given is None too (click's own default for a flag is False).
    kind: dict[str, Any] = (
        {"is_flag": True, "default": None} if option.switch else {"type": option.value_type}
    )
    if option.repeatable:
        kind["multiple"] = True
    return click.option(*option.flags, _destination(path), help=help or option.help, **kind)


def setting_options(*paths: str) -> Callable[[Command], Command]:
    """The click options of these settings, in this order."""

    def decorate(command: Command) -> Command:
        for path in reversed(paths):
            command = setting_option(path)(command)
        return command

    return decorate


def _destination(path: str) -> str:
    """The command's parameter for the setting at `path` (`pdf_bleed`)."""
    return path.replace(".", "_")


def given_settings(flags: dict[str, Any]) -> dict[str, Any]:
    """Take the settings out of a command's `flags`, nested as a manifest's `output:`
    (`{"size": "大", "pdf": {"bleed": "3mm"}}`; None where a flag was not given). A flag sets
    every setting declared with its option (--per-article: the PDF's and the EPUB's)."""
    given = {
        OPTIONS[path].flags: flags.pop(_destination(path))
        for path in OPTIONS
        if _destination(path) in flags
    }
    # A repeatable flag's values are one list as a manifest writes it; none given is not given.
    given = {
        flag: (",".join(value) or None) if isinstance(value, tuple) else value
        for flag, value in given.items()
    }
    settings: dict[str, Any] = {}
    for path, option in OPTIONS.items():
        if option.flags in given:
            *section, key = path.split(".")
            place = settings.setdefault(section[0], {}) if section else settings
            place[key] = given[option.flags]
    return settings
