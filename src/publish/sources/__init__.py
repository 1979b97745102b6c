"""Sources -> model: which loader a path goes to (a collection folder, its `publish.yaml`, or
one Markdown article).

Sources step, its entry: `manifest.py` loads a collection, `article.py` one article file,
`fields.py` parses the fields both share.
"""

from __future__ import annotations

from pathlib import Path

from ..errors import SourceError
from .manifest import (
    MANIFEST,
    PINYIN_DICTIONARY,
    Project,
    article_root,
    load_manifest,
    load_single_article,
)

__all__ = ["MANIFEST", "PINYIN_DICTIONARY", "Project", "load_project", "project_root"]


def load_project(path: Path) -> Project:
    """Load a collection folder, its `publish.yaml`, or a single Markdown article."""
    path = Path(path)
    if path.is_dir():
        manifest = path / MANIFEST
        if not manifest.is_file():
            raise SourceError.at(
                path, f"no {MANIFEST} here: create one with `publish new`, or give a .md file"
            )
        return load_manifest(manifest)
    if path.name == MANIFEST or path.suffix in {".yaml", ".yml"}:
        return load_manifest(path)
    if path.suffix.lower() in {".md", ".markdown"}:
        return load_single_article(path)
    if not path.exists():
        raise SourceError.at(path, "not found: give a collection folder or a .md article")
    raise SourceError.at(path, "not a collection folder, publish.yaml or .md article")


def project_root(path: Path) -> Path | None:
    """The root folder of the project `load_project(path)` loads, found without loading it
    (None where there is no project: `load_project` says why)."""
    path = Path(path)
    if path.is_dir():
        path = path / MANIFEST
    if not path.is_file():
        return None
    if path.name == MANIFEST or path.suffix in {".yaml", ".yml"}:
        return path.resolve().parent
    if path.suffix.lower() in {".md", ".markdown"}:
        return article_root(path)
    return None
