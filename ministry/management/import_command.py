"""What the three list-import commands share (``import_schools``,
``import_register``, ``import_partners``): reading the file, ``--column``,
``--duplicate``, ``--user`` and ``--apply``, the preview's header, columns,
skipped lines and rows, its summary line and the exit statuses. Each command
is a subclass that names its list and fills in the hooks below; the admin's
three import pages (``ministry.import_views``) follow the same steps."""

from pathlib import Path

from django.contrib.auth import get_user_model
from django.core.management.base import BaseCommand, CommandError

from ministry.imports import ImportFileError, map_columns, read_table, remember_columns
from ministry.register import missing_columns_message


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
    """A command that previews a published list and, with ``--apply``, applies
    it all or nothing. Exit status 1 when a column is missing, a row has an
    error or a possible duplicate is undecided."""

    list_columns = None  # the ``ListColumns`` of the list
    what = ""  # "school", "programme" or "partner", for the messages
    author_help = "The username recorded as the author of the new pages and revisions."

    @property
    def fields(self):
        return self.list_columns.fields

    # --- Hooks --------------------------------------------------------------------

    def add_list_arguments(self, parser):
        """The list's own options, shown after the file and before ``--column``."""

    def read_options(self, options):
        """Check the list's own options (before anything else is read), keep what the plan needs."""

    def build_plan(self, table, *, columns, choices):
        raise NotImplementedError

    def apply_plan(self, plan, author):
        raise NotImplementedError

    def missing_columns_message(self, column_map):
        """The message when a required column is not recognised (before "Name them with --column")."""
        return missing_columns_message(column_map)

    def applied_message(self, counts):
        raise NotImplementedError

    def print_applied(self, plan, counts):
        """What ``--apply`` says once the list is applied, before the summary line."""
        self.stdout.write(self.applied_message(counts))

    def print_heading(self, plan):
        """What the preview says before the header."""

    def check_table(self, table):
        """Check the list's own options against the table read (after the file is read)."""

    def print_notes(self, plan):
        """What the preview says after the columns, before the lines skipped: the notes
        on how the list was read (a value carried down, the year read from the title)."""
        for note in getattr(plan, "notes", ()):
            self.stdout.write(f"Note: {note}")

    def print_details(self, plan):
        """What the preview says after the rows, before its last line."""

    def row_text(self, row):
        """A row's cells as its preview line shows them."""
        raise NotImplementedError

    def match_text(self, row):
        """The outcome of a row that matches what the portal has."""
        raise NotImplementedError

    def row_line(self, row):
        return f"line {row.line}: {self.row_text(row)} | {self.outcome(row) + self.row_extra(row)}"

    def outcome(self, row):
        """What applying the row does: ``outcome_<action>`` when the command has
        one (``outcome_error``, ``outcome_duplicate``, ``outcome_create``), else
        ``outcome_match``."""
        return getattr(self, f"outcome_{row.action}", self.outcome_match)(row)

    def outcome_error(self, row):
        return "ERROR " + " ".join(row.errors)

    def outcome_duplicate(self, row):
        options = ", ".join(f"{pk} {name}" for pk, name in row.candidates)
        return f"POSSIBLE DUPLICATE of {options}: --duplicate {row.line}=ID or {row.line}=new"

    def outcome_create(self, row):
        return f"new draft {self.what}"

    def outcome_match(self, row):
        return self.match_text(row) + (", no change" if row.unchanged else ": " + " ".join(row.changes))

    def row_extra(self, row):
        """What a row's line says after its outcome: what the portal keeps against the file."""
        return "".join(f" (kept: {difference})" for difference in row.differences)

    def summary_line(self, plan):
        """The last line of the preview and of ``--apply``."""
        line = (
            "Rows understood: {understood} of {rows}, matched: {matched}, new: {new}, "
            "possible duplicates: {duplicates}, errors: {errors}".format(**plan.summary())
        )
        return line + (f", lines skipped: {len(plan.skipped)}" if plan.skipped else "")

    # --- The steps ----------------------------------------------------------------

    def add_arguments(self, parser):
        parser.add_argument("file", help="The list as published: CSV (UTF-8 or GB18030) or XLSX.")
        self.add_list_arguments(parser)
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
        parser.add_argument("--user", help=self.author_help)
        parser.add_argument("--apply", action="store_true", help="Apply the import (all or nothing).")

    def handle(self, *args, file, column=None, duplicate=None, user=None, apply=False, **options):
        path = Path(file)
        if not path.is_file():
            raise CommandError(f"No such file: {file}")
        self.read_options(options)
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
        self.check_table(table)
        for name, heading in columns.items():
            found = map_columns(table.header, {name: heading}, self.list_columns).columns.get(name)
            if heading not in table.header and found is None:
                raise CommandError(f"No column named “{heading}” in the header: {' | '.join(table.header)}")
        plan = self.build_plan(table, columns=columns, choices=choices)
        self.print_preview(plan, table)
        if plan.missing_columns:
            raise CommandError(
                self.missing_columns_message(map_columns(table.header, columns, self.list_columns))
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
        self.print_applied(plan, counts)
        self.stdout.write(self.summary_line(plan))

    def print_preview(self, plan, table):
        self.print_heading(plan)
        self.stdout.write(f"Header on line {table.header_line}: {' | '.join(title for title in table.header if title)}")
        for name in self.fields:
            self.stdout.write(f"  {name}: {plan.columns.get(name, '—')}")
        if plan.unused_columns:
            self.stdout.write(f"Columns not imported: {' | '.join(plan.unused_columns)}")
        self.print_notes(plan)
        for skipped in plan.skipped:
            self.stdout.write(f"line {skipped['line']}: skipped, {skipped['reason']}: {skipped['text']}")
        for row in plan.rows:
            self.stdout.write(self.row_line(row))
        self.print_details(plan)
        self.stdout.write(self.summary_line(plan))
