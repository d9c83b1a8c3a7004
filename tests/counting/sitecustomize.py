"""Counts the site builds and browser launches of a test run, for tests/timing.py.

tests/timing.py puts this folder on PYTHONPATH, so every Python process of the
run (pytest, `mkdocs build`, the preview's workers) loads it at start-up. It
appends one line per event to the file ATLAS_COUNT_LOG names:
  build <config file>     a MkDocs build began
  browser                 Playwright launched a Chromium
  lighthouse own|shared   a Lighthouse run, with a Chromium of its own or the run's
"""

import importlib.abc
import importlib.machinery
import os
import subprocess
import sys

LOG = os.environ.get("ATLAS_COUNT_LOG")


def note(*words: str) -> None:
    with open(LOG, "a", encoding="utf-8") as log:
        log.write("\t".join(words) + "\n")


def count_builds(module) -> None:
    build = module.build

    def counted(config, *args, **kwargs):
        note("build", os.path.abspath(config.config_file_path))
        return build(config, *args, **kwargs)

    module.build = counted


def count_launches(module) -> None:
    launch = module.BrowserType.launch

    def counted(self, *args, **kwargs):
        note("browser")
        return launch(self, *args, **kwargs)

    module.BrowserType.launch = counted


WATCHED = {"mkdocs.commands.build": count_builds, "playwright.sync_api._generated": count_launches}


class Watcher(importlib.abc.MetaPathFinder):
    """Finds the watched modules as usual, and counts once they are loaded."""

    def find_spec(self, name, path, target=None):
        if name not in WATCHED:
            return None
        spec = importlib.machinery.PathFinder.find_spec(name, path)
        load = spec.loader.exec_module

        def exec_module(module):
            load(module)
            WATCHED[name](module)

        spec.loader.exec_module = exec_module
        return spec


class CountedPopen(subprocess.Popen):
    def __init__(self, args, *rest, **kwargs):
        words = [str(word) for word in args] if isinstance(args, (list, tuple)) else [str(args)]
        if any("lighthouse" in word for word in words):
            note("lighthouse", "shared" if any(word.startswith("--port") for word in words) else "own")
        super().__init__(args, *rest, **kwargs)


if LOG:
    sys.meta_path.insert(0, Watcher())
    subprocess.Popen = CountedPopen
