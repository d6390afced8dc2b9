from django.core.management.base import BaseCommand, CommandError

from portal.demo.catalogue import generate_catalogue


class Command(BaseCommand):
    help = (
        "Add sample schools, programmes and partners in bulk for tests and benchmarks (all marked as sample "
        "content). Each run adds more: pages are numbered after those of earlier runs with the same --prefix."
    )

    def add_arguments(self, parser):
        parser.add_argument("--schools", type=int, default=0, help="How many schools to add.")
        parser.add_argument(
            "--programmes", type=int, default=0, help="How many programmes to add, spread over the new schools."
        )
        parser.add_argument("--partners", type=int, default=0, help="How many partners to add.")
        parser.add_argument(
            "--seed", type=int, default=1, help="Seed of the random choices (same seed, same catalogue)."
        )
        parser.add_argument("--prefix", default="gen", help="Start of the generated slugs, e.g. gen-school-12.")

    def handle(self, *args, **options):
        counts = [options["schools"], options["programmes"], options["partners"]]
        if any(count < 0 for count in counts):
            raise CommandError("Counts cannot be negative.")
        if options["programmes"] and not options["schools"]:
            raise CommandError("Programmes are children of schools: give --schools as well.")
        if not options["prefix"].replace("-", "").isalnum():
            raise CommandError("The prefix may contain only letters, digits and hyphens.")
        generate_catalogue(
            options["schools"],
            options["programmes"],
            options["partners"],
            seed=options["seed"],
            prefix=options["prefix"].lower(),
            stdout=self.stdout,
        )
