"""Write the theme files the site changes, from the installed mkdocs-material.

usage: python tools/theme.py          write them into overrides/
       python tools/theme.py --check  exit 1 when one is not what the installed theme gives (the tests run this)

Every change to a theme file is listed below: the file, why, and exact text
replacements that must each match the installed file exactly once. Files in
overrides/ take the theme's place during a build. After a theme upgrade that
moved or changed any replaced text, this stops with the file and the text
instead of silently keeping old markup, and --check fails as long as a
written file differs from what the installed theme gives.
"""

from __future__ import annotations

import sys
import textwrap
from dataclasses import dataclass
from pathlib import Path

import material

THEME = Path(material.__file__).resolve().parent / "templates"
OVERRIDES = Path(__file__).resolve().parent.parent / "overrides"
VERSION = "9.8.1"
# The generated header each theme template starts with, replaced by ours.
THEIR_HEADER = "{#-\n  This file was automatically generated - do not edit\n-#}\n"
# A patched script no longer matches the theme's source map.
SOURCE_MAP = "\n//# sourceMappingURL="


@dataclass(frozen=True)
class Change:
    path: str  # in the theme's templates folder; a * matches the content hash in a script's name
    why: str
    replace: tuple[tuple[str, str], ...]


CHANGES = [
    Change("partials/toc.html",
           "the title is a label for the __toc toggle only where partials/nav-item.html writes that toggle: on pages "
           "that are leaves of the navigation. Atlas entries and the 404 page are outside it, section index pages are "
           "its branches, and a label for a missing control is invalid HTML.",
           (("""    <label class="md-nav__title" for="__toc">
      <span class="md-nav__icon md-icon"></span>
      {{ title }}
    </label>
""", """    {% set index = page.is_index and page.parent and "navigation.indexes" in features %}
    {% if page in nav.pages and not index %}
      <label class="md-nav__title" for="__toc">
        <span class="md-nav__icon md-icon"></span>
        {{ title }}
      </label>
    {% else %}
      <div class="md-nav__title">{{ title }}</div>
    {% endif %}
"""),)),
    Change("partials/nav-item.html",
           "section labels get no tabindex attribute instead of an empty one (tabindex=\"\" is not a valid integer; "
           "the HTML checker reported it on every page).",
           (("""<label class="md-nav__link" for="{{ path }}" id="{{ path }}_label" tabindex="{{ tabindex }}">""",
             """<label class="md-nav__link" for="{{ path }}" id="{{ path }}_label"{% if tabindex %} tabindex="{{ tabindex }}"{% endif %}>"""),
            ("""<label class="md-nav__link {{ class }}" for="{{ path }}" id="{{ path }}_label" tabindex="{{ tabindex }}">""",
             """<label class="md-nav__link {{ class }}" for="{{ path }}" id="{{ path }}_label"{% if tabindex %} tabindex="{{ tabindex }}"{% endif %}>"""))),
    Change("partials/footer.html",
           "page titles keep their entities (&amp;), so the labels decode them (striptags) before escaping; escaped "
           "twice, \"A & B\" read \"A &amp; B\" to screen readers.",
           (("{{ page.previous_page.title | e }}", "{{ page.previous_page.title | striptags | e }}"),
            ("{{ page.next_page.title | e }}", "{{ page.next_page.title | striptags | e }}"))),
    Change("partials/search.html",
           "the search dialog is named (axe: aria-dialog-name), so screen readers announce what opened.",
           (('<div class="md-search" data-md-component="search" role="dialog">',
             '<div class="md-search" data-md-component="search" role="dialog" aria-label="{{ lang.t(\'search\') }}">'),)),
    Change("partials/source.html",
           "the theme's version carries data-md-component=\"source\", which makes every page ask api.github.com for "
           "stars and forks. Pages fetch nothing from elsewhere, so the repository is a plain link.",
           ((' class="md-source" data-md-component="source">', ' class="md-source">'),)),
    Change("assets/javascripts/bundle.*.min.js",
           "the language selector looked for sitemap.xml next to every <link rel=alternate>, to map pages between "
           "languages; the site's alternates name the same page in the other language (as search engines want), so "
           "each look-up was a 404 and a console error. The switcher links already lead to the same page, so the "
           "look-up is left out.",
           (('e.pipe(b(()=>M("link[rel=alternate]"))', "e.pipe(b(()=>[])"),)),
    Change("assets/javascripts/workers/search.*.min.js",
           "search ranking, measured on the judged queries of tests/search/queries.yml (README, Search). "
           "(1) A Chinese query is split into the words of the index, longest first, but the loop never tried a "
           "word that ends on the query's last character (图像分割 was searched as 图像* 分*); it now reaches the "
           "end, and the words become separate terms, apart from any Latin letters next to them (用什么工具做OCR). "
           "A character that starts no word of the index (a function word such as 在 or 上, which the index "
           "leaves out) is stepped over instead of ending the split: 在边缘设备上部署 was searched as one unknown "
           "word, and is now 边缘设备 部署. (2) Every term was a prefix only (ernie*), which counts ERNIESage as "
           "fully as ERNIE; each Latin term is now searched as itself and as a prefix, so an exact word counts "
           "twice, and an English plural also by its singular (GPUs finds GPU); a Chinese term is searched anywhere "
           "inside a word (检测 finds 目标检测), which counts as found, since where jieba cuts a word says nothing "
           "about the query. A stop word (lunr's English list, the Chinese index's own list, and the "
           "Chinese question and function words of zooStopWord) is searched as itself only: as a prefix, 'on' "
           "found 'online' and put the Stanford Online Products leaderboard first for 'deploy on edge devices'. A "
           "term of one or two Latin letters or digits is left out of a query that has others (a hyphenated query "
           "is split first): the pp of PP-LCNet matched every PP- model and every word that starts with pp, which "
           "says nothing about the query. "
           "(3) A result's score is the number of distinct query words it matches (stop words aside), each "
           "counted once however often and in whichever form it occurs; the theme's own score only breaks ties, "
           "squeezed below 1 on a log scale, so that neither a page boost nor a title ever outranks one more "
           "matched word. Within that, a title counts by how much of it the query covers (Image classification "
           "before Multi-label image classification), and a title that is the query (ignoring case and zero-width "
           "spaces) counts twice, 1.5 times with a trailing alias in brackets. (4) Between pages, one with more "
           "matching sections comes first among equals (0.04 × ln of their number, swept from 0.02 to 0.10): the "
           "classification section, with a dozen PP-LCNet rows, before a page that mentions LCNet once.",
           (("function ue(t,e=r=>r){",
             "function zooStopWord(w){return w=w.toLowerCase(),!lunr.stopWordFilter(w)||!!lunr.zh&&!lunr.zh.stopWordFilter(w)"
             "||/^(什么|怎么|怎样|怎么样|如何|哪个|哪些|哪里|哪种|哪一个|为什么|是否|能否|可以|能|应该|要|想|做|吗|呢|我们|你们|一个|这个|那个|有没有)$/.test(w)}"
             "function zooSingular(w){return!/^[a-z]{4,}$/.test(w)?w:"
             "w.replace(/ies$/,\"y\").replace(/(ch|sh|x|z|ss)es$/,\"$1\").replace(/([^s])s$/,\"$1\")}"
             "function zooForms(r){let w=r.toLowerCase(),s=zooSingular(w);return zooStopWord(w)?r:"
             "/\\p{sc=Han}/u.test(r)?`*${r}*`:s===w?`${r} ${r}*`:`${r} ${r}* ${s}*`}"
             "function zooMatch(c,m){let k=Object.keys(m),t=[...new Set(c.map(q=>q.term))],d=0,n=0;"
             "for(let w of t){if(zooStopWord(w)||t.some(u=>u!==w&&zooSingular(u)===w))continue;"
             "let s=zooSingular(w),h=/\\p{sc=Han}/u.test(w),y=k.filter(x=>x.startsWith(w)||x.startsWith(s)||h&&x.includes(w));"
             "y.length&&d++,y.some(x=>m[x].title)&&(n+=w.length)}return[d,n]}"
             "function zooTitle(t,b){t=t.replace(/<[^>]*>|\\u200b/g,\"\");"
             "return(b?t.replace(/\\s*[(（][^)）]*[)）]\\s*$/,\"\"):t).trim().toLowerCase().replace(/\\s+/g,\" \")}"
             "function zooScore(c,m,D,Z,x){let[d,n]=zooMatch(c,m),T=zooTitle(D.title,1).replace(/[\\s_-]/g,\"\"),"
             "y=Math.log1p(x*(1+2*Math.min(1,n/(T.length||1)))*(zooTitle(D.title)===Z?2:zooTitle(D.title,1)===Z?1.5:1))/10;"
             "return{score:d+y/(1+y),zy:y}}"
             "function zooPage(o){let y=o[0].zy+.04*Math.log(o.length);return Math.floor(o[0].score)+y/(1+y)}"
             "function ue(t,e=r=>r){"),
            ("for(let o=s+1;o<t.length;o++)t.slice(s,o)in e", "for(let o=s+1;o<=t.length;o++)t.slice(s,o)in e"),
            ('let i=[0];for(let s=i.length;s>0;){let o=i[--s];for(let u=1;u<n[o];u++)n[o+u]>n[o]-u&&(r.add(t.slice(o,o+u)),i[s++]=o+u);let a=o+n[o];n[a]&&a<t.length-1&&(i[s++]=a),r.add(t.slice(o,a))}return r.has("")?new Set([t]):r}',
             'let j=s=>{for(;s<t.length&&!n[s];)s++;return s},v=new Set,i=[j(0)];if(i[0]===t.length)return new Set([t]);'
             'for(let s=i.length;s>0;){let o=i[--s];if(v.has(o))continue;v.add(o);'
             'for(let u=1;u<n[o];u++)n[o+u]>n[o]-u&&(r.add(t.slice(o,o+u)),i[s++]=o+u);'
             'let a=j(o+n[o]);a<t.length&&(i[s++]=a),r.add(t.slice(o,o+n[o]))}return r}'),
            ('[...fe(s,this.index.invertedIndex)].join("* ")', '" "+[...fe(s,this.index.invertedIndex)].join(" ")+" "'),
            (".map(r=>/(^[+-]|[~^]\\d+$)/.test(r)?r:`${r}*`)",
             ".flatMap(r=>/^[+-]/.test(r)?[r]:r.split(/-+/)).filter((r,n,a)=>r&&a.indexOf(r)===n)"
             ".filter((r,n,a)=>a.length<2||r.length>2||/\\p{sc=Han}/u.test(r))"
             ".map(r=>/(^[+-]|[~^]\\d+$)/.test(r)?r:zooForms(r))"),
            ("search(e){if(e=e.replace(", 'search(e){let Z=e.trim().toLowerCase().replace(/\\s+/g," ");if(e=e.replace('),
            ("score:a*(1+K(g,2)),terms:f}", "...zooScore(r,u.metadata,this.map.get(o),Z,a*(1+K(g,2))),terms:f}"),
            ("for(let o of r)e[s].startsWith(o.term)&&(n[o.term]=!0,r.delete(o))",
             "for(let o of r)(e[s].startsWith(o.term)||/\\p{sc=Han}/u.test(o.term)&&e[s].includes(o.term))&&(n[o.term]=!0,r.delete(o))"),
            ("for(let[s,o]of n)if(!o.find(a=>a.location===s))",
             "n=new Map([...n].sort((A,B)=>zooPage(B[1])-zooPage(A[1])));for(let[s,o]of n)if(!o.find(a=>a.location===s))"))),
]


