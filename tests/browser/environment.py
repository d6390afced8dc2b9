"""Where the browser checks find their tools, and the screens and languages
they run in. Shared by the tests, `make screenshots` and `make lighthouse`."""

from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
# Debian's Chromium (make browser-deps); a browser is never downloaded.
CHROMIUM = "/usr/bin/chromium"
LAUNCH_ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
]
ARTIFACTS = ROOT / "test-artifacts"
NODE_MODULES = ROOT / "node_modules"
AXE_SCRIPT = NODE_MODULES / "axe-core" / "axe.min.js"

# The two screens of issue 10, and the languages the checks run in (ar is right to left).
VIEWPORTS = {"desktop": {"width": 1366, "height": 900}, "phone": {"width": 390, "height": 844}}
LANGUAGES = ["en", "zh-hans", "ar"]
ALL_LANGUAGES = ["en", "zh-hans", "fr", "es", "ru", "ar"]
