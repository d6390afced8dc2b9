"""The portal's own catalogue never changes the meaning of Wagtail's and
Django's admin words: Django looks a msgid up in the project's catalogue
first, so a bare "New" translated as an enquiry status ("新咨询") would label
every "New" button of the Chinese admin. Such words carry a context."""

import glob
import re
from pathlib import Path

from django.conf import settings
from django.urls import reverse
from django.utils import translation
from django.utils.translation import gettext

from wagtail.users.models import UserProfile

import polib
import pytest
from bs4 import BeautifulSoup

from partners.models import EnquiryStatus
from tests.editor_accounts import ministry_editor, school_editor
from tests.factories import BatchFactory, BatchSelectionFactory, ProgrammePageFactory, SchoolPageFactory

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


# What may read in Latin letters on a Chinese admin page: codes, formats and
# names that are not words of the interface.
NOT_WORDS = re.compile(
    r"[A-Z]{2,4}|[a-z]{2}(-hans)?|ISCED-F|UTF-|Wagtail|http|URL|XLSX|CSV|"
    # Wagtail's own Chinese help texts quote examples (domain.com/work/, my-work, footer).
    r"domain\.com/work/|my-work|footer|"
    # Language names in the language itself (the choice of teaching languages).
    r"English|Espa|Fran|ais|Русский|"
    # Wagtail 8 writes this aria-label in English in its header template (not translatable).
    r"Actions|"
    # Data, not interface: the site's name, named in English by its editors.
    r"Vocational Education International Portal"
)


def visible_text(html):
    soup = BeautifulSoup(html, "html.parser")
    # Code is not prose: file headers and values to type (<code>), scripts.
    for tag in soup(["script", "style", "template", "svg", "noscript", "code", "kbd", "samp"]):
        tag.decompose()
    for tag in soup.find_all(attrs={"hidden": True}):
        tag.decompose()
    texts = [soup.get_text(" ")]
    for attribute in ("aria-label", "placeholder", "title"):
        texts += [tag[attribute] for tag in soup.find_all(attrs={attribute: True})]
    return " ".join(texts)


def english_on(client, url, names):
    response = client.get(url)
    assert response.status_code == 200, url
    text = visible_text(response.content)
    for name in names:
        text = text.replace(name, " ")
    phrases = re.findall(r"[A-Za-z][A-Za-z'’/.-]+(?:[ ,:]+[A-Za-z][A-Za-z'’/.-]+)*", text)
    return {
        phrase
        for phrase in phrases
        if not NOT_WORDS.fullmatch(phrase) and not all(NOT_WORDS.fullmatch(word) for word in phrase.split())
    }


def in_chinese(user):
    profile = UserProfile.get_for_user(user)
    profile.preferred_language = "zh-hans"
    profile.save()
    return user


def test_the_chinese_admin_shows_no_english(client, home):
    """Every page a school editor and a ministry editor work on reads Chinese:
    Wagtail's words its catalogues miss, the portal's labels and field names."""
    school = SchoolPageFactory(title="深圳职业技术大学", title_zh_hans="深圳职业技术大学")
    programme = ProgrammePageFactory(parent=school, title="数控技术培训", title_zh_hans="数控技术培训")
    BatchSelectionFactory(batch=BatchFactory(number=1, name="第一批"), school=school)
    names = {"zhang", "ministry", school.title, programme.title}
    client.force_login(in_chinese(school_editor(school, "zhang")))
    school_pages = [
        reverse("wagtailadmin_home"),
        reverse("wagtailadmin_explore", args=[school.pk]),
        reverse("wagtailadmin_pages:edit", args=[school.pk]),
        reverse("wagtailadmin_pages:edit", args=[programme.pk]),
        reverse("wagtailadmin_pages:add", args=["programmes", "programmepage", school.pk]),
        reverse("wagtailadmin_pages:history", args=[programme.pk]),
    ]
    found = {url: english_on(client, url, names) for url in school_pages}
    client.force_login(in_chinese(ministry_editor()))
    ministry_pages = [
        reverse("portal_dashboard"),
        reverse("programmes_batches:index"),
        reverse("programmes_batches:import"),
        reverse("ministry_register:register_import"),
        reverse("ministry_register:partners_import"),
        reverse("wagtailadmin_reports:locked_pages"),
    ]
    found |= {url: english_on(client, url, names) for url in ministry_pages}
    assert not {url: words for url, words in found.items() if words}
