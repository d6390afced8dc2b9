"""Programmes keep their field of study when it becomes several
(migrations 0008–0010): the live row, and the drafts and revisions that an
editor may still publish."""

import importlib

from django.db import connection
from django.db.migrations.executor import MigrationExecutor
from django.utils import timezone

import pytest

from programmes.models import ProgrammePage
from tests.factories import SchoolPageFactory

BEFORE = ("programmes", "0008_programme_cooperation_sources_opening")

copy = importlib.import_module("programmes.migrations.0009_copy_field_of_study")


def migrate(target):
    executor = MigrationExecutor(connection)
    executor.loader.build_graph()
    executor.migrate([target])
    return executor.loader.project_state([target]).apps


def latest(app_label):
    executor = MigrationExecutor(connection)
    return [key for key in executor.loader.graph.leaf_nodes() if key[0] == app_label][0]


def test_revision_content_moves_to_a_list_and_back():
    content = {"title": "A", "field_of_study": 7}
    assert copy._to_many(content) and content == {"title": "A", "fields_of_study": [7]}
    assert copy._to_one(content) and content == {"title": "A", "field_of_study": 7}
    empty = {"field_of_study": None}
    assert copy._to_many(empty) and empty == {"fields_of_study": []}
    assert not copy._to_many({"title": "already migrated"})


@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_each_programme_keeps_its_field_of_study_and_its_revisions_too(home):
    school = SchoolPageFactory()
    old_apps = migrate(BEFORE)
    try:
        Programme = old_apps.get_model("programmes", "ProgrammePage")
        Field = old_apps.get_model("programmes", "FieldOfStudy")
        ContentType = old_apps.get_model("contenttypes", "ContentType")
        Revision = old_apps.get_model("wagtailcore", "Revision")
        Locale = old_apps.get_model("wagtailcore", "Locale")
        content_type, _created = ContentType.objects.get_or_create(app_label="programmes", model="programmepage")
        page_type, _created = ContentType.objects.get_or_create(app_label="wagtailcore", model="page")
        mechatronics = Field.objects.get(code="0714")
        programmes = []
        for number, field in enumerate([mechatronics, Field.objects.get(code="0613")], start=1):
            programmes.append(
                Programme.objects.create(
                    title=f"Old programme {number}",
                    draft_title=f"Old programme {number}",
                    slug=f"old-programme-{number}",
                    path=f"{school.path}{number:04d}",
                    depth=school.depth + 1,
                    numchild=0,
                    url_path=f"{school.url_path}old-programme-{number}/",
                    content_type=content_type,
                    locale=Locale.objects.first(),
                    live=True,
                    programme_type="training_centre",
                    field_of_study=field,
                    delivery_country="TH",
                )
            )
        draft = Revision.objects.create(
            content_type=content_type,
            base_content_type=page_type,
            object_id=str(programmes[0].pk),
            object_str="Old programme 1",
            created_at=timezone.now(),
            content={"pk": programmes[0].pk, "title": "Old programme 1 (draft)", "field_of_study": mechatronics.pk},
        )
    finally:
        migrate(latest("programmes"))

    first, second = (ProgrammePage.objects.get(pk=programme.pk) for programme in programmes)
    assert [field.code for field in first.fields_of_study.all()] == ["0714"]
    assert [field.code for field in second.fields_of_study.all()] == ["0613"]
    draft.refresh_from_db()
    assert draft.content["fields_of_study"] == [mechatronics.pk]
    assert "field_of_study" not in draft.content
