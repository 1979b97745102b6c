"""publish: accessible print and e-publication editions of Chinese articles.

Structured article sources (Markdown with YAML front matter, gathered by a `publish.yaml`
manifest) become large-print PDFs, EPUB 3 collections and pinyin-annotated accessible HTML.

    import publish
    project = publish.load("examples/luyuan-interviews")
    publish.build(project, "out", formats="pdf,html", size="特大", pinyin=True)

The names below are imported on first use, so that `publish --help` starts fast.
"""

from __future__ import annotations

import importlib
from typing import TYPE_CHECKING, Any

from ._version import __version__

_EXPORTS = {
    "build": "publish.pipeline",
    "load": "publish.pipeline",
    "Settings": "publish.config",
    "PublishError": "publish.errors",
    "SourceError": "publish.errors",
    "Article": "publish.model",
    "Collection": "publish.model",
    "Project": "publish.sources",
}

__all__ = [
    "Article",
    "Collection",
    "Project",
    "PublishError",
    "Settings",
    "SourceError",
    "__version__",
    "build",
    "load",
]

if TYPE_CHECKING:
    from .config import Settings
    from .errors import PublishError, SourceError
    from .model import Article, Collection
    from .pipeline import build, load
    from .sources import Project


def __getattr__(name: str) -> Any:
    if name in _EXPORTS:
        return getattr(importlib.import_module(_EXPORTS[name]), name)
    raise AttributeError(f"module 'publish' has no attribute {name!r}")
