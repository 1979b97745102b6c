"""The PDFs of a long collection's parts joined into one, written as they are read.

Builders step (PDF), after `parts`: the front matter's PDF (cover and contents) and each
part's, in order, become one document: pages, the tag trees (one Document element, the parent
tree renumbered, table header IDs made unique), bookmarks, and the named destinations the
contents link to. The parts were laid out without their page numbers: each page gets its
number from a page of the part's numbers PDF, drawn under its content as a pagination
artifact (PDF/UA: not read aloud, as the number laid out in one piece is not).

The joined PDF is written object by object (`_Output`): each PDF is opened in turn with
pikepdf, and every object its pages, tags, bookmarks and destinations reach is renumbered and
written out at once (`_Source`), and the PDF is closed before the next is opened; only the
top of the tag tree, the pages' numbers, bookmarks and destinations wait in memory for the
end. Memory is bounded by a part, not by the book:
qpdf holding the whole merged document took 5.5 GB for 10,000 articles (docs/benchmarks.md).
"""

from __future__ import annotations

import hashlib
import re
import zlib
from array import array
from collections import deque
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from io import BytesIO
from pathlib import Path
from typing import Any, BinaryIO

from ...parallel import return_freed_memory
from .layout import Digits

_DIGIT = "/PublishDigit{}"
"""The name of a digit (a form XObject) in a page's resources."""

_TOKEN = re.compile(rb"\((?:[^\\()]|\\.)*\)|<[0-9A-Fa-f]*>|(?<![\w.])(\d+) (\d+) R\b", re.DOTALL)
"""In qpdf's text of an object: a literal string (qpdf escapes its parentheses), a hex string,
or an indirect reference, whose numbers are those of the PDF it was read from."""

_PACKED = 200
"""Objects packed into each compressed object stream."""

_REPLACED = frozenset({"/Pages", "/StructTreeRoot", "/Names", "/Outlines"})
"""The front matter's catalog entries that the joined PDF makes anew."""


@dataclass(frozen=True, slots=True)
class Run:
    """A part's PDF, its first page number, and the pages that print their number."""

    pdf: Path
    first: int
    numbered: tuple[int, ...]


@dataclass(slots=True)
class _Bookmark:
    title: str
    destination: bytes | None
    children: list[_Bookmark] = field(default_factory=list)


