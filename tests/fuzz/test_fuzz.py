"""Fuzzing: whatever the input, the loaders and the importer succeed or raise `PublishError`.

Any other exception (a RecursionError, a ValueError from a library, a MemoryError) is a bug: the
CLI would print a traceback. The budget is `PUBLISH_FUZZ_EXAMPLES` examples per target (30 by
default, so CI stays quick); `benchmarks/fuzz.py` runs the same targets for as long as it is
told to, with a new seed each round.
"""

from __future__ import annotations

import contextlib
import os
import tempfile
from pathlib import Path

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from publish.errors import PublishError
from publish.importer import read_page
from publish.importer.mirror import locate
from publish.pinyin.styles import normalise
from publish.pipeline import load

EXAMPLES = int(os.environ.get("PUBLISH_FUZZ_EXAMPLES", "30"))

budget = settings(
    max_examples=EXAMPLES,
    deadline=None,
    database=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large],
)

# Pieces with a meaning to YAML, Markdown, the conventions and the checks, among any text.
YAML_PIECES = [
    "title: ", "slug: ", "date: ", "category: ", "authors: ", "tags: ", "pinyin: ", "cover: ",
    "articles: ", "output: ", "font: ", "size: ", "formats: ", "trust_layouts: ", "summary: ",
    "\n", "\n  ", "- ", "[", "]", "{", "}", ", ", ": ", '"', "'", "\\u", "\\ud800", "&a ", "*a",
    "!!python/object:os.system", "!!binary ", "~", "null", "true", "9" * 30, "1e999", "0x1F",
    "2018-11-16", "2018-13-45 25:61", "标题", "绿园", "lǜ yuán", "lv4", "\t", "#", "|", ">",
    "---", "...", "%YAML 1.1\n", "? ", "\x00", "\x07", "\ufeff", "\ufffe", "大", "特大",
]  # fmt: skip
MARKDOWN_PIECES = [
    "*", "**", "_", "__", "[", "](", ")", "![", "](images/a.png", '"题注"', "#", "## ", "### ",
    "# ", "> ", "- ", "1. ", "7) ", "|", " --- |", "\n", "\n\n", "\\", "`", "```", "<", ">",
    "&amp;", "::: interviewee ", ":::", " | ", "Table: ", "表：", "中文", "的", "，", "。",
    "http://example.org/", "javascript:", "file:///etc/passwd", "../", "#top", "<script>",
    "    ", "\t", "\x00", "\x1b", "\u200b", "\u3000", "𠀀", "\r", "\r\n", "===", "+++",
]  # fmt: skip

pieces_text = st.lists(
    st.one_of(st.sampled_from(YAML_PIECES), st.text(max_size=8)), max_size=40
).map("".join)
markdown_text = st.lists(
    st.one_of(st.sampled_from(MARKDOWN_PIECES), st.text(max_size=8)), max_size=80
).map("".join)
encoded = st.sampled_from(["utf-8", "utf-8-sig", "gb18030", "big5", "utf-16", "latin-1"])


def _bytes(text: str, encoding: str = "utf-8") -> bytes:
    try:
        return text.encode(encoding, "surrogatepass" if encoding.startswith("utf") else "strict")
    except UnicodeEncodeError:
        return text.encode("utf-8", "surrogatepass")


def _load_project(files: dict[str, bytes]) -> None:
    with tempfile.TemporaryDirectory() as folder:
        root = Path(folder)
        (root / "images").mkdir()
        (root / "images" / "a.png").write_bytes(b"\x89PNG\r\n\x1a\n")
        for name, data in files.items():
            path = root / name
            path.parent.mkdir(parents=True, exist_ok=True)
            path.write_bytes(data)
        with contextlib.suppress(PublishError):
            load(root)


@budget
@given(front=pieces_text, body=markdown_text)
def test_article_front_matter_and_body(front: str, body: str) -> None:
    _load_project(
        {
            "publish.yaml": "title: 文集\narticles: ['articles/*.md']\n".encode(),
            "articles/a.md": _bytes(f"---\ntitle: 标题\n{front}\n---\n\n{body}"),
        }
    )


@budget
@given(body=markdown_text)
def test_article_body_alone(body: str) -> None:
    _load_project(
        {
            "publish.yaml": "title: 文集\narticles: ['articles/*.md']\n".encode(),
            "articles/a.md": _bytes(f"---\ntitle: 标题\n---\n\n{body}"),
        }
    )


