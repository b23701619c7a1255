"""Lists downloaded as spreadsheets and registers brought back in: the round trip, bad files, scope."""

import csv
import datetime
import io

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from openpyxl import Workbook, load_workbook

from agreements.models import Agreement, AgreementParty
from exchange.models import ImportJob
from programs.models import AgreementProgram, TargetGroup
from tests.factories import (
    AgreementFactory,
    AgreementPartyFactory,
    AgreementProgramFactory,
    PartnerFactory,
    ProgramFactory,
)

pytestmark = pytest.mark.django_db


@pytest.fixture
def kemenag():
    return PartnerFactory(name="Kantor Kementerian Agama Kabupaten Blora")


@pytest.fixture
def blora_register(rutan_blora, kemenag):
    """Two agreements of Rutan Blora with parties and programs, one with text a spreadsheet would run."""
    program = ProgramFactory(name="Bimbingan keagamaan")
    first = AgreementFactory(
        unit=rutan_blora,
        number="W11.PAS.PAS.13-UM.01.01-123",
        subject="Pembinaan kepribadian warga binaan",
        signed_on=datetime.date(2024, 12, 30),
        ends_on=datetime.date(2027, 12, 30),
        scope="Bimbingan rohani\nPesantren kilat",
    )
    AgreementPartyFactory(agreement=first, partner=kemenag, number="B-1234/Kk.11.16/2024")
    AgreementProgramFactory(agreement=first, program=program, target_participants=50, notes="Setiap Jumat")
    second = AgreementFactory(
        unit=rutan_blora,
        number="W11.PAS.PAS.13-UM.01.01-124",
        subject='=HYPERLINK("http://contoh")',
        signed_on=datetime.date(2025, 2, 3),
        starts_on=datetime.date(2025, 3, 1),
        ends_on=datetime.date(2026, 3, 1),
    )
    AgreementPartyFactory(agreement=second, partner=kemenag, signatory_name="-Roziqun")
    # The form numbers parties by their position.
    AgreementPartyFactory(agreement=second, partner=PartnerFactory(name="Balai Latihan Kerja Blora"), order=1)
    AgreementProgramFactory(
        agreement=second, program=program, target_group=TargetGroup.PETUGAS, target_participants=None
    )
    return [first, second]


def download(client, user, what, fmt, query=""):
    client.force_login(user)
    response = client.get(reverse("exchange:export", args=[what, fmt]) + query)
    assert response.status_code == 200
    body = b"".join(response.streaming_content)
    return response, body


def workbook_rows(body):
    return [list(row) for row in load_workbook(io.BytesIO(body)).worksheets[0].iter_rows(values_only=True)]


def test_agreements_export_has_indonesian_headers_date_cells_and_filters(client, operator_blora, blora_register):
    response, body = download(client, operator_blora, "perjanjian", "xlsx", "?kind=pks&q=W11")
    assert response["Content-Disposition"].startswith('attachment; filename="perjanjian-')
    rows = workbook_rows(body)
    assert rows[0][0] == "Daftar Perjanjian Kerja Sama"
    top = " ".join(str(row[0]) for row in rows[:5])
    assert "Jenis: Perjanjian Kerja Sama (PKS)" in top and "Cari: “W11”" in top
    header = next(i for i, row in enumerate(rows) if row[0] == "Nomor")
    assert rows[header][:4] == ["Nomor", "Jenis", "Perihal", "Unit pemilik"]
    data = {row[0]: row for row in rows[header + 1 :]}
    first = data["W11.PAS.PAS.13-UM.01.01-123"]
    signed = rows[header].index("Tanggal penandatanganan")
    assert first[signed] == datetime.datetime(2024, 12, 30)  # a real date cell, not text


