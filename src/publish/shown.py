"""What a rendered (X)HTML document shows, by the weight of the face that sets it.

Builders step (fonts). The EPUB and the site embed each face cut to the characters it sets, so
which face sets a character must be decided as a reading system decides it: by the cascade of
the stylesheet the document is rendered with over the user agent's defaults (HTML Living
Standard §15.3.3: h1-h6, b, strong and th are bold; dt is not), `font-weight` inherited, and
the strings the stylesheet itself shows (`content:` strings and `attr()` values). Deciding it by
tag names alone put the EPUB title page's labels (日期, 标识符, in `dt`) in the bold subset
while readers set them in the regular face: tofu (issue 14).

Rules inside `@media` or `@supports` may or may not apply, so text they could set in another
weight is counted in both.

Ruby markup is most of a pinyin page (one `ruby`, `rt` and two `rp` elements a character), and
matching the rules element by element took longer than rendering the pages. So, where no rule
that decides a weight or shows an attribute can tell (`Stylesheet.plain_ruby`), the readings and
their brackets are cut out of the markup before it is parsed and counted in both weights, as
the walk counts them, and the bare `<ruby>` tags are dropped, their bases left in the element
around them, whose weight they inherit. A test compares both ways on the bundled layouts.

The spans that only keep text on one line (the ruby's `tie`, a paragraph's `ending`, some 70 a
page) are cut out too, once they hold text alone, where no such rule may select a span of their
class (`Stylesheet.plain_spans`): their text takes the weight of the element around them.
"""

from __future__ import annotations

import html
import re
from collections.abc import Iterable
from dataclasses import dataclass
from functools import lru_cache
from typing import Any

import cssselect2
import tinycss2

BOLD = 600
"""From this weight up the bold face is matched (CSS Fonts 4 §5.2: 700 faces for 600 and up)."""

# HTML Living Standard §15.3.3 (phrasing content) and §15.3.8 (tables): the UA's bold elements.
_USER_AGENT = "h1, h2, h3, h4, h5, h6, b, strong, th { font-weight: bold }"
# Not rendered as text: the document's title, scripts, styles (ruby's <rp> brackets show where
# ruby is not supported, so they count).
_HIDDEN = frozenset({"head", "title", "script", "style", "template"})
# Ruby text counts in both weights: a reading system's own stylesheet may leave it bold in a
# heading although ours sets it normal. So do the brackets around it (<rp>), which a reading
# system without ruby support shows in the weight of the text around.
_BOTH = frozenset({"rt", "rp"})
# A ruby annotation (<rt> with its attributes, or a bare <rp>) and its content, which holds no
# other annotation (common/ruby.html writes them so, in bare <ruby> tags).
_ANNOTATION = re.compile(r"<r[tp]\b[^>]*>([^<]*(?:<(?!/r[tp]>)[^<]*)*)</r[tp]>")
_TAG = re.compile(r"<([^>/!?\s]*)[^>]*>")
# A span holding text alone, with a class and no other attribute (common/blocks.html's tie and
# ending): cut out where no rule may select it (`Stylesheet.plain_spans`).
_TEXT_SPAN = re.compile(r'<span class="([^"<>&]*)">([^<]*)</span>')
# Selectors whose match depends on an element's siblings, which cutting out ruby changes.
_SIBLINGS = re.compile(r"[+~]|:(first|last|nth|only|empty|has)", re.I)


@dataclass(frozen=True, slots=True)
class _Rule:
    weight: str | None
    """The declared font-weight, if any."""
    content: tuple[tuple[str, str], ...]
    """The `content:` value's parts: ("string", text) or ("attr", attribute name)."""
    conditional: bool
    """Inside @media or @supports: it may not apply."""


@dataclass(frozen=True, slots=True)
class Stylesheet:
    """The rules of a stylesheet that decide weights and add text, ready to match."""

    matcher: cssselect2.Matcher
    strings: str
    """Every string of its `content:` values (shown by pseudo-elements, in either weight)."""
    plain_ruby: bool
    """No rule that decides a weight or shows an attribute may select a bare `ruby`, `rt` or
    `rp`, or depends on siblings: the ruby markup can be cut out before the walk."""
    attribute_subjects: frozenset[str | None]
    """The names of the elements whose attributes a `content: attr()` rule may show (None:
    an element of any name)."""
    plain_spans: frozenset[str] | None
    """The classes by which a rule that decides a weight or shows an attribute may select a
    `span` (a span of none of them, holding text alone, can be cut out before the walk); None
    when such a rule may select a span of any class, or depends on siblings."""


