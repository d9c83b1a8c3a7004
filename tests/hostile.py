"""Data files at the size limit, in the shapes that cost the most: for the hostile-input
tests (tests/test_hostile.py) and `make bench` (tests/bench.py).

Each function returns the text of one data file of the tiny fixture site
(tests/fixtures/mini), as large as the reader accepts (yaml_strict.MAX_BYTES).
"""

from __future__ import annotations

import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "hooks"))

from yaml_strict import MAX_BYTES  # noqa: E402

ATLAS_HEAD = "# yaml-language-server: $schema=../../schemas/atlas-category.schema.json\ncategory: tools\nentries:\n"
SECTION_HEAD = """# yaml-language-server: $schema=../../schemas/model-section.schema.json
id: demo
area: vision
order: 1
title: {zh: 演示分类, en: Demo classification}
summary: {zh: 一个用于测试的小方向。, en: A small section for tests.}
tags: [classification]
source: {title: Demo results, url: "https://example.com/demo-results", kind: reproduced}
"""


def filled(head: str, item, count: int | None = None, limit: int = MAX_BYTES) -> str:
    """head, then item(0), item(1)… while the file stays within limit bytes (and count items)."""
    parts, size, n = [head], len(head.encode()), 0
    while count is None or n < count:
        text = item(n)
        if size + len(text.encode()) > limit:
            break
        parts.append(text)
        size += len(text.encode())
        n += 1
    return "".join(parts)


def two_paragraphs() -> str:
    """A model description that is one long paragraph, a blank line, and another:
    the shape that made the "one line of text" pattern backtrack for minutes."""
    words = "word " * ((MAX_BYTES - 2048) // 10)
    return (SECTION_HEAD + "models:\n  - id: alpha\n    name: Alpha\n    description:\n      zh: 模型。\n"
            f"      en: >\n        {words}\n\n        {words}\n"
            '    links: [{title: Alpha, url: "https://github.com/example/alpha"}]\n')


def widest_atlas(entries: int) -> str:
    """As many atlas entries as the schema allows, each with as many links as fit:
    every entry is a page of its own in both languages."""
    per_entry = (MAX_BYTES - len(ATLAS_HEAD)) // entries

    def entry(n: int) -> str:
        head = (f"  - id: entry-{n}\n    name: Entry {n}\n    summary: {{zh: 第 {n} 个条目。, en: Entry number {n}.}}\n"
                f"    tags: [deploy]\n    links:\n")
        return filled(head, lambda k: f'      - {{title: Link {k} of entry {n}, url: "https://github.com/example/entry-{n}-{k}"}}\n',
                      limit=per_entry)

    return filled(ATLAS_HEAD, entry, count=entries)


def widest_section(models: int, benchmarks: int) -> str:
    """As many models and benchmarks as the schema allows, every model with a result
    on every benchmark: the section page and each leaderboard are as long as can be."""
    head = SECTION_HEAD + "benchmarks:\n" + "".join(
        f"  - {{id: bench-{b}, dataset: imagenet, metrics: [top1]}}\n" for b in range(benchmarks)) + "models:\n"
    per_model = (MAX_BYTES - len(head.encode())) // models

    def model(n: int) -> str:
        results = "".join(f"      - {{benchmark: bench-{b}, values: {{top1: {(n * 7 + b) % 1000 / 10}}}}}\n"
                          for b in range(benchmarks))
        text = (f"  - id: model-{n}\n    name: Model {n}\n    description: {{zh: 第 {n} 个模型。, en: DESCRIPTION}}\n"
                f'    links: [{{title: Model {n}, url: "https://github.com/example/model-{n}"}}]\n    results:\n{results}')
        # The rest of the model's share goes to its description, up to the longest one line may be.
        words = max(1, min(2000, per_model - len(text.encode())) // 5)
        return text.replace("DESCRIPTION", ("word " * words).strip())

    return filled(head, model, count=models)
