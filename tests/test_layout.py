"""The folders show what runs when: hooks/ holds what MkDocs calls during a
build (main.py and the zoosite package), tools/ the command-line programs, and
both reach the shared modules the same way, which no same-named package can
shadow."""

from __future__ import annotations

import subprocess
import sys

from sites import REPO

SHADOWS = ["catalogue", "schema", "links", "pages", "charts", "views", "rules", "yaml_strict"]


def test_hooks_hold_no_command_line_program():
    programs = [path.name for path in (REPO / "hooks").rglob("*.py") if "__main__" in path.read_text(encoding="utf-8")]
    assert programs == []


def test_a_same_named_module_first_on_the_path_cannot_stand_in_for_a_shared_one(tmp_path):
    """Modules named like the shared ones (PyPI has catalogue, schema, links, pages and
    charts), imported before the tool runs, change nothing."""
    for name in SHADOWS:
        (tmp_path / f"{name}.py").write_text("raise SystemExit('the shadowing module was imported')\n", encoding="utf-8")
    stub = "; ".join(f"sys.modules[{name!r}] = object()" for name in SHADOWS)
    code = (f"import sys, runpy; sys.path.insert(0, {str(tmp_path)!r}); {stub}; "
            f"sys.argv = ['check.py']; runpy.run_path({str(REPO / 'tools' / 'check.py')!r}, run_name='__main__')")
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, cwd=tmp_path)
    assert done.returncode == 0, done.stderr
    assert done.stdout.startswith("data/ is sound")
