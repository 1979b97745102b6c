"""`publish new`: a collection folder that builds, to start from."""

from __future__ import annotations

from datetime import date
from importlib import resources
from pathlib import Path

from jinja2 import Environment

from .errors import PublishError

_STARTER_FILES = ("publish.yaml", "pinyin.yaml", "articles/01-welcome.md")


def scaffold(folder: Path, title: str) -> list[Path]:
    """Write the starter manifest, dictionary and article into `folder` (new or empty)."""
    if folder.exists() and (not folder.is_dir() or any(folder.iterdir())):
        raise PublishError(f"{folder}: already exists and is not empty: choose a new folder")
    if not title.strip():
        raise PublishError("the collection title may not be empty")
    starter = resources.files(__package__).joinpath("starter")
    env = Environment(autoescape=False, keep_trailing_newline=True)  # YAML and Markdown, not HTML
    env.policies["json.dumps_kwargs"] = {"ensure_ascii": False}
    written = []
    for name in _STARTER_FILES:
        text = env.from_string(starter.joinpath(name).read_text(encoding="utf-8")).render(
            title=title.strip(), today=date.today().isoformat()
        )
        path = folder / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text, encoding="utf-8")
        written.append(path)
    return written
