"""What a newcomer hit (issue 17): phones, the compare view, the language
switch, the English 404, plurals, contributing, the home page, the tag index.

Browser checks run in Chromium on the real site served as GitHub Pages serves
it (tests/hosting.py); the rest read the built pages. What a page must show
comes from data/ through tests/expected.py, never from today's records.
"""

from __future__ import annotations

import html
import re
from pathlib import Path
from urllib.parse import parse_qsl, unquote, urlsplit

import pytest
import yaml
from browsing import PHONE, axe_problems
from expected import both
from page_kinds import examples, largest_table
from sites import PROJECT

LANGUAGES = {"zh": "", "en": "en/"}
# An id no model has (checked against the data where it is used).
UNKNOWN = "foo-bar-net"


@pytest.fixture
def phone(new_page):
    return new_page(**PHONE)


def settle(page) -> None:
    """Wait until the theme's script has started and what scripts add is on the
    page: the compare view's tables; on a 404 under /en/, the English page
    written in place of the root one (which is parsed as plaintext until then)."""
    page.wait_for_function("window.document$ !== undefined && !document.querySelector('plaintext')")
    if page.locator(".zoo-compare").count():
        page.wait_for_selector(".zoo-compare table, .zoo-compare__problem")


# --- 1 and 2: nothing wider than a phone: the phone check of every kind of page
# (tests/test_quality.py) -------------------------------------------------------------


def tick_two(page) -> None:
    """Tick two models with the keyboard, as a reader without a mouse would."""
    for box in page.locator("input.zoo-pick").all()[:2]:
        box.focus()
        page.keyboard.press("Space")


@pytest.mark.parametrize("lang, kind", [("zh", "model zoo section"), ("en", "leaderboard")])
def test_the_compare_bar_is_on_a_phone_screen_reachable_by_keyboard_and_never_covers_the_end(phone, real_url, data, lang, kind):
    phone.goto(f"{real_url}/{LANGUAGES[lang]}{examples(data)[kind]}")
    settle(phone)
    phone.evaluate("sessionStorage.clear()")
    phone.reload()
    settle(phone)
    tick_two(phone)
    bar = phone.locator(".zoo-compare-bar")
    assert bar.is_visible()
    box = bar.bounding_box()
    height, width = phone.evaluate("[visualViewport.height, visualViewport.width]")
    assert 0 <= box["y"] and box["y"] + box["height"] <= height, f"the bar is at y={box['y']} on a {height} px screen"
    assert 0 <= box["x"] and box["x"] + box["width"] <= width
    # Reachable: with no positive tabindex, Tab follows the document's order, so Tab from
    # the control just before the bar's link (a long table has hundreds) comes to the link.
    go = bar.locator(".zoo-compare-bar__go")
    assert phone.locator("[tabindex]:not([tabindex='0']):not([tabindex^='-'])").count() == 0
    go.evaluate("""link => {
        const controls = [...document.querySelectorAll('a[href], button, input, select, summary, [tabindex]')]
            .filter(c => c.tabIndex >= 0 && !c.disabled && c.getClientRects().length);
        controls[controls.indexOf(link) - 1].focus();
    }""")
    phone.keyboard.press("Tab")
    assert go.evaluate("link => document.activeElement === link"), "Tab never reaches the compare bar"
    # At the very end of the page, the bar covers nothing: the page ends with room for it.
    phone.evaluate("window.scrollTo(0, document.documentElement.scrollHeight)")
    last = phone.locator(".md-footer-meta").bounding_box()
    box = bar.bounding_box()
    assert box["y"] >= last["y"] + last["height"], "the bar covers the end of the page"
    phone.keyboard.press("Enter")
    phone.wait_for_url(re.compile(r"/compare/\?m=[^,]+,[^,]+$"))


# --- 3: the compare view -----------------------------------------------------------

def key(text: str) -> str:
    """What the compare view compares names as (compare.js key())."""
    return re.sub(r"[\s\-_.·,()（）/+]+", "", (text or "").lower())


def names(model: dict, lang: str) -> list[str]:
    """What a reader may call a model: its id, its name in either language, its full name in this one."""
    return [model["id"], *both(model["name"]).values(), both(model.get("full_name") or {}).get(lang)]


