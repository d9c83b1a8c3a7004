"""Drive `make serve`'s preview from outside, as a contributor would: save a data
file and time how long until the changed page is served, in each language.

Used by tests/bench.py (latency) and tests/test_preview.py (behaviour). The
preview runs on a throwaway copy of the project, so the real data is never
touched.
"""

from __future__ import annotations

import os
import re
import shutil
import socket
import statistics
import subprocess
import sys
import threading
import time
import urllib.request
from pathlib import Path

from sites import copy_project

def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


class Preview:
    """`python tools/preview.py` on a project folder, until stop(); its output is kept in `output`."""

    def __init__(self, project: Path, script: Path | None = None):
        self.port = free_port()
        self.url = f"http://127.0.0.1:{self.port}"
        script = script or project / "tools" / "preview.py"
        self.process = subprocess.Popen(
            [sys.executable, str(script), "--port", str(self.port), "--project", str(project)],
            stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True, env={**os.environ, "NO_MKDOCS_2_WARNING": "1"})
        self.output = []
        threading.Thread(target=self._read, daemon=True).start()
        self.wait_for_output("Serving on", timeout=300)

    def _read(self):
        for line in self.process.stdout:
            self.output.append(line)

    def wait_for_output(self, text: str, timeout: float = 60) -> None:
        start = time.perf_counter()
        while not any(text in line for line in self.output):
            if self.process.poll() is not None or time.perf_counter() - start > timeout:
                raise RuntimeError(f"the preview never printed {text!r}:\n" + "".join(self.output))
            time.sleep(0.05)

    def page(self, path: str) -> str:
        with urllib.request.urlopen(self.url + path) as response:
            return response.read().decode("utf-8")

    def wait_for(self, path: str, text: str, timeout: float = 60) -> float:
        """Seconds until the page at path contains text."""
        start = time.perf_counter()
        while time.perf_counter() - start < timeout:
            if text in self.page(path):
                return time.perf_counter() - start
            time.sleep(0.01)
        raise TimeoutError(f"{path} never showed {text!r}:\n" + "".join(self.output))

    def stop(self) -> str:
        self.process.terminate()
        self.process.wait(timeout=30)
        return "".join(self.output)


def measure(repo: Path, runs: int) -> dict[str, float]:
    """Median seconds from saving a changed number to each language's page showing it.

    Each language's page is watched as an open browser tab watches it: it waits
    on the preview's reload signal, then loads the page again (polling the page
    itself would load the two cores the builds run on).
    """
    work = Path(os.environ.get("TMPDIR", "/tmp")) / f"preview-probe-{os.getpid()}"
    project = copy_project(work, repo)
    preview = Preview(project)
    data = project / "data" / "models" / "classification.yml"
    original = data.read_text(encoding="utf-8")
    assert "values: {top1: 76.50, top5: 93.00}" in original
    pages = {"zh": "/models/classification/", "en": "/en/models/classification/"}
    times = {lang: [] for lang in pages}

    def tab(lang: str, value: str, saved: threading.Event, start: list) -> None:
        epoch = re.search(r'data-epoch="(\d+)"', preview.page(pages[lang])).group(1)
        saved.wait()
        while True:
            epoch = preview.page(f"/__preview/wait?lang={lang}&since={epoch}")
            if value in preview.page(pages[lang]):
                times[lang].append(time.perf_counter() - start[0])
                return
            if time.perf_counter() - start[0] > 60:
                raise TimeoutError(f"the preview never showed {value}:\n" + "".join(preview.output))

    try:
        for run in range(runs):
            value = f"76.{51 + run}"
            saved, start = threading.Event(), [0.0]
            tabs = [threading.Thread(target=tab, args=(lang, value, saved, start)) for lang in pages]
            for thread in tabs:
                thread.start()
            time.sleep(0.2)  # both tabs are waiting for the reload signal
            start[0] = time.perf_counter()
            data.write_text(original.replace("top1: 76.50,", f"top1: {value},"), encoding="utf-8")
            saved.set()
            for thread in tabs:
                thread.join()
            if any(len(values) <= run for values in times.values()):
                raise RuntimeError("a page never showed the saved value:\n" + "".join(preview.output))
            time.sleep(1)  # let both workers go idle before the next save
    finally:
        preview.stop()
        shutil.rmtree(work, ignore_errors=True)
    return {lang: statistics.median(values) for lang, values in times.items()}