@budget
@given(manifest=pieces_text)
def test_manifest(manifest: str) -> None:
    _load_project(
        {
            "publish.yaml": _bytes(manifest),
            "articles/a.md": "---\ntitle: 标题\n---\n\n正文。\n".encode(),
        }
    )


@budget
@given(dictionary=pieces_text)
def test_pinyin_yaml(dictionary: str) -> None:
    _load_project(
        {
            "publish.yaml": "title: 文集\narticles: ['articles/*.md']\n".encode(),
            "articles/a.md": "---\ntitle: 标题\n---\n\n绿园。\n".encode(),
            "pinyin.yaml": _bytes(dictionary),
        }
    )


@budget
@given(word=st.text(max_size=6), reading=st.text(max_size=30))
def test_pinyin_dictionary_entries(word: str, reading: str) -> None:
    for syllable in reading.split():
        assert normalise(syllable) is None or isinstance(normalise(syllable), str)
    quoted = '"' + reading.replace("\\", "\\\\").replace('"', '\\"') + '"'
    key = '"' + word.replace("\\", "\\\\").replace('"', '\\"') + '"'
    _load_project(
        {
            "publish.yaml": "title: 文集\narticles: ['articles/*.md']\n".encode(),
            "articles/a.md": "---\ntitle: 标题\n---\n\n绿园。\n".encode(),
            "pinyin.yaml": _bytes(f"{key}: {quoted}\n"),
        }
    )


PAGE_PIECES = [
    "<html>", "<head>", '<meta charset="gbk">', '<meta charset="big5">', "<title>", "</title>",
    "<body>", '<div id="content">', '<div class="share">', "</div>", "<p>", "</p>", "<h1>",
    "</h1>", "<table><tr><td>", "</td></tr></table>", "<br>", "<!--", "-->", "<script>",
    "分享到：", "【字体：大 中 小】", "发布时间：2018-11-16 09:15", "来源：绿园发布",
    "您当前的位置：首页 > ",
    "“解放思想推动绿园高质量发展”领导访谈", "绿园区总工会常务副主席吕亚舟：", "\n", "\n\n", "  ",
    "\x00", "\x01", "\x1b", "\ufeff", "&nbsp;", "&#0;", "&#xD800;", "\r",
]  # fmt: skip


@budget
@given(
    parts=st.lists(st.one_of(st.sampled_from(PAGE_PIECES), st.text(max_size=10)), max_size=60),
    encoding=encoded,
    suffix=st.sampled_from([".html", ".txt", ".htm"]),
    noise=st.binary(max_size=40),
)
def test_importer_read_page(parts: list[str], encoding: str, suffix: str, noise: bytes) -> None:
    data = _bytes("".join(parts), encoding)
    with tempfile.TemporaryDirectory() as folder:
        for content in (data, data + noise, noise + data):
            page = Path(folder) / f"page{suffix}"
            page.write_bytes(content)
            with contextlib.suppress(PublishError):
                read_page(page)


HREF_PIECES = [
    "http://", "https://", "//", "www.example.gov.cn", "example.org", "/", "../", "./", "..",
    "?", "#", "@", "%2F", "%2e%2e", "%00", "%", "a.html", "index.html", "images/a.png", "id=3",
    "q=a/b", "mailto:", "javascript:", "data:", "file:///etc/passwd", ":", ":8080", "user@",
    "\\", "\x00", " ", "\t", "绿园", "[", "]", "~", "/etc/passwd",
]  # fmt: skip


@budget
@given(href=st.lists(st.one_of(st.sampled_from(HREF_PIECES), st.text(max_size=6)), max_size=12))
def test_mirror_locate(href: list[str]) -> None:
    """Any URL a saved page writes is looked up without an error, and never leaves the mirror."""
    with tempfile.TemporaryDirectory() as folder:
        root = Path(folder).resolve() / "mirror"
        host = root / "www.example.gov.cn"
        (host / "images").mkdir(parents=True)
        page = host / "a.html"
        page.write_text("<p>正文</p>")
        (host / "index.html").write_text("<p>首页</p>")
        (host / "images" / "a.png").write_bytes(b"\x89PNG\r\n\x1a\n")
        (host / "a.html@id=3").write_text("<p>二</p>")
        (Path(folder) / "secret.html").write_text("outside")
        target = locate("".join(href), page, root)
        assert target.file is None or target.file.is_relative_to(root)
