"""Schools' recognitions (the Double High Plan's category, tier and major
groups, Luban Workshops, others by name), each with its year, edited inline
on the school page. No existing data to move: the batch import dropped these
columns until now."""

import django.core.validators
import django.db.models.deletion
import modelcluster.fields
from django.db import migrations, models


class Migration(migrations.Migration):

    dependencies = [
        ('programmes', '0013_ascii_school_slugs'),
    ]

    operations = [
        migrations.CreateModel(
            name='SchoolRecognition',
            fields=[
                ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                ('sort_order', models.IntegerField(blank=True, editable=False, null=True)),
                ('kind', models.CharField(choices=[('double-high-school', 'Double High Plan: high-level school'), ('double-high-major', 'Double High Plan: high-level major group'), ('luban', 'Luban Workshop'), ('other', 'Other recognition')], max_length=20, verbose_name='recognition')),
                ('year', models.PositiveSmallIntegerField(help_text='The year it was announced, e.g. 2019.', validators=[django.core.validators.MinValueValidator(1990), django.core.validators.MaxValueValidator(2100)], verbose_name='year')),
                ('tier', models.CharField(blank=True, choices=[('A', 'Tier A'), ('B', 'Tier B'), ('C', 'Tier C')], help_text='Double High Plan only: A, B or C, as published.', max_length=1, verbose_name='tier')),
                ('major_groups', models.CharField(blank=True, help_text="Double High Plan only: the groups' names as published, separated by 、 or semicolons, e.g. 智能制造专业群、数控技术专业群.", max_length=500, verbose_name='major groups')),
                ('name', models.CharField(blank=True, help_text='As published: required for another recognition, optional for a Luban Workshop (e.g. 泰国鲁班工坊).', max_length=200, verbose_name='name')),
                ('school', modelcluster.fields.ParentalKey(on_delete=django.db.models.deletion.CASCADE, related_name='recognitions', to='programmes.schoolpage')),
            ],
            options={
                'verbose_name': 'recognition',
                'verbose_name_plural': 'recognitions',
                'ordering': ['sort_order'],
                'abstract': False,
            },
        ),
    ]
