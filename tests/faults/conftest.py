"""Faults (kills, full disks, crashing sources) use the hostile-project helpers of tests/security."""

from tests.security.conftest import project

__all__ = ["project"]
