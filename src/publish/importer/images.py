"""Images of the article body: which ones are the article's, their captions, their copies.

Two jobs of the importer:

- reading (import step 2, HTML): the `<img>` elements inside the article body, each with its
  alt text (or `title`) and its caption in the CMS's usual markup: a `<figcaption>`, or a short
  (at most 60 characters) centred `<p>`, `<span>` or `<font>` right after the image or right
  after the centred paragraph that holds it (TRS, #zoom and div.article pages all set
  "图为……" that way). Decorative and chrome images are left out: logos, share and print icons,
  spacer GIFs, the site's QR codes (二维码, 扫一扫), and images the page sets at 40 pixels or
  less, or whose file is that small (`is_tiny`);
- writing: `ImageStore` copies each image from the mirror into `DIR/images/` once per content
  (SHA-256), under its own file name (numbered when two different images share one), by a
  temporary file and a rename; nothing is downloaded.
"""

from __future__ import annotations

import hashlib
import os
import re
import tempfile
from pathlib import Path

from lxml import etree

from .page import Image, normalise_space

CAPTION_MAX = 60
# Decorative and chrome images, by the words in their src, alt, class or id.
_CHROME_IMAGE = re.compile(
    r"logo|share|fenxiang|icon|ico_|qr_?code|erweima|\bewm|二维码|扫一扫|扫码|关注|spacer|blank\.gif"
    r"|space\.gif|pixel|transparent|\bdot\.|arrow|btn|button|banner|print|dayin|close|guanbi"
    r"|weixin|wechat|weibo|微信|微博|分享|打印|关闭|bg\.|/bg_|_bg\.|line\.gif",
    re.IGNORECASE,
)
_CENTRED_STYLE = re.compile(r"text-align\s*:\s*center", re.IGNORECASE)
_CAPTION_TAGS = frozenset({"p", "span", "font", "div", "center", "figcaption", "strong", "b"})
_SMALL = 40


def body_images(container: etree._Element) -> tuple[dict[etree._Element, Image], set]:
    """The article's images in `container`, and the caption elements they took."""
    images: dict[etree._Element, Image] = {}
    captions: set[etree._Element] = set()
    for element in container.iter("img"):
        src = (element.get("src") or element.get("data-src") or "").strip()
        alt = normalise_space(element.get("alt") or element.get("title") or "")
        if not src or _decorative(element, src, alt):
            continue
        caption_element = _caption(element)
        caption = ""
        if caption_element is not None and caption_element not in captions:
            caption = normalise_space(caption_element.text_content())
            captions.add(caption_element)
        images[element] = Image(src, alt, caption)
    return images, captions


HEAD_BYTES = 64 * 1024
"""How much of an image file says what it is and its size (a JPEG's frame header included)."""


def is_tiny(head: bytes) -> bool:
    """Whether an image (its first `HEAD_BYTES`) is a spacer, bullet or icon: a PNG, GIF or
    JPEG of at most 40 pixels each way, whatever its name and the page's markup say."""
    size = _png_gif_size(head) or _jpeg_size(head)
    return size is not None and max(size) <= _SMALL


def _png_gif_size(head: bytes) -> tuple[int, int] | None:
    if head.startswith(b"\x89PNG\r\n\x1a\n") and len(head) >= 24:
        return int.from_bytes(head[16:20], "big"), int.from_bytes(head[20:24], "big")
    if head[:6] in {b"GIF87a", b"GIF89a"} and len(head) >= 10:
        return int.from_bytes(head[6:8], "little"), int.from_bytes(head[8:10], "little")
    return None


def _jpeg_size(head: bytes) -> tuple[int, int] | None:
    """The size in a JPEG's first start-of-frame marker (SOF0-SOF15 but DHT, JPG, DAC)."""
    if not head.startswith(b"\xff\xd8"):
        return None
    index = 2
    while index + 9 < len(head):
        if head[index] != 0xFF:
            return None
        marker = head[index + 1]
        length = int.from_bytes(head[index + 2 : index + 4], "big")
        if 0xC0 <= marker <= 0xCF and marker not in {0xC4, 0xC8, 0xCC}:
            height = int.from_bytes(head[index + 5 : index + 7], "big")
            width = int.from_bytes(head[index + 7 : index + 9], "big")
            return width, height
        index += 2 + length
    return None