def distance(a: str, b: str) -> int:
    row = list(range(len(b) + 1))
    for i, x in enumerate(a, 1):
        row, last = [i] + row[1:], row
        for j, y in enumerate(b, 1):
            row[j] = min(last[j] + 1, row[j - 1] + 1, last[j - 1] + (x != y))
    return row[-1]


def compared_first(data) -> dict:
    """The first model of the longest table, the one the compare view's example starts with."""
    return data.rows_of(*largest_table(data))[0].model


@pytest.mark.parametrize("lang", LANGUAGES)
def test_an_unknown_id_is_named_and_the_known_ones_are_shown(page, real_url, data, lang):
    known = compared_first(data)
    assert UNKNOWN not in {model["id"] for _, model in data.models}
    page.goto(f"{real_url}/{LANGUAGES[lang]}compare/?m={known['id']},{UNKNOWN}")
    settle(page)
    problems = page.locator(".zoo-compare__problem").all_inner_texts()
    assert any(UNKNOWN in problem for problem in problems), problems
    heads = page.locator(".zoo-compare table").first.locator("thead th a").all_inner_texts()
    assert heads == [both(known["name"])[lang]]


def misspellings(data) -> list[tuple[str, str]]:
    """(what a reader asks for, the model it must suggest): an id an edit away whose
    model is the only one that close, a name written without its spaces and
    punctuation, and an id with a hyphen in it."""
    models = [model for _, model in data.models]
    keys = {model["id"]: {key(name) for name in names(model, "en") if name} for model in models}

    def only_close(asked: str, model: dict) -> bool:
        wanted = key(asked)
        return all(distance(name, wanted) > 1 and not (name.startswith(wanted) or wanted.startswith(name))
                   for other in models if other is not model for name in keys[other["id"]])
    edited = next((model["id"][:-1] + letter, model["id"]) for model in models for letter in "qxz"
                  if model["id"][-1] != letter and only_close(model["id"][:-1] + letter, model))
    spaced = next((both(model["name"])["en"].upper().replace(" ", ""), model["id"]) for model in models
                  if re.search(r"[\s\-.]", both(model["name"])["en"].strip()))
    hyphened = next((model["id"][:3] + "-" + model["id"][3:], model["id"]) for model in models
                    if "-" not in model["id"] and len(model["id"]) > 4)
    return [edited, spaced, hyphened]


@pytest.mark.parametrize("case", ["an edit away", "a name written another way", "an id with a hyphen"])
def test_close_matches_are_suggested_and_one_click_takes_its_place(page, real_url, data, case):
    asked, close = dict(zip(["an edit away", "a name written another way", "an id with a hyphen"], misspellings(data)))[case]
    other = next(model["id"] for _, model in data.models if model["id"] != close)
    page.goto(f"{real_url}/en/compare/?m={other},{asked}")
    settle(page)
    problem = page.locator(".zoo-compare__problem", has_text=unquote(asked))
    suggested = problem.locator("a")
    found = {parse_qsl(urlsplit(href).query)[0][1].split(",")[1]
             for href in suggested.evaluate_all("links => links.map(a => a.href)")}
    assert close in found, found
    first = suggested.first
    target = urlsplit(first.evaluate("a => a.href")).query
    first.click()
    page.wait_for_function("query => location.search === '?' + query", arg=target)
    assert page.locator(".zoo-compare table").first.locator("thead th a").count() == 2
    page.go_back()
    page.wait_for_function("query => location.search === query", arg=f"?m={other},{asked}")
    assert page.locator(".zoo-compare__problem", has_text=unquote(asked)).count() == 1


def expected_matches(data, typed: str, lang: str) -> list[str]:
    """The models whose id or names hold what was typed: those that start with it first, then by name."""
    wanted = key(typed)
    hits = []
    for _, model in data.models:
        positions = [key(name).find(wanted) for name in names(model, lang) if name and wanted in key(name)]
        if positions:
            hits.append((min(positions) > 0, both(model["name"])[lang], model["id"]))
    return [identifier for _, _, identifier in sorted(hits)]


