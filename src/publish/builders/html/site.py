"""The HTML site's shape: its pages and the typed context every web template gets.

Builders step (HTML). Pure functions of the finished model and settings: which pages the site
has, how the index groups the articles, and what the toolbar offers. Nothing here renders or
writes; `publish.builders.html` does that.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from ...config import SIZES, Settings, SizePreset
from ...model import Article, Collection

INDEX = "index.html"
STYLESHEET = "style.css"
SCRIPT = "site.js"
IMAGES = "images"
FONTS = "fonts"


@dataclass(frozen=True, slots=True)
class Section:
    """One category of the index page, with its articles newest first."""

    category: tuple[str, ...]
    """The category path, outermost first; empty for articles without a category."""
    anchor: str
    """The id of the section's heading on the index page."""
    articles: tuple[Article, ...]
    """The articles of this category, newest first (undated ones last, in reading order)."""


@dataclass(frozen=True, slots=True)
class Site:
    """What every web template gets as `site`: the collection and how the site presents it."""

    collection: Collection
    """The collection after text processing."""
    settings: Settings
    """The build's settings; `settings.size` is the page's size without JavaScript."""
    sizes: tuple[SizePreset, ...]
    """The 字体 buttons, largest first as on the original page's 【字体：大 中 小】."""
    pinyin: bool
    """The site was built with readings (so the 拼音 开/关 buttons are offered)."""
    pinyin_words: bool
    """Readings are set per word rather than per character."""
    sections: tuple[Section, ...]
    """The index page's groups, the one with the newest article first."""

    @property
    def default_size(self) -> SizePreset:
        """The body size without JavaScript or a stored choice."""
        return self.settings.size

    def section_of(self, article: Article) -> Section:
        """The index section an article is listed in."""
        return next(s for s in self.sections if s.category == article.category)


@dataclass(frozen=True, slots=True)
class ArticlePage:
    """What an article page's template gets as `page`."""

    article: Article
    """The article."""
    previous: Article | None
    """The article before it in reading order."""
    next: Article | None
    """The article after it in reading order."""


def plan_site(collection: Collection, settings: Settings) -> Site:
    """The site of `collection`: its index sections and toolbar."""
    sizes = tuple(sorted(SIZES.values(), key=lambda preset: -preset.pt))
    return Site(
        collection=collection,
        settings=settings,
        sizes=sizes,
        pinyin=settings.pinyin,
        pinyin_words=settings.html.pinyin_words,
        sections=index_sections(collection.articles),
    )


def article_pages(collection: Collection) -> list[ArticlePage]:
    """One page per article, linked to its neighbours in reading order."""
    articles = collection.articles
    return [
        ArticlePage(
            article,
            articles[i - 1] if i > 0 else None,
            articles[i + 1] if i + 1 < len(articles) else None,
        )
        for i, article in enumerate(articles)
    ]


def index_sections(articles: tuple[Article, ...]) -> tuple[Section, ...]:
    """Articles grouped by category path; sections and their articles newest first.

    Sections are ordered by their newest article (a news site's front page shows what is new),
    ties by category; articles without a category come last, as do undated articles within a
    section. Sorting is stable, so equal dates keep the manifest's reading order.
    """
    groups: dict[tuple[str, ...], list[Article]] = {}
    for article in articles:
        groups.setdefault(article.category, []).append(article)
    sections = [
        (category, tuple(sorted(members, key=_newest_first)))
        for category, members in groups.items()
    ]
    sections.sort(key=lambda item: (not item[0], _newest_first(item[1][0]), item[0]))
    return tuple(
        Section(category, f"section-{number}", members)
        for number, (category, members) in enumerate(sections, start=1)
    )


def _newest_first(article: Article) -> tuple[bool, float]:
    when: datetime | None = article.date
    return (when is None, -when.timestamp() if when is not None else 0.0)
