"""A model's citation is its own paper: a complete BibTeX entry built only from the typed `paper`
field of its data file, never from the links its description gives."""

from __future__ import annotations

import re

import pytest
import yaml

from sites import build_both

LANGUAGES = ("", "en/")
# What BibTeX reads as syntax, and how an entry writes each as text.
TEX_ESCAPES = {r"\textbackslash{}": "\\", r"\textasciitilde{}": "~", r"\textasciicircum{}": "^",
               r"\{": "{", r"\}": "}", r"\%": "%", r"\&": "&", r"\#": "#", r"\$": "$", r"\_": "_"}
# The journals, as the schema's description of paper.venue names them; every other venue is a conference or workshop.
JOURNAL = re.compile(r"^(Nature|Science|IEEE T[A-Z]+|IJCV|JMLR|TACL)\b|\b(Journal|Transactions)\b")


def parse(entry: str) -> tuple[str, str, dict[str, str]]:
    """A BibTeX entry read back: its type, its key and its fields, each value without its braces."""
    match = re.fullmatch(r"@(\w+)\{([^,\s{}]+),\n(.*)\n\}", entry, re.S)
    assert match, entry
    kind, key, body = match.groups()
    fields, position = {}, 0
    while position < len(body):
        field = re.compile(r"  (\w+) = \{").match(body, position)
        assert field, f"not a field at {body[position:position + 40]!r} in\n{entry}"
        depth, i = 1, field.end()
        while depth:
            if body[i] == "\\":  # an escaped character never opens or closes a group
                i += 2
                continue
            depth += {"{": 1, "}": -1}.get(body[i], 0)
            i += 1
        assert field.group(1) not in fields, f"{field.group(1)} twice in\n{entry}"
        fields[field.group(1)] = body[field.end():i - 1]
        assert body[i:i + 2] in (",\n", ""), f"text after the {field.group(1)} field in\n{entry}"
        position = i + 2
    return kind, key, fields


def text_of(value: str) -> str:
    """A field's text: escapes undone; a special character left unescaped fails."""
    bare = re.sub("|".join(re.escape(e) for e in TEX_ESCAPES), "", value)
    assert not re.search(r"[\\{}%&#$_~^]", bare), f"an unescaped special character in {value!r}"
    return re.sub("|".join(re.escape(e) for e in TEX_ESCAPES), lambda m: TEX_ESCAPES[m.group()], value)


def names(author: str) -> list[str]:
    """The names of an author field: split at " and " outside braces; a braced name is one name."""
    parts, depth, start = [], 0, 0
    for match in re.finditer(r"\\.|[{}]| and ", author):
        token = match.group()
        depth += {"{": 1, "}": -1}.get(token, 0)
        if token == " and " and depth == 0:
            parts.append(author[start:match.start()])
            start = match.end()
    parts.append(author[start:])
    return [text_of(part[1:-1] if part.startswith("{") and part.endswith("}") else part) for part in parts]


def model_rows(soup) -> dict:
    """Each model's row of a section page's model tables, by the id of its heading. (Selecting
    `tr:has(h3[id=...])` once per model searched the whole page each time: 34 s for the page set.)"""
    return {h3["id"]: h3.find_parent("tr") for h3 in soup.select("table.zoo-models tr h3[id]")}


def citations_of(soup, model_id: str, rows: dict | None = None) -> list[str]:
    row = (rows or model_rows(soup))[model_id]
    return [code.get_text() for code in row.select("details.zoo-cite pre code")]


@pytest.mark.parametrize("prefix", LANGUAGES)
def test_yolov3_cites_its_own_paper_not_one_its_description_links_to(real_site, html_of, prefix):
    soup = html_of(real_site, prefix + "models/detection")
    [entry] = citations_of(soup, "yolov3")
    kind, key, fields = parse(entry)
    assert (kind, key) == ("misc", "redmon2018yolov3")
    assert fields == {"author": "Joseph Redmon and Ali Farhadi", "title": "{YOLOv3: An Incremental Improvement}",
                      "year": "2018", "eprint": "1804.02767", "archivePrefix": "arXiv",
                      "url": "https://arxiv.org/abs/1804.02767"}
    assert "Bag of Tricks" not in soup.select_one("tr:has(h3[id='yolov3']) details.zoo-cite").get_text()