def typed_prefix(data) -> tuple[str, str]:
    """What a reader types to find models of one family (the first five letters of the
    commonest start of an id), and the start of another family's ids."""
    starts = sorted(model["id"][:5] for _, model in data.models)
    common = max(starts, key=lambda start: (starts.count(start), start))
    return common, next(start for start in starts if start != common)


@pytest.mark.parametrize("lang", LANGUAGES)
def test_models_are_picked_on_the_page_by_keyboard_and_the_address_follows(page, real_url, data, lang):
    home = f"{real_url}/{LANGUAGES[lang]}compare/"
    page.goto(home)
    page.evaluate("sessionStorage.clear()")
    page.goto(home)
    settle(page)
    field = page.get_by_role("combobox")
    assert field.is_visible() and field.evaluate("f => f.labels.length") == 1
    typed, other_typed = typed_prefix(data)
    field.press_sequentially(typed, delay=10)
    options = page.get_by_role("option")
    wanted = expected_matches(data, typed, lang)
    assert len(wanted) > 1
    assert options.evaluate_all("os => os.map(o => o.id.replace('zoo-pick-', ''))") == wanted
    assert field.get_attribute("aria-expanded") == "true"
    assert re.search(rf"\b{len(wanted)}\b", page.locator(".zoo-picker__status").inner_text())
    field.press("ArrowDown")
    assert field.get_attribute("aria-activedescendant") == f"zoo-pick-{wanted[0]}"
    field.press("Enter")
    page.wait_for_function("first => location.search === '?m=' + first", arg=wanted[0])
    second = next(identifier for identifier in expected_matches(data, other_typed, lang) if identifier != wanted[0])
    field.press_sequentially(other_typed, delay=10)
    field.press("ArrowDown")
    field.press("Enter")
    page.wait_for_function("query => location.search === query", arg=f"?m={wanted[0]},{second}")
    assert page.locator(".zoo-compare table").first.locator("thead th a").count() == 2
    # The language switcher carries the picks.
    other = "en" if lang == "zh" else "zh"
    page.locator(".md-header__option .md-select").hover()
    switch = page.locator(f"a.md-select__link[hreflang={other}]")
    assert urlsplit(switch.evaluate("a => a.href")).query == f"m={wanted[0]},{second}"
    # Each pick is a step back.
    page.go_back()
    page.wait_for_function("first => location.search === '?m=' + first", arg=wanted[0])
    page.go_back()
    page.wait_for_function("() => location.search === ''")
    assert page.locator(".zoo-compare table").count() == 0


def test_only_unknown_ids_still_offer_the_picker(page, real_url):
    page.goto(f"{real_url}/en/compare/?m={UNKNOWN}")
    settle(page)
    assert page.locator(".zoo-compare__problem", has_text=UNKNOWN).count() == 1
    assert page.get_by_role("combobox").is_visible()


# --- 4: the language switch keeps the place -------------------------------------------

def switch_to(page, name: str) -> None:
    page.locator(".md-header__option .md-select").hover()
    page.get_by_role("link", name=name).click()


def test_switching_language_keeps_the_row_both_ways(page, real_url, data):
    section, benchmark = largest_table(data)
    model = data.rows_of(section, benchmark)[0].model["id"]
    page.goto(f"{real_url}/models/{section['id']}/#{model}")
    switch_to(page, "English")
    page.wait_for_url(f"{real_url}/en/models/{section['id']}/#{model}")
    assert page.evaluate("document.querySelector(':target').id") == model
    # After an in-page link (hashchange), the new anchor goes along.
    page.locator(f"tr:has(h3[id='{model}']) a[href='#benchmark-{benchmark['id']}']").click()
    page.wait_for_function("hash => location.hash === hash", arg=f"#benchmark-{benchmark['id']}")
    switch_to(page, "中文")
    page.wait_for_url(f"{real_url}/models/{section['id']}/#benchmark-{benchmark['id']}")
    assert page.evaluate("document.querySelector(':target').id") == f"benchmark-{benchmark['id']}"


def test_switching_language_keeps_the_query(page, real_url, data):
    """Such as the highlight a search result opens a page with."""
    section, benchmark = largest_table(data)
    model = data.rows_of(section, benchmark)[0].model["id"]
    page.goto(f"{real_url}/en/models/{section['id']}/?h={model[:4]}#{model}")
    settle(page)
    switch_to(page, "中文")
    page.wait_for_url(f"{real_url}/models/{section['id']}/?h={model[:4]}#{model}")


