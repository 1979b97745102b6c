"""liblouis, for the table script and the tests: never imported by a build.

The braille builder spells from `data/cells.json`, which `scripts/make_braille_tables.py`
derives from liblouis's tables; the tests compare the edition with liblouis's own
translation. Debian's `python3-louis` installs the module for the system Python only, so its
folder is added to the path here (the module is a ctypes binding: any Python 3 can load it).
"""

from __future__ import annotations

import sys
from pathlib import Path
from types import ModuleType

from ...errors import PublishError

TABLES_DIR = Path("/usr/share/liblouis/tables")
"""Where Debian's `liblouis-data` puts the tables."""

_DEBIAN_MODULES = "/usr/lib/python3/dist-packages"


def load_louis() -> ModuleType:
    """The `louis` module; PublishError if liblouis is not installed."""
    try:
        import louis  # type: ignore[import-not-found]
    except ImportError:
        if _DEBIAN_MODULES not in sys.path:
            sys.path.append(_DEBIAN_MODULES)
        try:
            import louis
        except ImportError:
            raise PublishError(
                "liblouis is not installed: apt-get install python3-louis liblouis-data"
            ) from None
    module: ModuleType = louis
    return module


def translate(table: str, text: str) -> str:
    """`text` as liblouis translates it with `table`, in Unicode braille (blank as U+2800)."""
    louis = load_louis()
    return str(louis.translateString([table], text, mode=louis.dotsIO | louis.ucBrl))
