"""The PDFs of a long collection's parts joined into one, with pikepdf.

Builders step (PDF), after `parts`: the front matter's PDF (cover and contents) and each
part's, in order, become one document: pages, the tag trees (one Document element, the parent
tree renumbered, table header IDs made unique), bookmarks, and the named destinations the
contents link to. The parts were laid out without their page numbers: each page gets its
number from a page of the part's numbers PDF, drawn under its content as a pagination
artifact (PDF/UA: not read aloud, as the number laid out in one piece is not).
"""

from __future__ import annotations

import base64
import json
import subprocess
import sys
from collections.abc import Sequence
from contextlib import ExitStack
from dataclasses import dataclass
from io import BytesIO
from pathlib import Path
from typing import Any

from .layout import Digits

_DIGIT = "/PublishDigit{}"
"""The name of a digit (a form XObject) in a page's resources."""


@dataclass(frozen=True, slots=True)
class Run:
    """A part's PDF, its first page number, and the pages that print their number."""

    pdf: Path
    first: int
    numbered: tuple[int, ...]


def join_in_new_process(
    front: Path, parts: Sequence[Run], target: Path, digits: Digits | None
) -> None:
    """`join` in a fresh Python process: qpdf holds the whole merged document in memory
    (some 600 MB for 1,000 articles, 6,000 pages and 180,000 tag elements), which this
    process, holding the edition, would add to its own. (Not multiprocessing's spawn, which
    runs the caller's `__main__` again.)"""
    arguments = {
        "front": str(front),
        "parts": [[str(part.pdf), part.first, list(part.numbered)] for part in parts],
        "target": str(target),
        "digits": None
        if digits is None
        else {
            "pdf": base64.b64encode(digits.pdf).decode(),
            "lefts": digits.lefts,
            "widths": digits.widths,
            "align": digits.align,
            "place": digits.place,
        },
    }
    code = (
        "import base64, json, sys; from pathlib import Path; "
        "from publish.builders.pdf.layout import Digits; "
        "from publish.builders.pdf.merge import Run, join; "
        "a = json.load(sys.stdin); d = a['digits']; "
        "join(Path(a['front']), [Run(Path(p), f, tuple(n)) for p, f, n in a['parts']], "
        "Path(a['target']), d and Digits(base64.b64decode(d['pdf']), tuple(d['lefts']), "
        "tuple(d['widths']), d['align'], d['place']))"
    )
    done = subprocess.run(
        [sys.executable, "-c", code],
        input=json.dumps(arguments),
        capture_output=True,
        text=True,
        check=False,
    )
    if done.returncode:
        raise RuntimeError(f"merging the PDF's parts failed:\n{done.stderr}")


def join(front: Path, runs: Sequence[Run], target: Path, digits: Digits | None) -> None:
    """One PDF from the front matter and the runs: pages, tags, bookmarks, destinations, and
    the runs' page numbers, drawn from `digits`."""
    import pikepdf

    with pikepdf.open(front) as merged, ExitStack() as stack:
        drawings = []
        if digits is not None:
            # Open until the merged PDF is saved: it reads the digits' streams from it.
            digit_pdf = stack.enter_context(pikepdf.open(BytesIO(digits.pdf)))
            drawings = [merged.copy_foreign(page.as_form_xobject()) for page in digit_pdf.pages]
        root = merged.Root
        tree = root.StructTreeRoot
        document = tree.K[0]
        nums = tree.ParentTree.Nums
        next_key = _next_key(nums)
        names = _names(merged)
        outline: list[Any] = []
        with merged.open_outline() as front_outline:
            outline.extend(_outline_items(merged, front_outline.root))
        for part in runs:
            with pikepdf.open(part.pdf) as run:
                first = len(merged.pages)
                merged.pages.extend(run.pages)
                pages = list(merged.pages)[first:]
                if digits is not None:
                    for index in part.numbered:
                        number = str(part.first + index)
                        _draw_number(pages[index], number, digits, drawings)
                run_tree = run.Root.StructTreeRoot
                run_document = run_tree.K[0]
                # Detach the run's Document element from its tree root before copying, so
                # that copying its children does not drag the run's whole tree along.
                del run_document["/P"]
                kids = _copy(merged, run_document.K)
                for kid in kids:
                    kid.P = document
                    document.K.append(kid)
                run_nums = _copy(merged, run_tree.ParentTree.Nums)
                offset = next_key
                for i in range(0, len(run_nums), 2):
                    nums.append(int(run_nums[i]) + offset)
                    nums.append(run_nums[i + 1])
                next_key = max(next_key, _next_key(run_nums) + offset)
                for page in pages:
                    if "/StructParents" in page.obj:
                        page.obj.StructParents = int(page.obj.StructParents) + offset
                    for annotation in page.obj.get("/Annots", []):
                        if "/StructParent" in annotation:
                            annotation.StructParent = int(annotation.StructParent) + offset
                _unique_ids(merged, kids, f"r{first}-")
                names.update(_names_of(merged, run))
                with run.open_outline() as run_outline:
                    outline.extend(_outline_items(merged, run_outline.root, run))
        tree.ParentTreeNextKey = next_key
        if names:
            if "/Names" not in root:
                root.Names = pikepdf.Dictionary()
            flat = pikepdf.Array()
            for name in sorted(names):
                flat.append(pikepdf.String(name))
                flat.append(names[name])
            root.Names.Dests = merged.make_indirect(pikepdf.Dictionary(Names=flat))
        with merged.open_outline() as final_outline:
            final_outline.root.clear()
            final_outline.root.extend(outline)
        _one_copy_of_each_profile(merged)
        temporary = target.with_suffix(".part")
        merged.save(temporary, deterministic_id=True, min_version=merged.pdf_version)
    temporary.replace(target)


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


