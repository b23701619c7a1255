"""The curated directory: contacts belong to the unit that recorded them, names of merged entries stay findable,
units propose corrections that curators decide. Existing contacts go to the unit of whoever created them
(django-simple-history), else to Ditjenpas. On PostgreSQL a trigram index on the plain name serves the typo
tolerant search (`name %> word`, PartnerQuerySet.matching); the UPPER(name) index of agreements 0006 serves
`icontains`."""

import django.db.models.deletion
import simple_history.models
from django.conf import settings
from django.db import migrations, models


WORD_INDEXES = [
    ("partner_name_word_trgm", "partners_partner", "name"),
    ("partner_alias_name_trgm", "partners_partneralias", "name"),
]


def create_indexes(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return
    schema_editor.execute("CREATE EXTENSION IF NOT EXISTS pg_trgm")
    for name, table, column in WORD_INDEXES:
        schema_editor.execute(f'CREATE INDEX IF NOT EXISTS "{name}" ON "{table}" USING gin ("{column}" gin_trgm_ops)')


def drop_indexes(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return
    for name, _table, _column in WORD_INDEXES:
        schema_editor.execute(f'DROP INDEX IF EXISTS "{name}"')


def assign_contacts(apps, schema_editor):
    Contact = apps.get_model("partners", "Contact")
    HistoricalContact = apps.get_model("partners", "HistoricalContact")
    Unit = apps.get_model("units", "Unit")
    ditjenpas = Unit.objects.filter(kind="ditjenpas").order_by("pk").values_list("pk", flat=True).first()
    creators = dict(
        HistoricalContact.objects.filter(history_type="+", history_user__unit__isnull=False)
        .order_by("-history_date")
        .values_list("id", "history_user__unit_id")
    )
    for contact in Contact.objects.filter(unit__isnull=True):
        unit_id = creators.get(contact.pk, ditjenpas)
        if unit_id is not None:
            Contact.objects.filter(pk=contact.pk).update(unit_id=unit_id)


class Migration(migrations.Migration):

    dependencies = [
        ('partners', '0002_initial'),
        ('units', '0001_initial'),
        migrations.swappable_dependency(settings.AUTH_USER_MODEL),
    ]

    operations = [
        migrations.AddField(
            model_name='contact',
            name='unit',
            field=models.ForeignKey(blank=True, null=True, on_delete=django.db.models.deletion.PROTECT, related_name='partner_contacts', to='units.unit', verbose_name='dicatat oleh'),
        ),
        migrations.AddField(
            model_name='historicalcontact',
            name='unit',
            field=models.ForeignKey(blank=True, db_constraint=False, null=True, on_delete=django.db.models.deletion.DO_NOTHING, related_name='+', to='units.unit', verbose_name='dicatat oleh'),
        ),
        migrations.CreateModel(
            name='HistoricalPartnerAlias',
            fields=[
                ('id', models.BigIntegerField(auto_created=True, blank=True, db_index=True, verbose_name='ID')),
                ('name', models.CharField(max_length=255, verbose_name='nama lain')),
                ('created_at', models.DateTimeField(blank=True, editable=False, verbose_name='dibuat')),
                ('history_id', models.AutoField(primary_key=True, serialize=False)),
                ('history_date', models.DateTimeField(db_index=True)),
                ('history_change_reason', models.CharField(max_length=100, null=True)),
                ('history_type', models.CharField(choices=[('+', 'Created'), ('~', 'Changed'), ('-', 'Deleted')], max_length=1)),
                ('history_user', models.ForeignKey(null=True, on_delete=django.db.models.deletion.SET_NULL, related_name='+', to=settings.AUTH_USER_MODEL)),
                ('partner', models.ForeignKey(blank=True, db_constraint=False, null=True, on_delete=django.db.models.deletion.DO_NOTHING, related_name='+', to='partners.partner', verbose_name='mitra')),
            ],
            options={
                'verbose_name': 'historical nama lain mitra',
                'verbose_name_plural': 'historical nama lain mitra',
                'ordering': ('-history_date', '-history_id'),
                'get_latest_by': ('history_date', 'history_id'),
            },
            bases=(simple_history.models.HistoricalChanges, models.Model),
        ),
        migrations.CreateModel(
            name='HistoricalPartnerCorrection',
            fields=[
                ('id', models.BigIntegerField(auto_created=True, blank=True, db_index=True, verbose_name='ID')),
                ('name', models.CharField(max_length=255, verbose_name='nama')),
                ('short_name', models.CharField(blank=True, max_length=60, verbose_name='singkatan')),
                ('sector', models.CharField(choices=[('kementerian_lembaga', 'Kementerian/lembaga'), ('pemerintah_daerah', 'Pemerintah daerah'), ('perbankan_keuangan', 'Perbankan & keuangan'), ('pendidikan', 'Pendidikan'), ('teknologi', 'Teknologi'), ('sosial_keagamaan', 'Sosial & keagamaan'), ('bumn_swasta', 'BUMN/swasta'), ('lainnya', 'Lainnya')], max_length=30, verbose_name='sektor')),
                ('level', models.CharField(choices=[('nasional', 'Nasional'), ('provinsi', 'Provinsi'), ('kabupaten_kota', 'Kabupaten/kota')], max_length=20, verbose_name='tingkat')),
                ('province', models.CharField(blank=True, max_length=100, verbose_name='provinsi')),
                ('regency', models.CharField(blank=True, max_length=100, verbose_name='kabupaten/kota')),
                ('reason', models.TextField(blank=True, help_text='mis. nama resmi menurut kop surat', verbose_name='alasan perbaikan')),
                ('original', models.JSONField(default=dict, editable=False)),
                ('state', models.CharField(choices=[('menunggu', 'Menunggu keputusan'), ('diterima', 'Diterima'), ('ditolak', 'Ditolak')], default='menunggu', max_length=10, verbose_name='status')),
                ('curator_note', models.TextField(blank=True, verbose_name='catatan kurator')),
                ('decided_at', models.DateTimeField(blank=True, null=True, verbose_name='diputuskan')),
                ('created_at', models.DateTimeField(blank=True, editable=False, verbose_name='diusulkan')),
                ('history_id', models.AutoField(primary_key=True, serialize=False)),
                ('history_date', models.DateTimeField(db_index=True)),
                ('history_change_reason', models.CharField(max_length=100, null=True)),
                ('history_type', models.CharField(choices=[('+', 'Created'), ('~', 'Changed'), ('-', 'Deleted')], max_length=1)),
                ('decided_by', models.ForeignKey(blank=True, db_constraint=False, null=True, on_delete=django.db.models.deletion.DO_NOTHING, related_name='+', to=settings.AUTH_USER_MODEL, verbose_name='diputuskan oleh')),
                ('history_user', models.ForeignKey(null=True, on_delete=django.db.models.deletion.SET_NULL, related_name='+', to=settings.AUTH_USER_MODEL)),
                ('parent', models.ForeignKey(blank=True, db_constraint=False, null=True, on_delete=django.db.models.deletion.DO_NOTHING, related_name='+', to='partners.partner', verbose_name='induk')),
                ('partner', models.ForeignKey(blank=True, db_constraint=False, null=True, on_delete=django.db.models.deletion.DO_NOTHING, related_name='+', to='partners.partner', verbose_name='mitra')),
                ('proposed_by', models.ForeignKey(blank=True, db_constraint=False, null=True, on_delete=django.db.models.deletion.DO_NOTHING, related_name='+', to=settings.AUTH_USER_MODEL, verbose_name='diusulkan oleh')),
                ('unit', models.ForeignKey(blank=True, db_constraint=False, null=True, on_delete=django.db.models.deletion.DO_NOTHING, related_name='+', to='units.unit', verbose_name='unit pengusul')),
            ],
            options={
                'verbose_name': 'historical usulan perbaikan mitra',
                'verbose_name_plural': 'historical usulan perbaikan mitra',
                'ordering': ('-history_date', '-history_id'),
                'get_latest_by': ('history_date', 'history_id'),
            },
            bases=(simple_history.models.HistoricalChanges, models.Model),
        ),
        migrations.CreateModel(
            name='PartnerAlias',
            fields=[
                ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                ('name', models.CharField(max_length=255, verbose_name='nama lain')),
                ('created_at', models.DateTimeField(auto_now_add=True, verbose_name='dibuat')),
                ('partner', models.ForeignKey(on_delete=django.db.models.deletion.CASCADE, related_name='aliases', to='partners.partner', verbose_name='mitra')),
            ],
            options={
                'verbose_name': 'nama lain mitra',
                'verbose_name_plural': 'nama lain mitra',
                'ordering': ['name'],
            },
        ),
        migrations.CreateModel(
            name='PartnerCorrection',
            fields=[
                ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                ('name', models.CharField(max_length=255, verbose_name='nama')),
                ('short_name', models.CharField(blank=True, max_length=60, verbose_name='singkatan')),
                ('sector', models.CharField(choices=[('kementerian_lembaga', 'Kementerian/lembaga'), ('pemerintah_daerah', 'Pemerintah daerah'), ('perbankan_keuangan', 'Perbankan & keuangan'), ('pendidikan', 'Pendidikan'), ('teknologi', 'Teknologi'), ('sosial_keagamaan', 'Sosial & keagamaan'), ('bumn_swasta', 'BUMN/swasta'), ('lainnya', 'Lainnya')], max_length=30, verbose_name='sektor')),
                ('level', models.CharField(choices=[('nasional', 'Nasional'), ('provinsi', 'Provinsi'), ('kabupaten_kota', 'Kabupaten/kota')], max_length=20, verbose_name='tingkat')),
                ('province', models.CharField(blank=True, max_length=100, verbose_name='provinsi')),
                ('regency', models.CharField(blank=True, max_length=100, verbose_name='kabupaten/kota')),
                ('reason', models.TextField(blank=True, help_text='mis. nama resmi menurut kop surat', verbose_name='alasan perbaikan')),
                ('original', models.JSONField(default=dict, editable=False)),
                ('state', models.CharField(choices=[('menunggu', 'Menunggu keputusan'), ('diterima', 'Diterima'), ('ditolak', 'Ditolak')], default='menunggu', max_length=10, verbose_name='status')),
                ('curator_note', models.TextField(blank=True, verbose_name='catatan kurator')),
                ('decided_at', models.DateTimeField(blank=True, null=True, verbose_name='diputuskan')),
                ('created_at', models.DateTimeField(auto_now_add=True, verbose_name='diusulkan')),
                ('decided_by', models.ForeignKey(blank=True, null=True, on_delete=django.db.models.deletion.PROTECT, related_name='+', to=settings.AUTH_USER_MODEL, verbose_name='diputuskan oleh')),
                ('parent', models.ForeignKey(blank=True, null=True, on_delete=django.db.models.deletion.SET_NULL, related_name='+', to='partners.partner', verbose_name='induk')),
                ('partner', models.ForeignKey(on_delete=django.db.models.deletion.CASCADE, related_name='corrections', to='partners.partner', verbose_name='mitra')),
                ('proposed_by', models.ForeignKey(on_delete=django.db.models.deletion.PROTECT, related_name='+', to=settings.AUTH_USER_MODEL, verbose_name='diusulkan oleh')),
                ('unit', models.ForeignKey(on_delete=django.db.models.deletion.PROTECT, to='units.unit', verbose_name='unit pengusul')),
            ],
            options={
                'verbose_name': 'usulan perbaikan mitra',
                'verbose_name_plural': 'usulan perbaikan mitra',
                'ordering': ['-created_at', '-pk'],
            },
        ),
        migrations.RunPython(create_indexes, drop_indexes, elidable=False),
        migrations.RunPython(assign_contacts, migrations.RunPython.noop, elidable=True),
    ]
