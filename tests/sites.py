"""Build sites for the tests: tiny fixture sites that inherit the real config, and the real site."""

from __future__ import annotations

import hashlib
import logging
import os
import shutil
import subprocess
import sys
from pathlib import Path

import yaml
from mkdocs.commands.build import build
from mkdocs.config import load_config
from mkdocs.exceptions import Abort

REPO = Path(__file__).resolve().parent.parent
FIXTURES = REPO / "tests" / "fixtures"
# The project the tests check: this repository, or a copy of it named by
# ATLAS_PROJECT (the suite runs against a copy with a contributor's data added).
PROJECT = Path(os.environ.get("ATLAS_PROJECT") or REPO).resolve()
# Where a project keeps its command-line programs (check, diff, preview, the field reference).
COMMANDS = Path("tools")
PROJECT_PARTS = ["mkdocs.yml", "mkdocs.en.yml", "docs", "data", "hooks", "tools", "templates", "schemas", "overrides",
                 "CONTRIBUTING.md", "CONTRIBUTING.zh.md", ".github"]
MKDOCS = [sys.executable, "-m", "mkdocs"]


def copy_fixture(name: str, destination: Path) -> Path:
    """Copy a fixture site and write its configs; data files point at the real schemas."""
    shutil.copytree(FIXTURES / name, destination)
    for path in (destination / "data").rglob("*.yml"):
        point_at_schema(path)
    zh = {
        "INHERIT": str(PROJECT / "mkdocs.yml"),
        "docs_dir": "docs/zh",
        "site_dir": "site",
        "hooks": [str(PROJECT / "hooks" / "main.py")],
        "theme": {"custom_dir": str(PROJECT / "overrides")},
    }
    en = {
        "INHERIT": "mkdocs.yml",
        "site_name": "Mini site",
        "site_url": "https://paddle-atlas.github.io/en/",
        "docs_dir": "docs/en",
        "site_dir": "site/en",
        "edit_uri": "edit/main/docs/en/",
        "theme": {"language": "en"},
    }
    (destination / "mkdocs.yml").write_text(yaml.safe_dump(zh, allow_unicode=True), encoding="utf-8")
    (destination / "mkdocs.en.yml").write_text(yaml.safe_dump(en, allow_unicode=True), encoding="utf-8")
    return destination


def copy_project(destination: Path, source: Path = PROJECT) -> Path:
    """What a build and the tests need of the project, without its site, venv or history."""
    destination.mkdir(parents=True, exist_ok=True)
    for name in PROJECT_PARTS:
        if (source / name).is_dir():
            shutil.copytree(source / name, destination / name, ignore=shutil.ignore_patterns("__pycache__"))
        else:
            shutil.copy2(source / name, destination / name)
    return destination


def point_at_schema(path: Path, schemas: Path = PROJECT / "schemas") -> None:
    """Rewrite a data file's first line for wherever the file now lives."""
    lines = path.read_bytes().split(b"\n")
    if lines and lines[0].startswith(b"# yaml-language-server: $schema="):
        name = lines[0].rsplit(b"/", 1)[-1].decode()
        target = os.path.relpath(schemas / name, path.parent).replace(os.sep, "/")
        lines[0] = f"# yaml-language-server: $schema={target}".encode()
        path.write_bytes(b"\n".join(lines))


class BuildFailed(Exception):
    pass


def build_site(root: Path, config_file: str = "mkdocs.yml") -> None:
    """Build one language of a site in this process, as `mkdocs build --strict` would."""
    config = load_config(str(root / config_file))
    errors = _Collector()
    logger = logging.getLogger("mkdocs")
    logger.addHandler(errors)
    try:
        build(config)
    except Abort as abort:
        raise BuildFailed("\n".join(errors.messages) or str(abort)) from None
    finally:
        logger.removeHandler(errors)


def build_both(root: Path) -> Path:
    """Chinese first (it cleans site/), then English into site/en."""
    build_site(root, "mkdocs.yml")
    build_site(root, "mkdocs.en.yml")
    return root / "site"


class _Collector(logging.Handler):
    def __init__(self):
        super().__init__(logging.WARNING)
        self.messages = []

    def emit(self, record):
        self.messages.append(record.getMessage())


def tree_digest(folder: Path) -> str:
    """A fingerprint of every file's path and bytes."""
    digest = hashlib.sha256()
    for path in sorted(p for p in folder.rglob("*") if p.is_file()):
        digest.update(path.relative_to(folder).as_posix().encode())
        digest.update(path.read_bytes())
    return digest.hexdigest()


def build_real_site(destination: Path, project: Path = PROJECT) -> Path:
    """Build a project's site the way `make build` does: both languages at once, --strict.

    English goes to a folder of its own first: the Chinese build cleans its
    folder, which would take English with it.
    """
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1"}
    english = destination.with_name(destination.name + "-en")
    runs = [subprocess.Popen([*MKDOCS, "build", "--strict", "-q", "-f", config, "-d", str(target)],
                             cwd=project, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True)
            for config, target in (("mkdocs.yml", destination), ("mkdocs.en.yml", english))]
    errors = [run.communicate()[1] for run in runs]
    if any(run.returncode for run in runs) or any("WARNING" in text for text in errors):
        raise BuildFailed("\n".join(errors))
    english.rename(destination / "en")
    return destination
