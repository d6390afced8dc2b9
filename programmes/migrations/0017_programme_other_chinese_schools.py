"""A programme's co-operating Chinese schools that have no profile in the
portal, kept as published names (one per line) so that a register naming them
imports the programme with its known schools instead of refusing the row."""

from django.db import migrations, models


class Migration(migrations.Migration):

    dependencies = [
        ('programmes', '0016_import_column_alias_list'),
    ]

    operations = [
        migrations.AddField(
            model_name='programmepage',
            name='other_chinese_schools',
            field=models.TextField(blank=True, help_text='Chinese schools that run this programme too but have no profile in the portal, one per line, named as published. They show as names, without a link; once a school has a profile, add it above instead.', verbose_name='other co-operating Chinese schools'),
        ),
    ]
