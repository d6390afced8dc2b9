"""``manage.py import_partners FILE``: the partner-list import of the admin
(Ministry → Import a list of partners) from the command line, with the same
preview and the same rules."""

from ministry.management.import_command import ListImportCommand
from ministry.partner_list import PARTNER_LIST, apply_partner_plan, build_partner_plan


class Command(ListImportCommand):
    help = (
        "Import a list of partners: foreign institutions and companies (CSV or XLSX). Without --apply, only "
        "print the preview; the last line sums up the rows understood, matched, new, possible duplicates and "
        "errors. Exit status 1 when a row has an error (nothing is applied)."
    )
    list_columns = PARTNER_LIST
    what = "partner"

    build_plan = staticmethod(build_partner_plan)
    apply_plan = staticmethod(apply_partner_plan)

    def applied_message(self, counts):
        return (
            "Applied: {created} new draft partners, {updated} partners completed, {unchanged} rows unchanged.".format(
                **counts
            )
        )

    def match_text(self, row):
        return f"matches {row.partner_title} (id {row.partner_id}, by {row.matched_by})"

    def row_text(self, row):
        return f"{row.name} | {row.title_zh} | {row.country} | {row.kind}"
