"""Trigram indexes for the register's free-text search (AgreementFilter.filter_search), PostgreSQL only.

The search is `icontains`, which PostgreSQL runs as `UPPER(column) LIKE UPPER('%word%')`; a pg_trgm GIN index on
UPPER(column) serves that. They are created here rather than in Meta.indexes because GinIndex/OpClass and
pg_trgm exist only on PostgreSQL, and Meta.indexes would make SQLite (the development default) fail to migrate.
On other databases this migration does nothing; the search gives the same rows there, only without the indexes.
"""

from django.contrib.postgres.operations import TrigramExtension
from django.db import migrations

INDEXES = [
    ("agreement_subject_trgm", "agreements_agreement", "subject"),
    ("agreement_number_trgm", "agreements_agreement", "number"),
    ("party_number_trgm", "agreements_agreementparty", "number"),
    # The search looks partners up by name before their parties; these also give the planner statistics on
    # UPPER(name), without which it expects most partners to match and reads every party.
    ("partner_name_trgm", "partners_partner", "name"),
    ("partner_short_name_trgm", "partners_partner", "short_name"),
]


def create_indexes(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return
    for name, table, column in INDEXES:
        schema_editor.execute(
            f'CREATE INDEX IF NOT EXISTS "{name}" ON "{table}" USING gin (UPPER("{column}") gin_trgm_ops)'
        )


def drop_indexes(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return
    for name, _table, _column in INDEXES:
        schema_editor.execute(f'DROP INDEX IF EXISTS "{name}"')


class Migration(migrations.Migration):
    dependencies = [
        ("agreements", "0005_agreement_date_indexes"),
        ("partners", "0002_initial"),
    ]

    operations = [
        TrigramExtension(),  # a no-op on databases other than PostgreSQL
        migrations.RunPython(create_indexes, drop_indexes, elidable=False),
    ]
