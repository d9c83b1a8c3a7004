"""MkDocs hooks: the build's entry points. Each event hands its work to one module.

  on_config        load and check data/ (catalogue), render every page (pages),
                   teach search the project's words (search_words)
  on_files         add the rendered pages to the build
  on_page_markdown fill in shortcodes on hand-written pages (shortcodes)
  on_page_context  language switcher and "edit this page" link (language)
  on_serve         rebuild on data and template edits; build English too (serve)
"""

from __future__ import annotations

from pathlib import Path

import mkdocs.plugins
from mkdocs.exceptions import PluginError

import catalogue as catalogue_module
import language
import pages
import search_words
import serve
import shortcodes
from schema import Schemas

PROJECT = Path(__file__).resolve().parent.parent
TEMPLATES = PROJECT / "templates"
SCHEMAS = PROJECT / "schemas"

# What this build has loaded. on_config fills it again for every build, so a
# `mkdocs serve` rebuild never sees the previous build's data.
build = {}


def on_startup(command, dirty):
    serve.started(command)


# First of all on_config handlers: a bad data file stops the build before any
# plugin has done work.
@mkdocs.plugins.event_priority(100)
def on_config(config):
    root = Path(config.config_file_path).resolve().parent
    try:
        data = catalogue_module.load(root / "data", Schemas(SCHEMAS), root)
    except catalogue_module.DataError as error:
        # Raised before MkDocs cleans site/, so the previous site stays whole.
        raise PluginError(str(error)) from None
    renderer = pages.Renderer(TEMPLATES, config.theme["language"])
    plan = pages.plan(data)
    handwritten = sorted(
        (p.relative_to(config.docs_dir).as_posix() for p in Path(config.docs_dir).rglob("*.md")),
        key=lambda path: (path != "index.md", path),
    )
    config.nav = pages.nav(data, renderer, handwritten)
    search_words.teach(data)
    build.clear()
    build.update(
        catalogue=data,
        renderer=renderer,
        plan=plan,
        sources={page.path: page.source for page in plan},
        edit_root=language.data_edit_root(config),
    )
    return config


def on_files(files, config):
    for file in pages.files(build["plan"], build["renderer"], config, {"catalogue": build["catalogue"]}):
        files.append(file)
    return files


def on_page_markdown(markdown, page, config, files):
    return shortcodes.expand(markdown, page, build["catalogue"], build["renderer"])


def on_page_context(context, page, config, nav):
    config.extra["alternate"] = language.alternates(config, page.url)
    source = build["sources"].get(page.file.src_uri)
    if source and build["edit_root"]:
        page.edit_url = build["edit_root"] + source
    return context


def on_serve(server, config, builder):
    serve.watch(server, [PROJECT / "data", TEMPLATES, SCHEMAS])
    return server


def on_post_build(config):
    serve.build_other_languages(config)
