"""The rules an agreement must follow: the database refuses bad data, and the form says why in Indonesian."""

import datetime

import pytest
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import IntegrityError, transaction
from django.forms import modelform_factory

from agreements.models import Agreement, AgreementDocument, AgreementParty
from programs.models import AgreementProgram, TargetGroup
from sinergi.uploads import validate_pdf
from tests.factories import (
    AgreementFactory,
    AgreementPartyFactory,
    AgreementProgramFactory,
    PartnerFactory,
    ProgramFactory,
    UnitFactory,
)
from tests.pdftext import blank_pdf
from units.models import Unit

pytestmark = pytest.mark.django_db

D = datetime.date

AGREEMENT_FIELDS = [
    "kind",
    "subject",
    "unit",
    "number",
    "parent",
    "our_signatory_name",
    "signed_on",
    "starts_on",
    "ends_on",
    "terminated_on",
    "termination_reason",
]
AgreementForm = modelform_factory(Agreement, fields=AGREEMENT_FIELDS)
PartyForm = modelform_factory(AgreementParty, fields=["agreement", "partner", "number"])
AgreementProgramForm = modelform_factory(
    AgreementProgram, fields=["agreement", "program", "target_group", "starts_on", "ends_on"]
)
UnitForm = modelform_factory(Unit, fields=["kind", "grade", "name", "parent"])


def agreement_data(unit, **overrides):
    """What an operator types for a plain, valid PKS; each test changes one thing."""
    data = {
        "kind": Agreement.Kind.PKS,
        "subject": "Pembinaan kerohanian warga binaan",
        "unit": unit.pk,
        "number": "",
        "parent": "",
        "our_signatory_name": "Budi Hardiono",
        "signed_on": "2025-01-06",
        "starts_on": "2025-01-06",
        "ends_on": "2027-12-31",
        "terminated_on": "",
        "termination_reason": "",
    }
    data.update(overrides)
    return data


def refused_by_database(constraint, factory, **kwargs):
    """Saving bypasses the form: only the database, with the named constraint, stands in the way."""
    with pytest.raises(IntegrityError, match=constraint), transaction.atomic():
        factory(**kwargs)


def form_errors(form):
    assert not form.is_valid()
    return str(form.errors)


def test_the_valid_agreement_used_below_is_accepted(rutan_blora):
    # Guards the tests below: each fails only because of the one thing it changes.
    form = AgreementForm(data=agreement_data(rutan_blora))
    assert form.is_valid(), form.errors
    form.save()
    assert Agreement.objects.filter(subject="Pembinaan kerohanian warga binaan").exists()


def test_ends_before_start_is_refused(rutan_blora):
    refused_by_database(
        "agreement_ends_after_start",
        AgreementFactory,
        unit=rutan_blora,
        signed_on=D(2025, 1, 6),
        starts_on=D(2025, 2, 1),
        ends_on=D(2025, 1, 31),
    )
    form = AgreementForm(data=agreement_data(rutan_blora, starts_on="2025-02-01", ends_on="2025-01-31"))
    assert "Tanggal berakhir tidak boleh sebelum tanggal mulai berlaku." in form_errors(form)
    assert "ends_on" in form.errors


def test_ends_before_signing_is_refused(rutan_blora):
    refused_by_database(
        "agreement_ends_after_signing",
        AgreementFactory,
        unit=rutan_blora,
        signed_on=D(2025, 1, 6),
        starts_on=None,
        ends_on=D(2025, 1, 5),
    )
    form = AgreementForm(data=agreement_data(rutan_blora, starts_on="", ends_on="2025-01-05"))
    assert "Tanggal berakhir tidak boleh sebelum tanggal penandatanganan." in form_errors(form)
    assert "ends_on" in form.errors


def test_addendum_without_parent_is_refused(rutan_blora):
    refused_by_database(
        "agreement_addendum_has_parent", AgreementFactory, unit=rutan_blora, kind=Agreement.Kind.ADENDUM, parent=None
    )
    form = AgreementForm(data=agreement_data(rutan_blora, kind=Agreement.Kind.ADENDUM))
    assert "Adendum harus menyebutkan perjanjian yang diubahnya." in form_errors(form)
    assert "parent" in form.errors


def test_addendum_with_parent_is_accepted(rutan_blora):
    pks = AgreementFactory(unit=rutan_blora)
    form = AgreementForm(data=agreement_data(rutan_blora, kind=Agreement.Kind.ADENDUM, parent=pks.pk))
    assert form.is_valid(), form.errors


