"""Each unit's carried-out activities and head counts, kept by PostgreSQL triggers (programs/models/tally.py).

Statement triggers with transition tables, as agreements 0015: a cancellation moves an activity out of the
tally, a corrected head count changes it by the difference. PostgreSQL only; elsewhere the list adds its rows."""

import django.db.models.deletion
from django.db import migrations, models

TRIGGERS = r"""
CREATE OR REPLACE FUNCTION sinergi_activity_tally_trigger() RETURNS trigger
LANGUAGE plpgsql AS $$
BEGIN
    IF TG_OP = 'TRUNCATE' THEN
        DELETE FROM programs_activitytally;
        RETURN NULL;
    END IF;
    IF TG_OP IN ('UPDATE', 'DELETE') THEN
        UPDATE programs_activitytally tally SET activities = tally.activities - gone.n, narapidana = tally.narapidana - gone.narapidana, tahanan = tally.tahanan - gone.tahanan, anak_binaan = tally.anak_binaan - gone.anak_binaan, klien = tally.klien - gone.klien, petugas = tally.petugas - gone.petugas, keluarga = tally.keluarga - gone.keluarga
        FROM (SELECT unit_id, count(*) AS n, sum(narapidana) AS narapidana, sum(tahanan) AS tahanan, sum(anak_binaan) AS anak_binaan, sum(klien) AS klien, sum(petugas) AS petugas, sum(keluarga) AS keluarga FROM old_activities WHERE cancelled_on IS NULL
              GROUP BY unit_id) gone
        WHERE tally.unit_id = gone.unit_id;
    END IF;
    IF TG_OP IN ('INSERT', 'UPDATE') THEN
        INSERT INTO programs_activitytally (unit_id, activities, narapidana, tahanan, anak_binaan, klien, petugas, keluarga)
        SELECT unit_id, count(*), sum(narapidana), sum(tahanan), sum(anak_binaan), sum(klien), sum(petugas), sum(keluarga) FROM new_activities
        WHERE cancelled_on IS NULL GROUP BY unit_id
        ON CONFLICT (unit_id) DO UPDATE SET activities = programs_activitytally.activities + EXCLUDED.activities,
            narapidana = programs_activitytally.narapidana + EXCLUDED.narapidana, tahanan = programs_activitytally.tahanan + EXCLUDED.tahanan, anak_binaan = programs_activitytally.anak_binaan + EXCLUDED.anak_binaan, klien = programs_activitytally.klien + EXCLUDED.klien, petugas = programs_activitytally.petugas + EXCLUDED.petugas, keluarga = programs_activitytally.keluarga + EXCLUDED.keluarga;
    END IF;
    RETURN NULL;
END $$;

CREATE TRIGGER sinergi_activity_tally_insert AFTER INSERT ON programs_activity
    REFERENCING NEW TABLE AS new_activities
    FOR EACH STATEMENT EXECUTE FUNCTION sinergi_activity_tally_trigger();
CREATE TRIGGER sinergi_activity_tally_update AFTER UPDATE ON programs_activity
    REFERENCING OLD TABLE AS old_activities NEW TABLE AS new_activities
    FOR EACH STATEMENT EXECUTE FUNCTION sinergi_activity_tally_trigger();
CREATE TRIGGER sinergi_activity_tally_delete AFTER DELETE ON programs_activity
    REFERENCING OLD TABLE AS old_activities
    FOR EACH STATEMENT EXECUTE FUNCTION sinergi_activity_tally_trigger();
CREATE TRIGGER sinergi_activity_tally_truncate AFTER TRUNCATE ON programs_activity
    FOR EACH STATEMENT EXECUTE FUNCTION sinergi_activity_tally_trigger();

INSERT INTO programs_activitytally (unit_id, activities, narapidana, tahanan, anak_binaan, klien, petugas, keluarga)
SELECT unit_id, count(*), sum(narapidana), sum(tahanan), sum(anak_binaan), sum(klien), sum(petugas), sum(keluarga) FROM programs_activity
WHERE cancelled_on IS NULL GROUP BY unit_id;
"""

DROP = r"""
DROP TRIGGER IF EXISTS sinergi_activity_tally_insert ON programs_activity;
DROP TRIGGER IF EXISTS sinergi_activity_tally_update ON programs_activity;
DROP TRIGGER IF EXISTS sinergi_activity_tally_delete ON programs_activity;
DROP TRIGGER IF EXISTS sinergi_activity_tally_truncate ON programs_activity;
DROP FUNCTION IF EXISTS sinergi_activity_tally_trigger();
"""


def create(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute(TRIGGERS)


def drop(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute(DROP)


class Migration(migrations.Migration):
    dependencies = [
        ("programs", "0007_activity_unit"),
        ("units", "0005_sessions_know_their_account"),
    ]

    operations = [
        migrations.CreateModel(
            name="ActivityTally",
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
                ("activities", models.BigIntegerField(default=0)),
                ("narapidana", models.BigIntegerField(default=0)),
                ("tahanan", models.BigIntegerField(default=0)),
                ("anak_binaan", models.BigIntegerField(default=0)),
                ("klien", models.BigIntegerField(default=0)),
                ("petugas", models.BigIntegerField(default=0)),
                ("keluarga", models.BigIntegerField(default=0)),
            ],
            options={
                "verbose_name": "activity tally",
            },
        ),
        migrations.RunPython(create, drop, elidable=False),
    ]
