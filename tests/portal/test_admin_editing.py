"""Editors edit every translated field per language in Wagtail's admin, and a
school's partnerships inline on its page."""

from wagtail.models import Page
from wagtail.test.utils.form_data import inline_formset, nested_form_data, rich_text

from programmes.models import Province, SchoolIndexPage, SchoolPage
from tests.factories import PartnerPageFactory, ProgrammePageFactory, SchoolPageFactory

LANGUAGE_SUFFIXES = ["en", "zh_hans", "fr", "es", "ru", "ar"]


def test_edit_form_offers_every_translated_field_in_every_language(admin_client, home):
    programme = ProgrammePageFactory()
    for page in (programme.get_parent(), programme, home):
        response = admin_client.get(f"/admin/pages/{page.pk}/edit/")
        assert response.status_code == 200
        content = response.content.decode()
        for suffix in LANGUAGE_SUFFIXES:
            assert f'name="title_{suffix}"' in content
    content = admin_client.get(f"/admin/pages/{programme.get_parent().pk}/edit/").content.decode()
    for suffix in LANGUAGE_SUFFIXES:
        assert f'name="introduction_{suffix}"' in content
    assert 'name="partnerships-TOTAL_FORMS"' in content


def test_page_tree_allows_only_the_designed_children(home):
    assert SchoolIndexPage.allowed_subpage_models() == [SchoolPage]
    school = SchoolPageFactory()
    assert [m.__name__ for m in school.specific_class.allowed_subpage_models()] == ["ProgrammePage"]
    assert not Page.objects.type(SchoolPage).filter(depth__lt=4).exists()


def test_editor_creates_a_school_with_translations_and_a_partnership(admin_client, home):
    index = SchoolIndexPage.objects.get()
    partner = PartnerPageFactory(title="Lycée Jean Jaurès")
    guangdong = Province.objects.get(code="CN-GD")
    data = nested_form_data(
        {
            "title_en": "Guangzhou Railway Polytechnic",
            "title_zh_hans": "广州铁路职业技术学院",
            "title_fr": "École polytechnique ferroviaire de Canton",
            "title_es": "",
            "title_ru": "",
            "title_ar": "",
            "slug_en": "guangzhou-railway-polytechnic",
            "slug_zh_hans": "guangzhou-railway-polytechnic",
            "slug_fr": "guangzhou-railway-polytechnic",
            "official_name_zh": "广州铁路职业技术学院",
            "province": guangdong.pk,
            "city_en": "Guangzhou",
            "level": "higher",
            "introduction_en": rich_text("Railway engineering since 1956."),
            "introduction_fr": rich_text("Ingénierie ferroviaire depuis 1956."),
            "contact_language": "zh-hans",
            "partnerships": inline_formset([{"partner": partner.pk, "kind": "joint_programme", "stage": "running"}]),
            "recognitions": inline_formset([{"kind": "double-high-major", "tier": "B", "year": 2019}]),
            "partner_links": inline_formset([]),
            "action-publish": "publish",
        }
    )
    response = admin_client.post(f"/admin/pages/add/programmes/schoolpage/{index.pk}/", data)
    assert response.status_code == 302, response.content.decode()[:3000]
    school = SchoolPage.objects.get(slug_en="guangzhou-railway-polytechnic")
    assert school.live
    assert school.title_fr == "École polytechnique ferroviaire de Canton"
    assert "Ingénierie ferroviaire" in school.introduction_fr
    assert [p.partner_id for p in school.partnerships.all()] == [partner.pk]
    assert [r.text for r in school.recognitions.all()] == ["Double High Plan: high-level major group, tier B (2019)"]
    assert admin_client.get("/fr/schools/guangzhou-railway-polytechnic/").status_code == 200
