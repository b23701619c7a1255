"""A register kept with its own headers: the columns are mapped once, and the next file like it goes straight on."""

import pytest
from django.urls import reverse

from agreements.models import Agreement
from exchange.models import ColumnMapping, ImportJob
from tests.factories import PartnerFactory
from tests.test_exchange_spreadsheets import upload, xlsx_bytes

pytestmark = pytest.mark.django_db

OWN_HEADERS = ["No. Perjanjian", "Jenis Kerja Sama", "Judul", "Nama Mitra", "TTD Mitra", "Tgl Tanda Tangan"]
OWN_HEADERS += ["Tgl Berakhir", "Penandatangan Rutan"]


def own_register(*numbers, headers=OWN_HEADERS):
    rows = [["Register kerja sama Rutan Blora"], headers]
    for number in numbers:
        cells = [number, "PKS", f"Kerja sama {number}", "Kantor Kementerian Agama Kabupaten Blora"]
        row = dict(zip(OWN_HEADERS[:4], cells, strict=True))
        row.update({"TTD Mitra": "Roziqun", "Tgl Tanda Tangan": "30/12/2024", "Tgl Berakhir": "30 Desember 2027"})
        row["Penandatangan Rutan"] = "Budi Hardiono"
        by_name = {name.casefold(): value for name, value in row.items()}
        rows.append([by_name.get(header.casefold(), "") for header in headers])
    return xlsx_bytes(rows)


@pytest.fixture
def kemenag():
    return PartnerFactory(name="Kantor Kementerian Agama Kabupaten Blora")


def columns_page(client, job):
    response = client.get(job.get_absolute_url(), follow=True)
    assert response.redirect_chain == [(reverse("exchange:import_columns", args=[job.pk]), 302)]
    return response


def test_a_file_with_other_headers_is_mapped_once(client, operator_blora, kepala_blora, kemenag):
    upload(client, operator_blora, "register-lama.xlsx", own_register("L-1", "L-2"))
    job = ImportJob.objects.get()
    assert job.status == ImportJob.State.MAPPING
    assert job.file_headers == OWN_HEADERS  # the header row under the title line
    response = columns_page(client, job)
    page = response.content.decode()
    assert "Petakan kolom" in page and "Kolom dalam berkas: No. Perjanjian, Jenis Kerja Sama" in page
    form = response.context["form"]
    guessed = {str(form.fields[name].label): form[name].value() for name in form.fields}
    # Pre-filled by the most alike header; "Judul" for "Perihal" is left to the user.
    assert guessed["Nomor"] == "0" and guessed["Jenis"] == "1" and guessed["Mitra"] == "3"
    assert guessed["Penanda tangan mitra"] == "4" and guessed["Tanggal berakhir"] == "6"
    assert guessed["Perihal"] == "" and guessed["Nomor perjanjian induk"] == ""
    data = {name: value or "" for name, value in ((name, form[name].value()) for name in form.fields)}
    field = {str(form.fields[name].label): name for name in form.fields}
    subject, ours = field["Perihal"], field["Penanda tangan pihak kami"]

    # Without the subject the form says which column is missing and saves nothing.
    response = client.post(reverse("exchange:import_columns", args=[job.pk]), data)
    assert response.status_code == 200 and "Pilih kolom berkas yang berisi isian ini." in response.content.decode()
    # One file column for two fields is refused too.
    response = client.post(reverse("exchange:import_columns", args=[job.pk]), {**data, subject: "0", ours: "7"})
    assert "Kolom “No. Perjanjian” sudah dipilih untuk “Nomor”." in response.content.decode()
    assert not ColumnMapping.objects.exists()

    response = client.post(reverse("exchange:import_columns", args=[job.pk]), {**data, subject: "2", ours: "7"})
    assert response.url == job.get_absolute_url()
    job.refresh_from_db()
    assert (job.status, job.total_rows, job.refused_rows) == ("checked", 2, 0), job.rows
    assert job.rows[0]["label"] == "Kerja sama L-1 (L-1)"
    client.post(reverse("exchange:import_confirm", args=[job.pk]))
    assert Agreement.objects.get(number="L-2").subject == "Kerja sama L-2"
    mapping = ColumnMapping.objects.get()
    assert mapping.unit == operator_blora.unit and mapping.columns["Perihal"] == "Judul"

    # The next file with the same headers (in another order and case) skips the step.
    reordered = [header.upper() for header in reversed(OWN_HEADERS)]
    upload(client, operator_blora, "register-lagi.xlsx", own_register("L-3", headers=reordered))
    again = ImportJob.objects.latest("pk")
    assert (again.status, again.total_rows, again.refused_rows) == ("checked", 1, 0), again.rows
    assert again.rows[0]["data"]["subject"] == "Kerja sama L-3"


def test_a_mapping_is_the_units_own(client, operator_blora, operator_kudus, kemenag):
    upload(client, operator_blora, "register-lama.xlsx", own_register("L-1"))
    job = ImportJob.objects.get()
    ColumnMapping.remember(user=operator_blora, kind=job.kind, headers=OWN_HEADERS, columns={"Perihal": "Judul"})
    upload(client, operator_kudus, "register-kudus.xlsx", own_register("K-1"))
    assert ImportJob.objects.latest("pk").status == ImportJob.State.MAPPING
    # Another's import is not there for them, its mapping step included.
    assert client.get(reverse("exchange:import_columns", args=[job.pk])).status_code == 404


def test_a_remembered_mapping_is_shown_and_can_be_forgotten(client, operator_blora, operator_kudus):
    mapping = ColumnMapping.remember(
        user=operator_blora, kind="agreements", headers=OWN_HEADERS, columns={"Perihal": "Judul", "Nomor": "No. PKS"}
    )
    client.force_login(operator_kudus)
    assert "Pemetaan kolom tersimpan" not in client.get(reverse("exchange:import_start")).content.decode()
    assert client.post(reverse("exchange:mapping_forget", args=[mapping.pk])).status_code == 404
    assert ColumnMapping.objects.exists()

    client.force_login(operator_blora)
    page = client.get(reverse("exchange:import_start")).content.decode()
    assert "Pemetaan kolom tersimpan" in page and "Perihal ← “Judul”" in page
    response = client.post(reverse("exchange:mapping_forget", args=[mapping.pk]), follow=True)
    assert "Pemetaan kolom dilupakan." in response.content.decode()
    assert not ColumnMapping.objects.exists()
    # The next file with those headers asks again.
    PartnerFactory(name="Kantor Kementerian Agama Kabupaten Blora")
    upload(client, operator_blora, "register-lama.xlsx", own_register("L-1"))
    assert ImportJob.objects.get().status == ImportJob.State.MAPPING