ARTICLE_IDS = re.compile(r"<(\w+)\b[^>]*?\sid=\"([^\"]+)\"")


def article_ids(path: Path) -> set[str]:
    """The ids inside a page's article but the title's (a plain scan: the site has a thousand pages)."""
    text = path.read_text(encoding="utf-8")
    start = text.find("<article")
    article = text[start:text.index("</article>", start)] if start >= 0 else ""
    return {identifier for tag, identifier in ARTICLE_IDS.findall(article) if tag != "h1"}


def test_every_anchor_has_its_place_in_the_other_language(real_site, site_pages):
    """Every id in a page's article (but the title's) is on the same page in the other language."""
    differ = []
    pairs = [(page.file, "en/" + page.file) for page in site_pages.values()
             if not page.prefix and page.file != "404.html" and "/en/" + page.file.removesuffix("index.html") in site_pages]
    assert pairs
    for zh, en in pairs:
        ids = article_ids(real_site / zh), article_ids(real_site / en)
        if ids[0] != ids[1]:
            differ.append(f"{zh}: {sorted(ids[0] ^ ids[1])[:6]}")
    assert not differ, differ


# --- 5: an English 404 under /en/ -----------------------------------------------------

def test_a_missing_english_page_gets_the_english_404_with_english_search(new_page, real_url):
    page = new_page(search=True)
    response = page.goto(f"{real_url}/en/no/such/page/")
    assert response.status == 404
    settle(page)
    assert page.locator("html").get_attribute("lang") == "en"
    assert page.url == f"{real_url}/en/no/such/page/"
    assert page.locator("h1").first.inner_text() == "404 - Page not found"
    assert "Model Zoo" in page.locator(".md-tabs").inner_text()
    assert not re.search(r"[\u4e00-\u9fff]", page.locator(".md-header").inner_text() + page.locator(".md-tabs").inner_text())
    page.wait_for_function("/Type to start searching/.test(document.querySelector('.md-search-result__meta').textContent)")
    page.keyboard.press("/")
    page.locator(".md-search__input").press_sequentially("resnet", delay=15)
    page.wait_for_selector(".md-search-result__item a.md-search-result__link")
    results = page.locator(".md-search-result__item a.md-search-result__link").evaluate_all(
        "links => links.map(a => new URL(a.href).pathname)")
    assert results and all(path.startswith("/en/") for path in results), results


def test_a_missing_chinese_page_keeps_the_chinese_404(page, real_url):
    response = page.goto(f"{real_url}/no/such/page/")
    assert response.status == 404
    settle(page)
    assert page.locator("html").get_attribute("lang") == "zh"
    assert page.locator("h1").first.inner_text() == "404 - 找不到页面"


def test_without_script_a_missing_english_page_still_reads_in_english(browser, real_url):
    context = browser.new_context(java_script_enabled=False)
    page = context.new_page()
    page.goto(f"{real_url}/en/no/such/page/")
    assert page.locator("p[lang=en]", has_text="There is no page at this address").is_visible()
    context.close()


# --- 6: plurals -------------------------------------------------------------------------

STRINGS = yaml.safe_load((PROJECT / "templates" / "strings.yml").read_text(encoding="utf-8"))["strings"]
COUNTED = sorted(key for key, text in STRINGS.items() if isinstance(text["en"], dict))
# The nouns the site counts.
NOUNS = r"(?:entries|models|sections|benchmarks|benchmark tables|categories|links|curated links|rows|pages|pairs" \
        r"|pairs of models|days|tags|results|atlas entries|leaderboards)"


@pytest.fixture(scope="module")
def renderers() -> dict:
    from zoosite import pages
    from zoosite.schema import Schemas

    schemas = Schemas(PROJECT / "schemas")
    return {lang: pages.Renderer(PROJECT / "templates", lang, schemas) for lang in LANGUAGES}


