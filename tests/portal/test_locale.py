"""The interface is translated into every site language: each catalogue in
locale/ is complete (no empty or fuzzy entry, no English copy) and up to date
with the strings of the code and templates."""

import re
import shutil
import subprocess
import sys
from pathlib import Path

from django.conf import settings

import polib
import pytest

ROOT = Path(__file__).resolve().parents[2]
SOURCE_DIRS = ["portal", "programmes", "partners", "ministry", "search"]
TRANSLATED = [code for code, _name in settings.LANGUAGES if code != "en"]

# Strings that read the same in some languages (names, codes, numbers).
SAME_IN_TRANSLATION = {"ISCED-F", "CSV", "XLSX", "JSON", "Email", "E-mail", "OK", "Total", "Code", "Batch", "Province"}


def locale_dir(code):
    language, _, script = code.partition("-")
    return f"{language}_{script.capitalize()}" if script else language


def catalogue(code, root=ROOT):
    return polib.pofile(str(root / "locale" / locale_dir(code) / "LC_MESSAGES" / "django.po"))


@pytest.mark.parametrize("code", TRANSLATED)
def test_catalogue_is_complete(code):
    po = catalogue(code)
    untranslated = [entry.msgid for entry in po.untranslated_entries()]
    fuzzy = [entry.msgid for entry in po.fuzzy_entries()]
    assert not untranslated, f"{len(untranslated)} untranslated in {code}: {untranslated[:10]}"
    assert not fuzzy, f"{len(fuzzy)} fuzzy in {code}: {fuzzy[:10]}"


@pytest.mark.parametrize("code", [c for c in TRANSLATED if c in {"zh-hans", "ru", "ar"}])
def test_non_latin_catalogues_hold_no_english_copies(code):
    copies = [
        entry.msgid
        for entry in catalogue(code).translated_entries()
        if entry.msgstr == entry.msgid
        # Placeholders are not words: "%(date)s: %(stage)s" reads the same everywhere.
        and any(ch.isalpha() for ch in re.sub(r"%\(\w+\)s", "", entry.msgid))
        and len(entry.msgid) > 3
        and entry.msgid not in SAME_IN_TRANSLATION
    ]
    assert not copies, f"English copies in {code}: {copies[:10]}"


def test_catalogues_are_up_to_date_with_the_code(tmp_path):
    """makemessages over a copy of the sources finds no string the committed
    catalogues lack: `make messages` was run after the last change of strings."""
    for name in SOURCE_DIRS:
        shutil.copytree(
            ROOT / name, tmp_path / name, ignore=shutil.ignore_patterns("__pycache__", "*.pyc", "data", "demo")
        )
    shutil.copytree(ROOT / "locale", tmp_path / "locale")
    shutil.copy(ROOT / "manage.py", tmp_path / "manage.py")
    (tmp_path / "tests").mkdir()
    result = subprocess.run(
        [sys.executable, "manage.py", "makemessages", "-l", "fr", "--no-obsolete", "--ignore=tests"],
        cwd=tmp_path,
        capture_output=True,
        text=True,
        timeout=300,
        env={"DJANGO_SETTINGS_MODULE": "portal.settings.test", "PATH": "/usr/bin:/bin", "PYTHONPATH": str(tmp_path)},
    )
    assert result.returncode == 0, result.stderr
    committed = {entry.msgid for entry in catalogue("fr")}
    extracted = {entry.msgid for entry in catalogue("fr", tmp_path)}
    missing = sorted(extracted - committed)
    assert not missing, f"run `make messages`: {len(missing)} new strings, e.g. {missing[:5]}"
