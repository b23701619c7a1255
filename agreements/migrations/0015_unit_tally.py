"""Each unit's number of agreements, kept by PostgreSQL triggers (agreements/models/tally.py).

Statement triggers with transition tables: an import of 10,000 agreements adds to each unit's tally once, not
10,000 times. The row of a unit is locked from the change to the commit, the same as the change's own rows.
PostgreSQL only; elsewhere the list counts its rows."""

import django.db.models.deletion
from django.db import migrations, models

TRIGGERS = r"""
CREATE OR REPLACE FUNCTION sinergi_unit_tally_trigger() RETURNS trigger
LANGUAGE plpgsql AS $$
BEGIN
    IF TG_OP = 'TRUNCATE' THEN
        DELETE FROM agreements_unittally;
        RETURN NULL;
    END IF;
    IF TG_OP IN ('UPDATE', 'DELETE') THEN
        UPDATE agreements_unittally tally SET agreements = tally.agreements - gone.n
        FROM (SELECT unit_id, count(*) AS n FROM old_agreements GROUP BY unit_id) gone
        WHERE tally.unit_id = gone.unit_id;
    END IF;
    IF TG_OP IN ('INSERT', 'UPDATE') THEN
        INSERT INTO agreements_unittally (unit_id, agreements)
        SELECT unit_id, count(*) FROM new_agreements GROUP BY unit_id
        ON CONFLICT (unit_id) DO UPDATE SET agreements = agreements_unittally.agreements + EXCLUDED.agreements;
    END IF;
    RETURN NULL;
END $$;

CREATE TRIGGER sinergi_unit_tally_insert AFTER INSERT ON agreements_agreement
    REFERENCING NEW TABLE AS new_agreements
    FOR EACH STATEMENT EXECUTE FUNCTION sinergi_unit_tally_trigger();
CREATE TRIGGER sinergi_unit_tally_update AFTER UPDATE ON agreements_agreement
    REFERENCING OLD TABLE AS old_agreements NEW TABLE AS new_agreements
    FOR EACH STATEMENT EXECUTE FUNCTION sinergi_unit_tally_trigger();
CREATE TRIGGER sinergi_unit_tally_delete AFTER DELETE ON agreements_agreement
    REFERENCING OLD TABLE AS old_agreements
    FOR EACH STATEMENT EXECUTE FUNCTION sinergi_unit_tally_trigger();
CREATE TRIGGER sinergi_unit_tally_truncate AFTER TRUNCATE ON agreements_agreement
    FOR EACH STATEMENT EXECUTE FUNCTION sinergi_unit_tally_trigger();

INSERT INTO agreements_unittally (unit_id, agreements)
SELECT unit_id, count(*) FROM agreements_agreement GROUP BY unit_id;
"""

DROP = r"""
DROP TRIGGER IF EXISTS sinergi_unit_tally_insert ON agreements_agreement;
DROP TRIGGER IF EXISTS sinergi_unit_tally_update ON agreements_agreement;
DROP TRIGGER IF EXISTS sinergi_unit_tally_delete ON agreements_agreement;
DROP TRIGGER IF EXISTS sinergi_unit_tally_truncate ON agreements_agreement;
DROP FUNCTION IF EXISTS sinergi_unit_tally_trigger();
"""


def create(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute(TRIGGERS)


def drop(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute(DROP)


class Migration(migrations.Migration):
    dependencies = [
        ("agreements", "0014_terminated_index"),
        ("units", "0005_sessions_know_their_account"),
    ]

    operations = [
        migrations.CreateModel(
            name="UnitTally",
            fields=[
                (
                    "unit",
                    models.OneToOneField(
                        on_delete=django.db.models.deletion.CASCADE,
                        primary_key=True,
                        related_name="+",
                        serialize=False,
                        to="units.unit",
                    ),
                ),
                ("agreements", models.BigIntegerField(default=0)),
            ],
            options={"verbose_name": "unit tally"},
        ),
        migrations.RunPython(create, drop, elidable=False),
    ]
