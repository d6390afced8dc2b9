"""A school's recognitions: the Double High Plan's category, tier and major
groups, a Luban Workshop, another by name, each with its year, and its
selection in this portal's batches. Edited inline on the school page, shown
on its profile in the reader's language, filterable in the school directory
and the catalogue (both engines), at no extra query."""

from django.core.exceptions import ValidationError
from django.urls import reverse
from django.utils import translation

import pytest

from programmes.models import ProgrammeSchool, RecognitionKind, SchoolIndexPage, SchoolPage, SchoolRecognition
from search.engines.elasticsearch import build_search, documents
from search.parameters import CatalogueQuery
from search.service import search_catalogue
from tests.editor_accounts import ministry_editor
from tests.factories import BatchSelectionFactory, ProgrammePageFactory, SchoolPageFactory
from tests.page_forms import edit_form_data
from tests.portal.test_query_counts import count_queries

pytestmark = pytest.mark.django_db

DOUBLE_HIGH_SCHOOL = {
    "kind": RecognitionKind.DOUBLE_HIGH_SCHOOL,
    "tier": "A",
    "major_groups": "数控技术、物联网应用技术",
    "year": 2019,
}
DOUBLE_HIGH_MAJOR = {
    "kind": RecognitionKind.DOUBLE_HIGH_MAJOR,
    "tier": "C",
    "major_groups": "药品生产技术",
    "year": 2019,
}
LUBAN = {"kind": RecognitionKind.LUBAN, "name": "泰国鲁班工坊", "year": 2016}
OTHER = {"kind": RecognitionKind.OTHER, "name": "国家示范性高等职业院校", "year": 2006}


def recognise(school, *rows):
    """Give ``school`` these recognitions as an editor does: in a revision, published."""
    page = SchoolPage.objects.get(pk=school.pk).get_latest_revision_as_object()
    page.recognitions = [SchoolRecognition(sort_order=order, **row) for order, row in enumerate(rows)]
    page.save_revision().publish()
    return SchoolPage.objects.get(pk=school.pk)


def profile(client, school, language):
    with translation.override(language):
        url = school.url
    response = client.get(url)
    assert response.status_code == 200
    return response.content.decode()


# --- The model ----------------------------------------------------------------------


def test_recognitions_read_as_sentences_in_the_readers_language(home):
    school = recognise(SchoolPageFactory(), DOUBLE_HIGH_SCHOOL, DOUBLE_HIGH_MAJOR, LUBAN, OTHER)
    rows = list(school.recognitions.all())
    assert [row.text for row in rows] == [
        "Double High Plan: high-level school, tier A (2019)",
        "Double High Plan: high-level major group, tier C (2019)",
        "Luban Workshop: 泰国鲁班工坊 (2016)",
        "国家示范性高等职业院校 (2006)",
    ]
    assert rows[0].major_group_names == ["数控技术", "物联网应用技术"]
    with translation.override("zh-hans"):
        assert rows[0].text == "“双高计划”高水平学校建设单位（A档，2019年）"
        assert rows[2].text == "鲁班工坊：泰国鲁班工坊（2016年）"


@pytest.mark.parametrize(
    "row,field",
    [
        ({"kind": RecognitionKind.LUBAN, "tier": "A", "year": 2016}, "tier"),
        ({"kind": RecognitionKind.LUBAN, "major_groups": "数控技术", "year": 2016}, "major_groups"),
        ({"kind": RecognitionKind.OTHER, "year": 2006}, "name"),
        ({"kind": RecognitionKind.DOUBLE_HIGH_SCHOOL, "year": 1900}, "year"),
    ],
)
def test_a_recognition_that_cannot_be_true_is_refused(home, row, field):
    recognition = SchoolRecognition(school=SchoolPageFactory(), **row)
    with pytest.raises(ValidationError) as error:
        recognition.full_clean()
    assert field in error.value.message_dict


