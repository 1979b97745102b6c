"""YAML with line numbers and JSON Schema validation, for front matter and manifests.

Sources step: the loaders use this so that every problem names the file and the line.
Timestamps stay strings (the loaders parse dates themselves, with the Asia/Shanghai default),
so a date's spelling never depends on YAML 1.1's timestamp rules.
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Iterator
from dataclasses import dataclass
from functools import cache
from importlib import resources
from pathlib import Path
from typing import TYPE_CHECKING, Any

import yaml

from .. import cache as build_cache
from ..characters import refused
from ..errors import Problem

if TYPE_CHECKING:
    from jsonschema import Draft202012Validator

MAX_YAML_BYTES = 1024 * 1024
"""The largest YAML document (a manifest, a pinyin.yaml, an article's front matter): 1 MiB."""

MAX_YAML_DEPTH = 32
"""How deeply YAML collections may nest (the schemas need 3); deeper is refused before Python's
recursion limit is reached."""

MAX_YAML_INT_DIGITS = 20
"""The most digits a YAML integer may have (Python refuses more than 4,300 with ValueError)."""

MAX_MESSAGE = 200
"""The most characters of a source's value quoted back in a problem."""


class _Loader(yaml.SafeLoader):
    """SafeLoader (no custom tags) without implicit timestamps, without aliases, with bounded
    nesting and integer size: the YAML of a project that someone else sent."""

    def __init__(self, stream: str) -> None:
        super().__init__(stream)
        self.depth = 0

    def compose_node(self, parent: yaml.Node | None, index: object) -> yaml.Node:
        event = self.peek_event()
        if self.check_event(yaml.AliasEvent):
            # An alias can expand a few hundred bytes into gigabytes (a "billion laughs");
            # manifests never need one.
            raise yaml.composer.ComposerError(
                None, None, "aliases (*name) are not allowed: write the value out", event.start_mark
            )
        self.depth += 1
        if self.depth > MAX_YAML_DEPTH:
            raise yaml.composer.ComposerError(
                None,
                None,
                f"nested more than {MAX_YAML_DEPTH} levels deep",
                event.start_mark,
            )
        try:
            return super().compose_node(parent, index)  # type: ignore[misc]
        finally:
            self.depth -= 1

    def construct_yaml_int(self, node: yaml.ScalarNode) -> int:
        digits = sum(c.isdigit() for c in str(node.value))
        if digits > MAX_YAML_INT_DIGITS:
            raise yaml.constructor.ConstructorError(
                None,
                None,
                f"an integer of {digits} digits (at most {MAX_YAML_INT_DIGITS}): quote it "
                "if it is text",
                node.start_mark,
            )
        return super().construct_yaml_int(node)  # type: ignore[no-any-return]


_Loader.add_constructor("tag:yaml.org,2002:int", _Loader.construct_yaml_int)
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
    if len(text.encode("utf-8", "surrogatepass")) > MAX_YAML_BYTES:
        return Problem(
            path, f"YAML over {MAX_YAML_BYTES // 1024} KiB: split it or shorten it", first_line
        )
    loader = _Loader(text)
    try:
        node = loader.get_single_node()
        data = loader.construct_document(node) if node is not None else {}
    except yaml.MarkedYAMLError as error:
        # The context mark is where the broken construct began (an unclosed bracket, say),
        # which is where the fix goes; the problem mark may be the end of the document.
        mark = error.context_mark or error.problem_mark
        line = first_line + mark.line if mark else None
        reason = _shorten(error.problem or "invalid YAML")
        # The loader's own refusals (aliases, depth, integers, tags) say what to do already.
        ours = isinstance(error, yaml.composer.ComposerError | yaml.constructor.ConstructorError)
        hint = "" if ours else "; check the quoting and indentation"
        return Problem(path, f"invalid YAML: {reason}{hint}", line)
    except yaml.YAMLError as error:
        return Problem(path, f"invalid YAML: {_shorten(str(error))}", first_line)
    finally:
        loader.dispose()
    for scalar in _scalars(node):
        refusal = refused(str(scalar.value))
        if refusal is not None:
            return Problem(path, refusal, first_line + scalar.start_mark.line)
    if data is None:
        data = {}
    if not isinstance(data, dict):
        return Problem(path, "expected a mapping of keys to values (key: value)", first_line)
    return YamlDocument(data, node, path, first_line)


@cache
def _validator(name: str) -> Draft202012Validator:
    # Imported here: jsonschema costs 0.09 s of CPU to import, which a rebuild whose YAML was
    # all found valid before does not pay (`valid_before`).
    from jsonschema import Draft202012Validator

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
            text = _shorten(error.message)
            message = f"{where}: {text}" if where else text
            yield Problem(document.path, f"{message}" + (f" ({hint})" if hint else ""), line)


def valid_step(schema: str) -> str:
    """The build cache's step of the YAML found valid against the named schema (`valid_texts`):
    for each scope (a manifest's or a pinyin.yaml's file; a project's articles' front matters),
    the digests of the texts the last build that validated any found valid. One entry a scope,
    so nothing piles up; the articles' step is carried over by the builds that parse none
    (`cache.CARRIED`)."""
    return f"valid-{schema}"


def text_digest(text: str) -> str:
    """What `valid_texts` knows a YAML text by."""
    return hashlib.sha256(text.encode()).hexdigest()


def valid_texts(schema: str, scope: str) -> frozenset[str]:
    """The digests of the YAML texts of `scope` that an earlier build with this package (and
    these versions of jsonschema and PyYAML: the cache's keys hold them) found valid against the
    named schema (`keep_valid`). Such a text is not validated again: `schema_problems` needs
    jsonschema, 0.09 s of CPU to import and 0.02 s to check a schema at each start, which a
    rebuild after a typo spent on one article. The problems a text has depend on the text
    alone; its file and first line only place them."""
    store = build_cache.here()
    if store is None:  # no key made either: the package's digest costs 20 ms a process
        return frozenset()
    step = valid_step(schema)
    found = store.get(step, build_cache.key(step, scope), counted=False)
    if not (isinstance(found, list) and all(isinstance(digest, str) for digest in found)):
        return frozenset()
    return frozenset(found)


def keep_valid(schema: str, scope: str, before: frozenset[str], now: set[str]) -> None:
    """Keep `now`, the digests of the texts of `scope` this build found valid against the
    named schema (or took from a build that had), when they are not `before`, those kept."""
    store = build_cache.here()
    if store is not None and now != before:
        step = valid_step(schema)
        store.put(step, build_cache.key(step, scope), sorted(now))


def checked(document: YamlDocument, schema: str, text: str) -> list[Problem]:
    """`schema_problems` of `document`, parsed from `text`; none when its file's text was found
    valid before (`valid_texts`). For the manifest and pinyin.yaml, read at every build."""
    scope = str(document.path)
    before = valid_texts(schema, scope)
    digest = text_digest(text)
    if digest in before:
        return []
    problems = list(schema_problems(document, schema))
    if not problems:
        keep_valid(schema, scope, before, {digest})
    return problems


def _scalars(node: yaml.Node | None) -> Iterator[yaml.ScalarNode]:
    """Every scalar (keys too) of a composed document; its depth is bounded by the loader."""
    if isinstance(node, yaml.ScalarNode):
        yield node
    elif isinstance(node, yaml.SequenceNode):
        for item in node.value:
            yield from _scalars(item)
    elif isinstance(node, yaml.MappingNode):
        for key, value in node.value:
            yield from _scalars(key)
            yield from _scalars(value)


def _shorten(message: str) -> str:
    """A problem's message with a long quoted value cut (a source may hold megabytes)."""
    return message if len(message) <= MAX_MESSAGE else f"{message[:MAX_MESSAGE]}…"
