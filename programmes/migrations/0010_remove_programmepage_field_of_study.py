from django.db import migrations


class Migration(migrations.Migration):
    dependencies = [
        ("programmes", "0009_copy_field_of_study"),
    ]

    operations = [
        migrations.RemoveField(
            model_name="programmepage",
            name="field_of_study",
        ),
    ]
