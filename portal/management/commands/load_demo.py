from io import StringIO

from django.core.management import call_command
from django.core.management.base import BaseCommand

from portal.demo.builder import load_demo

DEMO_SCHOOL_EDITOR = ("shenzhen-polytechnic-university", "school", "school@example.org", "school")


class Command(BaseCommand):
    help = (
        "Load the demo site: real Double High schools, real and invented partners, 80 sample programmes, "
        "partnerships, batches, selections, yearly figures, enquiries and the demo users admin/admin, "
        "ministry/ministry and school/school (editor of Shenzhen Polytechnic University). Idempotent: a second "
        "run only adds what is missing."
    )

    def handle(self, *args, **options):
        load_demo(self.stdout)
        school, username, email, password = DEMO_SCHOOL_EDITOR
        call_command("add_school_editor", school, username, email=email, password=password, stdout=StringIO())
        self.stdout.write(f"Demo school editor: {username}/{password} (Shenzhen Polytechnic University).")