def test_termination_without_reason_is_refused(rutan_blora):
    refused_by_database(
        "agreement_termination_has_reason",
        AgreementFactory,
        unit=rutan_blora,
        terminated_on=D(2025, 6, 1),
        termination_reason="",
    )
    form = AgreementForm(data=agreement_data(rutan_blora, terminated_on="2025-06-01", termination_reason="  "))
    assert "Sebutkan alasan perjanjian diakhiri." in form_errors(form)
    assert "termination_reason" in form.errors


def test_our_number_is_unique_within_a_unit(rutan_blora, rutan_kudus):
    AgreementFactory(unit=rutan_blora, number="W13.PAS.PAS.12-PK.01.01-123")
    refused_by_database(
        "agreement_number_unique_per_unit", AgreementFactory, unit=rutan_blora, number="W13.PAS.PAS.12-PK.01.01-123"
    )

    form = AgreementForm(data=agreement_data(rutan_blora, number="W13.PAS.PAS.12-PK.01.01-123"))
    assert "Nomor ini sudah dipakai untuk perjanjian lain di unit yang sama." in form_errors(form)

    # Another unit may use the same number: numbering is each unit's own.
    AgreementFactory(unit=rutan_kudus, number="W13.PAS.PAS.12-PK.01.01-123")
    assert AgreementForm(data=agreement_data(rutan_kudus, number="W13.PAS.PAS.12-PK.01.01-124")).is_valid()


def test_agreements_without_our_number_do_not_clash(rutan_blora):
    AgreementFactory(unit=rutan_blora, number="")
    AgreementFactory(unit=rutan_blora, number="")
    form = AgreementForm(data=agreement_data(rutan_blora, number=""))
    assert form.is_valid(), form.errors
    form.save()
    assert Agreement.objects.filter(unit=rutan_blora, number="").count() == 3


def test_party_number_is_unique_per_partner(rutan_blora):
    kemenag = PartnerFactory(name="Kantor Kementerian Agama Kabupaten Blora")
    AgreementPartyFactory(agreement=AgreementFactory(unit=rutan_blora), partner=kemenag, number="B-123/Kk.11.16/2025")
    second = AgreementFactory(unit=rutan_blora)
    refused_by_database(
        "party_number_unique_per_partner",
        AgreementPartyFactory,
        agreement=second,
        partner=kemenag,
        number="B-123/Kk.11.16/2025",
    )

    form = PartyForm(data={"agreement": second.pk, "partner": kemenag.pk, "number": "B-123/Kk.11.16/2025"})
    assert "Nomor ini sudah dipakai mitra tersebut pada perjanjian lain." in form_errors(form)

    # Another partner may have written the same number on its own copy.
    other = PartnerFactory()
    assert PartyForm(data={"agreement": second.pk, "partner": other.pk, "number": "B-123/Kk.11.16/2025"}).is_valid()


def test_parties_without_a_number_do_not_clash(rutan_blora):
    kemenag = PartnerFactory()
    AgreementPartyFactory(partner=kemenag, number="", agreement=AgreementFactory(unit=rutan_blora))
    AgreementPartyFactory(partner=kemenag, number="", agreement=AgreementFactory(unit=rutan_blora))
    form = PartyForm(data={"agreement": AgreementFactory(unit=rutan_blora).pk, "partner": kemenag.pk, "number": ""})
    assert form.is_valid(), form.errors


def test_same_partner_twice_on_one_agreement_is_refused(rutan_blora):
    agreement = AgreementFactory(unit=rutan_blora)
    kemenag = PartnerFactory()
    AgreementPartyFactory(agreement=agreement, partner=kemenag)
    refused_by_database("party_once_per_agreement", AgreementPartyFactory, agreement=agreement, partner=kemenag)

    form = PartyForm(data={"agreement": agreement.pk, "partner": kemenag.pk, "number": ""})
    assert "Mitra ini sudah tercantum sebagai pihak pada perjanjian ini." in form_errors(form)


def test_program_period_ending_before_it_starts_is_refused(rutan_blora):
    agreement = AgreementFactory(unit=rutan_blora)
    program = ProgramFactory()
    refused_by_database(
        "agreement_program_ends_after_start",
        AgreementProgramFactory,
        agreement=agreement,
        program=program,
        starts_on=D(2025, 3, 1),
        ends_on=D(2025, 2, 28),
    )
    form = AgreementProgramForm(
        data={
            "agreement": agreement.pk,
            "program": program.pk,
            "target_group": TargetGroup.NARAPIDANA,
            "starts_on": "2025-03-01",
            "ends_on": "2025-02-28",
        }
    )
    assert "Tanggal selesai tidak boleh sebelum tanggal mulai." in form_errors(form)
    assert "ends_on" in form.errors


