"""YAML with line numbers and JSON Schema validation, for front matter and manifests.

Sources step: the loaders use this so that every problem names the file and the line.
Timestamps stay strings (the loaders parse dates themselves, with the Asia/Shanghai default),
so a date's spelling never depends on YAML 1.1's timestamp rules.
"""

from __future__ import annotations

import json
from collections.abc import Iterator
from dataclasses import dataclass
from functools import cache
from importlib import resources
from pathlib import Path
from typing import Any

import yaml
from jsonschema import Draft202012Validator

from ..errors import Problem


class _Loader(yaml.SafeLoader):
    """SafeLoader without implicit timestamps."""


_Loader.yaml_implicit_resolvers = {
    first: [(tag, regexp) for tag, regexp in resolvers if tag != "tag:yaml.org,2002:timestamp"]
    for first, resolvers in yaml.SafeLoader.yaml_implicit_resolvers.items()
}


@dataclass(frozen=True, slots=True)
class YamlDocument:
    """A parsed YAML mapping that can say on which line each key stands."""

    data: dict[str, Any]
    node: yaml.Node | None
    path: Path
    first_line: int
    """The file line of the document's first line (front matter starts on line 2)."""

    def line_of(self, *keys: str | int) -> int:
        """The file line of the value at `keys`, or of the nearest enclosing key found."""
        node, line = self.node, self.first_line
        for key in keys:
            if isinstance(node, yaml.MappingNode):
                match = next(((k, v) for k, v in node.value if k.value == key), None)
                if match is None:
                    break
                line = self.first_line + match[0].start_mark.line
                node = match[1]
            elif isinstance(node, yaml.SequenceNode) and isinstance(key, int):
                if key >= len(node.value):
                    break
                node = node.value[key]
                line = self.first_line + node.start_mark.line
            else:
                break
        return line


def parse_yaml(text: str, path: Path, first_line: int = 1) -> YamlDocument | Problem:
    """Parse a YAML mapping; a syntax error or a non-mapping comes back as a `Problem`."""
    try:
        node = yaml.compose(text, Loader=_Loader)
        data = yaml.load(text, Loader=_Loader) if node is not None else {}
    except yaml.MarkedYAMLError as error:
        # The context mark is where the broken construct began (an unclosed bracket, say),
        # which is where the fix goes; the problem mark may be the end of the document.
        mark = error.context_mark or error.problem_mark
        line = first_line + mark.line if mark else None
        reason = error.problem or "invalid YAML"
        return Problem(path, f"invalid YAML: {reason}; check the quoting and indentation", line)
    except yaml.YAMLError as error:
        return Problem(path, f"invalid YAML: {error}", first_line)
    if data is None:
        data = {}
    if not isinstance(data, dict):
        return Problem(path, "expected a mapping of keys to values (key: value)", first_line)
    return YamlDocument(data, node, path, first_line)


@cache
def _validator(name: str) -> Draft202012Validator:
    schema = json.loads(resources.files(__package__).joinpath(f"schema/{name}.json").read_text())
    Draft202012Validator.check_schema(schema)
    return Draft202012Validator(schema)


def schema_problems(document: YamlDocument, schema: str) -> Iterator[Problem]:
    """Every place `document` breaks the named JSON Schema, as located problems."""
    validator = _validator(schema)
    for error in sorted(validator.iter_errors(document.data), key=lambda e: list(map(str, e.path))):
        keys = list(error.absolute_path)
        line = document.line_of(*keys)
        where = ".".join(str(k) for k in keys)
        if error.validator == "additionalProperties":
            allowed = sorted(error.schema.get("properties", {}))
            extra = sorted(set(error.instance) - set(allowed))
            prefix = f"{where}: " if where else ""
            for key in extra:
                yield Problem(
                    document.path,
                    f"{prefix}unknown key {key!r}: valid keys are {', '.join(allowed)}",
                    document.line_of(*keys, key),
                )
        elif error.validator == "required":
            yield Problem(document.path, f"{error.message}: add it", line)
        else:
            hint = error.schema.get("description", "")
            message = f"{where}: {error.message}" if where else error.message
            yield Problem(document.path, f"{message}" + (f" ({hint})" if hint else ""), line)
