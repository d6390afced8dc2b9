"""Each programme's one field of study becomes the first of its fields of study."""

from django.db import migrations


def copy_field_of_study(apps, schema_editor):
    """Each programme keeps its one field of study as the first of its fields,
    in its saved drafts and revisions too, so that publishing an older draft
    does not drop it."""
    ProgrammePage = apps.get_model("programmes", "ProgrammePage")
    Through = ProgrammePage.fields_of_study.through
    Through.objects.bulk_create(
        [
            Through(programmepage_id=pk, fieldofstudy_id=field_id)
            for pk, field_id in ProgrammePage.objects.filter(field_of_study__isnull=False).values_list(
                "pk", "field_of_study_id"
            )
        ]
    )
    _rewrite_revisions(apps, _to_many)


def copy_fields_of_study_back(apps, schema_editor):
    """Reversed: the first field of study (by code) becomes the one field."""
    ProgrammePage = apps.get_model("programmes", "ProgrammePage")
    for programme in ProgrammePage.objects.all():
        first = programme.fields_of_study.order_by("code").first()
        if first is not None:
            ProgrammePage.objects.filter(pk=programme.pk).update(field_of_study=first)
    _rewrite_revisions(apps, _to_one)


def _to_many(content):
    if "field_of_study" not in content:
        return False
    field_id = content.pop("field_of_study")
    content["fields_of_study"] = [field_id] if field_id else []
    return True


def _to_one(content):
    if "fields_of_study" not in content:
        return False
    field_ids = content.pop("fields_of_study") or []
    content["field_of_study"] = field_ids[0] if field_ids else None
    return True


def _rewrite_revisions(apps, change):
    ContentType = apps.get_model("contenttypes", "ContentType")
    Revision = apps.get_model("wagtailcore", "Revision")
    content_type = ContentType.objects.filter(app_label="programmes", model="programmepage").first()
    if content_type is None:
        return
    for revision in Revision.objects.filter(content_type=content_type).iterator():
        if isinstance(revision.content, dict) and change(revision.content):
            revision.save(update_fields=["content"])


class Migration(migrations.Migration):
    dependencies = [
        ("programmes", "0008_programme_cooperation_sources_opening"),
    ]

    operations = [
        migrations.RunPython(copy_field_of_study, copy_fields_of_study_back),
    ]