class Mismatch(Exception):
    pass


def source_of(change: Change) -> Path:
    found = sorted(THEME.glob(change.path))
    if len(found) != 1:
        raise Mismatch(f"{change.path}: expected one such file in the installed theme ({THEME}), found {len(found)}")
    return found[0]


def written(change: Change) -> tuple[Path, str]:
    """Where the changed file goes under overrides/, and its text."""
    source = source_of(change)
    text = source.read_text(encoding="utf-8")
    for old, new in change.replace:
        if text.count(old) != 1:
            raise Mismatch(f"{source.relative_to(THEME)} is not the file of mkdocs-material {VERSION} that "
                           f"tools/theme.py changes; expected exactly once: {old}")
        text = text.replace(old, new)
    name = source.relative_to(THEME).as_posix()
    note = textwrap.fill(f"Written by tools/theme.py from mkdocs-material {VERSION}'s {name}; change it there, not "
                         f"here. Why: {change.why}", 100, subsequent_indent="    ")
    if source.suffix == ".html":
        text = "{#- " + note + " -#}\n" + text.removeprefix(THEIR_HEADER)
    else:
        text = "/* " + note.replace("*/", "* /") + " */\n" + text.split(SOURCE_MAP)[0] + "\n"
    return OVERRIDES / name, text


def main(argv: list[str]) -> int:
    try:
        files = [written(change) for change in CHANGES]
    except Mismatch as error:
        print(error, file=sys.stderr)
        return 1
    if "--check" in argv:
        stale = [path for path, text in files if not path.is_file() or path.read_text(encoding="utf-8") != text]
        for path in stale:
            print(f"{path.relative_to(OVERRIDES.parent)} is not what tools/theme.py writes from the installed theme; "
                  "run: python tools/theme.py", file=sys.stderr)
        return 1 if stale else 0
    for path, text in files:
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text, encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
