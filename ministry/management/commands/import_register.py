"""``manage.py import_register FILE``: the register import of the admin
(Ministry → Import a register of programmes) from the command line, for
scripts and large files, with the same preview and the same rules."""

from pathlib import Path

from django.contrib.auth import get_user_model
from django.core.management.base import BaseCommand, CommandError

from ministry.imports import ImportFileError, map_columns, read_table, remember_columns
from ministry.register import (
    REGISTER_FIELDS,
    REGISTER_LIST,
    apply_register_plan,
    build_register_plan,
    missing_columns_message,
)


def pairs(values, option):
    """``KEY=VALUE`` options as a dict."""
    found = {}
    for value in values or ():
        key, separator, rest = value.partition("=")
        if not separator or not key.strip() or not rest.strip():
            raise CommandError(f"{option} expects KEY=VALUE, got “{value}”.")
        found[key.strip()] = rest.strip()
    return found


class ListImportCommand(BaseCommand):
    """What the register and partner-list commands share: reading the file,
    the columns, the decisions on possible duplicates, the exit status."""

    list_columns = None
    fields = []
    what = ""  # "programme" or "partner", for the messages

    def add_arguments(self, parser):
        parser.add_argument("file", help="The list as published: CSV (UTF-8 or GB18030) or XLSX.")
        parser.add_argument(
            "--column",
            action="append",
            metavar="FIELD=HEADER",
            help=f"Read FIELD ({', '.join(self.fields)}) from the column named HEADER. Remembered with --apply.",
        )
        parser.add_argument(
            "--duplicate",
            action="append",
            metavar="LINE=ID|new",
            help=f"For a possible duplicate on LINE: the id of the {self.what} it is, or “new”.",
        )
        parser.add_argument("--user", help="The username recorded as the author of the new pages and revisions.")
        parser.add_argument("--apply", action="store_true", help="Apply the import (all or nothing).")

    def handle(self, *args, file, column=None, duplicate=None, user=None, apply=False, **options):
        path = Path(file)
        if not path.is_file():
            raise CommandError(f"No such file: {file}")
        author = None
        if user:
            author = get_user_model().objects.filter(username=user).first()
            if author is None:
                raise CommandError(f"There is no user {user}.")
        columns = pairs(column, "--column")
        unknown = sorted(set(columns) - set(self.fields))
        if unknown:
            raise CommandError(f"Unknown field {', '.join(unknown)}: use {', '.join(self.fields)}.")
        choices = {}
        for line, value in pairs(duplicate, "--duplicate").items():
            if not line.isdigit() or not (value == "new" or value.isdigit()):
                raise CommandError(f"--duplicate expects LINE=ID or LINE=new, got “{line}={value}”.")
            choices[int(line)] = value
        try:
            table = read_table(path.read_bytes(), path.name, self.list_columns)
        except ImportFileError as error:
            raise CommandError(error.message) from None
        for name, heading in columns.items():
            found = map_columns(table.header, {name: heading}, self.list_columns).columns.get(name)
            if heading not in table.header and found is None:
                raise CommandError(f"No column named “{heading}” in the header: {' | '.join(table.header)}")
        plan = self.build_plan(table, columns=columns, choices=choices)
        self.print_preview(plan, table)
        if plan.missing_columns:
            raise CommandError(
                missing_columns_message(map_columns(table.header, columns, self.list_columns))
                + " Name them with --column FIELD=HEADER.",
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
            counts = self.apply_plan(plan, author)
        except ImportFileError as error:
            raise CommandError(error.message, returncode=1) from None
        remember_columns(map_columns(table.header, columns, self.list_columns), author)
        self.stdout.write(self.applied_message(counts))
        self.print_summary(plan)

    def print_preview(self, plan, table):
        self.stdout.write(f"Header on line {table.header_line}: {' | '.join(title for title in table.header if title)}")
        for name in self.fields:
            self.stdout.write(f"  {name}: {plan.columns.get(name, '—')}")
        if plan.unused_columns:
            self.stdout.write(f"Columns not imported: {' | '.join(plan.unused_columns)}")
        for note in plan.notes:
            self.stdout.write(f"Note: {note}")
        for skipped in plan.skipped:
            self.stdout.write(f"line {skipped['line']}: skipped, {skipped['reason']}: {skipped['text']}")
        for row in plan.rows:
            if row.action == "skip":
                outcome = "skipped: the school is not in the portal"
            elif row.action == "error":
                outcome = "ERROR " + " ".join(row.errors)
            elif row.action == "duplicate":
                options = ", ".join(f"{pk} {name}" for pk, name in row.candidates)
                outcome = f"POSSIBLE DUPLICATE of {options}: --duplicate {row.line}=ID or {row.line}=new"
            elif row.action == "create":
                outcome = f"new draft {self.what}"
            else:
                outcome = self.match_text(row)
                outcome += ", no change" if row.unchanged else ": " + " ".join(row.changes)
            for difference in row.differences:
                outcome += f" (kept: {difference})"
            outcome += self.row_extra(row)
            self.stdout.write(f"line {row.line}: {self.row_text(row)} | {outcome}")
        self.print_details(plan)
        self.print_summary(plan)

    def print_details(self, plan):
        """What the preview says after the rows, before its last line."""

    def row_extra(self, row):
        """What a row's line says after its outcome."""
        return ""

    def print_summary(self, plan):
        self.stdout.write(
            "Rows understood: {understood} of {rows}, matched: {matched}, new: {new}, "
            "possible duplicates: {duplicates}, errors: {errors}".format(**plan.summary())
            + (f", lines skipped: {len(plan.skipped)}" if plan.skipped else "")
            + (f", not in the portal: {len(plan.not_in_portal)}" if plan.not_in_portal else "")
        )


class Command(ListImportCommand):
    help = (
        "Import a register of overseas training centres or other international programmes (CSV or XLSX). "
        "Without --apply, only print the preview; the last line sums up the rows understood, matched, new, "
        "possible duplicates and errors. Exit status 1 when a row has an error (nothing is applied)."
    )
    list_columns = REGISTER_LIST
    fields = REGISTER_FIELDS
    what = "programme"

    def build_plan(self, table, **kwargs):
        return build_register_plan(table, **kwargs)

    def apply_plan(self, plan, author):
        return apply_register_plan(plan, author)

    def applied_message(self, counts):
        return (
            "Applied: {created} new draft programmes, {updated} programmes completed, {unchanged} rows unchanged, "
            "{partners} new draft partners, {recognitions} Luban Workshop recognitions recorded.".format(**counts)
        )

    def match_text(self, row):
        return f"matches {row.programme_title} (id {row.programme_id}, by {row.matched_by})"

    def row_extra(self, row):
        text = ""
        if row.luban_recognition and row.action != "error":
            change = {"add": "new", "update": "replaces the recorded one"}.get(row.luban_change, "recorded")
            text += f" | recognition of {row.lead_school}: {row.luban_recognition.row().text} ({change})"
        for note in row.notes:
            text += f" (note: {note})"
        return text

    def row_text(self, row):
        place = ", ".join(part for part in (row.country_name, row.city_zh or row.city_en) if part)
        return f"{row.lead_school or row.cells.get('lead_school', '')} | {row.title or '—'} | {place}"

    def print_details(self, plan):
        if plan.not_in_portal:
            self.stdout.write(
                "Rows skipped, their lead school not in the portal: load the school (import_schools) or create it, "
                "then import the register again; the rows imported now stay unchanged."
            )
        for partner in plan.new_partner_list:
            self.stdout.write(
                f"New draft partner: {partner['name']} ({partner['kind_label']}, {partner['country_name']}), "
                f"first on line {partner['line']}"
            )
