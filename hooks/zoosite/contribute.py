"""Where a reader goes to contribute: the repository's guide, and its issue
forms with the page's record filled in.

Addresses come from repo_url and edit_uri. GitHub fills a form's fields from
the query of its address (?template=<file>&<field id>=<value>); the field ids
are read from the forms themselves, so a link that names a field its form does
not have stops the build instead of silently losing the value.
"""

from __future__ import annotations

from pathlib import Path
from urllib.parse import quote, urlencode

import yaml
from mkdocs.exceptions import PluginError

# The guide in each language, at the repository's root.
GUIDES = {"zh": "CONTRIBUTING.zh.md", "en": "CONTRIBUTING.md"}


class Contribute:
    def __init__(self, repo_url: str, edit_root: str, forms: Path):
        self.repo = repo_url.rstrip("/")
        # edit_root is <repo>/edit/<branch>/; a file is read at <repo>/blob/<branch>/.
        self.files = self.repo + "/blob/" + edit_root.removeprefix(self.repo + "/edit/")
        self.fields = {}
        for path in sorted(forms.glob("*.yml")):
            form = yaml.safe_load(path.read_text(encoding="utf-8"))
            if isinstance(form, dict) and "body" in form:
                self.fields[path.name] = {field["id"] for field in form["body"] if "id" in field}

    def guide(self, lang: str) -> str:
        return self.files + GUIDES[lang]

    def issue(self, form: str, **fields: str) -> str:
        """The address of a new issue on `form`, its fields filled in (values percent-encoded)."""
        if form not in self.fields:
            raise PluginError(f"no issue form .github/ISSUE_TEMPLATE/{form}; forms: {', '.join(self.fields)}")
        unknown = sorted(set(fields) - self.fields[form])
        if unknown:
            raise PluginError(f".github/ISSUE_TEMPLATE/{form} has no field {', '.join(unknown)}; "
                              f"its fields: {', '.join(sorted(self.fields[form]))}")
        return f"{self.repo}/issues/new?" + urlencode({"template": form, **fields}, quote_via=quote)


def of(config, edit_root: str, project: Path) -> Contribute:
    if not config.repo_url or not edit_root:
        raise PluginError("repo_url and edit_uri must be set: every page links to the repository's guide and issue forms")
    return Contribute(config.repo_url, edit_root, project / ".github" / "ISSUE_TEMPLATE")
