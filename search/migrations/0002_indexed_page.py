"""The database engine's own full-text index (``search.models.IndexedPage``)
and what each database needs to answer word queries over it."""

import django.db.models.deletion
from django.db import migrations, models

SQLITE = [
    "CREATE VIRTUAL TABLE search_indexedpage_fts USING fts5("
    "title, body, content='search_indexedpage', content_rowid='page_id', tokenize='unicode61 remove_diacritics 0')",
    "CREATE TRIGGER search_indexedpage_inserted AFTER INSERT ON search_indexedpage BEGIN "
    "INSERT INTO search_indexedpage_fts(rowid, title, body) VALUES (new.page_id, new.title, new.body); END",
    "CREATE TRIGGER search_indexedpage_deleted AFTER DELETE ON search_indexedpage BEGIN "
    "INSERT INTO search_indexedpage_fts(search_indexedpage_fts, rowid, title, body) "
    "VALUES ('delete', old.page_id, old.title, old.body); END",
    "CREATE TRIGGER search_indexedpage_updated AFTER UPDATE ON search_indexedpage BEGIN "
    "INSERT INTO search_indexedpage_fts(search_indexedpage_fts, rowid, title, body) "
    "VALUES ('delete', old.page_id, old.title, old.body); "
    "INSERT INTO search_indexedpage_fts(rowid, title, body) VALUES (new.page_id, new.title, new.body); END",
]
SQLITE_REVERSE = [
    "DROP TRIGGER IF EXISTS search_indexedpage_updated",
    "DROP TRIGGER IF EXISTS search_indexedpage_deleted",
    "DROP TRIGGER IF EXISTS search_indexedpage_inserted",
    "DROP TABLE IF EXISTS search_indexedpage_fts",
]
POSTGRESQL = [
    "ALTER TABLE search_indexedpage ADD COLUMN vector tsvector GENERATED ALWAYS AS ("
    "setweight(to_tsvector('simple', title), 'A') || setweight(to_tsvector('simple', body), 'B')) STORED",
    "CREATE INDEX search_indexedpage_vector ON search_indexedpage USING gin (vector)",
]
POSTGRESQL_REVERSE = [
    "DROP INDEX IF EXISTS search_indexedpage_vector",
    "ALTER TABLE search_indexedpage DROP COLUMN IF EXISTS vector",
]


def _run(statements):
    def run(apps, schema_editor):
        vendor = schema_editor.connection.vendor
        for statement in statements.get(vendor, ()):
            schema_editor.execute(statement)

    return run


class Migration(migrations.Migration):
    dependencies = [
        ("search", "0001_trigram_extension"),
        ("wagtailcore", "0098_apitoken"),
    ]

    operations = [
        migrations.CreateModel(
            name="IndexedPage",
            fields=[
                (
                    "page",
                    models.OneToOneField(
                        on_delete=django.db.models.deletion.CASCADE,
                        primary_key=True,
                        related_name="+",
                        serialize=False,
                        to="wagtailcore.page",
                    ),
                ),
                (
                    "kind",
                    models.CharField(
                        choices=[("schools", "Schools"), ("programmes", "Programmes"), ("partners", "Partners")],
                        max_length=20,
                    ),
                ),
                ("title", models.TextField()),
                ("body", models.TextField(blank=True)),
            ],
        ),
        migrations.RunPython(
            _run({"sqlite": SQLITE, "postgresql": POSTGRESQL}),
            _run({"sqlite": SQLITE_REVERSE, "postgresql": POSTGRESQL_REVERSE}),
        ),
    ]
