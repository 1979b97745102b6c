"""Fixtures for the braille tests: liblouis (required under CI=true) and built editions."""

from __future__ import annotations

from collections.abc import Callable

import pytest

from publish.builders.braille import liblouis
from publish.errors import PublishError
from tests.conftest import require


@pytest.fixture(scope="session")
def louis() -> Callable[[str, str], str]:
    """liblouis's translation, `louis(table, text)`: a failure under CI=true if missing."""
    try:
        liblouis.load_louis()
    except PublishError:
        require(False, "liblouis (python3-louis, liblouis-data)")
    return liblouis.translate
