"""Every model, its ranks and the hardware it runs on, read without the hooks.

Plain PyYAML over data/models/<section>.yml and its part files
(data/models/<section>/*.yml), as a second, independent reading of what the
model pages and hardware pages must show. The definitions in their plainest
form: a result's rank on a benchmark with metrics is one more than the number
of results there with a better value of its first metric (equal values share
a rank), out of the results that have a value for it; a model runs on the
targets its files list it as supported on and the targets of the conditions
its times were measured under.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import cached_property
from pathlib import Path

from expected import read_yaml


@dataclass(frozen=True)
class Model:
    section: str
    id: str
    name: dict  # {zh, en}
    results: tuple  # (benchmark id, backbone, result) in file order: the section's file, then its part files
    runs_on: frozenset  # target ids

    @property
    def path(self) -> str:
        """Its page within a language."""
        return f"models/{self.section}/{self.id}/"


class Zoo:
    def __init__(self, root: Path):
        self.folder = root / "data"

    @cached_property
    def hardware(self) -> dict:
        return read_yaml(self.folder / "hardware.yml")

    @cached_property
    def metrics(self) -> dict:
        return {m["id"]: m for m in read_yaml(self.folder / "metrics.yml")["metrics"]}

    @cached_property
    def sections(self) -> list[tuple[str, list[dict]]]:
        """(section id, its documents: its own file, then its part files in path order)."""
        out = []
        for path in sorted((self.folder / "models").glob("*.yml")):
            parts = sorted((self.folder / "models" / path.stem).glob("*.yml"))
            out.append((path.stem, [read_yaml(path)] + [read_yaml(part) for part in parts]))
        return out

    @cached_property
    def models(self) -> list[Model]:
        target_of = {c["id"]: c["target"] for c in self.hardware.get("conditions", [])}
        out = []
        for section, documents in self.sections:
            owners = [owner for d in documents for owner in d.get("models", []) + d.get("extends", [])]
            for model in (m for d in documents for m in d.get("models", [])):
                mine = [owner for owner in owners if owner.get("id", owner.get("model")) == model["id"]]
                results = tuple((r["benchmark"], r.get("backbone"), r) for owner in mine for r in owner.get("results", []))
                supported = {target for owner in mine for target in owner.get("supported_on", [])}
                timed = {target_of[c] for _, _, r in results for c in r.get("time", {})}
                name = model["name"] if isinstance(model["name"], dict) else {"zh": model["name"], "en": model["name"]}
                out.append(Model(section, model["id"], name, results, frozenset(supported | timed)))
        return out

    @cached_property
    def benchmarks(self) -> dict[tuple[str, str], dict]:
        """(section, benchmark id) -> the benchmark, for those with metrics (each has a leaderboard)."""
        return {(section, b["id"]): b for section, documents in self.sections for d in documents
                for b in d.get("benchmarks", []) if b["metrics"]}

    def ranks(self) -> dict[tuple[str, str, str | None], tuple[int | None, int]]:
        """(model id, benchmark id, backbone) -> (its rank or None without a first value, how many are ranked)."""
        values = {}
        for model in self.models:
            for benchmark, backbone, result in model.results:
                if (model.section, benchmark) in self.benchmarks:
                    lead = self.benchmarks[model.section, benchmark]["metrics"][0]
                    values[model.id, benchmark, backbone] = (model.section, benchmark, (result.get("values") or {}).get(lead))
        out = {}
        for key, (section, benchmark, value) in values.items():
            higher = self.metrics[self.benchmarks[section, benchmark]["metrics"][0]]["higher_is_better"]
            others = [v for s, b, v in values.values() if (s, b) == (section, benchmark) and v is not None]
            better = sum(1 for v in others if (v > value if higher else v < value)) if value is not None else None
            out[key] = (None if better is None else better + 1, len(others))
        return out

    @cached_property
    def targets(self) -> dict[str, dict]:
        return {t["id"]: t for t in self.hardware["targets"]}

    def on_target(self) -> dict[str, list[Model]]:
        """Target id -> the models that run on it, for the targets some model runs on."""
        out = {}
        for model in self.models:
            for target in model.runs_on:
                out.setdefault(target, []).append(model)
        return out

    def most_results(self) -> Model:
        return max(self.models, key=lambda m: (len(m.results), m.section, m.id))
