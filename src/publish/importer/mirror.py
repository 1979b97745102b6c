"""Where a URL written in a saved page points: a file of the mirror, the web, or nowhere.

Used by the importer for images and links. A saved site keeps the server's paths: `wget
--mirror` and httrack put them under a folder named after the host (`www.example.gov.cn/zwgk/
t20181116_5124.html`), a browser's "save page, complete" puts the images of `page.html` in
`page_files/`. So a URL is looked up as the page wrote it: relative to the page, root-relative
from the page's host folder (or the mirror's top), absolute under its host's folder (or the
mirror's top, for a mirror saved without host folders). wget saves `page.html?id=3` as
`page.html@id=3` (Windows names) or `page.html?id=3`; both are tried. Nothing is downloaded:
a URL not found in the mirror is `remote` (an http(s) URL) or `missing`.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from urllib.parse import unquote, urlsplit

_KEPT_SCHEMES = frozenset({"http", "https", "mailto", "tel", "ftp"})


@dataclass(frozen=True, slots=True)
class Target:
    """What a URL of a page points at."""

    file: Path | None = None
    """The file of the mirror it names (resolved), when it is there."""
    url: str = ""
    """The absolute URL (http, https, mailto, ...) when it is not in the mirror."""

    @property
    def missing(self) -> bool:
        """A reference to the mirror (or the web) that the mirror does not hold."""
        return self.file is None


def locate(href: str, page: Path, root: Path) -> Target:
    """Where `href`, written in `page`, points inside the mirror at `root` (both resolved)."""
    href = href.strip()
    if not href or href.startswith(("#", "javascript:", "data:", "about:")):
        return Target()
    try:
        parts = urlsplit(href)
    except ValueError:  # "http://[x/": a host no browser would open either
        return Target()
    scheme = parts.scheme.lower()
    if scheme and scheme not in {"http", "https"}:
        return Target(url=href if scheme in _KEPT_SCHEMES else "")
    path = unquote(parts.path)
    query = parts.query
    candidates: list[Path] = []
    if parts.netloc:  # http://host/path or //host/path
        host = parts.netloc.lower().split("@")[-1].split(":")[0]
        candidates.append(root / host / path.lstrip("/"))
        if path.strip("/"):
            # A mirror saved without host folders (wget -nH) has the path alone; but the bare
            # root of any host is no page of this mirror (https://example.org/ is not ours).
            candidates.append(root / path.lstrip("/"))
    elif path.startswith("/"):
        host_folder = _host_folder(page, root)
        if host_folder is not None:
            candidates.append(host_folder / path.lstrip("/"))
        candidates.append(root / path.lstrip("/"))
    elif path:
        candidates.append(page.parent / path)
    elif query:  # "?page=2": the page itself with another query
        candidates.append(page)
    for candidate in candidates:
        found = _existing(candidate, query, root)
        if found is not None:
            return Target(file=found)
    if parts.netloc:
        return Target(url=href if scheme else f"http:{href}")
    return Target()


def _host_folder(page: Path, root: Path) -> Path | None:
    """The mirror's folder of the page's host (`www.example.gov.cn`), when it has one."""
    try:
        first = page.relative_to(root).parts[0]
    except (ValueError, IndexError):
        return None
    return root / first if "." in first and not (root / first).is_file() else None


def _existing(candidate: Path, query: str, root: Path) -> Path | None:
    names = [candidate]
    if query and candidate.name:
        # wget saves a page with a query as `name@query` (or `name?query`), a "/" in the
        # query written %2F: a file name holds no "/" (a link's query may: ?q=a/b).
        saved = query.replace("/", "%2F")
        names = [
            candidate.with_name(f"{candidate.name}@{saved}"),
            candidate.with_name(f"{candidate.name}?{saved}"),
            candidate,
        ]
    if candidate.name == "" or str(candidate).endswith("/"):
        names.append(candidate / "index.html")
    for name in names:
        if name.is_dir():
            name = name / "index.html"
        elif not name.is_file():
            continue
        try:
            resolved = name.resolve()
        except OSError:
            continue
        if resolved.is_file() and resolved.is_relative_to(root):
            return resolved
    return None