@lru_cache(maxsize=8)
def stylesheet(css: str) -> Stylesheet:
    """The user agent's defaults and then `css`, parsed once per distinct text."""
    matcher = cssselect2.Matcher()
    strings: list[str] = []
    order = 0
    plain_ruby = True
    attribute_subjects: set[str | None] = set()
    span_classes: set[str] | None = set()
    for source, user_agent in ((_USER_AGENT, True), (css, False)):
        for rule, conditional in _rules(tinycss2.parse_stylesheet(source, True, True), False):
            parsed = _declarations(rule.content, conditional)
            if parsed is None:
                continue
            strings.extend(text for kind, text in parsed.content if kind == "string")
            try:
                selectors = cssselect2.compile_selector_list(rule.prelude)
            except cssselect2.SelectorError:
                continue  # a selector this engine does not know matches nothing here either
            shows_attributes = any(kind == "attr" for kind, _ in parsed.content)
            if parsed.weight is not None or shows_attributes:
                siblings = bool(_SIBLINGS.search(tinycss2.serialize(rule.prelude)))
                plain_ruby &= not siblings
                if siblings:
                    span_classes = None
            for selector in selectors:
                if (parsed.weight is not None or shows_attributes) and span_classes is not None:
                    span_classes = _span_classes(selector, span_classes)
                if shows_attributes:  # of any element of the ruby markup, whatever its class
                    attribute_subjects.add(selector.lower_local_name)
                    plain_ruby &= selector.lower_local_name not in {None, "ruby", "rt", "rp"}
                if parsed.weight is not None:
                    plain_ruby &= not _selects_bare_ruby(selector)
                # User-agent rules lose to every author rule: a lower order and no specificity.
                specificity = (0, 0, 0) if user_agent else selector.specificity
                order += 1
                matcher.add_selector(selector, (not user_agent, specificity, order, parsed))
    return Stylesheet(
        matcher,
        "".join(strings),
        plain_ruby,
        frozenset(attribute_subjects),
        None if span_classes is None else frozenset(span_classes),
    )


def _span_classes(selector: Any, classes: set[str]) -> set[str] | None:
    """`classes` and the class by which a compiled selector may select a `span` with a class
    and no other attribute; None when it may select one of any class (a `span`, `*`, an
    attribute or pseudo-class test, none of which the cut can tell)."""
    if selector.lower_local_name not in {None, "span"} or selector.id:
        return classes
    if selector.class_name is None:
        return None
    return classes | {selector.class_name}


def _selects_bare_ruby(selector: Any) -> bool:
    """Whether a compiled selector may select a `ruby` element without attributes (only such
    are cut out: the weight of `rt` and `rp` does not matter, they count in both)."""
    if selector.class_name or selector.id or selector.requires_lang_attr:
        return False
    return selector.lower_local_name in {None, "ruby"}


def _rules(nodes: Iterable[Any], conditional: bool) -> Iterable[tuple[Any, bool]]:
    for node in nodes:
        kind = getattr(node, "type", None)
        if kind == "qualified-rule":
            yield node, conditional
        elif kind == "at-rule" and node.content is not None:
            keyword = node.lower_at_keyword
            if keyword in {"media", "supports", "layer", "container"}:
                inner = tinycss2.parse_rule_list(node.content, True, True)
                yield from _rules(inner, conditional or keyword != "layer")


def _declarations(content: list[Any], conditional: bool) -> _Rule | None:
    weight: str | None = None
    parts: list[tuple[str, str]] = []
    for declaration in tinycss2.parse_declaration_list(content, True, True):
        if getattr(declaration, "type", None) != "declaration":
            continue
        name = declaration.lower_name
        value = [v for v in declaration.value if v.type not in {"whitespace", "comment"}]
        if name == "font-weight" and value:
            weight = tinycss2.serialize(value).strip().lower()
        elif name == "content":
            for token in value:
                if token.type == "string":
                    parts.append(("string", token.value))
                elif token.type == "function" and token.lower_name == "attr":
                    names = [a for a in token.arguments if a.type == "ident"]
                    if names:
                        parts.append(("attr", names[0].value))
        elif name == "font" and value:  # the shorthand: a bold keyword or number among its parts
            for token in value:
                if token.type == "ident" and token.lower_value in {"bold", "bolder", "lighter"}:
                    weight = token.lower_value
                elif token.type == "number" and token.is_integer and 100 <= token.int_value <= 900:
                    weight = str(token.int_value)
    if weight is None and not parts:
        return None
    return _Rule(weight, tuple(parts), conditional)


def _weight(value: str, parent: int) -> int:
    """A computed font-weight (CSS Fonts 4 §2.2: bolder and lighter from the parent's)."""
    if value == "normal":
        return 400
    if value == "bold":
        return 700
    if value == "bolder":
        return 400 if parent < 350 else 700 if parent < 550 else 900
    if value == "lighter":
        return 100 if parent < 550 else 400 if parent < 750 else 700
    if value.isdigit():
        return int(value)
    return parent  # inherit, unset, initial and the like: as the parent (initial is 400)


