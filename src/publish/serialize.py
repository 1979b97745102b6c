"""The model as JSON-ready data, for `publish inspect --json` and `publish import --json`.

Blocks and runs carry their `type`. Text comes as plain strings (a block's runs as `text`, with
line breaks as newlines); only when a text has formatting (emphasis, links, pinyin) do its runs
follow as well, under `runs` (or `title_runs`, `caption_runs`, ...), so a script reads the
structure without walking runs.
"""

from __future__ import annotations

from dataclasses import fields, is_dataclass
from datetime import datetime
from pathlib import Path
from typing import Any

from .model import Article, Collection, Inline, LineBreak, Ruby, Text, plain_text

_INLINE_FIELDS = {"title", "subtitle", "children", "caption", "name", "role"}


def collection_data(collection: Collection) -> dict[str, Any]:
    """A collection and its articles as JSON-ready data."""
    data = _node(collection, skip={"articles", "root", "source_path"})
    data["articles"] = [article_data(a) for a in collection.articles]
    return data


def article_data(article: Article) -> dict[str, Any]:
    """An article's metadata and blocks as JSON-ready data."""
    data = _node(article, skip={"source_path"})
    data["pinyin"] = {word: " ".join(readings) for word, readings in article.pinyin}
    return data


def _node(node: Any, skip: frozenset[str] | set[str] = frozenset()) -> dict[str, Any]:
    data: dict[str, Any] = {"type": type(node).__name__.lower()}
    for f in fields(node):
        if f.name in skip:
            continue
        value = getattr(node, f.name)
        if f.name in _INLINE_FIELDS and isinstance(value, tuple):
            key = "text" if f.name == "children" else f.name
            data[key] = plain_text(value)
            if not all(isinstance(r, Text | LineBreak) for r in value):
                data["runs" if f.name == "children" else f"{f.name}_runs"] = [
                    _run(r) for r in value
                ]
        else:
            data[f.name] = _value(value)
    return data


def _value(value: Any) -> Any:
    if is_dataclass(value):
        return _node(value)
    if isinstance(value, tuple):
        return [_value(v) for v in value]
    if isinstance(value, datetime):
        return value.isoformat()
    if isinstance(value, Path):
        return value.as_posix()
    return value


def _run(run: Inline) -> dict[str, Any]:
    if isinstance(run, Ruby):
        return {"type": "ruby", "base": run.base, "readings": list(run.readings)}
    return _node(run)