@pytest.mark.parametrize("key", COUNTED)
def test_a_counted_string_reads_right_for_one_and_for_many(renderers, key):
    zh, en = renderers["zh"], renderers["en"]
    names = set(re.findall(r"\{(\w+)\}", STRINGS[key]["en"]["other"])) - {"count"}
    values = {name: f"<{name}>" for name in names}
    assert en.t(key, count=1, **values) != en.t(key, count=2, **values)
    assert not re.search(rf"\b1 {NOUNS}\b", en.t(key, count=1, **values))
    assert zh.t(key, count=1, **values) == zh.t(key, count=2, **values).replace("2", "1")


def test_a_count_goes_only_to_a_counted_string(renderers):
    renderer = renderers["en"]
    with pytest.raises(KeyError, match="count"):
        renderer.t("compare.title", count=1)
    with pytest.raises(KeyError, match="count"):
        renderer.t(COUNTED[0])


def test_every_string_that_counts_has_forms():
    """An English string with a number before a plural noun needs one/other forms."""
    plain = {key: text["en"] for key, text in STRINGS.items() if isinstance(text["en"], str)}
    assert not [key for key, text in plain.items() if re.search(rf"\{{\w+\}} {NOUNS}\b", text)]


HIDDEN = re.compile(r"<(script|style)\b.*?</\1>", re.S)


def english_text(site: Path) -> dict[str, str]:
    """The text of every English page (a plain scan, not a parse: the site has a thousand pages)."""
    texts = {}
    for path in sorted((site / "en").rglob("*.html")):
        text = re.sub(r"<[^>]+>", " ", HIDDEN.sub(" ", path.read_text(encoding="utf-8")))
        texts[path.relative_to(site).as_posix()] = " ".join(html.unescape(text).split())
    assert texts
    return texts


@pytest.mark.parametrize("which", ["real", "mini"])
def test_no_english_page_says_one_with_a_plural(request, which):
    site = request.getfixturevalue("real_site" if which == "real" else "mini_built")
    wrong = {path: found for path, text in english_text(site).items()
             if (found := re.findall(rf"(?<![\d.,])\b1 {NOUNS}\b", text))}
    assert not wrong


def test_a_filter_counts_its_rows_in_the_right_form(page, real_url, data):
    """The model list of the section with the fewest models: "of 1 row" for one, "of 3 rows" for more."""
    section = min((section for section in data.sections if section.get("models")),
                  key=lambda section: (len(section["models"]), section["id"]))
    rows = len(section["models"])
    page.goto(f"{real_url}/en/models/{section['id']}/")
    box = page.locator(".zoo-filter").first
    box.locator(".zoo-filter__input").press_sequentially("a", delay=10)
    noun = "row" if rows == 1 else "rows"
    assert re.fullmatch(rf"Showing \d+ of {rows} {noun}", box.locator(".zoo-filter__count").inner_text())


# --- 7: contributing ----------------------------------------------------------------------

CONFIG = dict(re.findall(r"^(repo_url|site_url): (\S+)$", (PROJECT / "mkdocs.yml").read_text(encoding="utf-8"), re.M))
REPOSITORY = CONFIG["repo_url"].rstrip("/")
FORMS = {path.name: {field["id"] for field in yaml.safe_load(path.read_text(encoding="utf-8"))["body"] if "id" in field}
         for path in (PROJECT / ".github" / "ISSUE_TEMPLATE").glob("*.yml") if path.name != "config.yml"}


@pytest.mark.parametrize("lang, guide", [("zh", "CONTRIBUTING.zh.md"), ("en", "CONTRIBUTING.md")])
def test_the_about_page_links_to_the_guide(real_site, html_of, lang, guide):
    about = html_of(real_site, f"{LANGUAGES[lang]}about")
    href = about.select_one(f'article a[href$="/{guide}"]')["href"]
    assert href == f"{REPOSITORY}/blob/main/{guide}" and (PROJECT / guide).is_file()


def issue_links(soup) -> dict[str, dict]:
    """{form: its fields} of every issue form link in the page's contribute paragraph."""
    found = {}
    for a in soup.select("p.zoo-contribute a[href*='/issues/new?']"):
        parts = urlsplit(a["href"])
        assert f"{parts.scheme}://{parts.netloc}{parts.path}" == f"{REPOSITORY}/issues/new"
        assert not re.search(r"[\s\"'<>]", a["href"]), a["href"]  # every value is percent-encoded
        query = dict(parse_qsl(parts.query))
        form = query.pop("template")
        assert set(query) <= FORMS[form], (form, query)
        found[form] = query
    return found


