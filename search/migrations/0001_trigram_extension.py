"""Typo tolerance on PostgreSQL: the pg_trgm extension, where it can be had.

Does nothing on SQLite, and nothing (with a notice) when the PostgreSQL role
may not create the extension: searches then match exact words only."""

from django.db import migrations


def create_trigram_extension(apps, schema_editor):
    connection = schema_editor.connection
    if connection.vendor != "postgresql":
        return
    with connection.cursor() as cursor:
        cursor.execute("SELECT 1 FROM pg_available_extensions WHERE name = 'pg_trgm'")
        if cursor.fetchone() is None:
            return
        cursor.execute("SAVEPOINT portal_pg_trgm")
        try:
            cursor.execute("CREATE EXTENSION IF NOT EXISTS pg_trgm")
        except Exception:  # noqa: BLE001 - lacking the privilege is fine: no typo tolerance
            cursor.execute("ROLLBACK TO SAVEPOINT portal_pg_trgm")
        else:
            cursor.execute("RELEASE SAVEPOINT portal_pg_trgm")


class Migration(migrations.Migration):
    dependencies = []

    operations = [migrations.RunPython(create_trigram_extension, migrations.RunPython.noop, elidable=True)]
