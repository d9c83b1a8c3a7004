"""Every kind of page the site has, with one page of each for the browser.

Whole-site properties (links, anchors, languages, descriptions, page weight)
are checked on every page from the built files. What only a browser shows
(accessibility, layout on a phone, console errors, requests) is checked on
one page per kind and language: a new page template means one new entry here,
not a browser run over hundreds of pages. A test fails when a built page is of
no kind listed here.

Each kind's example is derived from the data, and is the most demanding page
of its kind (the longest table, the entry with the most links), so that it
follows the data instead of naming today's records.
"""

from __future__ import annotations

import functools
import re
from dataclasses import dataclass
from typing import Callable

from expected import Data
from tradeoff_data import Tradeoffs
from zoo_models import Zoo


@dataclass(frozen=True)
class Kind:
    name: str
    pattern: str  # the page's path within its language, as a regular expression
    example: Callable[[Data], str]
    # For patterns that several kinds share: the ids a page of this kind has.
    ids: Callable[[Data], set] | None = None


def largest_table(data: Data) -> tuple[dict, dict]:
    return max(data.tables, key=lambda table: len(data.rows_of(*table)))


def largest_section(data: Data) -> dict:
    return max(data.sections, key=lambda section: (len(section.get("models", [])), section["id"]))


def compared(data: Data) -> str:
    """Two models of the largest table and one from another section."""
    section, benchmark = largest_table(data)
    picked = [row.model["id"] for row in data.rows_of(section, benchmark)[:2]]
    other = next(model["id"] for owner, model in data.models if owner is not section)
    return "compare/?m=" + ",".join(picked + [other])


@functools.cache
def tradeoffs(root) -> Tradeoffs:
    return Tradeoffs(root)


@functools.cache
def zoo(root) -> Zoo:
    return Zoo(root)


def busiest_target(data: Data) -> str:
    """The hardware target the most models run on."""
    return max(zoo(data.root).on_target().items(), key=lambda item: (len(item[1]), item[0]))[0]


def leaderboard_ids(data: Data, charted: bool) -> set:
    """Leaderboards with trade-off charts (charted) or without."""
    found = tradeoffs(data.root)
    with_charts = {f"{b.section}/{b.id}" for b in found.with_tradeoffs}
    return with_charts if charted else {f"{b.section}/{b.id}" for b in found.benchmarks} - with_charts


def category_ids(data: Data) -> set:
    return {category["id"] for category in data.categories}


def entry_ids(data: Data) -> set:
    return {entry["id"] for _, entry in data.entries}


KINDS = [
    Kind("home", r"", lambda data: ""),
    Kind("hand-written page", r"about/", lambda data: "about/"),
    Kind("model zoo overview", r"models/", lambda data: "models/"),
    Kind("model zoo section", r"models/[^/]+/", lambda data: f"models/{largest_section(data)['id']}/"),
    Kind("model page", r"models/[^/]+/[^/]+/", lambda data: zoo(data.root).most_results().path),
    Kind("hardware index", r"hardware/", lambda data: "hardware/"),
    Kind("hardware page", r"hardware/[^/]+/", lambda data: f"hardware/{busiest_target(data)}/"),
    Kind("leaderboard index", r"leaderboards/", lambda data: "leaderboards/"),
    Kind("leaderboard", r"leaderboards/(?P<id>[^/]+/[^/]+)/",
         lambda data: "leaderboards/{}/".format(max(leaderboard_ids(data, False), key=lambda key: (
             len(next(b for b in tradeoffs(data.root).benchmarks if f"{b.section}/{b.id}" == key).results), key))),
         lambda data: leaderboard_ids(data, False)),
    Kind("trade-off leaderboard", r"leaderboards/(?P<id>[^/]+/[^/]+)/",
         lambda data: "leaderboards/{0.section}/{0.id}/".format(tradeoffs(data.root).largest()),
         lambda data: leaderboard_ids(data, True)),
    Kind("compare view", r"compare/", compared),
    Kind("atlas home", r"atlas/", lambda data: "atlas/"),
    Kind("atlas category", r"atlas/(?P<id>[^/]+)/",
         lambda data: "atlas/{}/".format(max(data.categories, key=lambda c: sum(
             owner == c["id"] for owner, _ in data.entries))["id"]),
         category_ids),
    Kind("atlas entry", r"atlas/(?P<id>[^/]+)/",
         lambda data: "atlas/{}/".format(max(data.entries, key=lambda item: len(item[1]["links"]))[1]["id"]),
         entry_ids),
    Kind("tag index", r"tags/", lambda data: "tags/"),
    Kind("use the data", r"open-data/", lambda data: "open-data/"),
    Kind("what's new", r"whats-new/", lambda data: "whats-new/"),
    Kind("404", r"404\.html", lambda data: "no-such-page/"),
]


def kinds_of(path: str, data: Data) -> list[str]:
    """The kinds whose pattern (and ids) fit a page path within its language, e.g. "models/detection/"."""
    found = []
    for kind in KINDS:
        match = re.fullmatch(kind.pattern, path)
        if match and (kind.ids is None or match.group("id") in kind.ids(data)):
            found.append(kind.name)
    return found


def examples(data: Data) -> dict[str, str]:
    """{kind: the path of its example page within a language}."""
    return {kind.name: kind.example(data) for kind in KINDS}


def key_pages(data: Data) -> dict[str, str]:
    """The pages Lighthouse looks at: the home page, the longest table page, the entry with the most links,
    and the pages a reader choosing by trade-off reads: a model page, a trade-off leaderboard, a hardware page."""
    kinds = examples(data)
    return {"home": kinds["home"], "largest table page": kinds["model zoo section"], "atlas entry": kinds["atlas entry"],
            **{kind: kinds[kind] for kind in LIGHTHOUSE_KINDS}}


# Kinds Lighthouse reads under their own name (`make audit`, tests/audit.py).
LIGHTHOUSE_KINDS = ("model page", "trade-off leaderboard", "hardware page")
