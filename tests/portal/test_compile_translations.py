"""``manage.py compile_translations``: .po to .mo with polib, without GNU gettext."""

import gettext
import io

from django.core.management import CommandError, call_command

import pytest

PO_FILE = r"""msgid ""
msgstr ""
"Content-Type: text/plain; charset=UTF-8\n"
"Plural-Forms: nplurals=2; plural=(n > 1);\n"

msgid "Partners"
msgstr "Partenaires"

msgctxt "programme status"
msgid "Closed"
msgstr "Clôturé"

msgid "%(count)s school"
msgid_plural "%(count)s schools"
msgstr[0] "%(count)s établissement"
msgstr[1] "%(count)s établissements"

#, fuzzy
msgid "Schools"
msgstr "Écoles (à relire)"
"""


def compile_translations(locale_path):
    output = io.StringIO()
    call_command("compile_translations", locale_path=[str(locale_path)], stdout=output)
    return output.getvalue()


@pytest.fixture
def locale_path(tmp_path):
    messages = tmp_path / "fr" / "LC_MESSAGES"
    messages.mkdir(parents=True)
    (messages / "django.po").write_text(PO_FILE, encoding="utf-8")
    return tmp_path


def test_compiled_catalogue_is_read_by_gettext(locale_path):
    output = compile_translations(locale_path)
    assert "1 of 1 catalogues compiled" in output
    catalogue = gettext.translation("django", localedir=str(locale_path), languages=["fr"])
    assert catalogue.gettext("Partners") == "Partenaires"
    assert catalogue.pgettext("programme status", "Closed") == "Clôturé"
    assert catalogue.ngettext("%(count)s school", "%(count)s schools", 3) == "%(count)s établissements"
    # A fuzzy translation is not used, as with msgfmt.
    assert catalogue.gettext("Schools") == "Schools"


def test_second_run_leaves_an_up_to_date_catalogue_alone(locale_path):
    compile_translations(locale_path)
    mo_file = locale_path / "fr" / "LC_MESSAGES" / "django.mo"
    written = mo_file.stat().st_mtime_ns
    assert "0 of 1 catalogues compiled" in compile_translations(locale_path)
    assert mo_file.stat().st_mtime_ns == written


def test_no_catalogues_is_an_error(tmp_path):
    with pytest.raises(CommandError):
        compile_translations(tmp_path)


def test_the_portal_catalogues_compile():
    output = io.StringIO()
    call_command("compile_translations", stdout=output)
    assert "of 5 catalogues compiled" in output.getvalue()
