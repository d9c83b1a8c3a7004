"""How the build scales, what the hooks cost, and how fast the preview is: `make bench`.

For 1x, 10x and 50x the real content (tests/synthetic.py), it builds both
languages in parallel, as `make build` does, and reports wall time, peak
memory, pages written, the largest page and the search indexes. The same pages,
written out as static Markdown, are built by plain MkDocs with the same theme
and plugins in the same run; the ratio of the two is what the hooks cost.
Live-preview latency is measured on the real site with `make serve`'s server.
The real site is also built with one contribution at the size limit added
(tests/hostile.py): the worst valid files, and a text that must be refused fast.
Last, `make test-quick` runs twice, idle and with every core saturated by
stress-ng: a verdict must not depend on the machine's load, so both runs must
agree (the durations are shown, not judged).

Medians of repeated runs, because these machines are shared and noisy. The
last line of output is one JSON object with the headline figures.
"""

from __future__ import annotations

import argparse
import gzip
import json
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import yaml

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO / "tests"))
import hostile  # noqa: E402
from synthetic import synthesize  # noqa: E402

ENV = {**os.environ, "NO_MKDOCS_2_WARNING": "1"}
CONFIGS = {"zh": "mkdocs.yml", "en": "mkdocs.en.yml"}


def build_both(project: Path, site: Path, configs: dict[str, str]) -> tuple[float, float]:
    """Both languages at once, each in its own process: (wall seconds, peak MB of the two together)."""
    if site.exists():
        shutil.rmtree(site)
    start = time.perf_counter()
    processes = {
        lang: subprocess.Popen([sys.executable, "-m", "mkdocs", "build", "-q", "-f", config,
                                "-d", str(site / ("" if lang == "zh" else "en"))],
                               cwd=project, env=ENV, stderr=subprocess.PIPE)
        for lang, config in configs.items()
    }
    peak_kb = 0
    for lang, process in processes.items():
        _, status, usage = os.wait4(process.pid, 0)
        process.returncode = os.waitstatus_to_exitcode(status)
        if process.returncode:
            raise SystemExit(f"{lang} build of {project} failed:\n{process.stderr.read().decode()[-3000:]}")
        peak_kb += usage.ru_maxrss
    return time.perf_counter() - start, peak_kb / 1024


def static_copy(project: Path, destination: Path) -> dict[str, str]:
    """The project's pages as plain Markdown files, with configs that use no hooks.

    The Markdown is exactly what the hooks hand to MkDocs (generated pages and
    hand-written pages with their shortcodes filled in); the navigation is the
    one the hooks build. Everything else in the config stays the same.
    """
    code = f"""
import sys, json, yaml
from pathlib import Path
sys.path.insert(0, {str(project / 'hooks')!r})
from mkdocs.config import load_config
import main
from zoosite import catalogue, pages, shortcodes, views
from zoosite.schema import Schemas
project, out = Path({str(project)!r}), Path({str(destination)!r})
schemas = Schemas(project / "schemas")
data = views.build(catalogue.load(project / "data", schemas, project), schemas)
for lang, name in (("zh", "mkdocs.yml"), ("en", "mkdocs.en.yml")):
    config = load_config(str(project / name))
    renderer = pages.Renderer(project / "templates", lang, schemas)
    context = main.page_context(config, data, project)
    docs = out / "docs" / lang
    for page in pages.plan(data):
        target = docs / page.path
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_text(renderer.render(page, context), encoding="utf-8")
    for source in Path(config.docs_dir).rglob("*.md"):
        path = source.relative_to(config.docs_dir).as_posix()
        (docs / path).write_text(shortcodes.expand(source.read_text(encoding="utf-8"), path, data, renderer),
                                 encoding="utf-8")
    print(json.dumps({{"lang": lang, "nav": pages.nav(data, renderer, Path(config.docs_dir)),
                      "not_in_nav": [p.path for p in pages.plan(data) if not p.in_nav]}}))
"""
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, env=ENV)
    if done.returncode:
        raise SystemExit(done.stderr)
    configs = {}
    for line in done.stdout.splitlines():
        plan = json.loads(line)
        lang = plan["lang"]
        config = {"INHERIT": str(project / CONFIGS[lang]), "docs_dir": f"docs/{lang}", "hooks": [], "strict": False,
                  "theme": {"custom_dir": str(project / "overrides")}, "nav": plan["nav"],
                  "not_in_nav": "\n".join("/" + path for path in plan["not_in_nav"])}
        name = f"mkdocs.static.{lang}.yml"
        (destination / name).write_text(yaml.safe_dump(config, allow_unicode=True, sort_keys=False), encoding="utf-8")
        configs[lang] = name
    return configs