def shown_text(document: str | bytes, css: str = "", *, cut_ruby: bool = True) -> tuple[str, str]:
    """The characters `document` shows when rendered with `css`: (regular, bold), unsorted.

    With `cut_ruby` false, ruby markup and text spans are walked element by element, never cut
    out."""
    from lxml import html as lxml_html

    sheet = stylesheet(css)
    regular: list[str] = [sheet.strings]
    bold: list[str] = [sheet.strings]
    if cut_ruby and sheet.plain_ruby and isinstance(document, str) and "<ruby>" in document:
        document, readings = _cut_ruby(document, sheet)
        regular.append(readings)
        bold.append(readings)
    if cut_ruby and sheet.plain_spans is not None and isinstance(document, str):
        document = _cut_spans(document, sheet.plain_spans)
    data = document.encode() if isinstance(document, str) else document
    root = lxml_html.fromstring(data, parser=_parser())

    def walk(element: cssselect2.ElementWrapper, weights: frozenset[int], both: bool) -> None:
        local = element.local_name
        if local in _HIDDEN:
            return
        own, pseudo = _cascade(sheet, element, weights)
        regular.extend(pseudo)
        bold.extend(pseudo)
        both = both or local in _BOTH
        targets = (regular, bold) if both else _targets(own, regular, bold)
        texts = [element.etree_element.text or ""]
        if local == "ol":  # its items' ::marker shows their numbers, "1." (CSS Lists 3 §3)
            regular.append(_markers(element.etree_element))
            bold.append(_markers(element.etree_element))
        for child in element.iter_children():
            walk(child, own, both)
            texts.append(child.etree_element.tail or "")
        # Comments and processing instructions show nothing, but the text after them does.
        texts.extend(n.tail or "" for n in element.etree_element if not isinstance(n.tag, str))
        for target in targets:
            target.extend(texts)

    walk(cssselect2.ElementWrapper.from_html_root(root), frozenset({400}), False)
    return "".join(regular), "".join(bold)


def _cut_ruby(document: str, sheet: Stylesheet) -> tuple[str, str]:
    """`document` without its ruby annotations and bare ruby tags, and the characters of the
    annotations' text.

    Left whole when an annotation holds an element whose attributes the stylesheet shows, or
    when a `ruby` tag has attributes of its own (a rule may select it by them).
    """
    # One pass: split on the annotations, whose text comes out at the odd places.
    parts = _ANNOTATION.split(document)
    found = "".join(parts[1::2])
    if "<" in found:  # elements inside the readings (zhuyin's spans)
        inside = {name.lower() for name in _TAG.findall(found)} | {None}
        if inside & sheet.attribute_subjects:
            return document, ""
        found = _TAG.sub("", found)
    cut = "".join(parts[0::2])
    if cut.count("<ruby") != cut.count("<ruby>"):
        return document, ""
    readings = "".join(set(html.unescape(found) if "&" in found else found))
    return cut.replace("<ruby>", "").replace("</ruby>", ""), readings


def _cut_spans(document: str, selected: frozenset[str]) -> str:
    """`document` with each span that holds text alone and has a class but none of `selected`
    replaced by its text, inner spans first (a tie inside a paragraph's ending)."""

    def text(match: re.Match[str]) -> str:
        return match.group(0) if set(match.group(1).split()) & selected else match.group(2)

    while True:
        cut = _TEXT_SPAN.sub(text, document)
        if len(cut) == len(document):
            return cut
        document = cut


@lru_cache(maxsize=1)
def _parser() -> Any:
    from lxml import html as lxml_html

    # UTF-8 unless the document declares otherwise (the builders write UTF-8).
    return lxml_html.HTMLParser(encoding="utf-8")


def _cascade(
    sheet: Stylesheet, element: cssselect2.ElementWrapper, inherited: frozenset[int]
) -> tuple[frozenset[int], list[str]]:
    """The weights `element` may be set in and the attribute values its pseudo-elements show
    (counted in both weights: a pseudo-element may have a weight of its own)."""
    winner: str | None = None
    maybe: list[str] = []
    shown: list[str] = []
    matched = sorted(
        (payload, pseudo) for _spec, _order, pseudo, payload in sheet.matcher.match(element)
    )
    for (_author, _specificity, _order, rule), pseudo in matched:
        shown.extend(element.etree_element.get(n, "") for kind, n in rule.content if kind == "attr")
        if rule.weight is None or pseudo is not None:
            continue
        if rule.conditional:
            maybe.append(rule.weight)
        else:
            winner = rule.weight  # sorted by origin, specificity and order: the last one wins
    values = {winner} if winner is not None else set()
    values.update(maybe)
    if not values:
        return inherited, shown
    weights = {_weight(value, parent) for value in values for parent in inherited}
    if winner is None:  # only conditional rules: they may not apply
        weights |= inherited
    return frozenset(weights), shown


def _markers(ol: Any) -> str:
    """The decimal markers of an ordered list's items (other list styles are not used)."""
    start = int(ol.get("start", "1")) if ol.get("start", "1").lstrip("-").isdigit() else 1
    count = sum(1 for child in ol if isinstance(child.tag, str))
    return "".join(f"{number}." for number in range(start, start + count))


def _targets(weights: frozenset[int], regular: list[str], bold: list[str]) -> tuple[list[str], ...]:
    is_bold = {weight >= BOLD for weight in weights}
    return tuple(target for flag, target in ((False, regular), (True, bold)) if flag in is_bold)
