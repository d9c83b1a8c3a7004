"""The language switcher and the per-page links that depend on the language."""

from __future__ import annotations

from pathlib import Path
from urllib.parse import urlsplit

from mkdocs.exceptions import PluginError

from .views import Address


def site_root(config) -> tuple[str, str]:
    """(origin, path) of the whole site, all languages: ("https://x.github.io", "/").

    Both come from site_url, so a site served under a sub-path still works;
    language-neutral files such as /data/ hang off this root.
    """
    own = next(language for language in config.extra["languages"] if language["lang"] == config.theme["language"])
    parts = urlsplit(config.site_url or "/")
    base = parts.path or "/"
    if not base.endswith(own["prefix"]):
        raise PluginError(f"site_url {config.site_url} must end with '{own['prefix']}' for the {own['lang']} build")
    origin = f"{parts.scheme}://{parts.netloc}" if parts.netloc else ""
    return origin, base[: len(base) - len(own["prefix"])] or "/"


def address(config) -> Address:
    """Absolute addresses of pages in every language and of the shared files."""
    origin, root = site_root(config)
    return Address(origin + root, {language["lang"]: language["prefix"] for language in config.extra["languages"]})


def alternates(config, page_url: str) -> list[dict]:
    """The same page in every language.

    `link` is a path from the site's root, for the switcher: absolute, because
    MkDocs' `url` filter rewrites relative ones such as ../x into .././x. `url`
    is the full address, for the hreflang links search engines read (they
    reject relative ones).
    """
    origin, root = site_root(config)
    return [
        {"name": language["name"], "lang": language["lang"], "link": root + language["prefix"] + page_url,
         "url": origin + root + language["prefix"] + page_url}
        for language in config.extra["languages"]
    ]


def data_edit_root(config) -> str:
    """The repository address under which data files are edited.

    edit_uri points at this language's docs folder (edit/main/docs/zh/); data
    files live at the repository's root, so the docs part is taken off.
    """
    if not config.repo_url or not config.edit_uri:
        return ""
    docs = Path(config.docs_dir).relative_to(Path(config.config_file_path).resolve().parent).as_posix() + "/"
    if not config.edit_uri.endswith(docs):
        raise PluginError(f"edit_uri '{config.edit_uri}' must end with the docs folder '{docs}'")
    return config.repo_url.rstrip("/") + "/" + config.edit_uri[: -len(docs)]
