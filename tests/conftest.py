"""Shared test helpers.

External tools (pdftotext, EPUBCheck, Chromium, Ace) are required under CI=true: a missing tool
fails the test there, and only skips on a developer's machine.
"""

from __future__ import annotations

import os
import shutil
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
EXAMPLES = ROOT / "examples"
FIXTURES = Path(__file__).resolve().parent / "fixtures"
IN_CI = os.environ.get("CI", "").lower() in {"1", "true", "yes"}


def require(condition: bool, what: str) -> None:
    """Fail (under CI=true) or skip (elsewhere) when a needed tool is missing."""
    if condition:
        return
    message = f"{what} is not available: run ./scripts/test, which installs it"
    if IN_CI:
        pytest.fail(message)
    pytest.skip(message)


def require_tool(name: str) -> str:
    """The path of an executable, required under CI=true."""
    path = shutil.which(name)
    require(path is not None, name)
    assert path is not None
    return path


def pytest_addoption(parser: pytest.Parser) -> None:
    parser.addoption(
        "--update-goldens",
        action="store_true",
        help="rewrite tests/goldens/ from the current outputs instead of comparing with them",
    )


@pytest.fixture
def golden(request: pytest.FixtureRequest):  # type: ignore[no-untyped-def]
    """Compare a text output with tests/goldens/NAME (or rewrite it with --update-goldens)."""
    update = request.config.getoption("--update-goldens")

    def check(name: str, text: str) -> None:
        path = Path(__file__).resolve().parent / "goldens" / name
        if update:
            path.parent.mkdir(exist_ok=True)
            path.write_text(text, encoding="utf-8")
            return
        assert path.is_file(), (
            f"{path} is missing: run pytest tests/test_goldens.py --update-goldens"
        )
        expected = path.read_text(encoding="utf-8")
        assert text == expected, (
            f"{name} differs from its golden file: if the change is meant, review "
            "`git diff tests/goldens` after `pytest tests/test_goldens.py --update-goldens`"
        )

    return check


@pytest.fixture
def seed_project() -> Path:
    """The bundled example made from the seed page."""
    return EXAMPLES / "luyuan-interviews"