def test_a_formula_is_neutralised_in_xlsx_and_csv(client, operator_blora, blora_register):
    _response, body = download(client, operator_blora, "perjanjian", "xlsx")
    workbook = load_workbook(io.BytesIO(body))
    cells = [cell for row in workbook.worksheets[0].iter_rows() for cell in row]
    assert not [cell for cell in cells if cell.data_type == "f"], "a formula reached the workbook"
    assert '\'=HYPERLINK("http://contoh")' in [cell.value for cell in cells]
    assert "'-Roziqun\nRoziqun" in [cell.value for cell in cells] or any(
        str(cell.value).startswith("'-Roziqun") for cell in cells
    )
    _response, body = download(client, operator_blora, "perjanjian", "csv")
    text = body.decode("utf-8-sig")
    assert "'=HYPERLINK" in text
    assert not [row for row in csv.reader(io.StringIO(text)) for cell in row if cell.startswith("=")]


def test_partners_and_activities_export(client, operator_blora, blora_register):
    _response, body = download(client, operator_blora, "mitra", "csv", "?q=Blora")
    text = body.decode("utf-8-sig")
    assert "Direktori Mitra" in text and "Kantor Kementerian Agama Kabupaten Blora" in text
    _response, body = download(client, operator_blora, "kegiatan", "xlsx")
    assert workbook_rows(body)[0][0] == "Daftar Kegiatan"


def test_another_units_agreements_are_never_exported(client, operator_kudus, blora_register):
    _response, body = download(client, operator_kudus, "perjanjian", "csv")
    assert "W11.PAS.PAS.13-UM.01.01-123" not in body.decode("utf-8-sig")


# Importing ----------------------------------------------------------------------------------------------------


def upload(client, user, name, content, kind="agreements"):
    client.force_login(user)
    response = client.post(reverse("exchange:import_start"), {"kind": kind, "file": SimpleUploadedFile(name, content)})
    return response


def snapshot(agreements):
    """An agreement as the register knows it, without ids and who/when recorded it."""
    # Besides ids and who/when: an import arrives for its head's verification and starts its own edit count.
    skipped = ("id", "created_by", "created_at", "updated_at", "verification_state", "version")
    fields = [f.name for f in Agreement._meta.fields if f.name not in skipped]
    rows = []
    for agreement in agreements.order_by("number"):
        row = {field: getattr(agreement, field) for field in fields}
        row["parties"] = [
            (p.partner_id, p.number, p.signatory_name, p.signatory_position, p.order)
            for p in agreement.parties.order_by("order")
        ]
        row["programs"] = sorted(
            (p.program_id, p.target_group, p.target_participants, p.starts_on, p.ends_on, p.notes)
            for p in agreement.programs.all()
        )
        rows.append(row)
    return rows


@pytest.mark.parametrize("fmt", ["xlsx", "csv"])
def test_round_trip(client, operator_blora, blora_register, fmt):
    before = snapshot(Agreement.objects.filter(unit=operator_blora.unit))
    _response, body = download(client, operator_blora, "perjanjian", fmt, "?kind=pks")
    AgreementParty.objects.all().delete()
    AgreementProgram.objects.all().delete()
    Agreement.objects.all().delete()
    response = upload(client, operator_blora, f"register.{fmt}", body)
    job = ImportJob.objects.get()
    assert response.url == job.get_absolute_url()
    assert job.status == ImportJob.State.CHECKED, job.error
    assert job.refused_rows == 0, job.rows
    response = client.post(reverse("exchange:import_confirm", args=[job.pk]))
    job.refresh_from_db()
    assert job.status == ImportJob.State.DONE, job.error
    assert job.created_count == 2
    assert snapshot(Agreement.objects.all()) == before
    assert set(Agreement.objects.values_list("created_by", flat=True)) == {operator_blora.pk}


def xlsx_bytes(rows):
    workbook = Workbook()
    for row in rows:
        workbook.active.append(row)
    output = io.BytesIO()
    workbook.save(output)
    return output.getvalue()


HEADER = ["Nomor", "Jenis", "Perihal", "Unit pemilik", "Mitra", "Penanda tangan mitra", "Penanda tangan pihak kami"]
HEADER += ["Tanggal penandatanganan", "Tanggal mulai berlaku", "Tanggal berakhir"]


