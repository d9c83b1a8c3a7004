"""Search puts the right page first: the judged queries of tests/search/queries.yml,
typed into the real site's search in Chromium, one tab for all of them
(tests/search/measure.py). A quality threshold, not a timing."""

from __future__ import annotations

import re

import pytest
import yaml

import measure

TOP1, MRR = 0.90, 0.95
# A question typed as a sentence: four words or more, or Chinese with its function words.
SENTENCE = {"en": lambda query: len(query.split()) >= 4,
            "zh": lambda query: bool(re.search("[在用把从我该怎哪]|什么", query))}


def sentences(lang: str) -> list[str]:
    queries = yaml.safe_load(measure.QUERIES.read_text(encoding="utf-8"))["queries"]
    return [q["query"] for q in queries if q["site"] == lang and SENTENCE[lang](q["query"])]


@pytest.fixture(scope="module")
def judged(real_site, real_url, searcher) -> dict:
    queries = measure.load_queries()
    assert not measure.check_queries(real_site, queries)
    return measure.summarise(measure.ask(searcher, real_url, queries))


def test_the_judged_set_is_large_enough_in_both_languages():
    queries = yaml.safe_load(measure.QUERIES.read_text(encoding="utf-8"))["queries"]
    counts = {lang: sum(q["site"] == lang for q in queries) for lang in ("zh", "en")}
    assert len(queries) >= 80 and min(counts.values()) >= 35, counts
    assert min(len(sentences(lang)) for lang in ("zh", "en")) >= 10


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_search_meets_its_targets(judged, lang):
    result = judged[lang]
    misses = "\n".join(f"  {m['query']}: wanted {m['want']}{'#' + m['anchor'] if m.get('anchor') else ''} "
                       f"(rank {m['rank']}), first came {m['first']}" for m in result["misses"])
    print(f"{lang}: top-1 {result['top1']:.3f}, MRR {result['mrr']:.3f} over {result['queries']} queries\n{misses}")
    assert result["top1"] >= TOP1 and result["mrr"] >= MRR, misses


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_the_issues_examples_put_the_wanted_page_first(judged, lang):
    examples = {"zh": {"图像分割", "语义分割", "ResNet50", "ERNIE", "文字识别", "在边缘设备上部署", "用什么工具做OCR"},
                "en": {"ResNet50", "deploy on edge devices", "which tool should I use for OCR"}}[lang]
    missed = {m["query"] for m in judged[lang]["misses"]}
    assert not examples & missed


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_questions_typed_as_sentences_find_a_right_page_in_the_top_three(judged, lang):
    """Issue 17: a reader who asks in a whole sentence finds a right page among the first three results, for at
    least ten such questions in each language (the wanted page itself or one the judged set counts as equally
    right; a query missing from the misses was a top-1 hit)."""
    page_rank = {m["query"]: m["page_rank"] for m in judged[lang]["misses"]}
    found = [q for q in sentences(lang) if 0 < page_rank.get(q, 1) <= 3]
    assert len(found) >= 10, sorted(set(sentences(lang)) - set(found))


@pytest.mark.parametrize("query, stray", [("deploy on edge devices", "/en/leaderboards/metric-learning/sop/"),
                                          ("which tool should I use", "/en/leaderboards/video/tacos/")])
def test_a_stop_word_never_matches_as_a_prefix(searcher, real_url, query, stray):
    """The issue's two queries: "on" found "Online" (Stanford Online Products) and a stop word put the
    TACoS leaderboard first; a page that matches none of the query's other words is no result at all."""
    results = searcher.pages(f"{real_url}/en/", query)
    assert results and stray not in results, results
