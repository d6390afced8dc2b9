"""``manage.py import_schools FILE --batch N``: the batch-list import of the
admin (Ministry → Import a batch list) from the command line, for scripts and
large files, with the same preview and the same rules."""

import datetime

from django.core.management.base import CommandError
from django.utils import timezone

from ministry.imports import SCHOOL_LIST, apply_plan, build_plan, missing_columns_message, title_year
from ministry.management.import_command import ListImportCommand
from programmes.models import Batch


class Command(ListImportCommand):
    help = (
        "Import a batch's published list of schools (CSV or XLSX). Without --apply, only print the preview; "
        "the last line sums up the rows understood, matched, new, possible duplicates and errors. "
        "Exit status 1 when a row has an error (nothing is applied)."
    )
    list_columns = SCHOOL_LIST
    what = "school"
    author_help = "The username recorded as the author of the decisions."

    def add_list_arguments(self, parser):
        parser.add_argument(
            "--batch", type=int, help="The batch's number (1, 2 or 3); required unless --recognitions-only."
        )
        parser.add_argument(
            "--recognitions-only",
            action="store_true",
            help=(
                "The file is a list of recognitions (the Double High Plan's own list): record the recognitions and "
                "English names of the schools in the portal, select none into a batch, create no school."
            ),
        )
        parser.add_argument(
            "--year",
            type=int,
            help=(
                "The recognitions' year when the file has no year column "
                "(default: the year the title names, else the batch's)."
            ),
        )
        parser.add_argument(
            "--date", help="The date of the decisions, YYYY-MM-DD (default: today).", type=datetime.date.fromisoformat
        )

    def read_options(self, options):
        self.recognitions_only = options.get("recognitions_only", False)
        self.year = options.get("year")
        self.decided_on = options.get("date")
        self.batch = None
        if options.get("batch") is not None:
            self.batch = Batch.objects.filter(number=options["batch"]).first()
            if self.batch is None:
                raise CommandError(f"There is no batch {options['batch']}.")
        elif not self.recognitions_only:
            raise CommandError("--batch N is required (or --recognitions-only for a list of recognitions).")

    def check_table(self, table):
        if self.recognitions_only and self.batch is None and self.year is None and title_year(table)[0] is None:
            raise CommandError(
                "--recognitions-only needs --year YYYY (or --batch N for its year): the title names none."
            )

    def build_plan(self, table, **kwargs):
        return build_plan(
            table,
            self.batch,
            None if self.recognitions_only else (self.decided_on or timezone.localdate()),
            recognitions_only=self.recognitions_only,
            year=self.year,
            **kwargs,
        )

    def apply_plan(self, plan, author):
        return apply_plan(plan, author)

    def missing_columns_message(self, column_map):
        return missing_columns_message(column_map)

    def print_applied(self, plan, counts):
        if plan.recognitions_only:
            self.stdout.write(
                "Applied: {english_names} English names, {unchanged} rows unchanged; no batch selection.".format(
                    **counts
                )
            )
        else:
            self.stdout.write(
                "Applied: {created} new draft schools, {changed} decisions recorded, "
                "{unchanged} rows unchanged.".format(**counts)
            )
        if plan.reads_recognitions:
            self.stdout.write(f"Recognitions recorded or changed: {counts['recognitions']}.")

    def print_heading(self, plan):
        if plan.recognitions_only:
            self.stdout.write(
                "Recognitions only: no school is selected into a batch and no school is created; "
                "schools not in the portal are skipped."
            )
        else:
            self.stdout.write(f"Batch {self.batch.number} ({self.batch}), decisions dated {plan.decided_on}.")

    def print_notes(self, plan):
        if not plan.has_status and not plan.missing_columns and not plan.recognitions_only:
            self.stdout.write(f"No status column: every school in the list is selected into {self.batch}.")
        for warning in plan.warnings:
            self.stdout.write(f"Warning: {warning}")
        super().print_notes(plan)

    def row_text(self, row):
        return f"{row.name_zh} | {row.province} | {row.status}"

    def row_line(self, row):
        if row.action == "skip":
            return f"line {row.line}: {row.name_zh} | {row.province} | not in the portal: skipped"
        return super().row_line(row)

    def outcome_match(self, row):
        outcome = f"matches {row.school_title} (id {row.school_id}, by {row.matched_by})"
        return outcome + ", no change" if row.unchanged else outcome

    def row_extra(self, row):
        """The school's recognition, as the row gives it."""
        if not row.recognition or row.action == "error":
            return ""
        change = {"add": "new", "update": "replaces the recorded one"}.get(row.recognition_change, "recorded")
        groups = f", major groups {row.recognition_groups}" if row.recognition_groups else ""
        return f" | recognition: {row.recognition_display}{groups} ({change})"

    def summary_line(self, plan):
        not_in_portal = f", not in the portal: {len(plan.not_in_portal)}" if plan.recognitions_only else ""
        return super().summary_line(plan) + not_in_portal