def test_an_editor_adds_a_recognition_inline_on_the_school_page(client, home):
    school = SchoolPageFactory()
    user = ministry_editor()
    client.force_login(user)
    data = edit_form_data(school, user)
    assert data["recognitions-TOTAL_FORMS"] == "0"
    data.update(
        {
            "recognitions-TOTAL_FORMS": "1",
            "recognitions-0-id": "",
            "recognitions-0-ORDER": "1",
            "recognitions-0-kind": "double-high-major",
            "recognitions-0-year": "2019",
            "recognitions-0-tier": "B",
            "recognitions-0-major_groups": "智能制造专业群",
            "recognitions-0-name": "",
            "action-publish": "Publish",
        }
    )
    response = client.post(reverse("wagtailadmin_pages:edit", args=[school.pk]), data)
    assert response.status_code == 302, response.context["form"].errors if response.context else response
    [row] = SchoolRecognition.objects.filter(school=school)
    assert (row.kind, row.tier, row.major_groups, row.year) == ("double-high-major", "B", "智能制造专业群", 2019)
    assert search_catalogue().facet("recognition") is not None


# --- The profile --------------------------------------------------------------------


def test_profile_lists_recognitions_and_batch_selection_in_english(client, home):
    school = recognise(SchoolPageFactory(), DOUBLE_HIGH_SCHOOL, LUBAN)
    BatchSelectionFactory(school=school, batch__number=1, batch__year=2024)
    html = profile(client, school, "en")
    assert "Double High Plan: high-level school, tier A (2019)" in html
    # Major groups are published in Chinese: marked so on an English page.
    assert (
        'Major groups: <bdi lang="zh-hans" dir="ltr">数控技术</bdi>, <bdi lang="zh-hans" dir="ltr">物联网应用技术</bdi>'
        in html
    )
    assert 'Luban Workshop: <bdi lang="zh-hans" dir="ltr">泰国鲁班工坊</bdi> (2016)' in html
    assert "Selected in batch 1 (2024)" in html


def test_profile_lists_recognitions_in_chinese(client, home):
    school = recognise(SchoolPageFactory(), DOUBLE_HIGH_SCHOOL)
    BatchSelectionFactory(school=school, batch__number=2, batch__year=2025)
    html = profile(client, school, "zh-hans")
    assert "“双高计划”高水平学校建设单位（A档，2019年）" in html
    assert "专业群：数控技术、物联网应用技术" in html
    assert "入选第2批（2025年）" in html


def test_a_nominated_or_withdrawn_school_is_not_shown_as_selected(client, home):
    school = SchoolPageFactory()
    BatchSelectionFactory(school=school, batch__number=1, status="nominated")
    html = profile(client, school, "en")
    assert "Selected in batch" not in html and "Recognitions" not in html


def test_recognitions_cost_the_profile_no_query(client, home, settings):
    settings.PAGE_CACHE = False
    plain = SchoolPageFactory()
    recognised = recognise(SchoolPageFactory(), DOUBLE_HIGH_SCHOOL, DOUBLE_HIGH_MAJOR, LUBAN)
    BatchSelectionFactory(school=recognised, batch__number=1)
    with translation.override("en"):
        urls = [plain.url, recognised.url]
    assert count_queries(client, urls[1]) == count_queries(client, urls[0])


def test_a_new_recognition_shows_on_the_profile_at_once(client, home):
    school = SchoolPageFactory()
    assert "Luban Workshop" not in profile(client, school, "en")
    recognise(school, LUBAN)
    assert "Luban Workshop" in profile(client, school, "en")


# --- The school directory ----------------------------------------------------------


def directory(client, **filters):
    with translation.override("en"):
        url = SchoolIndexPage.objects.get().url
    response = client.get(url, filters)
    assert response.status_code == 200
    return {school.pk for school in response.context["schools"]}