def data_file_of(record: str) -> Path:
    return PROJECT / record.split(": ")[0]


@pytest.mark.parametrize("lang", LANGUAGES)
def test_every_model_section_and_atlas_page_invites_corrections_and_models(real_site, article_of, data, lang):
    site_url = CONFIG["site_url"].rstrip("/") + "/" + LANGUAGES[lang]
    pages = {"models": {section["id"] for section in data.sections},
             "atlas": {category["id"] for category in data.categories} | {entry["id"] for _, entry in data.entries}}
    checked = set()
    for kind in ("models", "atlas"):
        for folder in sorted((real_site / LANGUAGES[lang] / kind).iterdir()):
            if not (folder / "index.html").is_file():
                continue
            soup = article_of(real_site, f"{LANGUAGES[lang]}{kind}/{folder.name}")
            links = issue_links(soup)
            address = f"{site_url}{kind}/{folder.name}/"
            assert links["correction.yml"]["page"] == address
            record = links["correction.yml"]["record"]
            assert data_file_of(record).is_file() and record.endswith(f": {folder.name}"), record
            assert "add-model.yml" in links
            if kind == "models":
                assert links["add-model.yml"] == {"section": folder.name}
                assert links["wrong-number.yml"] == {"page": address}
            else:
                assert links["dead-link.yml"] == {"page": address}
            assert soup.select_one("p.zoo-contribute a[href$='CONTRIBUTING.md'], p.zoo-contribute a[href$='CONTRIBUTING.zh.md']")
            checked.add((kind, folder.name))
    assert checked == {(kind, page) for kind, ids in pages.items() for page in ids}


def test_a_link_to_a_field_the_form_lacks_stops_the_build(tmp_path):
    forms = tmp_path / "forms"
    forms.mkdir()
    from mkdocs.exceptions import PluginError
    from zoosite import contribute

    (forms / "add-model.yml").write_text("body:\n  - type: input\n    id: section\n", encoding="utf-8")
    links = contribute.Contribute("https://github.com/o/r", "https://github.com/o/r/edit/main/", forms)
    assert links.issue("add-model.yml", section="a b&c") == \
        "https://github.com/o/r/issues/new?template=add-model.yml&section=a%20b%26c"
    assert links.guide("zh") == "https://github.com/o/r/blob/main/CONTRIBUTING.zh.md"
    with pytest.raises(PluginError, match="no field sectoin"):
        links.issue("add-model.yml", sectoin="x")


# --- 8: the home page on a phone ------------------------------------------------------------

@pytest.mark.parametrize("lang", LANGUAGES)
def test_what_the_site_is_and_where_to_start_fit_a_phone_screen(phone, real_url, lang):
    phone.goto(f"{real_url}/{LANGUAGES[lang]}")
    settle(phone)
    height = phone.evaluate("window.visualViewport.height")
    # The page's title, what the site is, and the first section (where to start) with all its links.
    below = phone.evaluate("""height => [
        ...document.querySelectorAll('article h1, article h1 + p, article h2:first-of-type, article h2:first-of-type + ul a')]
        .filter(element => element.getBoundingClientRect().bottom > height)
        .map(element => element.textContent.trim().slice(0, 40))""", height)
    assert phone.locator("article h2:first-of-type + ul a").count()
    assert not below, f"below the fold of a {height} px screen: {below}"


# --- 9: the tag index ---------------------------------------------------------------------------

def tag_lists(soup) -> dict[str, list[str]]:
    """{tag id: the addresses its list in the full index holds}."""
    return {heading["id"]: [a["href"] for a in heading.find_next("ul").select(":scope > li > a")]
            for heading in soup.select("article h3[id]")}


