"""Render the data into pages: one Jinja template per kind of page.

Pages are added to the build with File.generated, so nothing is ever written
into docs/. Each page remembers the data file it comes from, which becomes its
"edit this page" link.
"""

from __future__ import annotations

import html
import re
from collections.abc import Mapping
from dataclasses import dataclass
from functools import partial
from pathlib import Path
from urllib.parse import quote, urlsplit

import jinja2
from markupsafe import Markup
from mkdocs.structure.files import File, InclusionLevel
from mkdocs.utils import get_markdown_title, get_relative_url, meta

from . import charts, linked_data, open_data
from .raw_html import Blocks
from .views import page_url
from .catalogue import DataError
from .yaml_strict import YamlProblem, read

WEB_URL = re.compile(r"https?://[^\s<>\"'`]+")
# Every ASCII punctuation mark can start Markdown syntax somewhere (links,
# emphasis, attribute lists, autolinks); as a numeric character reference it is
# shown as itself and means nothing to Markdown.
MARKDOWN_PUNCTUATION = re.compile(r"[!-/:-@\[-`{-~]")


@dataclass
class Page:
    path: str  # e.g. "models/detection.md"
    template: str
    context: dict
    data_file: str  # the data file that holds this page's content
    in_nav: bool = True
    dated_by: str | None = None  # what its date in the sitemap comes from, when not its data file


class Renderer:
    """The Jinja environment for one language, loaded once per build."""

    def __init__(self, templates: Path, lang: str, schemas):
        self.lang = lang
        self.strings = interface_strings(templates, schemas)
        self.env = jinja2.Environment(
            loader=jinja2.FileSystemLoader(templates),
            autoescape=True,
            undefined=jinja2.StrictUndefined,
            trim_blocks=True,
            lstrip_blocks=True,
            keep_trailing_newline=True,
        )
        # Raw HTML blocks, set aside while Markdown converts the page (raw_html.py).
        self.blocks = Blocks()
        self.env.filters.update(tr=self.tr, md=markdown_text, host_path=host_path, address=self.address,
                                description=description, ordinal=self.ordinal, html_block=self.blocks.hold)
        self.env.tests["web_url"] = lambda value: isinstance(value, str) and WEB_URL.fullmatch(value) is not None
        self.env.globals.update(t=self.t, forms=self.forms, lang=lang, linked_data=linked_data,
                                downloads=open_data.downloads)
        # Chart geometry (hooks/charts.py), with labels in this page's language.
        self.env.globals.update(ranking=partial(charts.ranking, tr=self.tr), pair=partial(charts.pair, tr=self.tr),
                                tradeoff=partial(charts.tradeoff, tr=self.tr))

    def tr(self, value):
        """A name or text in this page's language: plain strings are the same in both."""
        if isinstance(value, Mapping):
            return value[self.lang]
        return value

    def address(self, value: str) -> str:
        """A non-web address as text; English pages show non-ASCII characters
        percent-encoded (the same address, as a browser sends it)."""
        return value if self.lang == "zh" else quote(value, safe="/:#?&=@!$'()*+,;~.-_%")

    def ordinal(self, number: int) -> str:
        """A place in a ranking: 3rd in English; Chinese writes 第 3 名 around the bare number."""
        if self.lang != "en":
            return str(number)
        suffix = "th" if number % 100 in (11, 12, 13) else {1: "st", 2: "nd", 3: "rd"}.get(number % 10, "th")
        return f"{number}{suffix}"

    def t(self, key: str, count: int | None = None, **values) -> str:
        """An interface string; one that takes a count is given it, and English
        picks the form for it (1 entry, 2 entries)."""
        forms = self.forms(key)
        if (count is None) != (forms is None):
            wanted = "is given a count" if forms else "has one/other forms"
            raise KeyError(f"templates/strings.yml: the interface string '{key}' takes a count only if it {wanted}")
        if forms:
            text, values = forms["one" if count == 1 else "other"], {**values, "count": count}
        else:
            text = self.strings[key][self.lang]
        return text.format(**values) if values else text

    def forms(self, key: str) -> dict | None:
        """A counted string's forms in this language, {one, other} (the same
        text twice in Chinese), for scripts that count; None for other strings."""
        if key not in self.strings:
            raise KeyError(f"templates/strings.yml has no interface string '{key}'")
        text = self.strings[key]
        if not isinstance(text["en"], Mapping):
            return None
        own = text[self.lang]
        return dict(own) if isinstance(own, Mapping) else {"one": own, "other": own}

    def render(self, page: Page, extra: dict) -> str:
        return self.render_template(f"pages/{page.template}", page.path, data_file=page.data_file, **extra, **page.context)

    def render_template(self, name: str, path: str, **context) -> str:
        """Render a template for the page at `path`; href() links relative to it."""
        current = page_url(path)

        def href(target: str, anchor: str = "") -> str:
            url = get_relative_url(page_url(target), current)
            return url + (f"#{anchor}" if anchor else "")

        return self.env.get_template(name).render(**context, href=href)


def interface_strings(templates: Path, schemas) -> dict:
    """templates/strings.yml, checked against its schema like a data file; raise DataError."""
    path = templates / "strings.yml"
    try:
        document = read(str(path), f"{path.parent.name}/{path.name}")
    except YamlProblem as error:
        raise DataError([error.problem]) from None
    problems = schemas.check("ui-strings", document).problems
    if problems:
        raise DataError(problems)
    return document.data["strings"]


