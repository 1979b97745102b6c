"""`publish import` as users run it: batches, bad input, existing files, --json, punctuation."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
import yaml

from tests.conftest import run_publish as run
from tests.importer.pages import PAGES, SEED

FIXTURES = [*sorted(PAGES.glob("*.html")), SEED]


@pytest.fixture
def bad_pages(tmp_path: Path) -> dict[str, Path]:
    """One page of each kind of bad input."""
    folder = tmp_path / "bad"
    folder.mkdir()
    pages = {
        "binary": folder / "photo.html",
        "empty": folder / "empty.txt",
        "no-body": folder / "index.html",
        "undecodable": folder / "broken.txt",
    }
    pages["binary"].write_bytes(b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + bytes(200))
    pages["empty"].write_bytes(b" \n\n")
    pages["no-body"].write_text(
        "<html><head><title>首页</title></head><body><div class='nav'>首页 | 政务公开 | "
        "新闻中心 | 办事服务</div><div class='footer'>版权所有：某某区人民政府 "
        "某ICP备12345678号</div></body></html>",
        encoding="utf-8",
    )
    seed = SEED.read_text(encoding="utf-8").replace("\u00a0", " ").encode("gbk")
    cut = seed.index("吕亚舟".encode("gbk"))
    pages["undecodable"].write_bytes(seed[:cut] + b"\xff\xff" + seed[cut:])
    return pages


def test_a_batch_with_bad_pages(tmp_path: Path, bad_pages: dict[str, Path]) -> None:
    out = tmp_path / "articles"
    missing = tmp_path / "gone.html"
    result = run(
        "import", *FIXTURES, *bad_pages.values(), missing, tmp_path / "bad", "-o", out, cwd=tmp_path
    )
    assert result.returncode == 2
    errors = result.stderr.splitlines()
    bad_byte = bad_pages["undecodable"].read_bytes().index(b"\xff\xff")
    assert errors == [
        "error: bad/photo.html: a PNG image, not a saved web page: give the page's .html or .txt "
        "file",
        "error: bad/empty.txt: the page is empty: save the page again (as HTML or text)",
        "error: bad/index.html: no article text found: the page has no body paragraphs (is it an "
        "index or navigation page?)",
        f"error: bad/broken.txt:9: bytes that no Chinese encoding can read (UTF-8, GB18030, Big5): "
        f"0xff at byte {bad_byte} breaks GB18030; "
        "the file is damaged or not Chinese text: save the page again, as UTF-8 if you can",
        "error: gone.html: not found: check the path of the saved page",
        "error: bad: a folder, not a page: give the page files (for example folder/*.html)",
    ]
    # Every good page was imported, with a publish.yaml listing them in the order given;
    # nothing else was written, no temporary file is left.
    written = sorted(p.name for p in out.iterdir())
    assert written == sorted([*(f"{p.stem}.md" for p in FIXTURES), "publish.yaml"])
    assert result.stdout.splitlines() == [
        *(str(out / f"{p.stem}.md") for p in FIXTURES),
        str(out / "publish.yaml"),
    ]
    manifest = yaml.safe_load((out / "publish.yaml").read_text(encoding="utf-8"))
    assert manifest["articles"] == [f"{p.stem}.md" for p in FIXTURES]
    for name in written:
        check = run("check", out / name if name != "publish.yaml" else out)
        assert check.returncode == 0, check.stderr


def test_an_existing_source_is_never_replaced_unasked(tmp_path: Path) -> None:
    out = tmp_path / "articles"
    out.mkdir()
    (out / "lingdao-fangtan.md").write_text("edited by hand\n", encoding="utf-8")
    page = PAGES / "zoom-gbk.html"
    result = run("import", SEED, page, "-o", "articles", cwd=tmp_path)
    assert result.returncode == 2
    assert result.stderr.splitlines() == [
        f"error: {SEED}: articles/lingdao-fangtan.md already exists: not replaced (remove it, "
        "or pass --overwrite to replace it)"
    ]
    assert (out / "lingdao-fangtan.md").read_text(encoding="utf-8") == "edited by hand\n"
    assert (out / "zoom-gbk.md").is_file()
    assert sorted(p.name for p in out.iterdir()) == [
        "lingdao-fangtan.md",
        "publish.yaml",
        "zoom-gbk.md",
    ]

    again = run("import", SEED, page, "-o", "articles", "--overwrite", cwd=tmp_path)
    assert again.returncode == 0, again.stderr
    assert (out / "lingdao-fangtan.md").read_text(encoding="utf-8").startswith("---\ntitle: “")


def test_pages_with_the_same_name_get_numbered(tmp_path: Path) -> None:
    for folder in ("a", "b"):
        (tmp_path / folder).mkdir()
        (tmp_path / folder / "Page.txt").write_bytes(SEED.read_bytes())
    (tmp_path / "领导访谈.txt").write_bytes(SEED.read_bytes())
    result = run("import", "a/Page.txt", "b/Page.txt", "领导访谈.txt", "-o", "out", cwd=tmp_path)
    assert result.returncode == 0, result.stderr
    assert result.stdout.splitlines() == [
        "out/page.md",
        "out/page-2.md",
        "out/ling-dao-fang-tan.md",
        "out/publish.yaml",
    ]


def test_json_prints_one_object_per_page(tmp_path: Path) -> None:
    single = run("import", PAGES / "content-big5.html", "--json")
    assert single.returncode == 0, single.stderr
    data = json.loads(single.stdout)
    assert data["title"] == "臺北市推動社區長照服務"
    assert data["language"] == "zh-Hant"
    several = run("import", PAGES / "content-big5.html", SEED, "--json")
    assert [d["slug"] for d in json.loads(several.stdout)] == ["content-big5", "lingdao-fangtan"]
    assert not list(tmp_path.iterdir())


@pytest.mark.parametrize("args", [[], ["--json", "-o", "out"]])
def test_either_an_output_folder_or_json(tmp_path: Path, args: list[str]) -> None:
    result = run("import", SEED, *args, cwd=tmp_path)
    assert result.returncode == 2
    assert "give either -o DIR (write sources) or --json (print them)" in result.stderr
    assert not list(tmp_path.iterdir())


def test_normalize_punctuation(tmp_path: Path) -> None:
    plain = run("import", SEED, PAGES / "article-utf8.html", "-o", tmp_path / "plain")
    fixed = run(
        "import",
        SEED,
        PAGES / "article-utf8.html",
        "-o",
        tmp_path / "fixed",
        "--normalize-punctuation",
    )
    assert plain.returncode == fixed.returncode == 0, fixed.stderr
    seed = (tmp_path / "fixed" / "lingdao-fangtan.md").read_text(encoding="utf-8")
    assert "组成部分，要坚持党对工会的领导，以经济建设为中心" in seed
    assert "对区域（行业）职代会决议" in seed
    assert "夯实基层工会规范化建设；按照" in seed
    assert "date: 2018-11-16T09:15+08:00" in seed
    # Only punctuation changed: the same text with half-width marks put back.
    before = (tmp_path / "plain" / "lingdao-fangtan.md").read_text(encoding="utf-8")
    undone = seed.translate(str.maketrans("，；（）：", ",;():"))
    assert undone == before.translate(str.maketrans("，；（）：", ",;():"))
    assert seed.count("，") > before.count("，")
    jobs = (tmp_path / "fixed" / "article-utf8.md").read_text(encoding="utf-8")
    assert "提供就业岗位3,500余个" in jobs  # a number keeps its comma
    assert "详情请访问http://www.example.gov.cn/jobs?id=2019，或拨打电话：0431-87654321。" in jobs


def test_imported_pages_build_and_an_existing_manifest_is_kept(tmp_path: Path) -> None:
    out = tmp_path / "articles"
    result = run("import", SEED, PAGES / "zoom-gbk.html", "-o", out, "--title", "绿园文集")
    assert result.returncode == 0, result.stderr
    manifest = yaml.safe_load((out / "publish.yaml").read_text(encoding="utf-8"))
    assert manifest == {
        "title": "绿园文集",
        "publisher": "长春市绿园区人民政府",  # the site's name, from the pages' <title>s
        "articles": ["lingdao-fangtan.md", "zoom-gbk.md"],
    }
    built = run("build", out, "-f", "html", "-o", tmp_path / "site")
    assert built.returncode == 0, built.stderr
    assert (tmp_path / "site" / "html" / "zoom-gbk.html").is_file()
    # Importing more pages into the folder keeps the manifest the user may have edited.
    (out / "publish.yaml").write_text("title: 我改过的\narticles: ['*.md']\n", encoding="utf-8")
    again = run("import", PAGES / "article-utf8.html", "-o", out)
    assert again.returncode == 0, again.stderr
    assert again.stdout.splitlines() == [str(out / "article-utf8.md")]
    assert (out / "publish.yaml").read_text(encoding="utf-8").startswith("title: 我改过的")
