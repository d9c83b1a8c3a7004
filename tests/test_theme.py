"""The theme is guarded, not copied: every file in overrides/ that replaces one
of mkdocs-material's own is written by tools/theme.py from the installed theme,
and differs from it by exactly the replacements listed there, each with its
reason."""

from __future__ import annotations

import subprocess
import sys

import pytest

from sites import REPO

sys.path.insert(0, str(REPO / "tools"))
import theme  # noqa: E402


def test_the_overrides_are_what_the_installed_theme_gives():
    done = subprocess.run([sys.executable, str(REPO / "tools" / "theme.py"), "--check"], capture_output=True, text=True)
    assert done.returncode == 0, done.stderr


def test_an_override_edited_by_hand_fails_the_check(tmp_path, monkeypatch):
    monkeypatch.setattr(theme, "OVERRIDES", tmp_path)
    assert theme.main(["theme.py"]) == 0
    toc = tmp_path / "partials" / "toc.html"
    toc.write_text(toc.read_text(encoding="utf-8").replace("md-nav__title", "md-nav__heading"), encoding="utf-8")
    assert theme.main(["theme.py", "--check"]) == 1


def test_a_theme_whose_text_moved_stops_the_generator(tmp_path, monkeypatch, capsys):
    """An upgraded theme (simulated: one replaced text is gone) is named, with the text that no longer fits."""
    upstream = tmp_path / "theme"
    for change in theme.CHANGES:
        source = theme.source_of(change)
        target = upstream / source.relative_to(theme.THEME)
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_bytes(source.read_bytes())
    worker = next((upstream / "assets/javascripts/workers").glob("search.*.min.js"))
    worker.write_text(worker.read_text(encoding="utf-8").replace("o<t.length", "o<t.length-0"), encoding="utf-8")
    monkeypatch.setattr(theme, "THEME", upstream)
    assert theme.main(["theme.py", "--check"]) == 1
    assert "is not the file of mkdocs-material 9.8.1" in capsys.readouterr().err


@pytest.mark.parametrize("change", theme.CHANGES, ids=[c.path for c in theme.CHANGES])
def test_each_override_differs_from_the_theme_only_by_its_replacements(change):
    path, text = theme.written(change)
    original = theme.source_of(change).read_text(encoding="utf-8")
    header_end = "-#}\n" if path.suffix == ".html" else " */\n"
    header, body = text.split(header_end, 1)
    assert change.why.split(".")[0] in " ".join(header.split())
    for old, new in change.replace:
        body = body.replace(new, old)
    assert change.why and all(old != new for old, new in change.replace)
    assert body.removesuffix("\n") in original


def test_the_built_site_serves_the_changed_files(real_site):
    for change in theme.CHANGES:
        path, text = theme.written(change)
        if path.suffix == ".js":
            assert (real_site / path.relative_to(theme.OVERRIDES)).read_text(encoding="utf-8") == text
