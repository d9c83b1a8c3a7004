"""Trade-offs, fronts and budgets as the data files give them, read without the hooks.

Plain PyYAML over data/models/<section>.yml and its part files
(data/models/<section>/*.yml), so that the build's reading of results,
times and sizes, and its definition of the front, are checked against a
second, independent reading of the same files. The definitions follow issue
19 in their plainest form: a model is on the front when no other model is at
least as accurate and at most as costly and better on one of the two; the
best model within a budget is the most accurate one whose every limited cost
is known and within its limit.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import cached_property
from pathlib import Path

from expected import read_yaml

MEGABYTES = {"KB": 1 / 1024, "MB": 1, "GB": 1024}
MINIMUM = 3


@dataclass(frozen=True)
class Result:
    model: str
    name: dict  # {zh, en}
    backbone: str | None
    values: dict  # metric id -> number
    times: dict  # condition id -> ms
    size: float | None  # MB
    supported_on: tuple[str, ...]

    @property
    def key(self) -> str:
        return self.model + (f"@{self.backbone}" if self.backbone else "")

    def cost(self, column: str) -> float | None:
        return self.size if column == "size" else self.times.get(column)


@dataclass(frozen=True)
class Benchmark:
    section: str
    id: str
    metric: str  # the first metric
    higher_is_better: bool
    columns: tuple[str, ...]  # condition ids in order, then "size" where a result has a size
    results: tuple[Result, ...]

    def better(self, result: Result) -> float:
        value = result.values[self.metric]
        return value if self.higher_is_better else -value

    def pairs(self, column: str) -> list[Result]:
        return [r for r in self.results if self.metric in r.values and r.cost(column) is not None]

    def front(self, column: str) -> list[Result]:
        """The models no other model dominates on accuracy against this cost, cheapest first."""
        rows = self.pairs(column)
        kept = [r for r in rows if not any(
            self.better(o) >= self.better(r) and o.cost(column) <= r.cost(column)
            and (self.better(o) > self.better(r) or o.cost(column) < r.cost(column)) for o in rows)]
        return sorted(kept, key=lambda r: (r.cost(column), -self.better(r)))

    def within(self, limits: dict, target: str | None = None) -> list[Result]:
        return [r for r in self.results
                if all(r.cost(column) is not None and r.cost(column) <= limit for column, limit in limits.items())
                and (target is None or target in r.supported_on)]

    def best_within(self, limits: dict, target: str | None = None) -> list[Result]:
        """Every result that is the most accurate within the budget (several on a tie)."""
        rows = [r for r in self.within(limits, target) if self.metric in r.values]
        if not rows:
            return []
        top = max(self.better(r) for r in rows)
        return [r for r in rows if self.better(r) == top]


class Tradeoffs:
    def __init__(self, root: Path):
        self.folder = root / "data"

    @cached_property
    def metrics(self) -> dict:
        return {m["id"]: m for m in read_yaml(self.folder / "metrics.yml")["metrics"]}

    @cached_property
    def targets(self) -> dict:
        """condition id -> the kind of its target (gpu, cpu, ...)."""
        hardware = read_yaml(self.folder / "hardware.yml")
        kinds = {t["id"]: t["kind"] for t in hardware["targets"]}
        return {c["id"]: kinds[c["target"]] for c in hardware.get("conditions", [])}

    @cached_property
    def benchmarks(self) -> list[Benchmark]:
        out = []
        for main in sorted((self.folder / "models").glob("*.yml")):
            files = [main] + sorted((self.folder / "models" / main.stem).glob("*.yml"))
            documents = [read_yaml(path) for path in files]
            models = {m["id"]: m for d in documents for m in d.get("models", [])}
            supported = {i: list(m.get("supported_on", [])) for i, m in models.items()}
            found = {}
            for document in documents:
                for extension in document.get("extends", []):
                    supported[extension["model"]] += extension.get("supported_on", [])
                for model in document.get("models", []) + document.get("extends", []):
                    identifier = model.get("id") or model["model"]
                    for result in model.get("results", []):
                        found.setdefault(result["benchmark"], []).append((identifier, result))
            for document in documents:
                for benchmark in document.get("benchmarks", []):
                    if not benchmark["metrics"]:
                        continue
                    results = tuple(Result(
                        model=identifier, name=models[identifier]["name"] if isinstance(models[identifier]["name"], dict)
                        else {"zh": models[identifier]["name"], "en": models[identifier]["name"]},
                        backbone=result.get("backbone"), values=result.get("values") or {},
                        times=result.get("time") or {},
                        size=result["size"]["value"] * MEGABYTES[result["size"]["unit"]] if "size" in result else None,
                        supported_on=tuple(supported[identifier]))
                        for identifier, result in found.get(benchmark["id"], []))
                    columns = tuple(benchmark.get("timings", [])) + (("size",) if any(r.size is not None for r in results) else ())
                    metric = benchmark["metrics"][0]
                    out.append(Benchmark(documents[0]["id"], benchmark["id"], metric,
                                         self.metrics[metric]["higher_is_better"], columns, results))
        return out

    def axes(self, benchmark: Benchmark) -> list[str]:
        """The columns with a trade-off, in column order."""
        return [c for c in benchmark.columns if len(benchmark.pairs(c)) >= MINIMUM]

    def charted(self, benchmark: Benchmark) -> list[str]:
        """One column per kind of cost (a GPU's time, a CPU's time, the size): the first with a trade-off."""
        seen, out = set(), []
        for column in self.axes(benchmark):
            kind = "size" if column == "size" else self.targets[column]
            if kind not in seen:
                seen.add(kind)
                out.append(column)
        return out

    @cached_property
    def with_tradeoffs(self) -> list[Benchmark]:
        return [b for b in self.benchmarks if self.axes(b)]

    def largest(self) -> Benchmark:
        """The benchmark with the most results that has a trade-off: the most demanding one."""
        return max(self.with_tradeoffs, key=lambda b: (len(b.results), b.section, b.id))
