"""A GIN index on the search vector, on PostgreSQL only (SQLite searches without it)."""

from django.db import migrations


def create_index(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute(
            "CREATE INDEX IF NOT EXISTS accounts_searchentry_vector_gin "
            "ON accounts_searchentry USING gin (vector)"
        )


def drop_index(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute("DROP INDEX IF EXISTS accounts_searchentry_vector_gin")


class Migration(migrations.Migration):
    dependencies = [("accounts", "0002_initial")]

    operations = [migrations.RunPython(create_index, drop_index)]
