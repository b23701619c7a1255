"""The parties' search trigger works once per statement instead of once per row.

0009's row trigger updated the agreement once for every party written: an import of 10,000 agreements with their
parties ran 10,000 extra agreement updates (about a third of its time in the database). A statement trigger with a
transition table marks each agreement concerned once, whatever number of parties one statement writes.

The agreement's own trigger recomputes the document only when a statement sets what the document is made of
(subject, number) or marks it stale: a batch verification's `update(verification_state=...)` of 10,000 agreements
no longer rebuilds 10,000 documents. PostgreSQL only, as 0009.
"""

from django.db import migrations

STATEMENT_TRIGGERS = r"""
DROP TRIGGER IF EXISTS sinergi_agreement_search ON agreements_agreement;
CREATE TRIGGER sinergi_agreement_search BEFORE INSERT OR UPDATE OF subject, number, search_document
    ON agreements_agreement FOR EACH ROW EXECUTE FUNCTION sinergi_agreement_search_trigger();

DROP TRIGGER IF EXISTS sinergi_party_search ON agreements_agreementparty;
DROP FUNCTION IF EXISTS sinergi_party_search_trigger();

CREATE OR REPLACE FUNCTION sinergi_party_rows_search_trigger() RETURNS trigger
LANGUAGE plpgsql AS $$
BEGIN
    IF TG_OP IN ('UPDATE', 'DELETE') THEN
        UPDATE agreements_agreement SET search_document = NULL
        WHERE id IN (SELECT DISTINCT agreement_id FROM old_parties);
    END IF;
    IF TG_OP IN ('INSERT', 'UPDATE') THEN
        UPDATE agreements_agreement SET search_document = NULL
        WHERE id IN (SELECT DISTINCT agreement_id FROM new_parties);
    END IF;
    RETURN NULL;
END $$;

-- A trigger with transition tables fires on one event only: one each.
CREATE TRIGGER sinergi_party_search_insert AFTER INSERT ON agreements_agreementparty
    REFERENCING NEW TABLE AS new_parties
    FOR EACH STATEMENT EXECUTE FUNCTION sinergi_party_rows_search_trigger();
CREATE TRIGGER sinergi_party_search_update AFTER UPDATE ON agreements_agreementparty
    REFERENCING OLD TABLE AS old_parties NEW TABLE AS new_parties
    FOR EACH STATEMENT EXECUTE FUNCTION sinergi_party_rows_search_trigger();
CREATE TRIGGER sinergi_party_search_delete AFTER DELETE ON agreements_agreementparty
    REFERENCING OLD TABLE AS old_parties
    FOR EACH STATEMENT EXECUTE FUNCTION sinergi_party_rows_search_trigger();
"""

ROW_TRIGGER = r"""
DROP TRIGGER IF EXISTS sinergi_agreement_search ON agreements_agreement;
CREATE TRIGGER sinergi_agreement_search BEFORE INSERT OR UPDATE ON agreements_agreement
    FOR EACH ROW EXECUTE FUNCTION sinergi_agreement_search_trigger();

DROP TRIGGER IF EXISTS sinergi_party_search_insert ON agreements_agreementparty;
DROP TRIGGER IF EXISTS sinergi_party_search_update ON agreements_agreementparty;
DROP TRIGGER IF EXISTS sinergi_party_search_delete ON agreements_agreementparty;
DROP FUNCTION IF EXISTS sinergi_party_rows_search_trigger();

CREATE OR REPLACE FUNCTION sinergi_party_search_trigger() RETURNS trigger
LANGUAGE plpgsql AS $$
BEGIN
    IF TG_OP IN ('UPDATE', 'DELETE') THEN
        UPDATE agreements_agreement SET search_document = NULL WHERE id = OLD.agreement_id;
    END IF;
    IF TG_OP IN ('INSERT', 'UPDATE') THEN
        UPDATE agreements_agreement SET search_document = NULL WHERE id = NEW.agreement_id;
    END IF;
    RETURN NULL;
END $$;

CREATE TRIGGER sinergi_party_search AFTER INSERT OR UPDATE OR DELETE ON agreements_agreementparty
    FOR EACH ROW EXECUTE FUNCTION sinergi_party_search_trigger();
"""


def per_statement(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute(STATEMENT_TRIGGERS)


def per_row(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute(ROW_TRIGGER)


class Migration(migrations.Migration):
    dependencies = [("agreements", "0012_signing_events_follow_ups")]

    operations = [migrations.RunPython(per_statement, per_row, elidable=False)]