def measure_site(site: Path) -> dict:
    pages = list(site.rglob("*.html"))
    largest = max(pages, key=lambda p: p.stat().st_size)
    raw = largest.read_bytes()
    indexes = {lang: (site / prefix / "search" / "search_index.json").read_bytes()
               for lang, prefix in (("zh", ""), ("en", "en"))}
    return {
        "pages": len(pages),
        "largest_page": largest.relative_to(site).as_posix(),
        "largest_page_kb": len(raw) / 1024,
        "largest_page_gz_kb": len(gzip.compress(raw, 6)) / 1024,
        "search_index_kb": {lang: len(data) / 1024 for lang, data in indexes.items()},
        "search_index_gz_kb": {lang: len(gzip.compress(data, 6)) / 1024 for lang, data in indexes.items()},
    }


def scale(factor: int, runs: int, work: Path) -> dict:
    project = synthesize(factor, work / f"x{factor}")
    static = work / f"x{factor}-static"
    static_configs = static_copy(project, static)
    ours, theirs, peaks = [], [], []
    for _ in range(runs):
        # Alternate the two so that both see the same machine load.
        wall, peak = build_both(project, work / "site", CONFIGS)
        ours.append(wall)
        peaks.append(peak)
        theirs.append(build_both(static, work / "static-site", static_configs)[0])
    result = {"factor": factor, **measure_site(work / "site"), "build_s": statistics.median(ours),
              "static_build_s": statistics.median(theirs), "peak_mb": max(peaks), "runs": runs}
    result["hook_overhead_ratio"] = result["build_s"] / result["static_build_s"]
    shutil.rmtree(project)
    shutil.rmtree(static)
    return result


def live_reload(runs: int) -> dict:
    """Seconds from saving a data file to the changed page being served, per language."""
    from preview_probe import measure

    return measure(REPO, runs)


def quick_tests() -> dict:
    """`make test-quick` once: its verdict, its wall time and pytest's summary line."""
    start = time.perf_counter()
    done = subprocess.run(["make", "--no-print-directory", "-C", str(REPO), "test-quick"], capture_output=True, text=True, env=ENV)
    lines = done.stdout.strip().splitlines()
    return {"passed": done.returncode == 0, "seconds": round(time.perf_counter() - start, 1),
            "summary": lines[-1] if lines else done.stderr[-300:]}


def load_check() -> dict:
    """The quick tests idle, then with every core kept busy by stress-ng (one worker per core)."""
    idle = quick_tests()
    stress = subprocess.Popen(["stress-ng", "--cpu", str(os.cpu_count()), "--quiet"])
    try:
        loaded = quick_tests()
    finally:
        stress.terminate()
        stress.wait()
    return {"idle": idle, "loaded": loaded, "same_verdict": idle["passed"] == loaded["passed"]}


def verdict(run: dict) -> str:
    return f"{'passed' if run['passed'] else 'FAILED'} in {run['seconds']:.0f} s ({run['summary']})"


