"""Fixes to the theme's search worker, applied to the copy each build writes.

Material 9.8.1's worker (site/assets/javascripts/workers/search.*.min.js) is
patched in place after the build, by exact text replacements that must each
match once: a different worker fails the build here, instead of searching
worse without saying so. Measured on the judged queries of
tests/search/queries.yml (README, Search).

1. Chinese queries. The worker splits a Chinese query into the words of the
   index, longest first (the index was segmented by jieba with the words
   learnt from the data, so both sides cut the same way), but its loop never
   tries a word that ends on the query's last character: 图像分割 was searched
   as 图像* 分*, the last character dropped, and 图像生成 came first. The loop
   now reaches the end, and the words become separate terms.
2. Exact words. Every term was searched as a prefix only (ernie*), which
   counts ERNIESage as fully as ERNIE, and the rarer word wins. Each term is
   now searched as itself and as a prefix, so an exact word counts twice. A
   Chinese term also matches as the end of a word (检测 finds 目标检测):
   Chinese compounds end in their head word.
3. Exact titles. A result whose title is the query (ignoring case, the index's
   zero-width spaces and a trailing alias in brackets, as in "PaddleOCR
   (PP-OCR)") scores twice: a page named by the query comes before pages that
   only mention it.
"""

from __future__ import annotations

from pathlib import Path

from mkdocs.exceptions import PluginError

PATCHES = [
    # 1. segment(): wordcuts for every substring, including those that end the query
    ("for(let o=s+1;o<t.length;o++)t.slice(s,o)in e", "for(let o=s+1;o<=t.length;o++)t.slice(s,o)in e"),
    # 1. search(): the segmented words as separate terms (2 makes each exact + prefix)
    ('[...fe(s,this.index.invertedIndex)].join("* ")', '[...fe(s,this.index.invertedIndex)].join(" ")'),
    # 2. transform(): term -> "term term*", and for Chinese also "*term"
    (".map(r=>/(^[+-]|[~^]\\d+$)/.test(r)?r:`${r}*`)",
     ".map(r=>/(^[+-]|[~^]\\d+$)/.test(r)?r:/\\p{sc=Han}/u.test(r)?`${r} ${r}* *${r}`:`${r} ${r}*`)"),
    # 3. search(): remember the query as typed, normalised like the titles below
    ("search(e){if(e=e.replace(", 'search(e){let Z=e.trim().toLowerCase().replace(/\\s+/g," ");if(e=e.replace('),
    # 3. each result: twice the score where its title is the query
    ("score:a*(1+K(g,2)),terms:f}",
     "score:a*(1+K(g,2))*(this.map.get(o).title.replace(/<[^>]*>|\\u200b/g,\"\").replace(/\\s*[(（][^)）]*[)）]\\s*$/,\"\")"
     ".trim().toLowerCase().replace(/\\s+/g,\" \")===Z?2:1),terms:f}"),
]


def patch(site_dir: str) -> None:
    workers = list(Path(site_dir, "assets", "javascripts", "workers").glob("search.*.min.js"))
    if not workers:
        raise PluginError("the theme's search worker was not found under assets/javascripts/workers/")
    for path in workers:
        text = path.read_text(encoding="utf-8")
        for old, new in PATCHES:
            if new in text:  # a preview rebuild keeps the file it patched before
                continue
            if text.count(old) != 1:
                raise PluginError(f"{path.name} is not the search worker of mkdocs-material 9.8.1 that "
                                  f"hooks/search_worker.py patches: expected once: {old}")
            text = text.replace(old, new)
        path.write_text(text, encoding="utf-8")
