"""The marks tests/conftest.py derives from a test's code: what makes a test `slow`, `tools` or
`browser`, and what leaves it in the fast subset."""

from __future__ import annotations

import pytest

from tests.conftest import marks_of, run_publish, with_helpers

SLOW = [
    'result = run_publish("check", project)',
    'result = run("check", folder)',  # run_publish imported as run
    'fails_cleanly(project.run("check", "project"), where, message)',
    '[sys.executable, "-m", "publish", "build", "project", "-f", "pdf,epub,html"]',
    'built = pdf(SEED, paper="A5")',
    "two = build_pdf(long_collection, tmp_path_factory.mktemp('two'))",
    'build(project, out, formats="pdf", pinyin=True)',
    'written = build(SEED, tmp_path, formats="pdf,epub")',
    "build(READER, out, formats=FORMATS, pinyin=True)",
    "written = build(SEED, out)",  # every format, the PDF too
    'regular, bold = subset_faces(faces, used, "woff2")',
    'build(READER, tmp_path, formats="epub", epub={"per_article": True})',
    'TTCollection("/usr/share/fonts/opentype/noto/NotoSansCJK-Regular.ttc", lazy=True)',
]
"""Code that takes seconds."""

FAST = [
    '(path,) = build(SEED, tmp_path, formats="epub")',
    'build(project, tmp_path / "out", formats="html", pinyin=True)',
    "output = get_builder('epub').build(edition, out)",
    'settings = Settings().updated({"formats": "pdf"})',
    'data = subset(face, text, "sfnt")',
    "return subprocess.run(args, capture_output=True, text=True, check=True).stdout",
    'result = CliRunner().invoke(main, ["check", str(project)])',
]
"""Code that takes a fraction of a second."""

OTHERS = [
    (("wheel", "tmp_path"), "", {"slow"}),
    (("browser",), "", {"browser"}),
    ((), "assert epubcheck(path) == []", {"tools"}),
    ((), "text = built.text(page=1)", {"tools"}),  # pdftotext
    ((), "with serving(root) as (server, lines): pass", {"browser"}),
]
"""A test's fixtures and code, and the marks they give it."""


@pytest.mark.parametrize("code", SLOW)
def test_code_that_takes_seconds_is_slow(code: str) -> None:
    assert marks_of((), [code]) == {"slow"}


@pytest.mark.parametrize("code", FAST)
def test_code_that_takes_less_stays_in_the_fast_subset(code: str) -> None:
    assert marks_of((), [code]) == set()


@pytest.mark.parametrize(("fixtures", "code", "marks"), OTHERS)
def test_fixtures_and_tools_give_their_marks(
    fixtures: tuple[str, ...], code: str, marks: set[str]
) -> None:
    assert marks_of(fixtures, [code]) == marks


def _runs_the_command() -> None:
    run_publish("--version")


def _reports() -> None:
    _runs_the_command()


def test_a_helper_s_calls_count_as_the_test_s() -> None:
    """A test that runs the command through its module's helpers is marked like one that runs
    it; a function from elsewhere (pytest's) is not read."""
    found = with_helpers([_reports])
    assert found == [_reports, _runs_the_command, run_publish]
    assert with_helpers([pytest.raises]) == [pytest.raises]
