"""Documents were kept under MEDIA_ROOT/documents/, where a web server serving
/media/ would hand them to anyone; they move to PRIVATE_MEDIA_ROOT (same
names, so no row changes). Files only: nothing to undo in the database."""

from django.db import migrations


def move_documents(apps, schema_editor):
    from portal.storage import move_private_documents

    move_private_documents()


class Migration(migrations.Migration):
    dependencies = [("portal", "0002_ministry_editors")]

    operations = [migrations.RunPython(move_documents, migrations.RunPython.noop, elidable=True)]
