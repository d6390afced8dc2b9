"""The portal's quicker ways to Wagtail's and Django's answers (page URLs,
choice labels) give the same answers."""

from django.conf import settings
from django.db import connection
from django.test import RequestFactory
from django.test.utils import CaptureQueriesContext
from django.utils import translation

from wagtail.images.models import Image, Rendition
from wagtail.images.tests.utils import get_test_image_file
from wagtail.models import Page

from partners.models import PartnershipStage
from portal.site_tree import set_translations
from programmes.models import ProgrammePage, ProgrammePicture, ProgrammeStatus, ProgrammeType, SchoolIndexPage
from tests.factories import PartnershipFactory, ProgrammePageFactory, SchoolPageFactory


def test_page_urls_are_wagtails_in_every_language(home):
    school = SchoolPageFactory()
    set_translations(school, "slug", {"en": school.slug_en, "zh-hans": "深圳职业技术大学", "ar": "مدرسة-التقنية"})
    school.save_revision().publish()
    school.refresh_from_db()
    programme = ProgrammePageFactory(parent=school)
    request = RequestFactory().get("/", HTTP_HOST="localhost")
    pages = [home, school, ProgrammePage.objects.get(pk=programme.pk), *home.get_children().specific()]
    for code, _name in settings.LANGUAGES:
        with translation.override(code):
            for page in pages:
                assert page.get_url_parts(request=request) == Page.get_url_parts(page, request=request), (code, page)
                assert page.get_url() == Page.get_url(page), (code, page)
    with translation.override("zh-hans"):
        assert "/zh-hans/schools/%E6%B7%B1%E5%9C%B3" in school.get_url()


def test_choice_labels_are_djangos_in_the_readers_language(home):
    programme = ProgrammePageFactory(programme_type=ProgrammeType.EXCHANGE, status=ProgrammeStatus.OPEN)
    partnership = PartnershipFactory(stage=PartnershipStage.SIGNED)
    for code in ("en", "fr", "zh-hans"):
        with translation.override(code):
            assert programme.get_programme_type_display() == str(ProgrammeType.EXCHANGE.label)
            assert programme.get_status_display() == str(ProgrammeStatus.OPEN.label)
            assert partnership.get_stage_display() == str(PartnershipStage.SIGNED.label)
    # A value that is not among the choices shows as it is, as Django shows it.
    programme.status = "unheard-of"
    assert programme.get_status_display() == "unheard-of"


def test_pictures_of_pages_kept_per_version_are_not_made_again(client, home, settings):
    """Pages and rows kept per public version are kept before their
    renditions exist (the first view makes them): served again, they find
    the renditions made then (Wagtail's rendition cache), and make none again."""
    settings.PAGE_CACHE = False
    school = SchoolPageFactory(logo=Image.objects.create(title="logo", file=get_test_image_file(size=(300, 300))))
    programme = ProgrammePageFactory(parent=school)
    picture = Image.objects.create(title="campus", file=get_test_image_file(size=(1600, 900)))
    ProgrammePicture.objects.create(programme=programme, image=picture, caption="The workshop")
    school.image = Image.objects.create(title="campus", file=get_test_image_file(size=(1600, 900)))
    school.save_revision().publish()
    urls = [SchoolIndexPage.objects.get().url, school.url, ProgrammePage.objects.get(pk=programme.pk).url]
    for url in urls:
        client.get(url)  # makes the renditions
        made = Rendition.objects.count()
        with CaptureQueriesContext(connection) as queries:
            response = client.get(url)
        assert response.status_code == 200
        assert b" srcset=" in response.content
        assert Rendition.objects.count() == made
        assert len(queries) == 0, [query["sql"] for query in queries]
