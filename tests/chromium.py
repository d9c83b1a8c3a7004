"""How the tests, the search measurement and the audit start Chromium: one per process that drives it."""

from __future__ import annotations

from pathlib import Path

SYSTEM = Path("/usr/bin/chromium")
FLAGS = ["--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage",
         "--disable-background-networking", "--disable-component-update"]


def executable() -> str:
    """Debian's Chromium where installed, Playwright's own elsewhere."""
    if SYSTEM.exists():
        return str(SYSTEM)
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        return playwright.chromium.executable_path


def launch(playwright, *flags: str):
    options = {"args": FLAGS + list(flags)}
    if SYSTEM.exists():
        options["executable_path"] = str(SYSTEM)
    return playwright.chromium.launch(**options)
