"""A model's BibTeX entry, built only from its own paper (the typed `paper` of data/models/*.yml).

Every field comes from the data: the authors joined with " and ", the title, the
year, the venue as the journal or the proceedings it names, the arXiv id as
eprint, and the paper's address. The entry type follows the venue: a journal
gives @article, any other venue @inproceedings, and a paper known only by its
arXiv id @misc. Nothing the data does not hold is added, and links never
become citations: a model's description may link to papers it only builds on.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass

# Venues that are journals; every other venue is a conference or a workshop.
JOURNAL = re.compile(r"^(?:Nature|Science|IEEE T[A-Z]+|IJCV|JMLR|TACL)\b|\b(?:Journal|Transactions)\b")
# BibTeX gives these characters a meaning; escaped, they stay text.
TEX = str.maketrans({"\\": r"\textbackslash{}", "{": r"\{", "}": r"\}", "%": r"\%", "&": r"\&", "#": r"\#",
                     "$": r"\$", "_": r"\_", "~": r"\textasciitilde{}", "^": r"\textasciicircum{}"})
# An address stays verbatim in BibTeX, except what would end or escape its field:
# percent-encoded, it is the same address.
URL = str.maketrans({"{": "%7B", "}": "%7D", "\\": "%5C"})
# Words a citation key skips when it takes the title's first word.
SMALL_WORDS = {"a", "an", "the", "on", "of", "for", "to", "in", "with", "and"}


@dataclass(frozen=True)
class Paper:
    """The paper that introduced a model, as the data file writes it."""

    title: str
    authors: tuple[str, ...]
    year: int
    arxiv: str | None
    venue: str | None
    url: str


@dataclass(frozen=True)
class Citation:
    key: str
    kind: str  # article, inproceedings or misc
    bibtex: str
    export: str | None  # arXiv's own BibTeX export


def paper(value: dict | None) -> Paper | None:
    if not value:
        return None
    return Paper(value["title"], tuple(value["authors"]), value["year"], value.get("arxiv"), value.get("venue"),
                 value["url"])


def ascii_word(text: str) -> str:
    """Letters and digits only, accents dropped (Dollár -> dollar), for a citation key."""
    folded = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode()
    return re.sub(r"[^a-z0-9]", "", folded.lower())


def key_of(paper: Paper) -> str:
    """The usual shape of a key: first author's family name, year, first word of the title (redmon2018yolov3)."""
    family = ascii_word(paper.authors[0].split()[-1])
    words = [ascii_word(word) for word in paper.title.split()]
    word = next((w for w in words if w and w not in SMALL_WORDS), "")
    return f"{family or 'paper'}{paper.year}{word}"


def name(author: str) -> str:
    """An author as BibTeX reads a name; braces keep a name with "and" in it one name."""
    text = author.translate(TEX)
    return "{" + text + "}" if re.search(r"\sand\s", text) else text


def of(paper: Paper) -> Citation:
    """The BibTeX entry of a model's own paper."""
    if paper.venue and JOURNAL.search(paper.venue):
        kind, venue = "article", {"journal": paper.venue.translate(TEX)}
    elif paper.venue:
        kind, venue = "inproceedings", {"booktitle": paper.venue.translate(TEX)}
    else:
        kind, venue = "misc", {}
    fields = {
        "author": " and ".join(name(author) for author in paper.authors),
        # Inner braces keep the title's capitals (YOLOv3, ImageNet) in styles that lower-case titles.
        "title": "{" + paper.title.translate(TEX) + "}",
        **venue,
        "year": str(paper.year),
    }
    if paper.arxiv:
        fields.update(eprint=paper.arxiv, archivePrefix="arXiv")
    fields["url"] = paper.url.translate(URL)
    key = key_of(paper)
    body = ",\n".join(f"  {name} = {{{value}}}" for name, value in fields.items())
    export = f"https://arxiv.org/bibtex/{paper.arxiv}" if paper.arxiv else None
    return Citation(key, kind, f"@{kind}{{{key},\n{body}\n}}", export)
