"""Build both languages and replace site/ only when everything succeeded: `make build`.

usage: python tools/build_site.py [PROJECT_FOLDER]
Both languages build at once into PROJECT_FOLDER/.build/ (default: the current
folder). site/ is replaced only when both builds succeeded, and each step that
replaces it is checked: if site/ cannot be replaced, the build fails with a
message and the previous site/ stays as it was. Two builds in one folder take
turns: the second waits for the first (a lock on .build/lock).
Exit status 0 when site/ holds the new site, 1 otherwise.
"""

from __future__ import annotations

import fcntl
import shutil
import subprocess
import sys
from pathlib import Path

CONFIGS = {"zh": "mkdocs.yml", "en": "mkdocs.en.yml"}


def fail(message: str) -> int:
    print(message, file=sys.stderr)
    return 1


def build(project: Path) -> int:
    work = project / ".build"
    work.mkdir(exist_ok=True)
    with open(work / "lock", "w") as lock:
        try:
            fcntl.flock(lock, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            print("Another build is running in this folder; waiting for it to finish.", file=sys.stderr, flush=True)
            fcntl.flock(lock, fcntl.LOCK_EX)
        # Left by a build that was killed.
        for name in (*CONFIGS, "old"):
            shutil.rmtree(work / name, ignore_errors=True)
        return build_locked(project, work)


def build_locked(project: Path, work: Path) -> int:
    builds = [subprocess.Popen([sys.executable, "-m", "mkdocs", "build", "--strict", "-q", "-f", config, "-d", str(work / lang)],
                               cwd=project)
              for lang, config in CONFIGS.items()]
    if any([process.wait() for process in builds]):
        for lang in CONFIGS:
            shutil.rmtree(work / lang, ignore_errors=True)
        return fail("The build failed; site/ was left as it was.")
    new, site, old = work / "zh", project / "site", work / "old"
    try:
        (work / "en").rename(new / "en")
    except OSError as error:
        return fail(f"The English site could not be moved into the new site ({error.strerror}); site/ was left as it was.")
    if site.exists():
        try:
            site.rename(old)
        except OSError as error:
            shutil.rmtree(new, ignore_errors=True)
            return fail(f"site/ could not be replaced ({error.strerror}); it was left as it was, and the new site was not kept.")
    try:
        # Never into an existing folder: os.rename fails where mv would nest it.
        new.rename(site)
    except OSError as error:
        if not old.exists():
            return fail(f"The new site could not be moved to site/ ({error.strerror}); it is in .build/zh.")
        try:
            old.rename(site)
        except OSError:
            return fail(f"The new site could not be moved to site/ ({error.strerror}), nor the previous one back: "
                        "the previous site is in .build/old, the new one in .build/zh.")
        return fail(f"The new site could not be moved to site/ ({error.strerror}); the previous site/ was put back.")
    shutil.rmtree(old, ignore_errors=True)
    print("Built site/ (Chinese) and site/en/ (English).")
    return 0


if __name__ == "__main__":
    sys.exit(build(Path(sys.argv[1] if len(sys.argv) > 1 else ".").resolve()))
