import django.db.models.deletion
from django.conf import settings
from django.db import migrations, models

import monitoring.models


class Migration(migrations.Migration):
    """RegisterExport moves here from the agreements app: only Django's picture of the models changes; the
    table agreements_registerexport and its rows stay as they are."""

    initial = True

    dependencies = [
        ("agreements", "0006_search_trigram_indexes"),
        migrations.swappable_dependency(settings.AUTH_USER_MODEL),
    ]

    operations = [
        migrations.SeparateDatabaseAndState(
            state_operations=[
                migrations.CreateModel(
                    name="RegisterExport",
                    fields=[
                        ("id", models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name="ID")),
                        ("query_string", models.TextField(blank=True, help_text="Saringan daftar, seperti pada alamat.", verbose_name="saringan")),
                        ("row_count", models.PositiveIntegerField(default=0, verbose_name="jumlah baris")),
                        ("status", models.CharField(choices=[("pending", "Menunggu giliran"), ("running", "Sedang dibuat"), ("done", "Selesai"), ("failed", "Gagal")], default="pending", max_length=10, verbose_name="status")),
                        ("file", models.FileField(blank=True, upload_to=monitoring.models.export_upload_to, verbose_name="berkas")),
                        ("created_at", models.DateTimeField(auto_now_add=True, verbose_name="diminta")),
                        ("started_at", models.DateTimeField(blank=True, null=True, verbose_name="mulai dibuat")),
                        ("finished_at", models.DateTimeField(blank=True, null=True, verbose_name="selesai")),
                        ("error", models.TextField(blank=True, verbose_name="galat")),
                        ("requested_by", models.ForeignKey(on_delete=django.db.models.deletion.CASCADE, related_name="+", to=settings.AUTH_USER_MODEL, verbose_name="diminta oleh")),
                    ],
                    options={
                        "verbose_name": "cetakan daftar perjanjian",
                        "verbose_name_plural": "cetakan daftar perjanjian",
                        "ordering": ["-created_at", "-pk"],
                        "db_table": "agreements_registerexport",
                    },
                ),
            ],
            database_operations=[],
        ),
    ]
