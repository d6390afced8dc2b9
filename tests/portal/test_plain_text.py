"""Rich text turned into plain text keeps the words of two paragraphs apart:
the site search's excerpts, the pages' descriptions and the search index once
read "Technology.Its" where one paragraph ended and the next began."""

from portal.seo import plain_summary
from portal.text import plain_text
from search.templatetags.search_tags import excerpt
from search.text import searchable_text

RICH = (
    "<p>Mobile Communication Technology.</p><p>Its international office&nbsp;welcomes partners.</p>"
    "<ul><li>one</li><li>two</li></ul>line<br>break"
)


def test_blocks_are_kept_apart():
    words = plain_text(RICH).split()
    assert "Technology." in words and "Its" in words
    assert "one" in words and "two" in words and "line" in words and "break" in words


def test_excerpts_descriptions_and_the_index_read_two_paragraphs_as_two():
    assert "Technology. Its international office welcomes partners." in excerpt(RICH, ["office"])
    assert plain_summary(RICH).startswith("Mobile Communication Technology. Its international")
    assert "technology its" in searchable_text(RICH)


def test_plain_text_of_nothing_is_empty():
    assert plain_text(None) == "" and plain_text("") == ""
