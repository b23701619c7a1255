from django.db import migrations


class Migration(migrations.Migration):
    """RegisterExport now belongs to the monitoring app (its migration 0001 takes over the same table)."""

    dependencies = [
        ("agreements", "0006_search_trigram_indexes"),
        ("monitoring", "0001_initial"),
    ]

    operations = [
        migrations.SeparateDatabaseAndState(
            state_operations=[migrations.DeleteModel(name="RegisterExport")],
            database_operations=[],
        ),
    ]
