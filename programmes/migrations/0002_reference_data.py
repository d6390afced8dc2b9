from django.db import migrations


def load_reference_data(apps, schema_editor):
    from programmes import reference_data

    reference_data.load(
        apps.get_model("programmes", "Province"),
        apps.get_model("programmes", "FieldOfStudy"),
        apps.get_model("programmes", "TeachingLanguage"),
    )


class Migration(migrations.Migration):
    dependencies = [("programmes", "0001_initial")]

    operations = [migrations.RunPython(load_reference_data, migrations.RunPython.noop)]
