"""Raw HTML that Markdown would only copy, kept out of its way.

A generated page is Markdown around large blocks of HTML (tables, cards,
charts), which Markdown passes on as they are. To find where such a block
ends, it parses the whole block, and MkDocs parses it once more for the ids
that links may point to: about a quarter of a build's time. A template marks
such a block with the `html_block` filter, which sets it aside and leaves a
comment in its place; after Markdown, `restore` puts the block back and
names the ids it holds, so that MkDocs still checks the links to them.
"""

from __future__ import annotations

import hashlib
import html
import re

from markupsafe import Markup

# A block's place in the Markdown: a comment, which Markdown copies wherever it stands.
MARK = re.compile(r"<!--zoo-html ([0-9a-f]{24})-->")
# The blocks are the templates' own output: every attribute value is quoted and escaped.
ID = re.compile(r'\sid="([^"]*)"')


class Blocks:
    """The blocks of one build of one language, by their content's digest."""

    def __init__(self):
        self.held = {}

    def clear(self) -> None:
        self.held.clear()

    def hold(self, body) -> Markup:
        """The filter: the block's mark, followed by the line breaks that ended the block."""
        text = str(body)
        block = text.rstrip("\n")
        # A block within a block (a citation in a table) is put back into it now.
        content = self.put_back(block)
        key = hashlib.blake2b(content.encode(), digest_size=12).hexdigest()
        self.held[key] = content
        return Markup(f"<!--zoo-html {key}-->{text[len(block):]}")

    def put_back(self, text: str) -> str:
        """The text with each mark replaced by its block (a mark of no block stays as it is)."""
        return MARK.sub(lambda mark: self.held.get(mark[1], mark[0]), text)

    def restore(self, page: str) -> tuple[str, set[str]]:
        """A converted page with its blocks put back, and the ids they hold."""
        ids = set()
        for mark in MARK.finditer(page):
            ids.update(html.unescape(value) for value in ID.findall(self.held.get(mark[1], "")))
        return self.put_back(page), ids
