"""Data files at the size limit, in the shapes that cost the most: for the hostile-input
tests (tests/test_hostile.py) and `make bench` (tests/bench.py).

Each shape is the text of one data file, as large as the reader accepts
(yaml_strict.MAX_BYTES), naming the ids it refers to from `Ids`: the tiny
fixture site's by default, the real data's in the benchmark.
"""

from __future__ import annotations

import statistics
import subprocess
import sys
import time
from dataclasses import dataclass
from pathlib import Path

import yaml

import synthetic

sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "hooks"))

from zoosite.yaml_strict import MAX_BYTES  # noqa: E402


# What the schemas allow in one list (schemas/common.schema.json, model-section.schema.json).
LINKS = 40


@dataclass(frozen=True)
class Ids:
    """What a new data file refers to, and its own id."""

    section: str = "demo"
    category: str = "tools"
    area: str = "vision"
    dataset: str = "imagenet"
    metrics: tuple[str, ...] = ("top1", "error-rate")
    tag: str = "deploy"


def filled(head: str, item, count: int | None = None, limit: int = MAX_BYTES) -> str:
    """head, then item(0), item(1)… while the text stays within limit bytes (and count items)."""
    parts, size, n = [head], len(head.encode()), 0
    while count is None or n < count:
        text = item(n)
        if size + len(text.encode()) > limit:
            break
        parts.append(text)
        size += len(text.encode())
        n += 1
    return "".join(parts)


def section_head(ids: Ids) -> str:
    return (f"# yaml-language-server: $schema=../../schemas/model-section.schema.json\nid: {ids.section}\n"
            f"area: {ids.area}\norder: 99\ntitle: {{zh: 边界测试, en: Limit test}}\n"
            f"summary: {{zh: 一个用于测试的方向。, en: A section for tests.}}\n"
            f'source: {{title: Test results, url: "https://example.com/results", kind: reproduced}}\n')


