"""The documented Python API: every public name resolves, lazily."""

from __future__ import annotations

import subprocess
import sys

import publish


def test_every_public_name_resolves() -> None:
    for name in publish.__all__:
        assert getattr(publish, name) is not None
    assert callable(publish.build) and callable(publish.load)
    assert issubclass(publish.SourceError, publish.PublishError)


def test_importing_publish_loads_nothing_heavy() -> None:
    code = "import sys, publish; print(sorted(m for m in sys.modules if m.startswith('publish')))"
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True)
    assert result.stdout.strip() == "['publish', 'publish._version']"
