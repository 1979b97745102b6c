"""Where a saved page's URLs point: a file of the mirror, the web, or nowhere."""

from __future__ import annotations

from pathlib import Path

from publish.importer.mirror import locate


def _mirror(tmp_path: Path) -> tuple[Path, Path]:
    root = tmp_path / "mirror"
    page = root / "www.example.gov.cn" / "news" / "a.html"
    page.parent.mkdir(parents=True)
    page.write_text("<p>甲</p>", encoding="utf-8")
    (root / "index.html").write_text("<p>首页</p>", encoding="utf-8")
    (root / "www.example.gov.cn" / "news" / "list.html@page=2%2Fall").write_text(
        "<p>乙</p>", encoding="utf-8"
    )
    return root, page


def test_a_query_with_a_slash_is_looked_up_as_wget_saves_it(tmp_path: Path) -> None:
    root, page = _mirror(tmp_path)
    found = locate("list.html?page=2/all", page, root)
    assert found.file == (page.parent / "list.html@page=2%2Fall").resolve()


def test_a_link_to_another_site_s_home_is_not_the_mirror_s_home(tmp_path: Path) -> None:
    # It once became the mirror's index.html; with a query holding "/" it was a traceback.
    root, page = _mirror(tmp_path)
    for href in ("https://example.org/", 'https://example.org/?q="><script>x</script>'):
        found = locate(href, page, root)
        assert found.file is None
        assert found.url == href


def test_a_malformed_host_points_nowhere(tmp_path: Path) -> None:
    # urlsplit raises ValueError on "http://[x/": the importer printed a traceback.
    root, page = _mirror(tmp_path)
    for href in ("http://[x/a.png", "//[::1/a.html", "https://[bad]x/"):
        assert locate(href, page, root) == locate("", page, root)
