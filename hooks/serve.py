"""Preview both languages with one `mkdocs serve`.

`mkdocs serve` builds one config. After the Chinese build it serves, this
builds the other languages into their sub-folders of the same temporary site,
so that the switcher works in the preview exactly as on the hosted site.
"""

from __future__ import annotations

import os
from pathlib import Path

from mkdocs.commands.build import build
from mkdocs.config import load_config

state = {"command": None}


def started(command: str) -> None:
    state["command"] = command


def watch(server, paths) -> None:
    # Data and templates are not in docs/, so MkDocs would not notice edits.
    for path in paths:
        server.watch(str(path))


def build_other_languages(config) -> None:
    primary = config.extra["languages"][0]
    if state["command"] != "serve" or config.theme["language"] != primary["lang"]:
        return
    root = Path(config.config_file_path).resolve().parent
    for language in config.extra["languages"][1:]:
        other = load_config(
            config_file=str(root / language["config"]),
            site_dir=os.path.join(config.site_dir, language["prefix"]),
        )
        build(other)
