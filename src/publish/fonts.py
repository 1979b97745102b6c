"""Fonts: the bundled families, coverage checks and per-output subsets.

Between text processing and the builders: before anything is laid out, every character of
every source is checked against the chosen family.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from .config import Settings, bundled_path
from .model import Collection


def check_coverage(collection: Collection, settings: Settings) -> tuple[Path, ...]:
    """Fallback font files for the characters the bundled family lacks (none yet)."""
    return ()


@dataclass(frozen=True, slots=True)
class FontFace:
    """One face of the font stack, as a layout's @font-face rule needs it."""

    family: str
    """The CSS family name."""
    path: Path
    """The font file."""
    weight: int
    """400 or 700."""


def font_faces(settings: Settings) -> list[FontFace]:
    """The bundled faces of the chosen family that exist on disk."""
    folder = bundled_path("fonts")
    family = settings.font
    faces = [
        FontFace(family.css_name, folder / family.regular, 400),
        FontFace(family.css_name, folder / family.bold, 700),
    ]
    return [face for face in faces if face.path.is_file()]


def font_stack(settings: Settings) -> str:
    """The CSS font-family value every layout uses: the bundled family, then its generic."""
    return f'"{settings.font.css_name}", {settings.font.generic}'
