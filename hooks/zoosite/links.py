"""The rules of data/link-rules.yml: the kind of a link's address, and the hosts that are gone."""

from __future__ import annotations

import re
from urllib.parse import urlsplit


def host_of(url: str) -> str:
    return (urlsplit(url).hostname or "").lower()


# Hosts whose addresses start with /<owner>/<repository>.
CODE_HOSTS = ("github.com", "gitee.com")


def repository_of(url: str) -> str | None:
    """The code repository an address lies in ("github.com/paddlepaddle/paddlex"), on a code host; else None."""
    parts = urlsplit(url)
    host = (parts.hostname or "").lower()
    owner_repo = [part for part in parts.path.split("/") if part][:2]
    if host not in CODE_HOSTS or len(owner_repo) < 2:
        return None
    return "/".join([host, *owner_repo]).lower().removesuffix(".git")


def repository_home(url: str) -> str | None:
    """The repository an address is the home page of (https://github.com/PaddlePaddle/PaddleX); else None."""
    path = urlsplit(url).path.strip("/").removesuffix(".git")
    return repository_of(url) if path.count("/") == 1 else None


def host_matches(pattern: str, host: str) -> bool:
    if pattern.startswith("*."):
        return host.endswith(pattern[1:])
    return host == pattern


class Rules:
    def __init__(self, rules: list[dict], gone: list[dict]):
        self.rules = [(r["host"], re.compile(r["path"]) if "path" in r else None, r["kind"]) for r in rules]
        self.gone = {g["host"]: g["note"] for g in gone}

    def kind_for(self, url: str) -> str | None:
        parts = urlsplit(url)
        host = (parts.hostname or "").lower()
        target = parts.path + (f"?{parts.query}" if parts.query else "")
        for pattern, path, kind in self.rules:
            if host_matches(pattern, host) and (path is None or path.match(target)):
                return kind
        return None
