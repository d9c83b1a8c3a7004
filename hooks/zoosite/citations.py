"""A citation for each paper a model links to, built only from what the data holds.

The title is the link's title and the address its URL. An arXiv address also
gives the paper's arXiv id, the year that id implies (1706.03762 -> 2017,
cs/0701001 -> 2007) and arXiv's own BibTeX export. Nothing else is added: no
authors, venues or years the data does not hold.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

ARXIV = re.compile(r"https?://(?:www\.)?arxiv\.org/(?:abs|pdf)/"
                   r"(?P<id>(?P<new>\d{2})\d{2}\.\d{4,5}|[a-z-]+(?:\.[A-Z]{2})?/(?P<old>\d{2})\d{5})(?:v\d+)?(?:\.pdf)?$")
# BibTeX gives these characters a meaning; escaped, they stay text.
TEX = str.maketrans({"\\": r"\textbackslash{}", "{": r"\{", "}": r"\}", "%": r"\%", "&": r"\&", "#": r"\#",
                     "$": r"\$", "_": r"\_", "~": r"\textasciitilde{}", "^": r"\textasciicircum{}"})


@dataclass(frozen=True)
class Citation:
    key: str
    bibtex: str
    export: str | None  # arXiv's own BibTeX export


def of(title: str, url: str) -> Citation:
    """A paper's citation, from its title and address."""
    fields = {"title": title, "url": url}
    match = ARXIV.match(url)
    export = None
    if match:
        paper = match["id"]
        two_digits = int(match["new"] or match["old"])
        # New-style ids began in 2007 (0704.0001); old-style ones ran from 1991.
        year = 1900 + two_digits if two_digits >= 91 else 2000 + two_digits
        fields.update(eprint=paper, archivePrefix="arXiv", year=str(year))
        export = f"https://arxiv.org/bibtex/{paper}"
        key = "arxiv:" + paper.replace("/", "-")
    else:
        key = re.sub(r"[^a-z0-9]+", "-", url.split("://", 1)[-1].lower()).strip("-")[:60]
    body = ",\n".join(f"  {name} = {{{value.translate(TEX) if name == 'title' else value}}}" for name, value in fields.items())
    return Citation(key, f"@misc{{{key},\n{body}\n}}", export)
