"""Rich text as plain text, for excerpts, descriptions and the search index."""

import html
import re

from django.utils.html import strip_tags

# The end of a block (a paragraph, a list item, a heading …) or a line break:
# where the words of two blocks would otherwise run together ("Technology.Its").
_BLOCK_END = re.compile(r"(</(?:p|li|h[1-6]|div|blockquote|td|th|dd|dt|figcaption)\s*>|<br\s*/?>)", re.IGNORECASE)


def plain_text(value):
    """``value`` (rich text, HTML or plain) without its tags and entities, with a
    space where one block of text ends and the next begins."""
    return html.unescape(strip_tags(_BLOCK_END.sub(r"\1 ", str(value or ""))))
