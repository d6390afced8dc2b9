"""``manage.py import_schools FILE --batch N``: the batch-list import of the
admin (Ministry → Import a batch list) from the command line, for scripts and
large files, with the same preview and the same rules."""

import datetime
from pathlib import Path

from django.contrib.auth import get_user_model
from django.core.management.base import BaseCommand, CommandError
from django.utils import timezone

from ministry.imports import (
    FIELDS,
    ImportFileError,
    apply_plan,
    build_plan,
    map_columns,
    missing_columns_message,
    read_table,
    remember_columns,
    title_year,
)
from programmes.models import Batch


def _pairs(values, option):
    pairs = {}
    for value in values or ():
        key, separator, rest = value.partition("=")
        if not separator or not key.strip() or not rest.strip():
            raise CommandError(f"{option} expects KEY=VALUE, got “{value}”.")
        pairs[key.strip()] = rest.strip()
    return pairs


class Command(BaseCommand):
    help = (
        "Import a batch's published list of schools (CSV or XLSX). Without --apply, only print the preview; "
        "the last line sums up the rows understood, matched, new, possible duplicates and errors. "
        "Exit status 1 when a row has an error (nothing is applied)."
    )

    def add_arguments(self, parser):
        parser.add_argument("file", help="The list as published: CSV (UTF-8 or GB18030) or XLSX.")
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
        parser.add_argument(
            "--column",
            action="append",
            metavar="FIELD=HEADER",
            help=f"Read FIELD ({', '.join(FIELDS)}) from the column named HEADER. Remembered with --apply.",
        )
        parser.add_argument(
            "--duplicate",
            action="append",
            metavar="LINE=ID|new",
            help="For a possible duplicate on LINE: the id of the school it is, or “new”.",
        )
        parser.add_argument("--user", help="The username recorded as the author of the decisions.")
        parser.add_argument("--apply", action="store_true", help="Apply the import (all or nothing).")

    def handle(
        self, *args, file, batch=None, date=None, column=None, duplicate=None, user=None, apply=False, **options
    ):
        path = Path(file)
        if not path.is_file():
            raise CommandError(f"No such file: {file}")
        recognitions_only = options.get("recognitions_only", False)
        year = options.get("year")
        batch_obj = None
        if batch is not None:
            batch_obj = Batch.objects.filter(number=batch).first()
            if batch_obj is None:
                raise CommandError(f"There is no batch {batch}.")
        elif not recognitions_only:
            raise CommandError("--batch N is required (or --recognitions-only for a list of recognitions).")
        author = None
        if user:
            author = get_user_model().objects.filter(username=user).first()
            if author is None:
                raise CommandError(f"There is no user {user}.")
        columns = _pairs(column, "--column")
        unknown = sorted(set(columns) - set(FIELDS))
        if unknown:
            raise CommandError(f"Unknown field {', '.join(unknown)}: use {', '.join(FIELDS)}.")
        choices = {}
        for line, value in _pairs(duplicate, "--duplicate").items():
            if not line.isdigit() or not (value == "new" or value.isdigit()):
                raise CommandError(f"--duplicate expects LINE=ID or LINE=new, got “{line}={value}”.")
            choices[int(line)] = value
        try:
            table = read_table(path.read_bytes(), path.name)
        except ImportFileError as error:
            raise CommandError(error.message) from None
        if recognitions_only and batch_obj is None and year is None and title_year(table)[0] is None:
            raise CommandError(
                "--recognitions-only needs --year YYYY (or --batch N for its year): the title names none."
            )
        for name, heading in columns.items():
            if heading not in table.header and map_columns(table.header, {name: heading}).columns.get(name) is None:
                raise CommandError(f"No column named “{heading}” in the header: {' | '.join(table.header)}")
        plan = build_plan(
            table,
            batch_obj,
            None if recognitions_only else (date or timezone.localdate()),
            columns=columns,
            choices=choices,
            recognitions_only=recognitions_only,
            year=year,
        )
        self.print_preview(plan, table, batch_obj)
        if plan.missing_columns:
            raise CommandError(
                missing_columns_message(map_columns(table.header, columns)) + " Name them with --column FIELD=HEADER.",
                returncode=1,
            )
        if plan.errors:
            raise CommandError("Rows have errors: nothing was applied.", returncode=1)
        if not apply:
            return
        if plan.undecided:
            lines = ", ".join(str(row.line) for row in plan.undecided)
            raise CommandError(
                f"Possible duplicates on lines {lines}: decide with --duplicate LINE=ID or LINE=new. "
                "Nothing was applied.",
                returncode=1,
            )
        try:
            counts = apply_plan(plan, author)
        except ImportFileError as error:
            raise CommandError(error.message, returncode=1) from None
        remember_columns(map_columns(table.header, columns), author)
        if recognitions_only:
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
        self.print_summary(plan)

    def print_preview(self, plan, table, batch):
        if plan.recognitions_only:
            self.stdout.write(
                "Recognitions only: no school is selected into a batch and no school is created; "
                "schools not in the portal are skipped."
            )
        else:
            self.stdout.write(f"Batch {batch.number} ({batch}), decisions dated {plan.decided_on}.")
        self.stdout.write(f"Header on line {table.header_line}: {' | '.join(title for title in table.header if title)}")
        for name in FIELDS:
            self.stdout.write(f"  {name}: {plan.columns.get(name, '—')}")
        if plan.unused_columns:
            self.stdout.write(f"Columns not imported: {' | '.join(plan.unused_columns)}")
        if not plan.has_status and not plan.missing_columns and not plan.recognitions_only:
            self.stdout.write(f"No status column: every school in the list is selected into {batch}.")
        for warning in plan.warnings:
            self.stdout.write(f"Warning: {warning}")
        for note in plan.notes:
            self.stdout.write(f"Note: {note}")
        for skipped in plan.skipped:
            self.stdout.write(f"line {skipped['line']}: skipped, {skipped['reason']}: {skipped['text']}")
        for row in plan.rows:
            if row.action == "skip":
                self.stdout.write(f"line {row.line}: {row.name_zh} | {row.province} | not in the portal: skipped")
                continue
            if row.action == "error":
                outcome = "ERROR " + " ".join(row.errors)
            elif row.action == "duplicate":
                options = ", ".join(f"{pk} {name}" for pk, name in row.candidates)
                outcome = f"POSSIBLE DUPLICATE of {options}: --duplicate {row.line}=ID or {row.line}=new"
            elif row.action == "create":
                outcome = "new draft school"
            else:
                outcome = f"matches {row.school_title} (id {row.school_id}, by {row.matched_by})"
                if row.unchanged:
                    outcome += ", no change"
            if row.recognition and row.action != "error":
                change = {"add": "new", "update": "replaces the recorded one"}.get(row.recognition_change, "recorded")
                outcome += f" | recognition: {row.recognition_display}"
                outcome += f", major groups {row.recognition_groups}" if row.recognition_groups else ""
                outcome += f" ({change})"
            self.stdout.write(f"line {row.line}: {row.name_zh} | {row.province} | {row.status} | {outcome}")
        self.print_summary(plan)

    def print_summary(self, plan):
        summary = plan.summary()
        self.stdout.write(
            "Rows understood: {understood} of {rows}, matched: {matched}, new: {new}, "
            "possible duplicates: {duplicates}, errors: {errors}".format(**summary)
            + (f", lines skipped: {len(plan.skipped)}" if plan.skipped else "")
            + (f", not in the portal: {len(plan.not_in_portal)}" if plan.recognitions_only else "")
        )
