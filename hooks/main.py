"""MkDocs hooks: the build's entry points. Each event hands its work to one module.

  on_startup       note whether this is a preview, which rebuilds incrementally
  on_config        load and check data/ (catalogue), derive what pages show (views),
                   plan every page and the navigation (pages), teach search the
                   project's words (search_words), read the issue forms that pages
                   link to (contribute)
  on_files         add the rendered pages, the Atom feed of What's new (news), and
                   the open data (open_data), robots.txt and the sitemap index
                   (discovery) to the build; in a preview rebuild, mark which
                   pages changed (incremental)
  on_env           compile the theme's templates once per process: a preview's rebuilds,
                   the tests' builds (incremental)
  on_page_markdown fill in shortcodes on hand-written pages (shortcodes)
  on_page_content  put back the raw HTML blocks set aside while Markdown converted
                   the page (raw_html)
  on_page_context  language switcher and "edit this page" link (language)
  on_post_build    in a preview rebuild, keep the search index whole (incremental);
                   write the sitemap again with each page's last change (discovery)

`make serve` runs tools/preview.py, which builds each language in its own process.
"""

from __future__ import annotations

import datetime
from pathlib import Path

import mkdocs.plugins
from mkdocs.exceptions import PluginError
from mkdocs.structure.files import File

# MkDocs puts this file's folder first on sys.path while it loads it.
from zoosite import catalogue as catalogue_module
from zoosite import (contribute, data_files, discovery, history, incremental, language, news, open_data, pages,
                     search_words, shortcodes, views)
from zoosite.schema import Schemas

PROJECT = Path(__file__).resolve().parent.parent
TEMPLATES = PROJECT / "templates"
SCHEMAS = PROJECT / "schemas"

# What this build has loaded. on_config fills it again for every build, so a
# preview rebuild never sees the previous build's data.
build = {}

# What a process keeps from one build to the next (a preview worker builds many
# times): the compiled schemas and the template environment, made again when
# their files change. Jinja reloads an edited template by itself.
kept = {}


def keep(key: str, files: list[Path], make):
    stamp = [(path, path.stat().st_mtime_ns) for path in files]
    if key not in kept or kept[key][0] != stamp:
        kept[key] = (stamp, make())
    return kept[key][1]


def on_startup(command, dirty):
    incremental.started(dirty)


# First of all on_config handlers: a bad data file stops the build before any
# plugin has done work.
@mkdocs.plugins.event_priority(100)
def on_config(config):
    root = Path(config.config_file_path).resolve().parent
    # MkDocs would read (and publish) a page through a symbolic link.
    if links := data_files.refused(Path(config.docs_dir), root):
        raise PluginError("\n".join(map(str, links)) + "\nnothing was built.")
    try:
        schemas = keep("schemas", sorted(SCHEMAS.glob("*.json")), lambda: Schemas(SCHEMAS))
        data = catalogue_module.load(root / "data", schemas, root)
        lang = config.theme["language"]
        renderer = keep(f"renderer-{lang}", [TEMPLATES / "strings.yml", *sorted(SCHEMAS.glob("*.json"))],
                        lambda: pages.Renderer(TEMPLATES, lang, schemas))
    except catalogue_module.DataError as error:
        # Raised before MkDocs cleans site/, so the previous site stays whole.
        raise PluginError(str(error)) from None
    site = views.build(data, schemas)
    plan = pages.plan(site)
    config.nav = pages.nav(site, renderer, Path(config.docs_dir))
    if lang == "zh":
        # Only the Chinese index is segmented (Material runs jieba on Han text
        # only). The search plugin loads the file in its own on_config, after this one.
        search = config.plugins["material/search"]
        search.config.jieba_dict_user = search_words.dictionary(site, root / ".cache" / "search-words.txt")
    context = page_context(config, site, root)
    config.extra["discovery"] = discovery.head(config, context["address"], renderer)
    renderer.blocks.clear()
    build.clear()
    build.update(
        renderer=renderer,
        plan=plan,
        data_files={page.path: page.data_file for page in plan},
        # What dates each generated page in the sitemap.
        sources={page.path: page.dated_by or page.data_file for page in plan},
        edit_root=language.data_edit_root(config),
        context=context,
    )
    return config


def page_context(config, site, root: Path) -> dict:
    """What every page template sees besides its own part of the data."""
    days = config.extra.get("freshness_days")
    own = next(language for language in config.extra["languages"] if language["lang"] == config.theme["language"])
    address = language.address(config)
    return {
        "site": site,
        "lang_prefix": own["prefix"],
        "site_root": language.site_root(config)[1],
        "address": address,
        "absolute": lambda path, anchor="": address.page(path, own["lang"], anchor),
        "site_name": config.site_name,
        "repo_url": config.repo_url,
        # The commit of data/ that the open data comes from, or "unknown".
        "generated_from": history.data_commit(root),
        # Dates from git; none without history, never the build time.
        "updated": history.last_changes(root),
        # What's new: the latest data commits' changes; None without history.
        "updates": news.updates(root),
        "limit": news.LIMIT,
        "feed": discovery.feed_url(address, own["lang"]),
        # Sources published before this date get a notice.
        "freshness_limit": (datetime.date.today() - datetime.timedelta(days=days)).isoformat() if days else None,
        "freshness_days": days,
        # The repository's guide and issue forms, for the links that invite contributions.
        "contribute": contribute.of(config, language.data_edit_root(config), PROJECT),
    }


def on_env(env, config, files):
    incremental.keep_compiled_templates(env)
    return env


def on_files(files, config):
    renderer, context = build["renderer"], build["context"]
    for file in pages.files(build["plan"], renderer, config, context):
        files.append(file)
    files.append(File.generated(config, "feed.xml", content=renderer.render_template("feed.xml.j2", "feed.xml", **context)))
    # One copy of the open data, robots.txt and the sitemap index for all languages, from the first language's build.
    if config.theme["language"] == config.extra["languages"][0]["lang"]:
        shared = open_data.files(context["site"], context["address"], context["generated_from"], renderer.strings, SCHEMAS)
        shared.update(discovery.shared_files(context["address"], renderer))
        for path, content in shared.items():
            files.append(File.generated(config, path, content=content))
    build["files"] = files
    incremental.mark_changed(files, config, lambda file: page_markdown(file.content_string, file.src_uri))
    return files


def page_markdown(markdown: str, path: str) -> str:
    return shortcodes.expand(markdown, path, build["context"], build["renderer"])


def on_page_markdown(markdown, page, config, files):
    return page_markdown(markdown, page.file.src_uri)


# Before any plugin reads the page's HTML.
@mkdocs.plugins.event_priority(100)
def on_page_content(html, page, config, files):
    html, ids = build["renderer"].blocks.restore(html)
    page.present_anchor_ids |= ids
    return html


def on_page_context(context, page, config, nav):
    config.extra["alternate"] = language.alternates(config, page.url)
    data_file = build["data_files"].get(page.file.src_uri)
    if data_file and build["edit_root"]:
        page.edit_url = build["edit_root"] + data_file
    return context


# Before Material's search plugin writes the index.
@mkdocs.plugins.event_priority(50)
def on_post_build(config):
    incremental.merge_search_index(config)
    root = Path(config.config_file_path).resolve().parent
    docs = Path(config.docs_dir).resolve().relative_to(root).as_posix()
    discovery.write_sitemap(Path(config.site_dir), build["files"], build["context"]["address"], config.theme["language"],
                            docs, build["sources"], build["context"]["updated"], build["renderer"])
