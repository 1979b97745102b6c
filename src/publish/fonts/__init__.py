"""Fonts: the bundled families, the glyph coverage check and per-output subsets.

Between text processing and the builders, split by job (as WeasyPrint splits its fonts):

- `faces`: the chosen family's faces and the CSS font stack every layout uses;
- `used`: the characters an edition sets in each weight;
- `coverage`: the check of every source character, with system fallbacks;
- `subset`: the embedded font files of an EPUB (OpenType/TrueType) or a web site (WOFF2),
  holding only the glyphs used;
- `distinct`: the faces the PDF embeds, each character given a glyph of its own;
- `embed`: the HTML and EPUB builders' one step that cuts them to what the documents they
  render show, while they render.

Callers import each name from the module that owns it.
"""
