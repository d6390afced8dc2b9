"""On SQLite, an fts5vocab table over the full-text index: every word the
index holds with the number of pages holding it, read for spelling
corrections (``search.lexicon``). PostgreSQL reads its index with ts_stat."""

from django.db import migrations


def _run(statement):
    def run(apps, schema_editor):
        if schema_editor.connection.vendor == "sqlite":
            schema_editor.execute(statement)

    return run


class Migration(migrations.Migration):
    dependencies = [("search", "0004_starter_synonyms")]

    operations = [
        migrations.RunPython(
            _run("CREATE VIRTUAL TABLE search_indexedpage_fts_vocab USING fts5vocab(search_indexedpage_fts, 'row')"),
            _run("DROP TABLE IF EXISTS search_indexedpage_fts_vocab"),
        )
    ]