def _decorative(element: etree._Element, src: str, alt: str) -> bool:
    names = " ".join((src, alt, element.get("class") or "", element.get("id") or ""))
    if _CHROME_IMAGE.search(names):
        return True
    for attribute in ("width", "height"):
        value = (element.get(attribute) or "").strip().removesuffix("px")
        if value.isdigit() and int(value) <= _SMALL:
            return True
    return False


def _centred(element: etree._Element) -> bool:
    return (
        element.tag == "center"
        or (element.get("align") or "").lower() == "center"
        or bool(_CENTRED_STYLE.search(element.get("style") or ""))
    )


def _short(element: etree._Element) -> bool:
    text = normalise_space(element.text_content())
    return 0 < len(text) <= CAPTION_MAX and element.find(".//img") is None


def _caption(image: etree._Element) -> etree._Element | None:
    """The element the CMS set the image's caption in, or None."""
    figure = next(image.iterancestors("figure"), None)
    if figure is not None:
        found = figure.find(".//figcaption")
        if found is not None and _short(found):
            return found
    # A <span>/<p> right after the image (only whitespace or a <br> between them).
    following = _next_element(image)
    if (
        following is not None
        and following.tag in _CAPTION_TAGS
        and _short(following)
        and (_centred(following) or _centred_block(image))
    ):
        return following
    # The paragraph after the centred block that holds the image.
    block = _block_of(image)
    if block is not None and _centred_block(image) and normalise_space(block.text_content()) == "":
        following = _next_element(block)
        if (
            following is not None
            and following.tag in _CAPTION_TAGS
            and _short(following)
            and (_centred(following) or any(_centred(c) for c in following.iter(etree.Element)))
        ):
            return following
    return None


def _next_element(element: etree._Element) -> etree._Element | None:
    """The next sibling element, when only whitespace and `<br>`s stand between them."""
    if (element.tail or "").strip():
        return None
    sibling = element.getnext()
    while sibling is not None and sibling.tag == "br" and not (sibling.tail or "").strip():
        sibling = sibling.getnext()
    return sibling if isinstance(sibling, etree._Element) and sibling.tag != "br" else None


def _block_of(image: etree._Element) -> etree._Element | None:
    return next((a for a in image.iterancestors("p", "div", "center", "td")), None)


def _centred_block(image: etree._Element) -> bool:
    for ancestor in image.iterancestors():
        if _centred(ancestor):
            return True
        if ancestor.tag in {"p", "div", "td", "center"}:
            return False
    return False


class ImageStore:
    """Copies images from the mirror into `folder`, once per content."""

    def __init__(self, folder: Path) -> None:
        self.folder = folder
        self._by_digest: dict[str, Path] = {}
        self._names: set[str] = set()

    def add(self, source: Path) -> Path:
        """The copy of `source` in the folder (made now, unless the same bytes were copied)."""
        data = source.read_bytes()
        digest = hashlib.sha256(data).hexdigest()
        if digest in self._by_digest:
            return self._by_digest[digest]
        target = self.folder / self._name(source.name, digest)
        if not (target.is_file() and hashlib.sha256(target.read_bytes()).hexdigest() == digest):
            self.folder.mkdir(parents=True, exist_ok=True)
            handle, temporary = tempfile.mkstemp(prefix=f".{target.name}.", dir=self.folder)
            try:
                with os.fdopen(handle, "wb") as stream:
                    stream.write(data)
                os.chmod(temporary, 0o644)  # mkstemp makes it private; an image is not
                os.replace(temporary, target)
            finally:
                if os.path.exists(temporary):
                    os.unlink(temporary)
        self._by_digest[digest] = target
        return target

    def _name(self, name: str, digest: str) -> str:
        stem, dot, suffix = name.partition(".")
        stem = re.sub(r"[^A-Za-z0-9_-]+", "-", stem).strip("-") or digest[:12]
        suffix = re.sub(r"[^A-Za-z0-9.]+", "", suffix).lower()
        base = f"{stem}{dot}{suffix}" if suffix else stem
        candidate, number = base, 1
        while candidate in self._names or (
            (self.folder / candidate).is_file()
            and hashlib.sha256((self.folder / candidate).read_bytes()).hexdigest() != digest
        ):
            number += 1
            candidate = f"{stem}-{number}{dot}{suffix}" if suffix else f"{stem}-{number}"
        self._names.add(candidate)
        return candidate
