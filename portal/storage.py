"""Where uploaded files are kept: images (logos, pictures) under ``MEDIA_ROOT``,
public at ``MEDIA_URL``; documents (agreements, evidence of yearly figures)
under ``PRIVATE_MEDIA_ROOT``, which no web server serves and which has no URL.

A document is only ever sent by Wagtail's view (``WAGTAILDOCS_SERVE_METHOD =
"serve_view"``, at ``/documents/<id>/<name>``), which applies the collection's
privacy first. Wagtail's documents keep Django's default storage (a custom
document model would be needed to give them another), so the default storage
is this one, which puts the files whose name starts with ``documents/`` in the
private root. Existing documents move there with ``manage.py
move_private_documents`` (also run by a data migration)."""

import posixpath
import shutil
from pathlib import Path

from django.conf import settings
from django.core.exceptions import ImproperlyConfigured
from django.core.files.storage import FileSystemStorage
from django.utils._os import safe_join

# Wagtail's Document.file uploads to "documents/".
PRIVATE_PREFIX = "documents/"


def is_private(name):
    return posixpath.normpath(str(name).replace("\\", "/")).startswith(PRIVATE_PREFIX)


class PortalMediaStorage(FileSystemStorage):
    """The default storage: public media under ``MEDIA_ROOT``, documents under
    ``PRIVATE_MEDIA_ROOT`` (``path()`` decides, and every file operation of
    ``FileSystemStorage`` goes through it). A document has no public URL."""

    def __init__(self, *args, private_location=None, **kwargs):
        super().__init__(*args, **kwargs)
        self._private_location = private_location

    @property
    def private_location(self):
        location = Path(self._private_location or settings.PRIVATE_MEDIA_ROOT).resolve()
        public = Path(self.location).resolve()
        if location == public or public in location.parents:
            raise ImproperlyConfigured("PRIVATE_MEDIA_ROOT must not be inside MEDIA_ROOT: a web server would serve it.")
        return location

    def path(self, name):
        if is_private(name):
            return safe_join(self.private_location, posixpath.normpath(name))
        return super().path(name)

    def _save(self, name, content):
        if is_private(name):
            # FileSystemStorage returns the name relative to its own root.
            private = FileSystemStorage(
                location=self.private_location,
                file_permissions_mode=self.file_permissions_mode,
                directory_permissions_mode=self.directory_permissions_mode,
            )
            return private._save(posixpath.normpath(name), content)
        return super()._save(name, content)

    def url(self, name):
        if is_private(name):
            # Wagtail's view then serves it (after the privacy checks).
            raise NotImplementedError("Documents have no public URL; they are served by Wagtail's document view.")
        return super().url(name)


def move_private_documents(stdout=None):
    """Move documents left under ``MEDIA_ROOT/documents`` (where they were kept
    before) into the private root, keeping their names, so that the database
    needs no change. Idempotent; a file already in the private root is kept
    and the public copy removed only when both are the same size. Returns the
    number of files moved."""
    public_root = Path(settings.MEDIA_ROOT) / PRIVATE_PREFIX
    private_root = Path(settings.PRIVATE_MEDIA_ROOT) / PRIVATE_PREFIX
    if not public_root.is_dir():
        return 0
    moved = 0
    for source in sorted(path for path in public_root.rglob("*") if path.is_file()):
        target = private_root / source.relative_to(public_root)
        target.parent.mkdir(parents=True, exist_ok=True)
        if target.exists():
            if target.stat().st_size == source.stat().st_size:
                source.unlink()
            elif stdout is not None:
                stdout.write(f"Kept both, they differ: {source} and {target}")
            continue
        shutil.move(str(source), str(target))
        moved += 1
    # Empty folders left behind tell nothing; remove them, deepest first.
    for folder in sorted((path for path in public_root.rglob("*") if path.is_dir()), reverse=True):
        if not any(folder.iterdir()):
            folder.rmdir()
    if not any(public_root.iterdir()):
        public_root.rmdir()
    if stdout is not None:
        stdout.write(f"Moved {moved} document file(s) to {private_root}.")
    return moved