@pytest.mark.parametrize(
    ("kind", "grade", "message"),
    [
        (Unit.Kind.RUTAN, Unit.Grade.III, "Rumah Tahanan Negara harus berkelas I, IIA, IIB."),
        (Unit.Kind.BAPAS, Unit.Grade.IIB, "Balai Pemasyarakatan harus berkelas I, II."),
        (Unit.Kind.LAPAS, "", "Lembaga Pemasyarakatan harus berkelas I, IIA, IIB, III."),
        (Unit.Kind.KANWIL, Unit.Grade.I, "Kantor Wilayah tidak memiliki kelas."),
    ],
)
def test_unit_grade_must_fit_its_kind(ditjenpas, kanwil_jateng, kind, grade, message):
    parent = ditjenpas if kind == Unit.Kind.KANWIL else kanwil_jateng
    refused_by_database("unit_grade_fits_kind", UnitFactory, name="Unit Uji", kind=kind, grade=grade, parent=parent)

    form = UnitForm(data={"kind": kind, "grade": grade, "name": "Unit Uji", "parent": parent.pk})
    assert message in form_errors(form)
    assert "grade" in form.errors


def test_unit_without_parent_is_refused(kanwil_jateng):
    refused_by_database(
        "unit_parent_unless_ditjenpas",
        UnitFactory,
        name="Rutan Kelas IIB Pati",
        kind=Unit.Kind.RUTAN,
        grade="IIB",
        parent=None,
    )

    form = UnitForm(data={"kind": Unit.Kind.RUTAN, "grade": "IIB", "name": "Rutan Kelas IIB Pati", "parent": ""})
    assert "Unit induk harus berjenis Kantor Wilayah." in form_errors(form)
    assert "parent" in form.errors

    form = UnitForm(
        data={"kind": Unit.Kind.RUTAN, "grade": "IIB", "name": "Rutan Kelas IIB Pati", "parent": kanwil_jateng.pk}
    )
    assert form.is_valid(), form.errors


def test_signed_agreement_must_name_our_signatory(rutan_blora):
    agreement = AgreementFactory.build(unit=rutan_blora, signed_on=D(2025, 1, 6), our_signatory_name="")
    with pytest.raises(ValidationError) as refused:
        agreement.full_clean()
    assert refused.value.message_dict["our_signatory_name"] == [
        "Perjanjian yang sudah ditandatangani harus mencantumkan penanda tangan."
    ]

    draft = AgreementFactory.build(unit=rutan_blora, signed_on=None, our_signatory_name="")
    draft.full_clean()


def test_backdated_start_is_allowed_and_flagged(rutan_blora):
    # Agreements are sometimes signed after they already took effect; the form asks, the model allows.
    agreement = AgreementFactory.build(unit=rutan_blora, signed_on=D(2025, 3, 10), starts_on=D(2025, 1, 1))
    agreement.full_clean()
    agreement.save()
    assert agreement.starts_before_signing is True
    assert AgreementFactory(unit=rutan_blora, starts_on=D(2025, 1, 6)).starts_before_signing is False
    assert AgreementFactory(unit=rutan_blora, starts_on=None).starts_before_signing is False


# ----- the signed scan: a real PDF, not too big -------------------------------------------------------------


def test_real_pdf_passes():
    validate_pdf(SimpleUploadedFile("naskah.pdf", blank_pdf()))


def test_png_renamed_to_pdf_is_refused():
    fake = SimpleUploadedFile("naskah.pdf", b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + b"\x00" * 200)
    with pytest.raises(ValidationError) as refused:
        validate_pdf(fake)
    assert refused.value.messages == ["Berkas “naskah.pdf” bukan PDF. Unggah hasil pindaian dalam format PDF."]


def test_document_form_checks_the_content_not_the_name(rutan_blora):
    document = AgreementDocument(
        agreement=AgreementFactory(unit=rutan_blora),
        file=SimpleUploadedFile("pindaian.pdf", b"\x89PNG\r\n\x1a\n" + b"\x00" * 200),
    )
    with pytest.raises(ValidationError) as refused:
        document.full_clean()
    assert refused.value.message_dict["file"] == [
        "Berkas “pindaian.pdf” bukan PDF. Unggah hasil pindaian dalam format PDF."
    ]


def test_oversized_pdf_is_refused(settings):
    settings.SINERGI_MAX_UPLOAD_MB = 1
    big = SimpleUploadedFile("naskah.pdf", b"%PDF-1.7\n" + b"0" * (1024 * 1024 + 1))
    with pytest.raises(ValidationError) as refused:
        validate_pdf(big)
    assert refused.value.code == "too_large"
    assert "Berkas terlalu besar" in refused.value.messages[0]
    assert "paling besar 1,0\xa0MB" in refused.value.messages[0]

    validate_pdf(SimpleUploadedFile("naskah.pdf", blank_pdf()))
