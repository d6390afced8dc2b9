"""Remembered column headings per kind of list (``ImportColumnAlias.import_list``):
the register and partner-list imports remember headings too, and one heading
may mean a school in a batch list and a partner in a partner list. The
headings remembered so far were chosen in batch lists."""

from django.db import migrations, models


class Migration(migrations.Migration):
    dependencies = [
        ("programmes", "0015_programme_certainty"),
    ]

    operations = [
        migrations.AddField(
            model_name="importcolumnalias",
            name="import_list",
            field=models.CharField(
                default="schools",
                help_text="The kind of list: schools (batch lists), register (programmes) or partners.",
                max_length=20,
                verbose_name="list",
            ),
        ),
        migrations.AlterField(
            model_name="importcolumnalias",
            name="heading",
            field=models.CharField(max_length=200, verbose_name="column heading"),
        ),
        migrations.AddConstraint(
            model_name="importcolumnalias",
            constraint=models.UniqueConstraint(
                fields=("import_list", "heading"), name="one_field_per_heading_and_list"
            ),
        ),
    ]