def _one_copy_of_each_profile(pdf: Any) -> None:
    """Point every ICC colour space at one copy of its profile.

    Each part embeds the edition's profiles (the press edition's FOGRA39 and sRGB, 190 KB
    together): the first copy of each (the front matter's, which the output intent names) is
    kept, and the others, no longer referenced, are not written."""
    import pikepdf

    first: dict[bytes, Any] = {}
    for intent in pdf.Root.get("/OutputIntents", ()):
        profile = intent.DestOutputProfile
        first.setdefault(profile.read_raw_bytes(), profile)

    def share(space: Any) -> None:
        if isinstance(space, pikepdf.Array) and len(space) == 2 and space[0] == "/ICCBased":
            space[1] = first.setdefault(space[1].read_raw_bytes(), space[1])

    seen: set[tuple[int, int]] = set()
    stack = [page.obj for page in pdf.pages]
    while stack:
        item = stack.pop()
        if item.objgen != (0, 0):
            if item.objgen in seen:
                continue
            seen.add(item.objgen)
        group = item.get("/Group")
        if isinstance(group, pikepdf.Dictionary):
            share(group.get("/CS"))
        resources = item.get("/Resources")
        if not isinstance(resources, pikepdf.Dictionary):
            continue
        spaces = resources.get("/ColorSpace")
        if isinstance(spaces, pikepdf.Dictionary) and spaces.objgen not in seen:
            if spaces.objgen != (0, 0):
                seen.add(spaces.objgen)
            for space in spaces.values():
                share(space)
        stack.extend(
            x for x in resources.get("/XObject", {}).values() if x.get("/Subtype") == "/Form"
        )


def _copy(target: Any, value: Any) -> Any:
    """`value` from another PDF, in `target`: indirect objects copied (once each: pages
    already copied are reused), direct arrays and dictionaries rebuilt around them."""
    import pikepdf

    if isinstance(value, pikepdf.Object) and value.is_indirect:
        return target.copy_foreign(value)
    if isinstance(value, pikepdf.Array):
        return pikepdf.Array(_copy(target, item) for item in value)
    if isinstance(value, pikepdf.Dictionary):
        return pikepdf.Dictionary({key: _copy(target, item) for key, item in value.items()})
    return value


def _next_key(nums: Any) -> int:
    keys = [int(nums[i]) for i in range(0, len(nums), 2)]
    return max(keys) + 1 if keys else 0


def _names(pdf: Any) -> dict[str, Any]:
    """The named destinations of the merged PDF itself (the front matter's)."""
    return _names_of(pdf, pdf)


def _names_of(target: Any, source: Any) -> dict[str, Any]:
    """`source`'s named destinations, copied into `target` (a flat /Names array, as
    WeasyPrint writes them)."""
    try:
        flat = source.Root.Names.Dests.Names
    except AttributeError:
        return {}
    result = {}
    for i in range(0, len(flat), 2):
        value = flat[i + 1] if target is source else _copy(target, flat[i + 1])
        result[str(flat[i])] = value
    return result


def _outline_items(target: Any, items: Any, source: Any = None) -> list[Any]:
    """Copies of outline items (with their children) whose destinations are in `target`."""
    import pikepdf

    copies = []
    for item in items:
        destination = item.destination
        if source is not None and destination is not None:
            destination = _copy(target, destination)
        copy = pikepdf.OutlineItem(item.title, destination)
        copy.children.extend(_outline_items(target, item.children, source))
        copies.append(copy)
    return copies


def _unique_ids(pdf: Any, elements: Any, prefix: str) -> None:
    """Table header IDs (and the cells' references to them) are only unique within one run."""
    import pikepdf

    seen: set[tuple[int, int]] = set()
    stack = list(elements)
    while stack:
        element = stack.pop()
        if not isinstance(element, pikepdf.Dictionary) or element.objgen in seen:
            continue
        if element.objgen != (0, 0):
            seen.add(element.objgen)
        if "/ID" in element:
            element.ID = pikepdf.String(prefix + str(element.ID))
        attributes = element.get("/A")
        if isinstance(attributes, pikepdf.Dictionary) and "/Headers" in attributes:
            attributes.Headers = pikepdf.Array(
                pikepdf.String(prefix + str(h)) for h in attributes.Headers
            )
        kids = element.get("/K")
        if isinstance(kids, pikepdf.Array):
            stack.extend(kids)
        elif isinstance(kids, pikepdf.Dictionary):
            stack.append(kids)
