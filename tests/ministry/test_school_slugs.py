"""ASCII URL slugs for schools: new drafts from the import get pinyin slugs,
and the data migration gives existing schools with Chinese slugs pinyin ones,
with permanent redirects from their old URLs (the programmes' too)."""

import importlib
from urllib.parse import unquote

from django.apps import apps
from django.conf import settings
from django.utils import translation

from wagtail.contrib.redirects.models import Redirect

from programmes.models import ProgrammePage, SchoolPage, ascii_slug
from tests.factories import ProgrammePageFactory, SchoolPageFactory

migration = importlib.import_module("programmes.migrations.0013_ascii_school_slugs")
LANGUAGES = [code for code, _name in settings.LANGUAGES]


def urls(page):
    page = type(page).objects.get(pk=page.pk)
    result = {}
    for language in LANGUAGES:
        with translation.override(language):
            result[language] = page.url
    return result


def test_ascii_slug_reads_chinese_in_pinyin_and_keeps_latin_names():
    assert ascii_slug("深圳职业技术大学") == "shen-zhen-zhi-ye-ji-shu-da-xue"
    assert ascii_slug("Shenzhen Polytechnic University") == "shenzhen-polytechnic-university"
    assert ascii_slug("ＡＢＣ职业学院") == "abc-zhi-ye-xue-yuan"
    assert ascii_slug("！！") == "school"


def test_migration_gives_chinese_slugs_pinyin_and_redirects_the_old_urls(client, home):
    school = SchoolPageFactory(slug="深圳职业技术学院", title="深圳职业技术学院", title_zh_hans="深圳职业技术学院")
    programme = ProgrammePageFactory(parent=school, slug="welding-technology")
    ascii_school = SchoolPageFactory(slug="already-ascii")
    old_school, old_programme, old_ascii = urls(school), urls(programme), urls(ascii_school)
    assert "深圳职业技术学院" in unquote(old_school["zh-hans"])

    migration.ascii_school_slugs(apps, None)

    school = SchoolPage.objects.get(pk=school.pk)
    assert {getattr(school, f"slug_{code.replace('-', '_')}") for code in LANGUAGES} == {
        "shen-zhen-zhi-ye-ji-shu-xue-yuan"
    }
    new_school, new_programme = urls(school), urls(ProgrammePage.objects.get(pk=programme.pk))
    assert urls(ascii_school) == old_ascii
    for language in LANGUAGES:
        assert new_school[language].isascii() and new_programme[language].startswith(new_school[language])
        assert client.get(new_school[language]).status_code == 200
        assert client.get(new_programme[language]).status_code == 200
        for old, new in ((old_school, new_school), (old_programme, new_programme)):
            response = client.get(old[language])
            assert response.status_code == 301, (language, old[language])
            assert response["Location"] == new[language]

    # Running it again changes nothing.
    redirects = Redirect.objects.count()
    migration.ascii_school_slugs(apps, None)
    assert Redirect.objects.count() == redirects == 2 * len(LANGUAGES)


def test_migration_keeps_sibling_slugs_unique(home):
    SchoolPageFactory(slug="shen-zhen-zhi-ye-ji-shu-xue-yuan")
    school = SchoolPageFactory(slug="深圳职业技术学院", title_zh_hans="深圳职业技术学院")
    migration.ascii_school_slugs(apps, None)
    assert SchoolPage.objects.get(pk=school.pk).slug_en == "shen-zhen-zhi-ye-ji-shu-xue-yuan-2"