def table(results: list[dict]) -> str:
    lines = ["| factor | pages | build (both languages) | static build | hooks / static | peak memory | largest page | largest gz | search zh (gz) | search en (gz) |",
             "|---|---|---|---|---|---|---|---|---|---|"]
    for r in results:
        lines.append(
            f"| {r['factor']}× | {r['pages']} | {r['build_s']:.1f} s | {r['static_build_s']:.1f} s | "
            f"{r['hook_overhead_ratio']:.3f} | {r['peak_mb']:.0f} MB | {r['largest_page_kb']:.0f} KB | "
            f"{r['largest_page_gz_kb']:.0f} KB | {r['search_index_kb']['zh']:.0f} KB ({r['search_index_gz_kb']['zh']:.0f}) | "
            f"{r['search_index_kb']['en']:.0f} KB ({r['search_index_gz_kb']['en']:.0f}) |")
    return "\n".join(lines)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--factors", default="1,10,50", help="content multipliers (default 1,10,50)")
    parser.add_argument("--runs", default="3,3,1", help="runs per factor, medians reported (default 3,3,1)")
    parser.add_argument("--reload-runs", type=int, default=5, help="saves to time in the preview (default 5)")
    parser.add_argument("--limit-runs", type=int, default=3, help="runs of the files at the size limit (default 3)")
    parser.add_argument("--no-load-check", dest="load_check", action="store_false",
                        help="skip running make test-quick idle and under stress-ng")
    args = parser.parse_args()
    factors = [int(f) for f in args.factors.split(",")]
    runs = [int(r) for r in args.runs.split(",")]
    runs += [runs[-1]] * (len(factors) - len(runs))
    work = Path(tempfile.mkdtemp(prefix="bench-"))
    try:
        results = []
        for factor, count in zip(factors, runs):
            results.append(scale(factor, count, work))
            print(f"{factor}×: built ({count} run{'s' if count > 1 else ''})", file=sys.stderr)
        reload = live_reload(args.reload_runs) if args.reload_runs else {}
        limit = (hostile.bench(args.limit_runs, work, synthesize(1, work / "real"), build_both, CONFIGS)
                 if args.limit_runs else {})
        loaded = load_check() if args.load_check else None
    finally:
        shutil.rmtree(work, ignore_errors=True)
    print(f"{os.cpu_count()} cores; medians of the runs shown; the static build is the same pages as plain Markdown.")
    print(table(results))
    if reload:
        print(f"live preview, save to changed page served (median of {args.reload_runs}): "
              + ", ".join(f"{lang} {seconds:.2f} s" for lang, seconds in reload.items()))
    if limit:
        print(f"files at the size limit (median of {limit['runs']}): real site {limit['real_s']:.1f} s; with the widest "
              f"atlas category {limit['atlas_s']:.1f} s ({limit['atlas_ratio']:.2f}×), with the widest section "
              f"{limit['section_s']:.1f} s ({limit['section_ratio']:.2f}×); the two-paragraph text refused by the "
              f"build in {limit['refused_build_s']:.1f} s, by make check in {limit['refused_check_s']:.1f} s")
    if loaded:
        print(f"make test-quick, idle: {verdict(loaded['idle'])}")
        print(f"make test-quick, both cores saturated (stress-ng --cpu {os.cpu_count()}): {verdict(loaded['loaded'])}; "
              f"same verdict: {'yes' if loaded['same_verdict'] else 'NO'}")
    real = next((r for r in results if r["factor"] == 1), results[0])
    summary = {
        "scale": [{"factor": r["factor"], "pages": r["pages"], "build_s": round(r["build_s"], 2),
                   "peak_mb": round(r["peak_mb"]), "static_build_s": round(r["static_build_s"], 2),
                   "hook_overhead_ratio": round(r["hook_overhead_ratio"], 3)} for r in results],
        "hook_overhead_ratio": round(max(r["hook_overhead_ratio"] for r in results), 3),
        "live_reload_s": round(max(reload.values()), 2) if reload else None,
        "largest_page_gz_kb": round(real["largest_page_gz_kb"], 1),
        "search_index_gz_kb": {lang: round(kb, 1) for lang, kb in real["search_index_gz_kb"].items()},
        "size_limit": limit or None,
        "quick_tests_under_load": loaded,
    }
    print(json.dumps(summary))
    return 0 if not loaded or loaded["same_verdict"] else 1


if __name__ == "__main__":
    sys.exit(main())
