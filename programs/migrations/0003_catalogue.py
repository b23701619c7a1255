from django.db import migrations


def load_catalogue(apps, schema_editor):
    from programs.catalogue import CATALOGUE

    ProgramCategory = apps.get_model("programs", "ProgramCategory")
    Program = apps.get_model("programs", "Program")
    for order, (category_name, programs) in enumerate(CATALOGUE, start=1):
        category, _ = ProgramCategory.objects.get_or_create(name=category_name, defaults={"order": order})
        for name, description in programs:
            Program.objects.get_or_create(category=category, name=name, defaults={"description": description})


class Migration(migrations.Migration):
    dependencies = [("programs", "0002_initial")]

    operations = [migrations.RunPython(load_catalogue, migrations.RunPython.noop)]