class _Output:
    """The joined PDF as it is written: each object as soon as it is given, those that are not
    streams packed into compressed object streams, then a cross-reference stream."""

    def __init__(self, file: BinaryIO, version: str) -> None:
        self._file = file
        self._digest = hashlib.md5(usedforsecurity=False)
        self._position = 0
        # Per object number, its cross-reference entry: kind (1: at an offset, 2: in an
        # object stream), then the offset or the object stream's number, then the index.
        self._kinds = array("B", [0])
        self._places = array("Q", [0])
        self._indexes = array("L", [0])
        self._packed: list[tuple[int, bytes]] = []
        self._write(b"%PDF-" + version.encode() + b"\n%\xbf\xf7\xa2\xfe\n")

    def reserve(self) -> int:
        """A new object number, for an object given later."""
        self._kinds.append(0)
        self._places.append(0)
        self._indexes.append(0)
        return len(self._kinds) - 1

    def put(self, number: int, text: bytes) -> None:
        """The object `number` (not a stream), from its text."""
        self._packed.append((number, text))
        if len(self._packed) == _PACKED:
            self._pack()

    def put_stream(self, number: int, dictionary: bytes, data: bytes) -> None:
        """The stream `number`: its dictionary's text (with the length of `data`) and data."""
        self._place(number)
        self._write(b"%d 0 obj\n%s\nstream\n" % (number, dictionary))
        self._write(data)
        self._write(b"\nendstream\nendobj\n")

    def close(self, root: int, info: int | None) -> None:
        """The last object stream, the cross-reference stream and the trailer."""
        if self._packed:
            self._pack()
        missing = [number for number, kind in enumerate(self._kinds) if number and not kind]
        if missing:
            raise RuntimeError(f"objects {missing[:5]} of the joined PDF were never written")
        number = self.reserve()
        self._place(number)
        width = (max(self._position, number).bit_length() + 7) // 8
        rows = bytearray(b"\0" + bytes(width) + b"\xff\xff")  # object 0: the free list's head
        for kind, place, index in zip(self._kinds, self._places, self._indexes, strict=True):
            rows += bytes((kind,)) + place.to_bytes(width, "big") + index.to_bytes(2, "big")
        del rows[3 + width : 6 + 2 * width]  # object 0's entry as the arrays hold it
        data = zlib.compress(bytes(rows))
        identifier = self._digest.hexdigest().encode()
        trailer = b"<< /Type /XRef /Size %d /W [ 1 %d 2 ] /Root %d 0 R%s /ID [ <%s> <%s> ] " % (
            len(self._kinds),
            width,
            root,
            b"" if info is None else b" /Info %d 0 R" % info,
            identifier,
            identifier,
        )
        start = self._position
        self.put_stream(number, trailer + b"/Filter /FlateDecode /Length %d >>" % len(data), data)
        self._write(b"startxref\n%d\n%%%%EOF\n" % start)

    def _pack(self) -> None:
        number = self.reserve()
        heads = []
        bodies = bytearray()
        for index, (packed, text) in enumerate(self._packed):
            self._kinds[packed] = 2
            self._places[packed] = number
            self._indexes[packed] = index
            heads.append(b"%d %d" % (packed, len(bodies)))
            bodies += text + b"\n"
        head = b" ".join(heads) + b"\n"
        data = zlib.compress(head + bytes(bodies))
        dictionary = b"<< /Type /ObjStm /N %d /First %d /Filter /FlateDecode /Length %d >>" % (
            len(self._packed),
            len(head),
            len(data),
        )
        self._packed = []
        self.put_stream(number, dictionary, data)

    def _place(self, number: int) -> None:
        self._kinds[number] = 1
        self._places[number] = self._position

    def _write(self, data: bytes) -> None:
        self._file.write(data)
        self._digest.update(data)
        self._position += len(data)


class _Source:
    """One PDF read into the output: each object it reaches is given a number of the output
    the first time it is referred to, and written by `drain`."""

    def __init__(
        self, pdf: Any, output: _Output, profiles: dict[bytes, int], ids: str = ""
    ) -> None:
        self.pdf = pdf
        self._output = output
        self._profiles = profiles
        self._ids = ids
        self._numbers: dict[tuple[int, int], int] = {}
        self._waiting: deque[tuple[Any, int]] = deque()

    def map(self, obj: Any, number: int) -> None:
        """Refer to `obj` as `number`, an object the output gets from elsewhere."""
        self._numbers[obj.objgen] = number

    def reference(self, obj: Any) -> int:
        """The output's number of the indirect object `obj`."""
        number = self._numbers.get(obj.objgen)
        return self._number(obj.objgen, obj) if number is None else number

    def text(self, value: Any) -> bytes:
        """`value` as the output writes it, its references renumbered."""
        import pikepdf

        if not isinstance(value, pikepdf.Object):
            return _text(value)
        if value.is_indirect:
            return b"%d 0 R" % self.reference(value)
        return _TOKEN.sub(self._renumber, value.unparse())

    def drain(self) -> None:
        """Write every object referred to so far, and those they refer to."""
        import pikepdf

        while self._waiting:
            obj, number = self._waiting.popleft()
            if isinstance(obj, pikepdf.Stream):
                data = obj.read_raw_bytes()
                dictionary = obj.stream_dict
                dictionary.Length = len(data)
                text = _TOKEN.sub(self._renumber, dictionary.unparse())
                self._output.put_stream(number, text, data)
                continue
            text = obj.unparse(resolved=True)
            if (
                self._ids
                and (b"/ID" in text or b"/Headers" in text)
                and _prefix_ids(obj, self._ids)
            ):
                text = obj.unparse(resolved=True)
            self._output.put(number, _TOKEN.sub(self._renumber, text))

    def _renumber(self, match: re.Match[bytes]) -> bytes:
        if match.group(1) is None:
            return match.group(0)
        objgen = (int(match.group(1)), int(match.group(2)))
        number = self._numbers.get(objgen)
        if number is None:
            number = self._number(objgen, self.pdf.get_object(objgen))
        return b"%d 0 R" % number

    def _number(self, objgen: tuple[int, int], obj: Any) -> int:
        import pikepdf

        profile = None
        if isinstance(obj, pikepdf.Stream) and "/N" in obj and "/Subtype" not in obj:
            # An ICC profile: each part embeds the edition's profiles (the press edition's
            # FOGRA39 and sRGB, 190 KB together); the first copy of each is written.
            entries = pikepdf.Dictionary({k: v for k, v in obj.items() if k != "/Length"})
            profile = hashlib.sha256(entries.unparse() + obj.read_raw_bytes()).digest()
            number = self._profiles.get(profile)
            if number is not None:
                self._numbers[objgen] = number
                return number
        number = self._output.reserve()
        if profile is not None:
            self._profiles[profile] = number
        self._numbers[objgen] = number
        self._waiting.append((obj, number))
        return number


