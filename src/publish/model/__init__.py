"""The document model: what sources are loaded into and what builders render.

Sources -> **model** -> text processing (pinyin, punctuation) -> builders -> files.

- `document`: the immutable values (inline runs, blocks, articles, collections) and the
  operations on runs (`plain_text`, `rewrite_texts`, `relink`);
- `order`: the reading order, written once (`TEXT_FIELDS`): the walker every format counts
  positions with (`slots`, `reading_order`) and the rewriter text processing uses
  (`map_inlines`, and `map_blocks` for changes by the kind of block).
"""

from .document import (
    Article,
    Block,
    Blocks,
    Collection,
    Emphasis,
    Figure,
    Heading,
    Inline,
    Inlines,
    Interview,
    LineBreak,
    Link,
    ListBlock,
    PageBreak,
    Paragraph,
    Quote,
    Ruby,
    Strong,
    Table,
    Text,
    merge_headlines,
    plain_text,
    relink,
    rewrite_texts,
    walk_runs,
)
from .order import (
    TEXT_FIELDS,
    FieldKind,
    InlineMap,
    Slot,
    block_slots,
    figures,
    iter_inlines,
    map_blocks,
    map_inlines,
    reading_order,
    slots,
    visible_text,
    walk_blocks,
)

__all__ = [
    "TEXT_FIELDS",
    "Article",
    "Block",
    "Blocks",
    "Collection",
    "Emphasis",
    "FieldKind",
    "Figure",
    "Heading",
    "Inline",
    "InlineMap",
    "Inlines",
    "Interview",
    "LineBreak",
    "Link",
    "ListBlock",
    "PageBreak",
    "Paragraph",
    "Quote",
    "Ruby",
    "Slot",
    "Strong",
    "Table",
    "Text",
    "block_slots",
    "figures",
    "iter_inlines",
    "map_blocks",
    "map_inlines",
    "merge_headlines",
    "plain_text",
    "reading_order",
    "relink",
    "rewrite_texts",
    "slots",
    "visible_text",
    "walk_blocks",
    "walk_runs",
]
