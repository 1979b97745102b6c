"""The model as JSON-ready data, for `publish inspect --json` and `publish import --json`.

Blocks and runs carry their `type`; every text-bearing node also carries its plain `text`, so
a script can read the structure without walking runs.
"""

from __future__ import annotations

from dataclasses import fields, is_dataclass
from datetime import datetime
from pathlib import Path
from typing import Any

from .model import Article, Collection, Inline, Ruby, Text, plain_text

_INLINE_FIELDS = {"title", "subtitle", "children", "caption", "name", "role"}


def collection_data(collection: Collection) -> dict[str, Any]:
    """A collection and its articles as JSON-ready data."""
    data = _node(collection, skip={"articles", "root"})
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
        data[f.name] = _value(f.name, getattr(node, f.name))
    return data


def _value(name: str, value: Any) -> Any:
    if name in _INLINE_FIELDS and isinstance(value, tuple):
        return _inlines(value)
    if is_dataclass(value):
        return _node(value)
    if isinstance(value, tuple):
        return [_value("", v) for v in value]
    if isinstance(value, datetime):
        return value.isoformat()
    if isinstance(value, Path):
        return value.as_posix()
    return value


def _inlines(runs: tuple[Inline, ...]) -> str | dict[str, Any]:
    """Plain text when the runs are plain; otherwise the text and the runs."""
    if all(isinstance(r, Text) for r in runs):
        return plain_text(runs)
    return {"text": plain_text(runs), "runs": [_run(r) for r in runs]}


def _run(run: Inline) -> dict[str, Any]:
    if isinstance(run, Ruby):
        return {"type": "ruby", "base": run.base, "readings": list(run.readings)}
    return _node(run)
