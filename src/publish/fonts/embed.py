"""Embedding: the faces an (X)HTML output carries, cut to the characters its documents show.

Builders step, shared by the HTML site (WOFF2) and the EPUB (OpenType/TrueType): `embed` takes
the documents as the builder renders them and the stylesheet they are read with, finds the
characters each weight shows in them (`used.used_text`, which reads them as `publish.shown`
does) and cuts each face to its weight's characters (`subset.start_subsets`).

The faces are cut in worker processes while the builder renders: after the first documents
(the front pages, which hold most of the layout's own text, and the first articles), the
characters are guessed from them and the model, and the faces cut to the guess. Once every
document is rendered and scanned, a face whose characters differ from the guess is cut again,
so the subsets always hold what the real documents show.
"""

from __future__ import annotations

import logging
from collections.abc import Callable, Iterable, Mapping, Sequence
from contextlib import suppress

from ..model import Collection
from .faces import FontFace
from .subset import Flavor, SubsetFace, start_subsets
from .used import UsedText, markup_text, union, used_text

log = logging.getLogger("publish")

_GUESS_AFTER = 5
"""Documents scanned before the faces start being cut: the index, or the cover, title page and
navigation, and the first articles. The model holds the articles' own text; what a layout adds
is the same on most pages (labels, the pager)."""

_Key = tuple[FontFace, int, str, Flavor]
"""A face, its file's time, the characters it is cut to and how it is stored."""


def embed(
    collection: Collection,
    faces: Sequence[FontFace],
    documents: Iterable[str | UsedText],
    stylesheet: str,
    flavor: Flavor,
    keys: Mapping[str, str] | None = None,
) -> list[SubsetFace]:
    """Each face cut to the characters its weight shows in `documents` rendered with
    `stylesheet` and in the model of `collection` (fallback faces: both weights'); faces that
    show none are left out. A document is its markup, or what it shows when the builder has
    already read it so (`used.markup_text`: a page kept in the build cache). `keys`: the
    articles' keys in the build cache, where the builder shows them as the edition holds them
    (`used.source_texts`).

    `documents` is read to its end, in order, as the builder renders them (the faces are cut
    meanwhile); workers still cutting are waited for even when rendering a document fails."""
    if not faces:
        for _document in documents:
            pass  # rendered all the same
        return []
    model = used_text(collection, keys=keys)
    rendered: list[str | UsedText] = []
    guess: UsedText | None = None
    guessed: dict[FontFace, _Key] = {}
    pending: Callable[[], dict[_Key, SubsetFace | None]] = dict
    try:
        for document in documents:
            rendered.append(document)
            if len(rendered) == _GUESS_AFTER:
                guess = model | _shown(rendered, stylesheet)
                guessed = _keys(faces, guess, flavor)
                pending = _start(guessed.values(), guess, rendering=True)
    except BaseException:
        with suppress(Exception):  # the layout's error is the one to report
            pending()  # no worker is left running
        raise
    if guess is None:  # fewer documents than the guess waits for
        used = model | _shown(rendered, stylesheet)
    else:
        used = guess | _shown(rendered[_GUESS_AFTER:], stylesheet)
    final = _keys(faces, used, flavor)
    missed = [key for face, key in final.items() if guessed.get(face) != key]
    if guessed and missed:
        log.debug("fonts cut again: %s", ", ".join(key[0].path.name for key in missed))
    recut = _start(missed, used, rendering=False)
    cut = {**pending(), **recut()}
    return [subset for key in final.values() if (subset := cut[key]) is not None]


def _shown(documents: Sequence[str | UsedText], stylesheet: str) -> UsedText:
    """What `documents` show: markup read with `stylesheet`, or already read."""
    markup = [document for document in documents if isinstance(document, str)]
    read = [document for document in documents if isinstance(document, UsedText)]
    return union([markup_text(markup, stylesheet), *read])


def _keys(faces: Sequence[FontFace], used: UsedText, flavor: Flavor) -> dict[FontFace, _Key]:
    """Each face's key: what its subset depends on."""
    return {
        face: (
            face,
            face.path.stat().st_mtime_ns,
            used.all if face.fallback else used.for_weight(face.weight),
            flavor,
        )
        for face in faces
    }


def _start(
    keys: Iterable[_Key], used: UsedText, rendering: bool
) -> Callable[[], dict[_Key, SubsetFace | None]]:
    """Start cutting the faces of `keys` (made from `used`) in worker processes, which leave a
    core to the builder while it is `rendering`; calling the result waits for them. A face an
    earlier build cut to the same characters comes from the build cache (`publish serve`
    rebuilds into the same folder, so an edit that brings no new character cuts nothing)."""
    keys = list(keys)
    if not keys:
        return dict
    pending = start_subsets([key[0] for key in keys], used, keys[0][3], beside_caller=rendering)

    def wait() -> dict[_Key, SubsetFace | None]:
        cut = {face.face: face for face in pending()}
        return {key: cut.get(key[0]) for key in keys}

    return wait