def markdown_text(value) -> Markup:
    """Text that must pass through Markdown (headings) and stay text."""
    return Markup(MARKDOWN_PUNCTUATION.sub(lambda m: f"&#{ord(m.group())};", str(value)))


SENTENCE_END = re.compile(r"[。！？；.!?;](?=\s|$)|[。！？；]")


def description(text: str, limit: int = 160) -> str:
    """A page's meta description: its text, cut after the last whole sentence
    that fits (search engines show about this much)."""
    if len(text) <= limit:
        return text
    ends = [m.end() for m in SENTENCE_END.finditer(text, 0, limit)]
    return text[: ends[-1]] if ends else text[: limit - 1].rstrip() + "…"


def host_path(url: str) -> str:
    parts = urlsplit(url)
    return parts.netloc + parts.path


def plan(site) -> list[Page]:
    """Every generated page, in navigation order."""
    pages = [Page("models/index.md", "models-overview.md.j2", {}, "data/model-areas.yml")]
    pages += [Page(s.page, "model-section.md.j2", {"section": s}, s.data_file) for s in site.sections]
    pages += [Page(m.page, "model.md.j2", {"model": m, "section": site.section[m.section]}, m.data_file, in_nav=False)
              for m in site.models]
    pages.append(Page("hardware/index.md", "hardware-index.md.j2", {}, "data/hardware.yml"))
    pages += [Page(h.page, "hardware.md.j2", {"hardware": h}, "data/hardware.yml", in_nav=False) for h in site.hardware]
    pages.append(Page("leaderboards/index.md", "leaderboards.md.j2", {}, "data/model-areas.yml"))
    pages += [Page(t.leaderboard, "leaderboard.md.j2", {"table": t}, t.data_file, in_nav=False) for t in site.tables]
    pages.append(Page("compare.md", "compare.md.j2", {}, "templates/pages/compare.md.j2", in_nav=False))
    pages.append(Page("atlas/index.md", "atlas-home.md.j2", {}, "data/atlas-categories.yml"))
    pages += [Page(c.page, "atlas-category.md.j2", {"category": c}, c.data_file) for c in site.categories]
    pages += [Page(e.page, "atlas-entry.md.j2", {"entry": e}, e.data_file, in_nav=False) for e in site.entries]
    pages.append(Page("tags.md", "tags.md.j2", {}, "data/tags.yml"))
    # Written from all of the data; its edit link opens the template.
    pages.append(Page("open-data.md", "open-data.md.j2", {}, "templates/pages/open-data.md.j2", dated_by="data/"))
    # Written from the history of data/.
    pages.append(Page("whats-new.md", "whats-new.md.j2", {}, "templates/pages/whats-new.md.j2", dated_by="data/"))
    return pages


def nav(site, renderer: Renderer, docs: Path) -> list:
    """The navigation: hand-written pages around the data-driven parts.

    Built from the data so that a new section or category file appears without
    editing mkdocs.yml; atlas entries stay out of it (they are listed on their
    category pages), which keeps every page small. Every page is listed with
    its title, so that a preview rebuild, which reads only the pages that
    changed, still names all the others.
    """
    # The theme prints navigation titles as HTML, so they are escaped here.
    def item(title: str, path: str) -> dict:
        return {html.escape(title): path}

    zoo = [item(renderer.t("zoo.title"), "models/index.md")]
    for area in site.areas:
        sections = [item(renderer.tr(s.title), s.page) for s in area.sections]
        if len(sections) == 1:
            zoo += sections
        elif sections:
            zoo.append({html.escape(renderer.tr(area.name)): sections})
    atlas = [item(renderer.t("atlas.title"), "atlas/index.md")]
    atlas += [item(renderer.tr(c.name), c.page) for c in site.categories]
    handwritten = [item(markdown_title(path), path.relative_to(docs).as_posix())
                   for path in sorted(docs.rglob("*.md"), key=lambda path: (path.name != "index.md", path))]
    home, *rest = handwritten
    zoo.append(item(renderer.t("leaderboards.title"), "leaderboards/index.md"))
    zoo.append(item(renderer.t("hardware.title"), "hardware/index.md"))
    return [home, {html.escape(renderer.t("nav.zoo")): zoo}, {html.escape(renderer.t("nav.atlas")): atlas},
            item(renderer.t("tags.title"), "tags.md"), item(renderer.t("nav.data"), "open-data.md"),
            item(renderer.t("news.title"), "whats-new.md"), *rest]


def markdown_title(path: Path) -> str:
    """A hand-written page's title: its first heading, as MkDocs would take it."""
    markdown, _ = meta.get_data(path.read_text(encoding="utf-8"))
    return get_markdown_title(markdown) or path.stem


def files(pages: list[Page], renderer: Renderer, config, extra: dict) -> list[File]:
    generated = []
    for page in pages:
        file = File.generated(config, page.path, content=renderer.render(page, extra))
        if not page.in_nav:
            file.inclusion = InclusionLevel.NOT_IN_NAV
        generated.append(file)
    return generated