def test_school_directory_filters_by_recognition_and_batch(client, home):
    double_high = recognise(SchoolPageFactory(), DOUBLE_HIGH_SCHOOL)
    luban = recognise(SchoolPageFactory(), LUBAN, DOUBLE_HIGH_MAJOR)
    selected = SchoolPageFactory()
    BatchSelectionFactory(school=selected, batch__number=2)
    everyone = {double_high.pk, luban.pk, selected.pk}
    assert directory(client) == everyone
    assert directory(client, recognition="double-high-school") == {double_high.pk}
    assert directory(client, recognition="double-high-major") == {luban.pk}
    assert directory(client, recognition="luban") == {luban.pk}
    assert directory(client, recognition="batch-2") == {selected.pk}
    # A value the filter does not offer filters nothing.
    assert directory(client, recognition="batch-9") == everyone
    assert directory(client, recognition="other") == everyone
    with translation.override("en"):
        html = client.get(SchoolIndexPage.objects.get().url, {"recognition": "luban"}).content.decode()
    assert '<option value="luban" selected>Luban Workshop</option>' in html
    assert '<option value="batch-2">Selected in batch 2 (2025)</option>' in html


# --- The catalogue --------------------------------------------------------------------


def _counts(**filters):
    return {value.value: value.count for value in search_catalogue(filters=filters).facet("recognition").values}


def test_catalogue_counts_and_filters_programmes_by_their_schools_recognitions(home):
    double_high = recognise(SchoolPageFactory(), DOUBLE_HIGH_SCHOOL, LUBAN)
    major = recognise(SchoolPageFactory(), DOUBLE_HIGH_MAJOR, OTHER)
    plain = SchoolPageFactory()
    ProgrammePageFactory(parent=double_high, slug="a")
    ProgrammePageFactory(parent=double_high, slug="b")
    run_together = ProgrammePageFactory(parent=plain, slug="c")
    ProgrammeSchool.objects.create(programme=run_together, school=major)
    ProgrammePageFactory(parent=plain, slug="d")
    # "Other" recognitions are each school's own: no filter value.
    assert _counts() == {"double-high-school": 2, "luban": 2, "double-high-major": 1}
    results = search_catalogue(filters={"recognition": ["double-high-major"]})
    assert [entry.pk for entry in results.programmes] == [run_together.pk]
    assert search_catalogue(filters={"recognition": ["double-high-school", "double-high-major"]}).total == 3
    labels = {value.value: value.label for value in search_catalogue().facet("recognition").values}
    assert labels["luban"] == "Luban Workshop"
    with translation.override("zh-hans"):
        labels = {value.value: value.label for value in search_catalogue().facet("recognition").values}
    assert labels["double-high-school"] == "“双高计划”高水平学校建设单位"


def test_a_recognition_written_without_publishing_counts_at_once(home):
    school = SchoolPageFactory()
    ProgrammePageFactory(parent=school)
    assert _counts() == {}
    row = SchoolRecognition.objects.create(school=school, **LUBAN)
    assert _counts() == {"luban": 1}
    row.delete()
    assert _counts() == {}


def test_catalogue_page_and_api_filter_by_recognition(client, home):
    school = recognise(SchoolPageFactory(), LUBAN)
    ProgrammePageFactory(parent=school, title="Welding in Bangkok")
    ProgrammePageFactory(title="Nursing in Nairobi")
    page = client.get("/en/programmes/", {"recognition": "luban"}).content.decode()
    assert "Welding in Bangkok" in page and "Nursing in Nairobi" not in page
    api = client.get("/api/v1/search/", {"recognition": "luban"}).json()
    assert [result["title"] for result in api["results"]] == ["Welding in Bangkok"]


def test_elasticsearch_documents_and_requests_carry_the_recognition_facet(home):
    school = recognise(SchoolPageFactory(), DOUBLE_HIGH_SCHOOL, OTHER)
    programme = ProgrammePageFactory(parent=school)
    [document], _pages = documents([programme.specific])
    assert document.to_dict()["recognition"] == ["double-high-school"]
    body = build_search(CatalogueQuery(filters={"recognition": ["luban"]}), "en")._s.to_dict()
    assert body["post_filter"] == {"terms": {"recognition": ["luban"]}}
    assert "_filter_recognition" in body["aggs"]
