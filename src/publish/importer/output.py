"""Imported articles -> DIR: their sources, their images and the `publish.yaml` that lists them.

Import's last step, the same for pages given one by one and for a whole saved site:

- each article becomes `DIR/<name>.md` (`writer.write_article`: a temporary file, then a rename);
- a link into the mirror (a `file:` URI, see `importer.load_page`) that names another article
  of the import becomes a link to its source (`name.md`, which the builders turn into a link
  between articles); any other link into the mirror is dropped, its text kept; web links stay;
- each figure's image is copied into `DIR/images/`, once per content (`images.ImageStore`);
- `publish.yaml` lists the sources in reading order, with the collection's title, publisher and
  language, so that `publish build DIR` works right away. An existing one is kept (a site
  import replaces it with `--overwrite`), and none is written into a collection's own folder
  (one whose parent has a `publish.yaml`).

`site_name` finds the collection's title in the pages' `<title>`s: the common suffix the CMS
adds to every page (`…_绿园区人民政府`).
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass, field, replace
from pathlib import Path
from urllib.parse import unquote, urlsplit

from ..errors import Problem
from ..model import (
    Article,
    Block,
    Figure,
    Interview,
    ListBlock,
    Quote,
    map_inlines,
    relink,
)
from ..sources import MANIFEST
from ..sources.writer import manifest_yaml, write_article, write_text
from .html import title_parts
from .images import ImageStore
from .inline import merged

IMAGES = "images"


@dataclass
class Output:
    """Writes imported articles into one folder (see the module docstring)."""

    folder: Path
    """The folder to write to."""
    names: dict[Path, str]
    """Each page to be written (its resolved path) and its source's name (file stem)."""
    overwrite: bool = False
    """Replace existing sources (and images of the same name)."""
    copies: dict[Path, Path] | None = None
    """The images already copied (`copy_images`), when the sources are written in several
    processes; else each is copied as its article is written."""
    store: ImageStore = field(init=False)

    def __post_init__(self) -> None:
        self.store = ImageStore(self.folder / IMAGES)

    def copy_images(self, images: Iterable[Path]) -> list[Problem]:
        """Copy `images` now, so that processes writing sources only look their copies up;
        an image that cannot be copied is left out of its figures, with a problem."""
        self.copies = {}
        problems = []
        for image in images:
            try:
                self.copies[image] = self.store.add(image).resolve()
            except OSError as error:
                problems.append(Problem(image, f"cannot copy the image: {error.strerror}"))
        return problems

    def write(self, article: Article, page: Path) -> Path | Problem:
        """Write the article read from `page` (resolved): the source's path, or the problem
        that kept it from being written (an existing source is replaced only with
        `overwrite`)."""
        name = self.names[page]
        target = self.folder / f"{name}.md"
        article = replace(article, slug=name)  # the file's name, so no `slug:` is needed
        article = map_inlines(article, lambda runs: merged(relink(runs, self._link)))
        try:
            article = replace(article, blocks=tuple(self._copy_images(article.blocks)))
            write_article(article, target, overwrite=self.overwrite)
        except FileExistsError:
            return Problem(
                page,
                f"{target} already exists: not replaced (remove it, or pass --overwrite to "
                "replace it)",
            )
        except OSError as error:
            return Problem(page, f"cannot write {target}: {error.strerror}")
        return target

    def _link(self, href: str) -> str | None:
        if not href.startswith("file:"):
            return href
        page = Path(unquote(urlsplit(href).path))
        name = self.names.get(page)
        return f"{name}.md" if name is not None else None

    def _copy_images(self, blocks: Iterable[Block]) -> Iterable[Block]:
        for block in blocks:
            match block:
                case Figure(image=image):
                    if self.copies is None:
                        yield replace(block, image=self.store.add(image).resolve())
                    elif image in self.copies:
                        yield replace(block, image=self.copies[image])
                case Interview(blocks=inner):
                    yield replace(block, blocks=tuple(self._copy_images(inner)))
                case Quote(blocks=inner):
                    yield replace(block, blocks=tuple(self._copy_images(inner)))
                case ListBlock(items=items):
                    yield replace(
                        block, items=tuple(tuple(self._copy_images(item)) for item in items)
                    )
                case _:
                    yield block


def write_manifest(
    folder: Path,
    sources: list[Path],
    *,
    title: str,
    publisher: str = "",
    language: str = "zh-Hans",
    replace_existing: bool = False,
) -> Path | None:
    """Write `folder/publish.yaml` listing `sources`; None (nothing written) when one exists
    and `replace_existing` is not set, or when the folder is one of a collection's (its parent
    has a `publish.yaml`: `examples/luyuan-interviews/articles/`)."""
    path = folder / MANIFEST
    if (path.exists() and not replace_existing) or (folder.resolve().parent / MANIFEST).exists():
        return None
    entries = [source.relative_to(folder).as_posix() for source in sources]
    text = manifest_yaml(title, entries, publisher=publisher, language=language)
    return write_text(text, path, overwrite=replace_existing)


def site_name(titles: Iterable[str]) -> str:
    """The site's name: the last part of the `<title>`s (after `_`, `|`, ` - `) that at least
    half of the titles with such a part share, or ""."""
    counts: Counter[str] = Counter()
    parted = 0
    for title in titles:
        parts = title_parts(title)
        if len(parts) > 1:
            parted += 1
            counts[parts[-1]] += 1
    if not counts:
        return ""
    name, count = counts.most_common(1)[0]
    return name if count * 2 >= parted else ""


def page_heading(title: str) -> str:
    """What a `<title>` names before the site's name (`领导活动_绿园区人民政府` -> 领导活动)."""
    parts = title_parts(title)
    return parts[0] if parts else ""