def agreement_row(number, *, unit="Rutan Kelas IIB Blora", partner="Kantor Kementerian Agama Kabupaten Blora", **dates):
    return [
        number, "PKS", f"Kerja sama {number}", unit, partner, "Roziqun", "Budi Hardiono",
        dates.get("signed", "30/12/2024"), dates.get("starts", ""), dates.get("ends", "30 Desember 2027"),
    ]  # fmt: skip


def refusals(job):
    return {row["line"]: " ".join(row["errors"]) for row in job.rows if row["errors"]}


def test_a_non_excel_file_renamed_xlsx_is_refused_clearly(client, operator_blora):
    response = upload(client, operator_blora, "register.xlsx", b"%PDF-1.4 bukan excel")
    assert response.status_code == 200
    assert "bukan berkas Excel (.xlsx) yang sah" in response.content.decode()
    assert not ImportJob.objects.exists()


def test_wrong_columns_are_refused(client, operator_blora):
    upload(client, operator_blora, "register.xlsx", xlsx_bytes([["Nama barang", "Harga"], ["Meja", 100]]))
    job = ImportJob.objects.get()
    assert job.status == ImportJob.State.FAILED
    assert "Baris judul kolom tidak ditemukan" in job.error and "“Perihal”" in job.error


def test_bad_rows_are_refused_with_reasons_and_nothing_is_imported(client, operator_blora, kemenag, rutan_kudus):
    AgreementFactory(unit=operator_blora.unit, number="ADA-1")
    rows = [
        HEADER,
        agreement_row("OK-1"),
        agreement_row("BAD-DATE", signed="31/02/2024"),
        agreement_row("ADA-1"),
        agreement_row("ENDS-EARLY", signed="01/01/2025", starts="01-06-2025", ends="01/01/2025"),
        agreement_row("KUDUS-1", unit="Rutan Kelas IIB Kudus"),
        agreement_row("UNKNOWN", partner="Kemenag Kab. Blora"),
        agreement_row("OK-1"),
    ]
    upload(client, operator_blora, "register.xlsx", xlsx_bytes(rows))
    job = ImportJob.objects.get()
    refused = refusals(job)
    # ADA-1, the unit's own number, is an update (tests/test_exchange_import_updates.py), not a refusal.
    assert set(refused) == {3, 5, 6, 7, 8}
    assert "“31/02/2024” tidak ada di kalender" in refused[3]
    assert "Tanggal berakhir tidak boleh sebelum tanggal mulai berlaku" in refused[5]
    assert "tidak berwenang mencatat perjanjian milik Rutan Kelas IIB Kudus" in refused[6]
    assert "Mitra “Kemenag Kab. Blora” belum terdaftar" in refused[7]
    assert "sudah dipakai di baris 2" in refused[8]
    assert job.unknown_partners["Kemenag Kab. Blora"]["matches"] == [[kemenag.pk, kemenag.name]]
    response = client.post(reverse("exchange:import_confirm", args=[job.pk]))
    assert Agreement.objects.count() == 1  # only the one made before
    page = client.get(response.url).content.decode()
    assert "Kemenag Kab. Blora" in page and "Maksudnya: Kantor Kementerian Agama Kabupaten Blora" in page
    report = client.get(reverse("exchange:import_errors", args=[job.pk]))
    report_rows = workbook_rows(b"".join(report.streaming_content))
    assert [7, "Kerja sama UNKNOWN (UNKNOWN)"] in [row[:2] for row in report_rows]


def test_picking_the_likely_match_lets_the_row_through(client, operator_blora, kemenag):
    upload(
        client,
        operator_blora,
        "register.csv",
        "\n".join(",".join(r) for r in [HEADER, agreement_row("X-1", partner="Kemenag Kab. Blora")]).encode(),
    )
    job = ImportJob.objects.get()
    assert job.refused_rows == 1
    client.post(reverse("exchange:import_choose_partners", args=[job.pk]), {"mitra-0": str(kemenag.pk)})
    job.refresh_from_db()
    assert job.refused_rows == 0 and job.can_confirm
    client.post(reverse("exchange:import_confirm", args=[job.pk]))
    assert Agreement.objects.get(number="X-1").parties.get().partner == kemenag


