"""The PDF builder: the collection as one printable PDF, laid out by WeasyPrint (basic)."""

from __future__ import annotations

from pathlib import Path

from ..fonts import font_faces, font_stack
from ..layouts import render
from ..model import Figure
from . import Edition, Output


class PdfBuilder:
    """Large-print PDF through WeasyPrint."""

    name = "pdf"

    def build(self, edition: Edition, out: Path) -> Output:
        from weasyprint import HTML

        collection = edition.collection
        faces = [
            {"family": f.family, "url": f.path.as_uri(), "weight": f.weight}
            for f in font_faces(edition.settings)
        ]
        stylesheet = render(
            edition.layouts, "print/style.css", settings=edition.settings,
            font_faces=faces, font_stack=font_stack(edition.settings),
        )
        html = render(
            edition.layouts, "print/collection.html", collection=collection,
            settings=edition.settings, stylesheet=stylesheet, image_url=_image_url,
        )
        target = out / f"{collection.slug}.pdf"
        HTML(string=html, base_url=str(collection.root)).write_pdf(target)
        return Output((target,))


def _image_url(figure: Figure) -> str:
    return figure.image.as_uri()