@pytest.mark.parametrize("prefix", LANGUAGES)
def test_every_model_with_a_paper_has_a_complete_entry_and_no_other_model_has_one(real_site, html_of, data, prefix):
    cited, keys = 0, {}
    for section in data.sections:
        soup = html_of(real_site, f"{prefix}models/{section['id']}")
        rows = model_rows(soup)
        for model in section.get("models", []):
            entries = citations_of(soup, model["id"], rows)
            paper = model.get("paper")
            if not paper:
                assert entries == [], f"{model['id']} has no paper but a citation"
                continue
            [entry] = entries
            kind, key, fields = parse(entry)
            venue = paper.get("venue")
            expected = {"author", "title", "year", "url"} | ({"eprint", "archivePrefix"} if "arxiv" in paper else set())
            if venue is None:
                assert kind == "misc", model["id"]
            else:
                place = "journal" if kind == "article" else "booktitle"
                assert kind == ("article" if JOURNAL.search(venue) else "inproceedings"), (model["id"], venue)
                assert text_of(fields[place]) == venue
                expected.add(place)
            assert set(fields) == expected, model["id"]
            assert names(fields["author"]) == paper["authors"]
            assert fields["title"].startswith("{") and fields["title"].endswith("}")
            assert text_of(fields["title"][1:-1]) == paper["title"]
            assert fields["year"] == str(paper["year"])
            assert fields["url"] == paper["url"]
            if "arxiv" in paper:
                assert (fields["eprint"], fields["archivePrefix"]) == (paper["arxiv"], "arXiv")
            # One key per paper: two models citing the same paper share it, two papers never do.
            assert keys.setdefault(key, paper["title"]) == paper["title"], f"{key} names two papers"
            assert re.fullmatch(r"[a-z]+\d{4}[a-z0-9]*", key), key
            cited += 1
    assert cited


@pytest.mark.parametrize("prefix", LANGUAGES)
def test_bibtex_special_characters_in_the_data_are_escaped(real_site, html_of, prefix):
    recommendation = html_of(real_site, prefix + "models/recommendation")
    [tagspace] = citations_of(recommendation, "tagspace")
    assert parse(tagspace)[2]["title"] == r"{\#TagSpace: Semantic Embeddings from Hashtags}"
    [dcn] = citations_of(recommendation, "dcn")
    assert parse(dcn)[2]["title"] == r"{Deep \& Cross Network for Ad Click Predictions}"
    # Names keep their letters as the paper writes them.
    [mask] = citations_of(html_of(real_site, prefix + "models/detection"), "mask-rcnn")
    assert "Piotr Dollár" in parse(mask)[2]["author"] and parse(mask)[1] == "he2017mask"


HOSTILE_PAPER = {
    "title": 'Braces } and {, 100% & #1 $x_y$ ~^ \\end</code><script>alert("t")</script>',
    "authors": ["Ada } Lovelace", 'B. <img src=x onerror=alert("a")>', "Research and Development Team", "Ümit Öz"],
    "year": 2020,
    "venue": "Journal of {Odd} & Co. 2020",
    "url": "https://example.com/paper?q={x}&y=z",  # braces would end a BibTeX field; a backslash is refused in any address
}


def test_a_citation_comes_only_from_paper_and_hostile_text_stays_text(mini, html_of):
    """A link to a paper is not a citation; a paper's text cannot end a BibTeX field or become markup."""
    path = mini / "data/models/demo.yml"
    section = yaml.safe_load(path.read_text(encoding="utf-8"))
    alpha, beta = section["models"][0], section["models"][1]
    alpha["links"].append({"title": "A paper Alpha builds on", "url": "https://arxiv.org/abs/1812.01187"})
    beta["paper"] = HOSTILE_PAPER
    first_line = path.read_text(encoding="utf-8").split("\n", 1)[0]
    path.write_text(first_line + "\n" + yaml.safe_dump(section, allow_unicode=True, sort_keys=False), encoding="utf-8")
    site = build_both(mini)
    for prefix in LANGUAGES:
        soup = html_of(site, prefix + "models/demo")
        assert citations_of(soup, "alpha") == [] and citations_of(soup, "gamma") == []
        [entry] = citations_of(soup, "beta")
        kind, key, fields = parse(entry)
        assert (kind, key) == ("article", "lovelace2020braces")
        assert text_of(fields["title"][1:-1]) == HOSTILE_PAPER["title"]
        assert names(fields["author"]) == HOSTILE_PAPER["authors"]
        assert text_of(fields["journal"]) == HOSTILE_PAPER["venue"]
        assert fields["url"] == "https://example.com/paper?q=%7Bx%7D&y=z"
        cite = soup.select_one("tr:has(h3[id='beta']) details.zoo-cite")
        assert "{Research and Development Team}" in fields["author"]
        assert all("alert(" not in script.get_text() for script in soup.find_all("script"))
        assert not cite.select("img, script") and HOSTILE_PAPER["title"] in cite.select_one("summary cite").get_text()


def test_the_bibtex_entry_copies_to_the_clipboard(new_page, real_url):
    page = new_page(permissions=["clipboard-read", "clipboard-write"])
    page.goto(f"{real_url}/en/models/speech/")
    cite = page.locator("tr:has(h3#deepspeech2) details.zoo-cite")
    cite.locator("summary").click()
    cite.locator("button.md-code__button").click()
    copied = page.evaluate("navigator.clipboard.readText()")
    assert copied == cite.locator("pre code").inner_text()
    assert copied.startswith("@inproceedings{amodei2015deep,\n  author = {Dario Amodei and Rishita Anubhai and ")
