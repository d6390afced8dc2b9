from django.core.management.base import BaseCommand

from programmes import reference_data
from programmes.models import FieldOfStudy, Province, TeachingLanguage


class Command(BaseCommand):
    help = "Load or refresh provinces, ISCED-F 2013 fields of study and teaching languages from programmes/data/."

    def handle(self, *args, **options):
        counts = reference_data.load(Province, FieldOfStudy, TeachingLanguage)
        self.stdout.write(
            f"{counts['provinces']} provinces, {counts['fields']} fields of study, "
            f"{counts['languages']} teaching languages."
        )