def test_dates_as_written_in_indonesia(client, operator_blora, kemenag):
    rows = [
        HEADER,
        agreement_row("D-1", signed="30/12/2024", ends="30-12-2027"),
        agreement_row("D-2", signed=datetime.datetime(2024, 12, 30), ends="30 Desember 2027"),
    ]
    upload(client, operator_blora, "register.xlsx", xlsx_bytes(rows))
    job = ImportJob.objects.get()
    assert job.refused_rows == 0, job.rows
    client.post(reverse("exchange:import_confirm", args=[job.pk]))
    assert set(Agreement.objects.values_list("signed_on", "ends_on")) == {
        (datetime.date(2024, 12, 30), datetime.date(2027, 12, 30))
    }


def test_nothing_is_half_imported_when_the_database_refuses_a_row(client, operator_blora, kemenag):
    upload(client, operator_blora, "register.xlsx", xlsx_bytes([HEADER, agreement_row("H-1"), agreement_row("H-2")]))
    job = ImportJob.objects.get()
    assert job.can_confirm
    # Someone registers H-2 between the check and the confirmation.
    AgreementFactory(unit=operator_blora.unit, number="H-2")
    client.post(reverse("exchange:import_confirm", args=[job.pk]))
    job.refresh_from_db()
    assert job.status == ImportJob.State.FAILED
    assert "tidak ada data yang tersimpan" in job.error
    assert not Agreement.objects.filter(number="H-1").exists()


def test_a_kanwil_operator_imports_only_the_kanwils_own(client, operator_kanwil_jateng, rutan_blora, kemenag):
    rows = [HEADER, agreement_row("K-1", unit=operator_kanwil_jateng.unit.name), agreement_row("K-2")]
    upload(client, operator_kanwil_jateng, "register.xlsx", xlsx_bytes(rows))
    assert set(refusals(ImportJob.objects.get())) == {3}


def test_a_kepala_may_not_import(client, kepala_blora):
    client.force_login(kepala_blora)
    assert client.get(reverse("exchange:import_start")).status_code == 403


def test_partners_import(client, operator_blora, kemenag):
    rows = [
        ["Nama", "Singkatan", "Sektor", "Tingkat"],
        ["Balai Latihan Kerja Kabupaten Grobogan", "BLK", "Pemerintah daerah", "Kabupaten/kota"],
        ["kantor kementerian agama kabupaten blora", "", "Sosial & keagamaan", "Kabupaten/kota"],
        ["Yayasan Contoh", "", "Tidak ada", "Nasional"],
    ]
    upload(client, operator_blora, "mitra.xlsx", xlsx_bytes(rows), kind="partners")
    job = ImportJob.objects.get()
    assert set(refusals(job)) == {3, 4}
    assert not job.can_confirm


def test_template_has_headers_an_example_and_allowed_values(client, operator_blora):
    client.force_login(operator_blora)
    response = client.get(reverse("exchange:import_template", args=["perjanjian"]))
    workbook = load_workbook(io.BytesIO(b"".join(response.streaming_content)))
    rows = [list(r) for r in workbook.worksheets[0].iter_rows(values_only=True)]
    assert "Perihal" in rows[3] and rows[4][rows[3].index("Unit pemilik")] == "Rutan Kelas IIB Blora"
    assert workbook.sheetnames[1] == "Pilihan yang diterima"


def test_an_export_imported_again_changes_nothing(client, operator_blora, blora_register):
    _response, body = download(client, operator_blora, "perjanjian", "xlsx")
    upload(client, operator_blora, "register.xlsx", body)
    job = ImportJob.objects.get()
    assert job.row_counts() == {"to_create": 0, "to_update": 0, "unchanged": 2}, job.rows
