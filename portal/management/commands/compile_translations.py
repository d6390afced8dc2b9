import os
import tempfile
from pathlib import Path

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError

import polib


class Command(BaseCommand):
    help = (
        "Compile the interface translations (every locale/<language>/LC_MESSAGES/*.po of LOCALE_PATHS) into the "
        ".mo files Django reads, with polib: no GNU gettext needed. Fuzzy and untranslated entries are left out, as "
        "msgfmt does. A .mo file that is already up to date is not rewritten, so a second run changes nothing."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--locale-path",
            action="append",
            dest="locale_paths",
            help="Compile the catalogues under this folder instead of LOCALE_PATHS (may be given several times).",
        )

    def handle(self, *args, locale_paths=None, **options):
        folders = [Path(folder) for folder in (locale_paths or settings.LOCALE_PATHS)]
        po_files = sorted(path for folder in folders for path in folder.glob("*/LC_MESSAGES/*.po"))
        if not po_files:
            raise CommandError(f"No .po files under {', '.join(str(folder) for folder in folders)}.")
        compiled = 0
        for po_file in po_files:
            try:
                catalogue = polib.pofile(str(po_file))
            except (OSError, ValueError) as error:
                raise CommandError(f"{po_file}: {error}") from error
            binary = catalogue.to_binary()
            mo_file = po_file.with_suffix(".mo")
            if mo_file.exists() and mo_file.read_bytes() == binary:
                continue
            # Written beside the target and renamed, so a running server never
            # reads half a file.
            handle, temporary = tempfile.mkstemp(dir=mo_file.parent, suffix=".mo.tmp")
            with os.fdopen(handle, "wb") as output:
                output.write(binary)
            os.replace(temporary, mo_file)
            compiled += 1
            self.stdout.write(f"Compiled {po_file} ({len(catalogue.translated_entries())} messages).")
        self.stdout.write(f"{compiled} of {len(po_files)} catalogues compiled; the others were up to date.")