def join(front: Path, runs: Sequence[Run], target: Path, digits: Digits | None) -> None:
    """One PDF from the front matter and the runs: pages, tags, bookmarks, destinations, and
    the runs' page numbers, drawn from `digits`."""
    import pikepdf

    temporary = target.with_suffix(".part")
    with temporary.open("wb") as file:
        # The front matter is read, written and closed before the parts: its contents list
        # every article, and qpdf held its objects, some 300 MB at 10,000 articles, through
        # the whole join (docs/benchmarks.md, "stop 45 join").
        with pikepdf.open(front) as head:
            output = _Output(file, head.pdf_version)
            book = _Book(output)
            source = _Source(head, output, book.profiles)
            book.read(source)
            book.keep_front(source)
            info = source.reference(head.trailer.Info) if "/Info" in head.trailer else None
            source.drain()
        del head, source
        drawings = book.read_digits(digits) if digits is not None else []
        return_freed_memory()
        for run in runs:
            with pikepdf.open(run.pdf) as part:
                source = _Source(part, output, book.profiles, ids=f"r{len(book.pages)}-")
                if digits is not None and run.numbered:
                    placeholders = [part.make_indirect(pikepdf.Dictionary()) for _ in drawings]
                    for placeholder, drawing in zip(placeholders, drawings, strict=True):
                        source.map(placeholder, drawing)
                    for index in run.numbered:
                        number = str(run.first + index)
                        _draw_number(part.pages[index], number, digits, placeholders)
                book.read(source)
                source.drain()
            del part, source
            # What qpdf freed of the part, which glibc would keep beside what the join keeps
            # (its pages' numbers, tags and bookmarks), growing with the book.
            return_freed_memory()
        output.close(book.finish(), info)
    temporary.replace(target)


