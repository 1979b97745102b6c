"""The validators: EPUBCheck 5.3 finds nothing (not even a warning) and DAISY Ace no violation,
for every example with and without pinyin, and for the features the examples lack."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest

from publish.pipeline import build, load
from tests.builders.epub.conftest import (
    BUILDS,
    Book,
    Warnings,
    ace,
    ace_violations,
    build_edition,
    epubcheck,
    pages_every,
)
from tests.conftest import EXAMPLES, FIXTURES

READER = EXAMPLES / "community-reader"


@pytest.mark.parametrize("name", sorted(BUILDS))
def test_epubcheck_finds_nothing(book: Callable[[str], Book], name: str) -> None:
    assert epubcheck(book(name).path) == []


@pytest.mark.parametrize("name", sorted(BUILDS))
def test_ace_finds_no_violation(book: Callable[[str], Book], name: str, tmp_path: Path) -> None:
    report = ace(book(name).path, tmp_path)
    assert ace_violations(report) == []
    assert report["earl:result"]["earl:outcome"] == "pass"
    missing = set(report["a11y-metadata"]["missing"])
    # Only the optional evaluator metadata (who certified the claim) may be missing.
    assert missing <= {"a11y:certifiedBy", "a11y:certifierCredential", "a11y:certifierReport"}


@pytest.fixture(scope="module")
def special(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Path]:
    """Books with what the examples lack: a page list, an article's own EPUB, links between
    articles and a manifest cover, no embedded font."""
    root = tmp_path_factory.mktemp("special")
    pages = pages_every(load(READER).collection, 150)
    (paged,) = build_edition(READER, root / "paged", print_pages=pages)
    written = build(READER, root / "single", formats="epub", epub={"per_article": True})
    single = next(p for p in written if p.name == "06-jumin.epub")
    (links,) = build(FIXTURES / "epub-links", root / "links", formats="epub")
    (plain,) = build(
        EXAMPLES / "luyuan-interviews", root / "plain", formats="epub", epub={"embed_font": False}
    )
    return {"paged": paged, "single": single, "links": links, "plain": plain}


@pytest.mark.parametrize("name", ["paged", "single", "links", "plain"])
def test_the_validators_pass_what_the_examples_lack(
    special: dict[str, Path], name: str, tmp_path: Path, warnings_logged: Warnings
) -> None:
    warnings_logged.take()  # the links fixture has a link that leads nowhere, on purpose
    assert epubcheck(special[name]) == []
    assert ace_violations(ace(special[name], tmp_path)) == []
