from django.core.management.base import BaseCommand

from portal.demo.loader import load_demo


class Command(BaseCommand):
    help = (
        "Load the demo site from the files in portal/demo/data/: real Double High schools, real and invented "
        "partners, 80 sample programmes, partnerships, batches, selections, yearly figures, enquiries and the demo "
        "users admin/admin, ministry/ministry and school/school (editor of Shenzhen Polytechnic University). "
        "Idempotent: a second run only adds what is missing."
    )

    def handle(self, *args, **options):
        load_demo(self.stdout)
