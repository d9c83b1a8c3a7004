"""Shortcodes in hand-written pages: `<!-- zoo:name -->` becomes a rendered block.

Hand-written pages stay Markdown that anyone can edit; the parts that must
follow the data (such as the counts on the home page) come from templates.
"""

from __future__ import annotations

import re

from mkdocs.exceptions import PluginError

SHORTCODE = re.compile(r"<!--\s*zoo:([a-z-]+)\s*-->")
KNOWN = {"counts": "shortcodes/counts.html.j2", "contributing": "shortcodes/contributing.html.j2"}


def expand(markdown: str, path: str, context: dict, renderer) -> str:
    """The page at `path` (e.g. index.md) with its shortcodes rendered; they see
    what generated pages see (the site, the contribute links)."""
    def replace(match):
        name = match.group(1)
        if name not in KNOWN:
            raise PluginError(f"{path}: unknown shortcode zoo:{name}; known: {', '.join(KNOWN)}")
        return renderer.render_template(KNOWN[name], path, **context)

    return SHORTCODE.sub(replace, markdown)