class _Book:
    """What the joined PDF gathers from each PDF until the end: its pages' numbers, the tag
    tree's top, the parent tree's entries, the named destinations and the bookmarks. The
    front matter's catalog, tag tree root and Document element give the joined PDF's."""

    def __init__(self, output: _Output) -> None:
        self.output = output
        self.profiles: dict[bytes, int] = {}
        self.pages: list[int] = []
        self.next_key = 0
        self._catalog, self._pages, self._tree, self._document, self._parent_tree = (
            output.reserve() for _ in range(5)
        )
        self._kids: list[bytes] = []
        self._nums: list[bytes] = []
        self._names: dict[str, bytes] = {}
        self._bookmarks: list[_Bookmark] = []
        self._front: dict[str, dict[str, bytes]] = {}

    def read(self, source: _Source) -> None:
        """The PDF's pages, tags, destinations and bookmarks, its parent tree's keys (and its
        pages' and annotations', which point into it) moved on after the last PDF's."""
        import pikepdf

        pdf = source.pdf
        tree = pdf.Root.StructTreeRoot
        source.map(pdf.Root.Pages, self._pages)
        source.map(tree, self._tree)
        source.map(tree.K[0], self._document)
        source.map(tree.ParentTree, self._parent_tree)
        offset = self.next_key
        for page in pdf.pages:
            if "/StructParents" in page.obj:
                page.obj.StructParents = int(page.obj.StructParents) + offset
            for annotation in page.obj.get("/Annots", []):
                if "/StructParent" in annotation:
                    annotation.StructParent = int(annotation.StructParent) + offset
        self.pages.extend(source.reference(page.obj) for page in pdf.pages)
        self._kids.extend(source.text(kid) for kid in tree.K[0].K)
        flat = tree.ParentTree.Nums
        for i in range(0, len(flat), 2):
            key = int(flat[i]) + offset
            self._nums.append(b"%d %s" % (key, source.text(flat[i + 1])))
            self.next_key = max(self.next_key, key + 1)
        try:
            flat = pdf.Root.Names.Dests.Names
        except AttributeError:
            flat = pikepdf.Array()
        for i in range(0, len(flat), 2):
            self._names[str(flat[i])] = source.text(flat[i + 1])
        with pdf.open_outline() as outline:
            self._bookmarks.extend(_bookmarks(source, outline.root))

    def keep_front(self, source: _Source) -> None:
        """The front matter's catalog, its name dictionary, tag tree root and Document
        element, but for what the joined PDF makes anew."""
        import pikepdf

        root = source.pdf.Root
        tree = root.StructTreeRoot
        parts = {
            "catalog": (root, _REPLACED),
            "names": (root.get("/Names", pikepdf.Dictionary()), {"/Dests"}),
            "tree": (tree, {"/K", "/ParentTree", "/ParentTreeNextKey"}),
            "document": (tree.K[0], {"/K"}),
        }
        for name, (dictionary, replaced) in parts.items():
            self._front[name] = {
                key: source.text(value) for key, value in dictionary.items() if key not in replaced
            }

    def read_digits(self, digits: Digits) -> list[int]:
        """The ten digits' drawings (form XObjects), written: their numbers."""
        import pikepdf

        with pikepdf.open(BytesIO(digits.pdf)) as pdf:
            source = _Source(pdf, self.output, self.profiles)
            drawings = [
                source.reference(pdf.make_indirect(page.as_form_xobject())) for page in pdf.pages
            ]
            source.drain()
        return drawings

    def finish(self) -> int:
        """The pages, the tag tree's top, the destinations, the bookmarks and the catalog,
        written: the catalog's number."""
        put = self.output.put
        reference = b"%d 0 R".__mod__
        put(
            self._pages,
            _dictionary(
                {
                    "/Type": b"/Pages",
                    "/Count": b"%d" % len(self.pages),
                    "/Kids": _array(map(reference, self.pages)),
                }
            ),
        )
        put(self._document, _dictionary({**self._front["document"], "/K": _array(self._kids)}))
        put(self._parent_tree, _dictionary({"/Nums": _array(self._nums)}))
        tree = {
            "/K": _array([reference(self._document)]),
            "/ParentTree": reference(self._parent_tree),
            "/ParentTreeNextKey": b"%d" % self.next_key,
        }
        put(self._tree, _dictionary({**self._front["tree"], **tree}))
        dests = self.output.reserve()
        flat = (_text(name) + b" " + self._names[name] for name in sorted(self._names))
        put(dests, _dictionary({"/Names": _array(flat)}))
        outlines = self.output.reserve()
        put(outlines, _dictionary(_outline(self.output, outlines, self._bookmarks)[0]))
        catalog = {
            "/Pages": reference(self._pages),
            "/StructTreeRoot": reference(self._tree),
            "/Names": _dictionary({**self._front["names"], "/Dests": reference(dests)}),
            "/Outlines": reference(outlines),
        }
        put(self._catalog, _dictionary({**self._front["catalog"], **catalog}))
        return self._catalog


