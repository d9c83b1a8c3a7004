"""Search puts the right page first: the judged queries of tests/search/queries.yml,
typed into the real site's search in the run's Chromium, one tab for all of them
(tests/search/measure.py). A quality threshold, not a timing."""

from __future__ import annotations

import pytest
import yaml

import measure

TOP1, MRR = 0.90, 0.95


@pytest.fixture(scope="module")
def judged(real_site, browser) -> dict:
    queries = measure.load_queries()
    assert not measure.check_queries(real_site, queries)
    return measure.summarise(measure.measure(real_site, queries, browser=browser))


def test_the_judged_set_is_large_enough_in_both_languages():
    queries = yaml.safe_load(measure.QUERIES.read_text(encoding="utf-8"))["queries"]
    counts = {lang: sum(q["site"] == lang for q in queries) for lang in ("zh", "en")}
    assert len(queries) >= 80 and min(counts.values()) >= 35, counts


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_search_meets_its_targets(judged, lang):
    result = judged[lang]
    misses = "\n".join(f"  {m['query']}: wanted {m['want']}{'#' + m['anchor'] if m.get('anchor') else ''} "
                       f"(rank {m['rank']}), first came {m['first']}" for m in result["misses"])
    print(f"{lang}: top-1 {result['top1']:.3f}, MRR {result['mrr']:.3f} over {result['queries']} queries\n{misses}")
    assert result["top1"] >= TOP1 and result["mrr"] >= MRR, misses


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_the_issues_examples_put_the_wanted_page_first(judged, lang):
    examples = {"zh": {"图像分割", "语义分割", "ResNet50", "ERNIE", "文字识别"}, "en": {"ResNet50"}}[lang]
    missed = {m["query"] for m in judged[lang]["misses"]}
    assert not examples & missed
