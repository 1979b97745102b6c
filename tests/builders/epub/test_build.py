"""The builder as the pipeline and the command line use it."""

from __future__ import annotations

import subprocess
import sys
from collections.abc import Callable
from pathlib import Path

from click.testing import CliRunner

from publish.builders import get_builder
from publish.builders.epub import EpubBuilder
from publish.cache import FOLDER
from publish.cli import main
from tests.builders.epub.conftest import Book
from tests.conftest import EXAMPLES

SEED = EXAMPLES / "luyuan-interviews"
READER = EXAMPLES / "community-reader"


def test_the_registry_finds_the_builder() -> None:
    assert isinstance(get_builder("epub"), EpubBuilder)
    assert get_builder("epub").name == "epub"


def test_an_epub_only_build_never_imports_weasyprint(tmp_path: Path) -> None:
    code = (
        "import sys\n"
        "from publish.pipeline import build\n"
        f"build({str(SEED)!r}, {str(tmp_path)!r}, formats='epub')\n"
        "assert 'weasyprint' not in sys.modules, 'weasyprint was imported'\n"
    )
    subprocess.run([sys.executable, "-c", code], check=True, capture_output=True)
    assert (tmp_path / "luyuan-interviews.epub").is_file()


def test_the_command_line_flags(tmp_path: Path) -> None:
    result = CliRunner().invoke(
        main,
        [
            "build",
            str(READER),
            "-f",
            "epub",
            "-o",
            str(tmp_path),
            "--per-article",
            "--no-embed-font",
        ],
    )
    assert result.exit_code == 0, result.output
    lines = result.output.split()
    assert str(tmp_path / "community-reader.epub") in lines
    assert str(tmp_path / "community-reader-articles" / "06-jumin.epub") in lines
    for path in [
        tmp_path / "community-reader.epub",
        *(tmp_path / "community-reader-articles").glob("*.epub"),
    ]:
        assert not [n for n in Book(path).names if n.startswith("EPUB/fonts/")]


def test_one_article_gets_no_second_copy_of_itself(tmp_path: Path) -> None:
    """--per-article on a single .md: the book is already the article's own."""
    source = SEED / "articles" / "lingdao-fangtan.md"
    result = CliRunner().invoke(
        main, ["build", str(source), "-f", "epub", "-o", str(tmp_path), "--per-article"]
    )
    assert result.exit_code == 0, result.output
    assert [p.name for p in tmp_path.iterdir() if p.name != FOLDER] == ["lingdao-fangtan.epub"]


def test_ebooklib_reads_the_book_back(book: Callable[[str], Book]) -> None:
    """ebooklib's own reader (an independent parser) sees the metadata, spine and contents."""
    from ebooklib import epub

    read = epub.read_epub(str(book("reader").path), {"ignore_ncx": False})
    assert read.get_metadata("DC", "title")[0][0] == "社区大字读本"
    assert read.get_metadata("DC", "language") == [("zh-Hans", {})]
    assert [idref for idref, _ in read.spine][:4] == [
        "cover",
        "titlepage",
        "nav",
        "article-01-jingyesi",
    ]
    section, children = read.toc[0]
    assert section.title == "诗词" and children[0][0].title == "唐诗"
    assert children[0][1][0].href == "text/01-jingyesi.xhtml"
