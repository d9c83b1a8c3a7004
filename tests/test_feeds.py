"""What's new and the Atom feeds, built from a fixture repository whose history
has known changes on known dates, and from a clone without that history."""

from __future__ import annotations

import os
import shutil
import subprocess
from pathlib import Path

import feedparser
import pytest

from sites import FIXTURES, build_both, copy_project, point_at_schema
from test_diff import DELTA, edit

SITE_URL = "https://paddle-atlas.github.io/"
DATES = ("2026-01-10T09:00:00+08:00", "2026-02-14T10:30:00+00:00", "2026-03-01T08:15:00+00:00")

SAW = """  - id: saw
    name: {zh: 锯子, en: Saw}
    summary: {zh: 一把锯子。, en: A saw.}
    tags: [deploy]
    links:
      - {title: Saw, url: "https://github.com/example/saw"}
"""


def git(root: Path, *args: str, date: str | None = None) -> str:
    identity = ["-c", "user.name=t", "-c", "user.email=t@example.com"]
    env = {**os.environ, **({"GIT_AUTHOR_DATE": date, "GIT_COMMITTER_DATE": date} if date else {})}
    return subprocess.run(["git", *identity, *args], cwd=root, env=env, check=True, capture_output=True, text=True).stdout


def project_with_mini_data(root: Path) -> Path:
    """A copy of the project laid out as the repository is (data/ beside schemas/, hooks, templates, configs),
    holding the mini fixture's data and pages: what a commit holds, so that every commit can be read back."""
    copy_project(root)
    for part in ("data", "docs"):
        shutil.rmtree(root / part)
        shutil.copytree(FIXTURES / "mini" / part, root / part)
    for path in (root / "data").rglob("*.yml"):
        point_at_schema(path, root / "schemas")
    return root


@pytest.fixture(scope="module")
def history(tmp_path_factory) -> Path:
    """The mini data in a copy of the project, committed: the data, then a model added, a number changed and a
    source updated, then an entry added and a result removed, then a commit outside data/."""
    root = project_with_mini_data(tmp_path_factory.mktemp("history") / "project")
    git(root, "init", "-q")
    git(root, "add", "-A")
    git(root, "commit", "-qm", "the first data", date=DATES[0])
    demo = root / "data/models/demo.yml"
    edit(demo, ("{top1: 45.0}", "{top1: 46.50}"),
         ('url: "https://example.com/demo-results"', 'url: "https://example.com/demo-results-2026"'))
    with open(demo, "a", encoding="utf-8") as section:
        section.write(DELTA)
    git(root, "commit", "-qam", "Delta, Alpha retrained, new source", date=DATES[1])
    edit(demo, ("      - {benchmark: lines-error, values: {error-rate: 15.8}}\n", ""))
    with open(root / "data/atlas/tools.yml", "a", encoding="utf-8") as tools:
        tools.write(SAW)
    git(root, "commit", "-qam", "Saw; Beta's error rate withdrawn", date=DATES[2])
    (root / "docs/en/index.md").write_text((root / "docs/en/index.md").read_text(encoding="utf-8") + "\nMore.\n",
                                           encoding="utf-8")
    git(root, "commit", "-qam", "not data", date="2026-03-05T00:00:00+00:00")
    build_both(root)
    return root


def items(soup, heading: str) -> list[str]:
    found = soup.find("strong", string=heading)
    return [li.get_text() for li in found.find_parent("p").find_next_sibling("ul").select("li")] if found else []


def test_whats_new_lists_each_commits_changes_under_its_date(history, html_of):
    soup = html_of(history / "site", "en/whats-new")
    assert [h2.get_text(strip=True).removesuffix("¶") for h2 in soup.select("article h2")] == \
        ["2026-03-01", "2026-02-14", "2026-01-10"]
    commits = git(history, "log", "--format=%H", "--", "data").split()
    blocks = [soup.select_one(f"#c-{commit[:12]}") for commit in commits]
    latest, middle, first = blocks
    assert items(latest, "Added") == ["atlas entry Saw"]
    assert items(latest, "Results changed") == ["Beta · Text lines · Error rate: removed 15.8"]
    assert items(middle, "Added") == ["model Delta"]
    assert sorted(items(middle, "Results changed")) == ["Alpha · ImageNet val · Top-1 accuracy: 45.0 → 46.50",
                                                        "Delta · ImageNet val · Top-1 accuracy: added 88.00"]
    assert items(middle, "Sources updated") == ["section Demo classification"]
    assert "The first version of the data." in first.get_text()
    # Links lead to the pages of what changed.
    assert latest.find("a", string="atlas entry Saw")["href"] == "../atlas/saw/"
    assert middle.find("a", string="model Delta")["href"] == "../models/demo/delta/"
    zh = html_of(history / "site", "whats-new")
    assert items(zh.select_one(f"#c-{commits[0][:12]}"), "新增") == ["生态条目 锯子"]


@pytest.mark.parametrize("prefix, lang", [("", "zh"), ("en/", "en")])
def test_each_language_has_an_atom_feed_that_feedparser_accepts(history, html_of, prefix, lang):
    feed = feedparser.parse((history / "site" / prefix / "feed.xml").read_bytes())
    assert not feed.bozo, feed.get("bozo_exception")
    assert feed.version == "atom10" and feed.feed.language == lang
    assert feed.feed.link == f"{SITE_URL}{prefix}whats-new/"
    assert [entry.updated for entry in feed.entries] == list(reversed(DATES))
    commits = git(history, "log", "--format=%H", "--", "data").split()
    assert [entry.link for entry in feed.entries] == [f"{SITE_URL}{prefix}whats-new/#c-{c[:12]}" for c in commits]
    latest = feed.entries[0]
    if lang == "en":
        assert latest.title == f"Data changes of 2026-03-01 (commit {commits[0][:7]})"
        assert "atlas entry Saw" in latest.summary and f'href="{SITE_URL}en/atlas/saw/"' in latest.summary
    else:
        assert latest.title == f"2026-03-01 的数据变化（提交 {commits[0][:7]}）"
        assert "生态条目 锯子" in latest.summary
    # Every page of the language links its feed.
    for path in ("", "models/demo/", "atlas/hammer/", "whats-new/"):
        link = html_of(history / "site", prefix + path).select_one('link[rel="alternate"][type="application/atom+xml"]')
        assert link["href"] == f"{SITE_URL}{prefix}feed.xml"


def test_without_history_both_say_so_and_give_no_date(history, tmp_path, html_of):
    shallow = tmp_path / "shallow"
    subprocess.run(["git", "clone", "-q", "--depth", "1", f"file://{history}", str(shallow)], check=True)
    for name in ("mkdocs.yml", "mkdocs.en.yml"):
        shutil.copy(history / name, shallow / name)
    site = build_both(shallow)
    page = html_of(site, "en/whats-new")
    assert "No history available" in page.select_one(".zoo-news-none").get_text()
    assert not page.select("article h2") and not page.select(".zoo-news")
    assert "没有可用的提交历史" in html_of(site, "whats-new").select_one(".zoo-news-none").get_text()
    for prefix in ("", "en/"):
        feed = feedparser.parse((site / prefix / "feed.xml").read_bytes())
        assert not feed.bozo and feed.entries == [] and "updated" not in feed.feed
        assert ("No history available" if prefix else "没有可用的提交历史") in feed.feed.subtitle
