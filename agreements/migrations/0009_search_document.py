"""A full-text document per agreement for the register's search (agreements/search.py), PostgreSQL only.

The `search_document` column is kept by the database itself, whatever writes the rows (pages, admin, imports,
bulk loads): a trigger recomputes it when an agreement is written, and its parties' or their partners' changes
mark it for recomputation. It is not a model field: Django never reads or writes it. On other databases this
migration does nothing and the search tests every row. The trigram indexes of 0006 on the agreement's subject and
numbers served the old search and go; the partners' stay (the directory's search uses them).
"""

from django.db import migrations

CREATE = r"""
ALTER TABLE agreements_agreement ADD COLUMN IF NOT EXISTS search_document tsvector;

CREATE OR REPLACE FUNCTION sinergi_search_text(value text) RETURNS text
LANGUAGE sql IMMUTABLE AS $$
    SELECT regexp_replace(lower(coalesce(value, '')), '[^[:alnum:]]+', ' ', 'g')
$$;

CREATE OR REPLACE FUNCTION sinergi_agreement_document(agreement bigint, subject text, number text) RETURNS tsvector
LANGUAGE sql STABLE AS $$
    SELECT to_tsvector('simple',
        sinergi_search_text(subject) || ' ' || sinergi_search_text(number) || ' ' || coalesce((
            SELECT string_agg(
                sinergi_search_text(party.number) || ' ' || sinergi_search_text(party.partner_name) || ' '
                || sinergi_search_text(partner.name) || ' ' || sinergi_search_text(partner.short_name), ' ')
            FROM agreements_agreementparty party JOIN partners_partner partner ON partner.id = party.partner_id
            WHERE party.agreement_id = agreement
        ), ''))
$$;

CREATE OR REPLACE FUNCTION sinergi_agreement_search_trigger() RETURNS trigger
LANGUAGE plpgsql AS $$
BEGIN
    NEW.search_document := sinergi_agreement_document(NEW.id, NEW.subject, NEW.number);
    RETURN NEW;
END $$;

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

CREATE OR REPLACE FUNCTION sinergi_partner_search_trigger() RETURNS trigger
LANGUAGE plpgsql AS $$
BEGIN
    UPDATE agreements_agreement SET search_document = NULL
    WHERE id IN (SELECT agreement_id FROM agreements_agreementparty WHERE partner_id = NEW.id);
    RETURN NULL;
END $$;

DROP TRIGGER IF EXISTS sinergi_agreement_search ON agreements_agreement;
CREATE TRIGGER sinergi_agreement_search BEFORE INSERT OR UPDATE ON agreements_agreement
    FOR EACH ROW EXECUTE FUNCTION sinergi_agreement_search_trigger();
DROP TRIGGER IF EXISTS sinergi_party_search ON agreements_agreementparty;
CREATE TRIGGER sinergi_party_search AFTER INSERT OR UPDATE OR DELETE ON agreements_agreementparty
    FOR EACH ROW EXECUTE FUNCTION sinergi_party_search_trigger();
DROP TRIGGER IF EXISTS sinergi_partner_search ON partners_partner;
CREATE TRIGGER sinergi_partner_search AFTER UPDATE OF name, short_name ON partners_partner
    FOR EACH ROW WHEN (OLD.name IS DISTINCT FROM NEW.name OR OLD.short_name IS DISTINCT FROM NEW.short_name)
    EXECUTE FUNCTION sinergi_partner_search_trigger();

UPDATE agreements_agreement SET search_document = NULL;
CREATE INDEX IF NOT EXISTS agreement_search_document ON agreements_agreement USING gin (search_document);
DROP INDEX IF EXISTS agreement_subject_trgm;
DROP INDEX IF EXISTS agreement_number_trgm;
DROP INDEX IF EXISTS party_number_trgm;
"""

DROP = r"""
DROP TRIGGER IF EXISTS sinergi_partner_search ON partners_partner;
DROP TRIGGER IF EXISTS sinergi_party_search ON agreements_agreementparty;
DROP TRIGGER IF EXISTS sinergi_agreement_search ON agreements_agreement;
DROP FUNCTION IF EXISTS sinergi_partner_search_trigger();
DROP FUNCTION IF EXISTS sinergi_party_search_trigger();
DROP FUNCTION IF EXISTS sinergi_agreement_search_trigger();
DROP FUNCTION IF EXISTS sinergi_agreement_document(bigint, text, text);
DROP FUNCTION IF EXISTS sinergi_search_text(text);
DROP INDEX IF EXISTS agreement_search_document;
ALTER TABLE agreements_agreement DROP COLUMN IF EXISTS search_document;
"""


def create(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute(CREATE)


def drop(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute(DROP)


class Migration(migrations.Migration):
    dependencies = [
        ("agreements", "0008_party_signed_partner_name"),
        ("partners", "0002_initial"),
    ]

    operations = [migrations.RunPython(create, drop, elidable=False)]
