"""How sure a programme's facts are (``ProgrammePage.certainty``): a register
gathers facts confirmed by schools, taken from official sources or only
reported. Existing programmes say nothing (blank)."""

from django.db import migrations, models


class Migration(migrations.Migration):
    dependencies = [
        ("programmes", "0014_school_recognitions"),
    ]

    operations = [
        migrations.AddField(
            model_name="programmepage",
            name="certainty",
            field=models.CharField(
                blank=True,
                choices=[
                    ("confirmed", "Confirmed by the school"),
                    ("official", "From an official source"),
                    ("reported", "Reported, not verified"),
                ],
                help_text=(
                    "Whether the school confirmed these facts, they come from an official source, or they were "
                    "reported and not verified. Shown next to the sources."
                ),
                max_length=10,
                verbose_name="how sure the facts are",
            ),
        ),
    ]
