"""Typed configuration, read before anything is built: the presets and the output settings.

A manifest's `output:` section and the command line's flags both end up as one `Settings`
value, which every later step (text processing, each builder) reads. By job:

- `presets`: body sizes, papers, lengths, the bundled font families, scripts (data in one place);
- `options`: `Option`, how a setting is written (manifest key, flag, help, parser);
- `settings`: `Settings` and its top-level fields, which read manifests and flags;
- `sections`: the settings only one builder reads (`pdf`, `epub`, `html`, `braille`).
"""

from .options import Option
from .presets import (
    DEFAULT_FONT,
    DEFAULT_PAPER,
    DEFAULT_SCRIPT,
    DEFAULT_SIZE,
    FONTS,
    MAX_PT,
    MIN_PT,
    PAPERS,
    PINYIN_SCALE_LIMITS,
    READING_EM_LARGE,
    READING_EM_LIMITS,
    SCRIPTS,
    SIZES,
    TRADITIONAL_FONTS,
    ZIHAO,
    FontFamily,
    Paper,
    Script,
    SizePreset,
    bundled_path,
    parse_font,
    parse_length_mm,
    parse_margins,
    parse_paper,
    parse_size,
    reading_em,
)
from .sections import (
    BRAILLE_SYSTEMS,
    MARKS,
    PDF_COLORS,
    PDF_VARIANTS,
    BrailleSettings,
    EpubSettings,
    HtmlSettings,
    PdfSettings,
)
from .settings import (
    DEFAULT_FORMATS,
    FORMATS,
    OPTIONS,
    PINYIN_STYLES,
    READINGS,
    Settings,
)

__all__ = [
    "BRAILLE_SYSTEMS",
    "DEFAULT_FONT",
    "DEFAULT_FORMATS",
    "DEFAULT_PAPER",
    "DEFAULT_SCRIPT",
    "DEFAULT_SIZE",
    "FONTS",
    "FORMATS",
    "MARKS",
    "MAX_PT",
    "MIN_PT",
    "OPTIONS",
    "PAPERS",
    "PDF_COLORS",
    "PDF_VARIANTS",
    "PINYIN_SCALE_LIMITS",
    "PINYIN_STYLES",
    "READINGS",
    "READING_EM_LARGE",
    "READING_EM_LIMITS",
    "SCRIPTS",
    "SIZES",
    "TRADITIONAL_FONTS",
    "ZIHAO",
    "BrailleSettings",
    "EpubSettings",
    "FontFamily",
    "HtmlSettings",
    "Option",
    "Paper",
    "PdfSettings",
    "Script",
    "Settings",
    "SizePreset",
    "bundled_path",
    "parse_font",
    "parse_length_mm",
    "parse_margins",
    "parse_paper",
    "parse_size",
    "reading_em",
]
