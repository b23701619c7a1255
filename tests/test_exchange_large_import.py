"""A long register goes through the background worker, with progress, and arrives whole, with its history.

10,000 rows take about 15 s on a busy shared machine (the rows and their history records are written in bulk,
see sinergi/bulk.py); `benchmarks/exchange.py` prints the rates and peak memory at 10,000 rows."""

import csv
import io

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from agreements.models import Agreement, AgreementParty
from agreements.search import search_agreements
from exchange.models import ImportJob
from tests.factories import PartnerFactory

pytestmark = pytest.mark.django_db


def register_csv(rows):
    output = io.StringIO()
    writer = csv.writer(output)
    writer.writerow(
        ["Nomor", "Jenis", "Perihal", "Mitra", "Penanda tangan mitra", "Penanda tangan pihak kami"]
        + ["Tanggal penandatanganan", "Tanggal berakhir", "Program", "Sasaran program"]
    )
    for number in range(rows):
        writer.writerow(
            [
                f"PKS-{number:05}",
                "PKS",
                f"Kerja sama ke-{number}",
                "Kantor Kementerian Agama Kabupaten Blora",
                "Roziqun",
                "Budi Hardiono",
                "30/12/2024",
                "30 Desember 2027",
                "Bimbingan keagamaan",
                "Narapidana",
            ]
        )
    return output.getvalue().encode()


@pytest.mark.parametrize("rows", [1_000, 10_000])
def test_a_long_register_runs_in_the_background(client, settings, operator_blora, rows):
    settings.TASKS = {"default": {"BACKEND": "django.tasks.backends.immediate.ImmediateBackend"}}
    settings.SINERGI_IMPORT_INLINE_BYTES = 100_000
    kemenag = PartnerFactory(name="Kantor Kementerian Agama Kabupaten Blora", short_name="Kemenag Blora")
    content = register_csv(rows)
    assert len(content) > settings.SINERGI_IMPORT_INLINE_BYTES  # so the check goes to the worker
    client.force_login(operator_blora)
    client.post(
        reverse("exchange:import_start"), {"kind": "agreements", "file": SimpleUploadedFile("besar.csv", content)}
    )
    job = ImportJob.objects.get()
    assert (job.status, job.total_rows, job.processed_rows, job.refused_rows) == ("checked", rows, rows, 0), job.error
    shown = f"{rows:,}".replace(",", ".")
    assert f"{shown} baris: {shown} siap dibuat, 0 ditolak." in client.get(job.get_absolute_url()).content.decode()
    client.post(reverse("exchange:import_confirm", args=[job.pk]))
    job.refresh_from_db()
    assert job.status == ImportJob.State.DONE, job.error
    assert Agreement.objects.count() == rows
    assert AgreementParty.objects.count() == rows
    # Each record has its own "created" history record, by the person who imported it.
    for model in (Agreement, AgreementParty):
        assert set(model.history.values_list("history_type", "history_user")) == {("+", operator_blora.pk)}
        assert model.history.count() == rows
    assert set(AgreementParty.objects.values_list("partner_name", flat=True)) == {kemenag.name}
    # The search knows the partners of what arrived in bulk.
    assert search_agreements(Agreement.objects.all(), "kemenag blora ke-7").exists()
    assert rows > settings.SINERGI_IMPORT_INLINE_ROWS  # the import went to the worker too
