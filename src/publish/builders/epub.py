"""The EPUB builder: the collection as one EPUB 3 with ebooklib (basic)."""

from __future__ import annotations

from pathlib import Path

from ..layouts import render
from ..model import Figure
from . import Edition, Output


class EpubBuilder:
    """EPUB 3 for e-readers."""

    name = "epub"

    def build(self, edition: Edition, out: Path) -> Output:
        from ebooklib import epub

        collection = edition.collection
        book = epub.EpubBook()
        book.set_identifier(collection.identifier)
        book.set_title(collection.title)
        book.set_language(collection.language)
        for creator in collection.creators or (collection.publisher,):
            if creator:
                book.add_author(creator)
        style = epub.EpubItem(uid="style", file_name="style.css", media_type="text/css",
                              content=render(edition.layouts, "epub/style.css").encode())
        book.add_item(style)
        chapters = []
        for article in collection.articles:
            xhtml = render(edition.layouts, "epub/article.xhtml", article=article,
                           image_url=_image_url)
            chapter = epub.EpubHtml(title=article.title_text, file_name=f"{article.slug}.xhtml",
                                    lang=article.language)
            chapter.content = xhtml.encode()
            chapter.add_item(style)
            book.add_item(chapter)
            chapters.append(chapter)
        book.toc = chapters
        book.spine = ["nav", *chapters]
        book.add_item(epub.EpubNcx())
        book.add_item(epub.EpubNav())
        target = out / f"{collection.slug}.epub"
        epub.write_epub(str(target), book)
        return Output((target,))


def _image_url(figure: Figure) -> str:
    return f"images/{figure.image.name}"
