"""Fonts: what the bundled faces cost in build time and in output size.

Run on demand (never a timed test):

    python benchmarks/fonts.py [--runs 3] [--no-full]

1. Coverage: `check_coverage` of the seed's example with each bundled family.
2. PDF: `publish.build(seed, formats="pdf", font=KEY)` with each bundled family, and once with
   the whole Noto Sans CJK SC face (65,535 glyphs, taken unchanged out of Debian's
   NotoSansCJK-Regular/Bold.ttc into a copy of the project as its own font): the pre-subset
   faces against the full one. Median CPU time of `--runs` builds after one warm-up build.
3. Subsetting: `subset_faces` for one EPUB (OpenType/TrueType) and for one web site
   (WOFF2), with the characters of the seed's rendered edition; median of `--runs`, each with a
   cold cache of font bytes (the first output of a process) and warm.
4. Sizes: the PDF, the EPUB with its embedded subsets, the site's font files (targets: EPUB under
   400 KB, the HTML page's fonts under 300 KB), for each family.
"""

from __future__ import annotations

import argparse
import shutil
import statistics
import tempfile
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

from fontTools.ttLib import TTFont

import publish
from publish.config import FONTS, Settings
from publish.fonts.coverage import check_coverage
from publish.fonts.faces import FontFace, _face_data, font_faces
from publish.fonts.subset import subset_faces
from publish.fonts.used import UsedText, used_text

ROOT = Path(__file__).resolve().parents[1]
SEED = ROOT / "examples" / "luyuan-interviews"
NOTO_TTC = Path("/usr/share/fonts/opentype/noto")


def timed(action: Callable[[], Any], runs: int) -> tuple[float, Any]:
    """Median CPU seconds of `runs` calls, and the last call's result.

    CPU time of this process, not wall time: everything measured runs in this one thread, and
    CPU time stays put on a machine that other work shares.
    """
    times, result = [], None
    for _ in range(runs):
        start = time.process_time()
        result = action()
        times.append(time.process_time() - start)
    return statistics.median(times), result


def kib(size: int) -> str:
    return f"{size / 1024:,.0f} KB"


def coverage(runs: int) -> None:
    collection = publish.load(SEED).collection
    print("## Coverage check of the seed")
    for key in FONTS:
        settings = Settings().updated({"font": key})
        seconds, found = timed(lambda s=settings: check_coverage(collection, s), runs)
        print(f"- {key}: {seconds * 1000:.0f} ms, {len(found)} fallback(s)")


def pdf(runs: int, full: bool) -> None:
    print("\n## PDF of the seed (publish.build, formats=pdf)")
    with tempfile.TemporaryDirectory() as temporary:
        out = Path(temporary)
        publish.build(SEED, out / "warm", formats="pdf")
        rows = []
        for key in FONTS:
            seconds, (path,) = timed(
                lambda k=key: publish.build(SEED, out / k, formats="pdf", font=k), runs
            )
            rows.append((f"{key} ({FONTS[key].css_name}, bundled)", seconds, path.stat().st_size))
        if full:
            project = _project_with_full_noto(out / "full-project")
            seconds, (path,) = timed(
                lambda: publish.build(project, out / "full", formats="pdf"), runs
            )
            name = "Noto Sans CJK SC, whole face (65,535 glyphs)"
            rows.append((name, seconds, path.stat().st_size))
        for name, seconds, size in rows:
            print(f"- {name}: {seconds:.2f} s, {kib(size)}")


def _project_with_full_noto(folder: Path) -> Path:
    """A copy of the seed's project whose manifest names the whole SC faces of Debian's TTCs."""
    shutil.copytree(SEED, folder)
    (folder / "fonts").mkdir()
    for weight in ("Regular", "Bold"):
        collection = NOTO_TTC / f"NotoSansCJK-{weight}.ttc"
        for index in range(10):
            face = TTFont(collection, fontNumber=index, lazy=True)
            if face["name"].getBestFamilyName() == "Noto Sans CJK SC":
                face.save(folder / "fonts" / f"full-{weight}.otf")
                break
    manifest = folder / "publish.yaml"
    text = manifest.read_text(encoding="utf-8").replace(
        "  font: sans",
        '  font: {family: "Noto Sans CJK SC", regular: fonts/full-Regular.otf, '
        "bold: fonts/full-Bold.otf, generic: sans-serif}",
    )
    manifest.write_text(text, encoding="utf-8")
    return folder


def subsets(runs: int, full: bool) -> None:
    print("\n## Subsetting per output (the seed's characters)")
    collection = publish.load(SEED).collection
    used = used_text(collection)
    print(f"characters: {len(used.regular)} regular, {len(used.bold)} bold")
    families = {key: font_faces(Settings().updated({"font": key})) for key in FONTS}
    with tempfile.TemporaryDirectory() as temporary:
        if full:
            project = _project_with_full_noto(Path(temporary) / "project")
            loaded = publish.load(project)
            families["whole Noto Sans CJK SC face"] = font_faces(loaded.settings)
        _subsets(families, used, runs)


def _subsets(families: dict[str, list[FontFace]], used: UsedText, runs: int) -> None:
    for key, faces in families.items():
        for flavor, output in (("sfnt", "EPUB"), ("woff2", "HTML site")):
            _face_data.cache_clear()
            start = time.process_time()
            subset_faces(faces, used, flavor)  # type: ignore[arg-type]
            cold = time.process_time() - start
            warm, cut = timed(lambda f=flavor, c=faces: subset_faces(c, used, f), runs)
            sizes = " + ".join(kib(len(c.data)) for c in cut)
            print(f"- {key}, {output} ({flavor}): {cold:.2f} s cold, {warm:.2f} s warm; {sizes}")


def outputs() -> None:
    print("\n## Output sizes of the seed (publish.build, formats=epub,html)")
    with tempfile.TemporaryDirectory() as temporary:
        for key in FONTS:
            out = Path(temporary) / key
            start = time.process_time()
            written = publish.build(SEED, out, formats="epub,html", font=key)
            seconds = time.process_time() - start
            epub = next(p for p in written if p.suffix == ".epub")
            site = next(p for p in written if p.is_dir())
            web_fonts = sum(p.stat().st_size for p in (site / "fonts").glob("*.woff2"))
            print(f"- {key}: EPUB {kib(epub.stat().st_size)}, site fonts {kib(web_fonts)} "
                  f"(build of both {seconds:.2f} s)")  # fmt: skip


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--no-full", action="store_true",
                        help="skip the PDF with the whole Noto Sans CJK face")  # fmt: skip
    args = parser.parse_args()
    sizes = sum(p.stat().st_size for p in (ROOT / "fonts").rglob("*") if p.is_file())
    print(f"fonts/: {sizes / 1024 / 1024:.1f} MB\n")
    coverage(args.runs)
    pdf(args.runs, not args.no_full)
    subsets(args.runs, not args.no_full)
    outputs()


if __name__ == "__main__":
    main()
