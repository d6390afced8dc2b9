"""``manage.py import_register FILE``: the register import of the admin
(Ministry → Import a register of programmes) from the command line, for
scripts and large files, with the same preview and the same rules."""

from ministry.management.import_command import ListImportCommand
from ministry.register import REGISTER_LIST, apply_register_plan, build_register_plan


class Command(ListImportCommand):
    help = (
        "Import a register of overseas training centres or other international programmes (CSV or XLSX). "
        "Without --apply, only print the preview; the last line sums up the rows understood, matched, new, "
        "possible duplicates and errors. Exit status 1 when a row has an error (nothing is applied)."
    )
    list_columns = REGISTER_LIST
    what = "programme"

    build_plan = staticmethod(build_register_plan)
    apply_plan = staticmethod(apply_register_plan)

    def applied_message(self, counts):
        return (
            "Applied: {created} new draft programmes, {updated} programmes completed, {unchanged} rows unchanged, "
            "{partners} new draft partners, {recognitions} Luban Workshop recognitions recorded.".format(**counts)
        )

    def match_text(self, row):
        return f"matches {row.programme_title} (id {row.programme_id}, by {row.matched_by})"

    def row_extra(self, row):
        text = super().row_extra(row)
        if row.luban_recognition and row.action != "error":
            change = {"add": "new", "update": "replaces the recorded one"}.get(row.luban_change, "recorded")
            text += f" | recognition of {row.lead_school}: {row.luban_recognition.row().text} ({change})"
        for note in row.notes:
            text += f" (note: {note})"
        return text

    def row_text(self, row):
        place = ", ".join(part for part in (row.country_name, row.city_zh or row.city_en) if part)
        return f"{row.lead_school or row.cells.get('lead_school', '')} | {row.title or '—'} | {place}"

    def outcome_skip(self, row):
        return "skipped: the school is not in the portal"

    def summary_line(self, plan):
        not_in_portal = f", not in the portal: {len(plan.not_in_portal)}" if plan.not_in_portal else ""
        return super().summary_line(plan) + not_in_portal

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
