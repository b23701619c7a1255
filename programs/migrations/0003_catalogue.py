from django.db import migrations


def load_catalogue(apps, schema_editor):
    from programs.catalogue import load_catalogue

    load_catalogue(apps.get_model("programs", "ProgramCategory"), apps.get_model("programs", "Program"))


class Migration(migrations.Migration):
    dependencies = [("programs", "0002_initial")]

    operations = [migrations.RunPython(load_catalogue, migrations.RunPython.noop)]
