"""Faults (kills, full disks, crashing sources) use the helpers of tests/security."""

from tests.security.conftest import project

__all__ = ["project"]
