"""The portal's own catalogue never changes the meaning of Wagtail's and
Django's admin words: Django looks a msgid up in the project's catalogue
first, so a bare "New" translated as an enquiry status ("新咨询") would label
every "New" button of the Chinese admin. Such words carry a context."""

import glob
from pathlib import Path

from django.conf import settings
from django.utils import translation
from django.utils.translation import gettext

import polib
import pytest

from partners.models import EnquiryStatus

SITE_PACKAGES = Path(translation.__file__).resolve().parents[3]

# Words both catalogues have, where the portal's wording is only a better
# Chinese for the same meaning (名称 for 名字, 电子邮箱 for 电子邮件…).
SAME_MEANING = {
    "description",
    "History",
    "Name",
    "name",
    "Email",
    "Apply filters",
    "Page not found",
    "Skip to main content",
    "Previous",
    "Next",
    "All",
    "Filter",
    "Actions",
    "Duration",
    "This field is required.",
}


def admin_catalogue(language):
    folders = [SITE_PACKAGES / "wagtail" / "**", SITE_PACKAGES / "django" / "contrib" / "admin"]
    words = {}
    for folder in folders:
        for name in glob.glob(str(folder / "locale" / language / "LC_MESSAGES" / "django.po"), recursive=True):
            for entry in polib.pofile(name):
                if entry.msgstr and not entry.msgid_plural:
                    words.setdefault((entry.msgctxt, entry.msgid), entry.msgstr)
    return words


def test_no_bare_portal_word_gives_an_admin_word_another_meaning():
    ours = polib.pofile(str(Path(settings.BASE_DIR) / "locale" / "zh_Hans" / "LC_MESSAGES" / "django.po"))
    theirs = admin_catalogue("zh_Hans")
    assert len(theirs) > 1000, "Wagtail's Chinese catalogue was found"
    changed = {
        entry.msgid
        for entry in ours
        if entry.msgstr and theirs.get((entry.msgctxt, entry.msgid), entry.msgstr) != entry.msgstr
    }
    assert changed <= SAME_MEANING, f"give these a context (pgettext): {sorted(changed - SAME_MEANING)}"


@pytest.mark.parametrize(
    ("word", "wagtail_says"), [("New", "新建"), ("Pages", "页面"), ("Field", "字段"), ("Dashboard", "控制面板")]
)
def test_the_chinese_admin_keeps_wagtails_words(word, wagtail_says):
    with translation.override("zh-hans"):
        assert gettext(word) == wagtail_says


def test_the_portal_still_says_what_it_means():
    with translation.override("zh-hans"):
        assert str(EnquiryStatus.NEW.label) == "新咨询"