def _bookmarks(source: _Source, items: Iterable[Any]) -> list[_Bookmark]:
    return [
        _Bookmark(
            item.title,
            None if item.destination is None else source.text(item.destination),
            _bookmarks(source, item.children),
        )
        for item in items
    ]


def _outline(
    output: _Output, parent: int, bookmarks: Sequence[_Bookmark]
) -> tuple[dict[str, bytes], int]:
    """The entries of the outline item (or root) `parent` of `bookmarks`, which are written,
    all open, and how many they are with all their descendants."""
    numbers = [output.reserve() for _ in bookmarks]
    count = len(bookmarks)
    for index, (number, bookmark) in enumerate(zip(numbers, bookmarks, strict=True)):
        entries, below = _outline(output, number, bookmark.children)
        entries.update({"/Title": _text(bookmark.title), "/Parent": b"%d 0 R" % parent})
        if bookmark.destination is not None:
            entries["/Dest"] = bookmark.destination
        if index:
            entries["/Prev"] = b"%d 0 R" % numbers[index - 1]
        if index + 1 < len(numbers):
            entries["/Next"] = b"%d 0 R" % numbers[index + 1]
        output.put(number, _dictionary(entries))
        count += below
    if not numbers:
        return {}, 0
    first_last = {"/First": b"%d 0 R" % numbers[0], "/Last": b"%d 0 R" % numbers[-1]}
    return {**first_last, "/Count": b"%d" % count}, count


def _prefix_ids(obj: Any, prefix: str) -> bool:
    """Table header IDs (and the cells' references to them) are only unique within one run:
    `prefix` them in `obj` (a structure element, or its attributes); whether any was."""
    import pikepdf

    if not isinstance(obj, pikepdf.Dictionary):
        return False
    changed = False
    attributes = obj.get("/A")
    owners = [obj]
    if isinstance(attributes, pikepdf.Dictionary) and not attributes.is_indirect:
        owners.append(attributes)
    elif isinstance(attributes, pikepdf.Array):
        owners.extend(
            a for a in attributes if isinstance(a, pikepdf.Dictionary) and not a.is_indirect
        )
    if "/ID" in obj:
        obj.ID = pikepdf.String(prefix + str(obj.ID))
        changed = True
    for owner in owners:
        if "/Headers" in owner:
            owner.Headers = pikepdf.Array(pikepdf.String(prefix + str(h)) for h in owner.Headers)
            changed = True
    return changed


def _text(value: Any) -> bytes:
    """A value without references (a Python string, number, or a direct PDF object) as a
    PDF writes it."""
    import pikepdf

    return pikepdf.Array([value]).unparse()[2:-2]


def _array(items: Iterable[bytes]) -> bytes:
    return b"[ " + b" ".join(items) + b" ]"


def _dictionary(entries: dict[str, bytes]) -> bytes:
    return (
        b"<< " + b" ".join(key.encode() + b" " + entries[key] for key in sorted(entries)) + b" >>"
    )


def _draw_number(page: Any, number: str, digits: Digits, drawings: Sequence[Any]) -> None:
    """Draw the page `number` on `page` from the `drawings` of `digits` (form XObjects of the
    merged PDF), as an artifact before the page's own content (the number has its own place:
    nothing is drawn over it)."""
    import pikepdf

    commands = ["/Artifact <</Type /Pagination /Subtype /Footer>> BDC"]
    for digit, shift in digits.offsets(number):
        name = _DIGIT.format(digit)
        page.add_resource(drawings[digit], pikepdf.Name.XObject, name)
        commands.append(f"q 1 0 0 1 {shift:.3f} 0 cm {name} Do Q")
    commands.append("EMC\n")
    page.contents_add("\n".join(commands).encode(), prepend=True)
