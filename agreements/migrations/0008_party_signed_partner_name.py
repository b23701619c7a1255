"""Each party keeps the partner's name as it stood on the signed document; existing parties take the name the
directory has now, the best record of it there is."""

from django.db import migrations, models
from django.db.models import OuterRef, Subquery


def fill_partner_names(apps, schema_editor):
    AgreementParty = apps.get_model("agreements", "AgreementParty")
    Partner = apps.get_model("partners", "Partner")
    names = Partner.objects.filter(pk=OuterRef("partner_id")).values("name")[:1]
    AgreementParty.objects.filter(partner_name="").update(partner_name=Subquery(names))


class Migration(migrations.Migration):

    dependencies = [
        ('agreements', '0007_registerexport_moves_to_monitoring'),
        ('partners', '0002_initial'),
    ]

    operations = [
        migrations.AddField(
            model_name='agreementparty',
            name='partner_name',
            field=models.CharField(blank=True, max_length=255, verbose_name='nama mitra saat ditandatangani'),
        ),
        migrations.AddField(
            model_name='historicalagreementparty',
            name='partner_name',
            field=models.CharField(blank=True, max_length=255, verbose_name='nama mitra saat ditandatangani'),
        ),
        migrations.RunPython(fill_partner_names, migrations.RunPython.noop, elidable=True),
    ]
