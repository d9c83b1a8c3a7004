"""Lighthouse's scores for the key pages in both languages: `make audit`.

Builds the site, serves it as GitHub Pages serves it (tests/hosting.py), and
runs Lighthouse (mobile, its default throttling) five times on the home page,
the longest table page and the atlas entry with the most links, in each
language. Prints the median of each category's score and of the performance
metrics, and the host's benchmark index, which says how fast the machine was.

It reports and never fails on a score: the performance score follows the
host's speed and load (total blocking time above all), so it informs reviewers
and gates nothing. What a page costs is gated in `make test` by budgets counted
from the built files (tests/test_weight.py).
"""

from __future__ import annotations

import argparse
import json
import os
import statistics
import subprocess
import sys
import tempfile
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
import chromium  # noqa: E402
from expected import Data  # noqa: E402
from hosting import serve  # noqa: E402
from page_kinds import key_pages  # noqa: E402
from sites import PROJECT, build_real_site  # noqa: E402

LIGHTHOUSE = Path(__file__).resolve().parent / "tools" / "node_modules" / "lighthouse" / "cli" / "index.js"
CATEGORIES = ["performance", "accessibility", "best-practices", "seo"]
METRICS = {"first-contentful-paint": "FCP s", "largest-contentful-paint": "LCP s", "total-blocking-time": "TBT ms",
           "cumulative-layout-shift": "CLS", "speed-index": "SI s"}
LANGUAGES = {"zh": "", "en": "en/"}


def lighthouse(url: str) -> dict:
    done = subprocess.run(
        ["node", str(LIGHTHOUSE), url, "--quiet", "--output=json", "--output-path=stdout",
         f"--only-categories={','.join(CATEGORIES)}", f"--chrome-flags=--headless=new {' '.join(chromium.FLAGS)}"],
        capture_output=True, text=True, env={**os.environ, "CHROME_PATH": chromium.executable()})
    if done.returncode:
        raise SystemExit(f"Lighthouse failed on {url}:\n{done.stderr[-2000:]}")
    return json.loads(done.stdout)


def figures(reports: list[dict]) -> dict:
    """Medians over the runs: each category's score, each metric, the benchmark index."""
    out = {name: statistics.median(r["categories"][name]["score"] for r in reports) for name in CATEGORIES}
    for audit, label in METRICS.items():
        value = statistics.median(r["audits"][audit]["numericValue"] for r in reports)
        out[label] = value if label in ("CLS", "TBT ms") else value / 1000
    out["benchmark index"] = statistics.median(r["environment"]["benchmarkIndex"] for r in reports)
    out["performance, lowest and highest"] = (min(r["categories"]["performance"]["score"] for r in reports),
                                              max(r["categories"]["performance"]["score"] for r in reports))
    return out


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--runs", type=int, default=5, help="runs per page (default 5); the median is reported")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as work:
        site = build_real_site(Path(work) / "site")
        server, url = serve(site)
        rows = []
        try:
            for lang, prefix in LANGUAGES.items():
                for name, path in key_pages(Data(PROJECT)).items():
                    reports = [lighthouse(f"{url}/{prefix}{path}") for _ in range(args.runs)]
                    rows.append({"page": f"/{prefix}{path}", "kind": name, **figures(reports)})
                    print(f"{rows[-1]['page']}: done", file=sys.stderr, flush=True)
        finally:
            server.shutdown()
    print(f"Lighthouse, mobile, default throttling; medians of {args.runs} runs per page; {os.cpu_count()} cores")
    print("| page | performance (lowest–highest) | accessibility | best practices | SEO | FCP | LCP | TBT | CLS | SI | benchmark index |")
    print("|---|---|---|---|---|---|---|---|---|---|---|")
    for row in rows:
        low, high = row["performance, lowest and highest"]
        print(f"| {row['page']} | {row['performance']:.2f} ({low:.2f}–{high:.2f}) | {row['accessibility']:.2f} | "
              f"{row['best-practices']:.2f} | {row['seo']:.2f} | {row['FCP s']:.1f} s | {row['LCP s']:.1f} s | "
              f"{row['TBT ms']:.0f} ms | {row['CLS']:.3f} | {row['SI s']:.1f} s | {row['benchmark index']:.0f} |")
    print(json.dumps(rows))
    return 0


if __name__ == "__main__":
    sys.exit(main())