def two_paragraphs(ids: Ids = Ids()) -> str:
    """A model description that is one long paragraph, a blank line, and another:
    the shape that made the "one line of text" pattern backtrack for minutes."""
    words = "word " * ((MAX_BYTES - 2048) // 10)
    return (section_head(ids) + "models:\n  - id: alpha\n    name: Alpha\n    description:\n      zh: 模型。\n"
            f"      en: >\n        {words}\n\n        {words}\n"
            '    links: [{title: Alpha, url: "https://github.com/example/alpha"}]\n')


def widest_atlas(entries: int, ids: Ids = Ids()) -> str:
    """As many atlas entries as the schema allows, each with as many links as it
    allows and long features: every entry is a page of its own in both languages."""
    head = f"# yaml-language-server: $schema=../../schemas/atlas-category.schema.json\ncategory: {ids.category}\nentries:\n"
    per_entry = (MAX_BYTES - len(head)) // entries

    def entry(n: int) -> str:
        text = (f"  - id: {ids.category}-entry-{n}\n    name: Entry {n}\n"
                f"    summary: {{zh: 第 {n} 个条目。, en: Entry number {n}.}}\n    tags: [{ids.tag}]\n    links:\n")
        text = filled(text, lambda k: f'      - {{title: Link {k} of entry {n}, url: "https://github.com/example/entry-{n}-{k}"}}\n',
                      count=LINKS, limit=per_entry)
        features = filled("    features:\n", lambda k: f"      - {{zh: 特点 {k}。{'字' * 200}, en: Feature {k}. {'word ' * 200}}}\n",
                          limit=per_entry - len(text.encode()))
        return text + features if "- " in features else text

    return filled(head, entry, count=entries)


def widest_section(models: int, benchmarks: int, results: int, ids: Ids = Ids()) -> str:
    """As many models, benchmarks, results and metrics as the schema allows, each
    model with the longest description and as many links as fit: the section
    page and the leaderboards are as long as they can be."""
    metrics = ", ".join(ids.metrics)
    head = section_head(ids) + "benchmarks:\n" + "".join(
        f"  - {{id: bench-{b}, dataset: {ids.dataset}, split: unstated, metrics: [{metrics}]}}\n" for b in range(benchmarks)) + "models:\n"
    per_model = (MAX_BYTES - len(head.encode())) // models

    def model(n: int) -> str:
        values = ", ".join(f"{metric}: {(n * 7 + m) % 1000 / 10}" for m, metric in enumerate(ids.metrics))
        text = (f"  - id: {ids.section}-model-{n}\n    name: Model {n}\n"
                f"    description: {{zh: 第 {n} 个模型。, en: {' '.join(['word'] * 399)}}}\n    results:\n"
                + "".join(f"      - {{benchmark: bench-{(n + k) % benchmarks}, values: {{{values}}}}}\n" for k in range(results))
                + "    links:\n")
        # The rest of the model's share goes to links.
        return filled(text, lambda k: f'      - {{title: Link {k} of model {n}, url: "https://github.com/example/model-{n}-{k}"}}\n',
                      count=LINKS, limit=per_model)

    return filled(head, model, count=models)


# -- make bench -------------------------------------------------------------------

def real_ids(data: Path) -> Ids:
    def ids(name: str, key: str) -> list[str]:
        return [item["id"] for item in yaml.safe_load((data / name).read_text(encoding="utf-8"))[key]]

    return Ids(section="limit-test", category="limit-test", area=ids("model-areas.yml", "areas")[0],
               dataset=ids("datasets.yml", "datasets")[0], metrics=tuple(ids("metrics.yml", "metrics")[:6]),
               tag=ids("tags.yml", "tags")[0])


def with_file(real: Path, destination: Path, shape: str) -> Path:
    """A copy of the real project with one contribution added at the size limit."""
    subprocess.run(["cp", "-a", str(real), str(destination)], check=True)
    data = destination / "data"
    ids = real_ids(data)
    if shape == "atlas":
        # A new category: its entry in atlas-categories.yml, and its file.
        path = data / "atlas-categories.yml"
        categories = synthetic.read(path)
        categories["categories"].append({"id": ids.category, "order": 990, "name": {"zh": "边界测试", "en": "Limit test"},
                                         "purpose": {"zh": "测试。", "en": "A test."}})
        synthetic.write(path, path, categories)
        (data / "atlas" / f"{ids.category}.yml").write_text(widest_atlas(100, ids), encoding="utf-8")
    else:
        text = widest_section(150, 20, 4, ids) if shape == "section" else two_paragraphs(ids)
        (data / "models" / f"{ids.section}.yml").write_text(text, encoding="utf-8")
    return destination


def bench(runs: int, work: Path, real: Path, build_both, configs: dict) -> dict:
    """The real site's build against the same site with one contribution at the
    limit: the worst valid atlas category and Model Zoo section (target: within
    2x the real site), and the two-paragraph text (target: refused in < 5 s)."""
    projects = {shape: with_file(real, work / f"limit-{shape}", shape) for shape in ("atlas", "section", "refused")}
    times = {"real": [], "atlas": [], "section": [], "refused_build": [], "refused_check": []}
    for _ in range(runs):
        # Alternated, so that all of them see the same machine load.
        times["real"].append(build_both(real, work / "limit-site", configs)[0])
        for shape in ("atlas", "section"):
            times[shape].append(build_both(projects[shape], work / "limit-site", configs)[0])
        for key, command in (("refused_build", [sys.executable, "-m", "mkdocs", "build", "-q", "-d", str(work / "limit-site")]),
                             ("refused_check", [sys.executable, str(real / "tools" / "check.py"), str(projects["refused"])])):
            start = time.perf_counter()
            done = subprocess.run(command, cwd=projects["refused"], capture_output=True, text=True)
            times[key].append(time.perf_counter() - start)
            if done.returncode == 0 or "characters long; expected at most 2000" not in done.stderr:
                raise SystemExit(f"the two-paragraph text was not refused:\n{done.stderr[-2000:]}")
    medians = {key: statistics.median(values) for key, values in times.items()}
    return {"runs": runs, **{f"{key}_s": round(value, 2) for key, value in medians.items()},
            "atlas_ratio": round(medians["atlas"] / medians["real"], 2),
            "section_ratio": round(medians["section"] / medians["real"], 2)}
