"""Preview rebuilds that render only the pages that changed.

After its first build, `make serve` (preview.py) rebuilds each language with
MkDocs' dirty builds. MkDocs cannot tell which generated pages changed (their
content is in memory, so it renders them all); here a page is rendered again
when its Markdown differs from the previous build's, and every page is when
something all pages show has changed: the navigation (its titles included),
a theme file or a config file.

Dirty builds keep the previous search index and add the pages they render.
Material replaces only the first of those pages' old entries (and all of them
when that page is the home page), so the merge is done here instead.
"""

from __future__ import annotations

from pathlib import Path

import jinja2

state = {"dirty": False, "markdown": {}, "inputs": None}


class _CompiledTemplates(jinja2.BytecodeCache):
    """MkDocs makes a new theme environment for every build, which compiles
    every theme template again: nearly half of a small site's build. The
    compiled code is kept for the process, for a preview's rebuilds and for
    the tests' builds of fixture sites (Jinja keys it by each template's
    file and checks its source, so an edit still counts)."""

    def __init__(self):
        self.code = {}

    def load_bytecode(self, bucket):
        if bucket.key in self.code:
            bucket.bytecode_from_string(self.code[bucket.key])

    def dump_bytecode(self, bucket):
        self.code[bucket.key] = bucket.bytecode_to_string()


compiled_templates = _CompiledTemplates()


def keep_compiled_templates(env) -> None:
    env.bytecode_cache = compiled_templates


def started(dirty: bool) -> None:
    state.update(dirty=dirty, markdown={}, inputs=None)


def mark_changed(files, config, markdown_of) -> None:
    """Tell MkDocs, page by page, whether this rebuild must render it.

    markdown_of(file) is the Markdown a page is built from, shortcodes filled in.
    """
    if not state["dirty"]:
        return
    inputs = (repr(config.nav), _modification_times(config))
    everything = inputs != state["inputs"]
    markdown = {file.src_uri: markdown_of(file) for file in files.documentation_pages()}
    for file in files.documentation_pages():
        file.is_modified = _always(everything or markdown[file.src_uri] != state["markdown"].get(file.src_uri))
    state.update(markdown=markdown, inputs=inputs)


def _always(value: bool):
    return lambda: value


def _modification_times(config) -> tuple:
    """Theme files and configs: what every page shows besides its own Markdown."""
    root = Path(config.config_file_path).parent
    paths = list(root.glob("mkdocs*.yml"))
    if config.theme.custom_dir:
        paths += [path for path in Path(config.theme.custom_dir).rglob("*") if path.is_file()]
    return tuple(sorted((str(path), path.stat().st_mtime_ns) for path in paths))


def merge_search_index(config) -> None:
    """Before Material writes the index: the previous entries of every page
    not rendered this time, then this build's entries."""
    search = config.plugins.get("material/search")
    previous = getattr(search, "search_index_prev", None)
    if not state["dirty"] or previous is None:
        return
    rendered = {entry["location"].split("#")[0] for entry in search.search_index.entries}
    kept = [entry for entry in previous.entries if entry["location"].split("#")[0] not in rendered]
    search.search_index.entries = kept + search.search_index.entries
    search.search_index_prev = None