@pytest.mark.parametrize("lang", LANGUAGES)
def test_the_tag_index_starts_with_every_tag_and_its_count(real_site, html_of, lang):
    soup = html_of(real_site, f"{LANGUAGES[lang]}tags")
    lists = tag_lists(soup)
    index = soup.select_one("nav.zoo-tag-index")
    counts = {}
    for link in index.select("a.zoo-tag"):
        tag = link["href"].removeprefix("#")
        counts[tag] = int(link.select_one(".zoo-tag__count").find(string=True, recursive=False))
    assert counts == {tag: len(hrefs) for tag, hrefs in lists.items()}
    groups = [p.get_text() for p in index.select(".zoo-tag-index__group")]
    assert groups == [h2.get_text(" ", strip=True).removesuffix("¶").strip() for h2 in soup.select("article h2[id^=group-]")]


def overlapping(lists: dict) -> tuple[str, str, list[str]]:
    """Two tags that share some pages but not all, and what they share."""
    pairs = [(a, b, [href for href in lists[a] if href in lists[b]]) for a in lists for b in lists if a < b]
    return max((pair for pair in pairs if 0 < len(pair[2]) < min(len(lists[pair[0]]), len(lists[pair[1]]))),
               key=lambda pair: (len(pair[2]), pair[0], pair[1]))


@pytest.mark.parametrize("lang", LANGUAGES)
def test_two_tags_show_the_pages_with_both_and_the_address_keeps_them(page, real_site, real_url, html_of, lang):
    first, second, both = overlapping(tag_lists(html_of(real_site, f"{LANGUAGES[lang]}tags")))
    page.goto(f"{real_url}/{LANGUAGES[lang]}tags/")
    settle(page)
    combine = page.locator(".zoo-tag-combine")
    combine.locator("select").nth(0).select_option(first)
    combine.locator("select").nth(1).select_option(second)
    page.wait_for_function("query => location.search === query", arg=f"?tags={first},{second}")
    shown = combine.locator(".zoo-tag-combine__pages a").evaluate_all("links => links.map(a => a.getAttribute('href'))")
    assert shown == both
    assert re.search(rf"\b{len(both)}\b", combine.locator("[role=status]").inner_text())
    page.reload()
    settle(page)
    assert combine.locator(".zoo-tag-combine__pages a").count() == len(both)
    page.go_back()
    page.wait_for_function("query => location.search === query", arg=f"?tags={first}")
    assert combine.locator("select").nth(1).input_value() == ""


def test_without_script_the_whole_tag_index_is_there(browser, real_url, real_site, html_of):
    context = browser.new_context(java_script_enabled=False)
    page = context.new_page()
    page.goto(f"{real_url}/en/tags/")
    assert not page.locator(".zoo-tag-combine").is_visible()
    lists = tag_lists(html_of(real_site, "en/tags"))
    assert page.locator("nav.zoo-tag-index a.zoo-tag").count() == len(lists)
    assert page.locator("article h3[id] + ul.zoo-tag-members li").count() == sum(map(len, lists.values()))
    context.close()


# --- the states this file's pages reach, for axe ---------------------------------------------

def open_the_picker(page) -> None:
    page.get_by_role("combobox").press_sequentially(page.locator(".zoo-compare thead th a").first.inner_text()[:3], delay=10)
    page.get_by_role("combobox").press("ArrowDown")


def choose_two_tags(page) -> None:
    selects = page.locator(".zoo-tag-combine select")
    selects.nth(0).select_option(index=1)
    selects.nth(1).select_option(index=2)


@pytest.mark.parametrize("scheme", ["light", "dark"])
@pytest.mark.parametrize("lang", LANGUAGES)
@pytest.mark.parametrize("state", ["a misspelt id, the picker open", "two tags chosen"])
def test_the_states_scripts_reach_pass_axe(new_page, checkers, real_url, data, scheme, lang, state):
    """What tests/test_quality.py cannot see on a freshly loaded page (the English 404 is a page kind there)."""
    asked, close = misspellings(data)[0]
    path, action = {"a misspelt id, the picker open": (f"compare/?m={close},{asked}", open_the_picker),
                    "two tags chosen": ("tags/", choose_two_tags)}[state]
    page = new_page(color_scheme=scheme)
    page.goto(f"{real_url}/{LANGUAGES[lang]}{path}")
    settle(page)
    action(page)
    assert axe_problems(page, checkers, colours_only=scheme == "dark") == []
