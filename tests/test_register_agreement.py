"""An operator registers (and later corrects) an agreement: parties, programs and the signed scan in one form.

Whatever is wrong, the page says so in Indonesian next to the field, keeps what was typed, and saves nothing.
"""

import re

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import NoReverseMatch, reverse

from agreements.models import Agreement, AgreementDocument, AgreementParty
from programs.models import AgreementProgram, Program
from tests.factories import AgreementFactory, AgreementPartyFactory, PartnerFactory, ProgramFactory
from tests.pdftext import blank_pdf

pytestmark = pytest.mark.django_db

CREATE = reverse("agreements:create")
PDF = blank_pdf()
PNG = b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + b"\x00" * 64


def pdf(name="naskah-pks.pdf", content=PDF):
    return SimpleUploadedFile(name, content, content_type="application/pdf")


def formset(prefix, rows, initial=0, min_num=0):
    data = {
        f"{prefix}-TOTAL_FORMS": str(len(rows)),
        f"{prefix}-INITIAL_FORMS": str(initial),
        f"{prefix}-MIN_NUM_FORMS": str(min_num),
        f"{prefix}-MAX_NUM_FORMS": "1000",
    }
    for index, row in enumerate(rows):
        data.update({f"{prefix}-{index}-{name}": value for name, value in row.items()})
    return data


def agreement_data(parties, programs=(), **overrides):
    """What an operator types for a signed PKS; each test changes one thing."""
    data = {
        "kind": "pks",
        "subject": "Pembinaan kerohanian dan pendidikan warga binaan",
        "number": "W13.PAS.PAS15-HM.05.02-71",
        "parent": "",
        "renews": "",
        "signed_on": "2024-12-30",
        "signed_place": "Blora",
        "our_signatory_name": "Budi Hardiono",
        "our_signatory_position": "Kepala Rutan",
        "signing_notes": "",
        "starts_on": "",
        "ends_on": "2027-12-29",
        "scope": "Bimbingan keagamaan dan pendidikan kesetaraan.",
        "objectives": "",
        "legal_basis": "",
        "funding_note": "",
    }
    data.update(formset("parties", parties, min_num=1))
    data.update(formset("programs", list(programs)))
    data.update(overrides)
    return data


def party(partner, **values):
    return {
        "partner": partner.name,
        "number": "",
        "signatory_name": "H. Roziqun",
        "signatory_position": "Kepala Kantor",
        **values,
    }


def program(item, **values):
    return {
        "program": str(item.pk),
        "target_group": "narapidana",
        "target_participants": "40",
        "starts_on": "",
        "ends_on": "",
        "notes": "",
        **values,
    }


@pytest.fixture
def kemenag():
    return PartnerFactory(name="Kantor Kementerian Agama Kabupaten Blora")


@pytest.fixture
def pkbm():
    return PartnerFactory(name="PKBM Tunas Harapan Blora")


@pytest.fixture
def catalogue():
    return [
        ProgramFactory(name=name) for name in ("Bimbingan keagamaan", "Pendidikan dan literasi", "Pelatihan rohani")
    ]


def counts():
    return (
        Agreement.objects.count(),
        AgreementParty.objects.count(),
        AgreementProgram.objects.count(),
        AgreementDocument.objects.count(),
    )


@pytest.fixture
def signed_in(client, operator_blora):
    client.force_login(operator_blora)
    return client


def test_register_a_pks_with_parties_programs_and_the_signed_scan(
    signed_in, operator_blora, rutan_blora, kemenag, pkbm, catalogue
):
    data = agreement_data(
        [party(kemenag, number="B-1234/Kk.11.16/BA.00/12/2024"), party(pkbm, signatory_name="Sri Wahyuni")],
        [program(catalogue[0]), program(catalogue[1], target_participants="25"), program(catalogue[2])],
        scan=pdf(),
    )
    response = signed_in.post(CREATE, data, follow=True)

    html = response.content.decode()
    assert "Perjanjian “Pembinaan kerohanian dan pendidikan warga binaan” tersimpan." in html
    agreement = Agreement.objects.get()
    assert response.redirect_chain[-1][0] == reverse("agreements:detail", args=[agreement.pk])
    assert agreement.unit == rutan_blora
    assert agreement.created_by == operator_blora
    assert [(p.partner, p.number, p.signatory_name) for p in agreement.parties.order_by("order")] == [
        (kemenag, "B-1234/Kk.11.16/BA.00/12/2024", "H. Roziqun"),
        (pkbm, "", "Sri Wahyuni"),
    ]
    assert agreement.programs.count() == 3
    assert agreement.programs.get(program=catalogue[1]).target_participants == 25
    scan = agreement.documents.get()
    assert scan.kind == AgreementDocument.Kind.SIGNED_SCAN
    assert scan.uploaded_by == operator_blora
    assert scan.original_name == "naskah-pks.pdf"
    assert scan.file.read() == PDF
    # The new page tells the story back.
    assert "Senin, 30 Desember 2024" in html
    assert "PKBM Tunas Harapan Blora" in html
    assert "naskah-pks.pdf" in html


def test_the_form_shows_what_an_operator_needs(signed_in, rutan_blora, catalogue):
    html = signed_in.get(CREATE).content.decode()
    assert "<h1>Catat perjanjian baru</h1>" in html
    assert "Rutan Kelas IIB Blora" in html  # the unit is the operator's own, not a choice
    assert 'name="unit"' not in html
    assert 'type="date"' in html
    assert re.search(r'<input type="text" name="parties-0-partner"[^>]*list="id_parties-0-partner_options"', html)
    assert '<datalist id="id_parties-0-partner_options">' in html
    assert 'name="parties-TOTAL_FORMS"' in html and 'name="programs-TOTAL_FORMS"' in html
    assert "<optgroup" in html  # the catalogue grouped by category
    assert "PDF, paling besar 20 MB." in html
    assert "Saya mengerti tanggal mulai berlaku" in html and "data-early-start-confirm hidden" in html
    try:
        create_partner = reverse("partners:create")
    except NoReverseMatch:
        return
    assert f'href="{create_partner}" target="_blank"' in html
    assert "Daftarkan mitra baru (membuka tab baru)" in html


def test_an_administrator_chooses_the_unit(client, admin_pusat, rutan_kudus, kemenag):
    client.force_login(admin_pusat)
    assert 'name="unit"' in client.get(CREATE).content.decode()
    response = client.post(CREATE, agreement_data([party(kemenag)], unit=rutan_kudus.pk))
    assert response.status_code == 302
    assert Agreement.objects.get().unit == rutan_kudus


def test_a_partner_is_found_whatever_the_case_and_spacing(signed_in, kemenag):
    data = agreement_data([{**party(kemenag), "partner": "  kantor KEMENTERIAN agama   kabupaten blora "}])
    assert signed_in.post(CREATE, data).status_code == 302
    assert AgreementParty.objects.get().partner == kemenag


def test_an_unregistered_partner_is_refused_with_a_way_forward(signed_in, kemenag):
    before = counts()
    data = agreement_data([{**party(kemenag), "partner": "Yayasan Belum Terdaftar"}])
    html = signed_in.post(CREATE, data).content.decode()
    assert "Mitra “Yayasan Belum Terdaftar” belum terdaftar. Daftarkan dulu lewat tautan Daftarkan mitra baru." in html
    assert 'value="Yayasan Belum Terdaftar"' in html
    assert counts() == before


def test_at_least_one_party_is_needed(signed_in):
    data = agreement_data([{"partner": "", "number": "", "signatory_name": "", "signatory_position": ""}])
    html = signed_in.post(CREATE, data).content.decode()
    assert "Bidang ini tidak boleh kosong." in html
    assert Agreement.objects.count() == 0


def test_end_before_start_is_refused_and_nothing_is_saved(signed_in, kemenag, catalogue):
    before = counts()
    data = agreement_data(
        [party(kemenag)], [program(catalogue[0])], starts_on="2025-01-06", ends_on="2024-12-31", scan=pdf()
    )
    response = signed_in.post(CREATE, data)
    html = response.content.decode()
    assert response.status_code == 200
    assert "Tanggal berakhir tidak boleh sebelum tanggal mulai berlaku." in html
    assert "Pembinaan kerohanian dan pendidikan warga binaan</textarea>" in html
    assert 'value="Kantor Kementerian Agama Kabupaten Blora"' in html
    assert "Pilih ulang berkas" in html  # the browser has emptied the file input
    assert counts() == before


def test_a_png_renamed_to_pdf_is_refused_and_nothing_is_saved(signed_in, kemenag):
    before = counts()
    data = agreement_data([party(kemenag)], scan=pdf(name="naskah.pdf", content=PNG))
    html = signed_in.post(CREATE, data).content.decode()
    assert "Berkas “naskah.pdf” bukan PDF." in html
    assert "Pilih ulang berkas." in html
    assert "Pembinaan kerohanian dan pendidikan warga binaan</textarea>" in html
    assert counts() == before


def test_a_partners_number_already_used_is_refused(signed_in, kemenag):
    AgreementPartyFactory(partner=kemenag, number="B-1234/Kk.11.16/BA.00/12/2024")
    before = counts()
    data = agreement_data([party(kemenag, number="B-1234/Kk.11.16/BA.00/12/2024")])
    html = signed_in.post(CREATE, data).content.decode()
    assert (
        "Nomor “B-1234/Kk.11.16/BA.00/12/2024” sudah dipakai Kantor Kementerian Agama Kabupaten Blora "
        "pada perjanjian lain." in html
    )
    assert counts() == before


def test_our_number_already_used_by_the_unit_is_refused(signed_in, rutan_blora, kemenag):
    AgreementFactory(unit=rutan_blora, number="W13.PAS.PAS15-HM.05.02-71", subject="PKS lama")
    before = counts()
    html = signed_in.post(CREATE, agreement_data([party(kemenag)])).content.decode()
    assert "Nomor “W13.PAS.PAS15-HM.05.02-71” sudah dipakai untuk perjanjian “PKS lama” di unit ini." in html
    assert counts() == before


def test_another_unit_may_use_the_same_number(signed_in, rutan_kudus, kemenag):
    AgreementFactory(unit=rutan_kudus, number="W13.PAS.PAS15-HM.05.02-71")
    assert signed_in.post(CREATE, agreement_data([party(kemenag)])).status_code == 302


def test_a_signed_agreement_needs_the_partners_signatory(signed_in, kemenag):
    html = signed_in.post(CREATE, agreement_data([party(kemenag, signatory_name="")])).content.decode()
    assert "Penanda tangan mitra wajib diisi untuk perjanjian yang sudah ditandatangani." in html
    assert Agreement.objects.count() == 0


def test_a_draft_may_leave_signatories_empty(signed_in, kemenag):
    data = agreement_data([party(kemenag, signatory_name="")], signed_on="", our_signatory_name="")
    assert signed_in.post(CREATE, data).status_code == 302
    assert Agreement.objects.get().signed_on is None


def test_a_start_before_signing_asks_for_confirmation_then_passes(signed_in, kemenag):
    data = agreement_data([party(kemenag)], starts_on="2024-12-01")
    html = signed_in.post(CREATE, data).content.decode()
    assert "Tanggal mulai berlaku (1 Desember 2024) lebih awal dari tanggal penandatanganan (30 Desember 2024)." in html
    assert "data-early-start-confirm hidden" not in html
    assert 'name="confirm_early_start"' in html
    assert Agreement.objects.count() == 0

    response = signed_in.post(CREATE, {**data, "confirm_early_start": "on"})
    assert response.status_code == 302
    assert Agreement.objects.get().starts_before_signing


def test_parent_must_be_an_agreement_the_operator_may_see(signed_in, rutan_kudus, kemenag):
    elsewhere = AgreementFactory(unit=rutan_kudus, kind=Agreement.Kind.MOU)
    html = signed_in.post(CREATE, agreement_data([party(kemenag)], parent=elsewhere.pk)).content.decode()
    assert "Pilih pilihan yang valid" in html or "pilihan yang valid" in html.lower()
    assert Agreement.objects.count() == 1


def test_an_addendum_is_registered_under_its_parent(signed_in, rutan_blora, kemenag):
    parent = AgreementFactory(unit=rutan_blora, subject="PKS induk")
    AgreementPartyFactory(agreement=parent, partner=kemenag)
    url = reverse("agreements:create_child", kwargs={"pk": parent.pk, "kind": "adendum"})
    data = agreement_data([party(kemenag)], kind="adendum", parent=parent.pk, number="", subject="Adendum I")
    assert signed_in.post(url, data).status_code == 302
    addendum = Agreement.objects.get(subject="Adendum I")
    assert addendum.parent == parent
    assert addendum.unit == rutan_blora


def test_a_derived_pks_under_a_national_mou_belongs_to_the_operators_unit(signed_in, ditjenpas, rutan_blora, kemenag):
    mou = AgreementFactory(unit=ditjenpas, kind=Agreement.Kind.MOU, subject="MoU nasional")
    url = reverse("agreements:create_child", kwargs={"pk": mou.pk, "kind": "pks"})
    assert signed_in.post(url, agreement_data([party(kemenag)], parent=mou.pk)).status_code == 302
    pks = Agreement.objects.get(parent=mou)
    assert pks.unit == rutan_blora


def test_a_renewal_records_what_it_renews(signed_in, rutan_blora, kemenag):
    old = AgreementFactory(unit=rutan_blora, number="LAMA-1")
    url = reverse("agreements:renew", args=[old.pk])
    assert signed_in.post(url, agreement_data([party(kemenag)], renews=old.pk)).status_code == 302
    assert Agreement.objects.get(renews=old).number == "W13.PAS.PAS15-HM.05.02-71"


def test_edit_changes_the_agreement_its_parties_and_programs(signed_in, rutan_blora, kemenag, pkbm, catalogue):
    agreement = AgreementFactory(unit=rutan_blora, subject="PKS lama", ends_on="2026-12-31")
    first = AgreementPartyFactory(agreement=agreement, partner=kemenag, number="K-1")
    url = reverse("agreements:update", args=[agreement.pk])
    html = signed_in.get(url).content.decode()
    assert 'value="Kantor Kementerian Agama Kabupaten Blora"' in html
    assert 'value="2026-12-31"' in html

    data = agreement_data([], [program(catalogue[0])], subject="PKS yang diperbaiki", number="")
    data.update(
        formset(
            "parties",
            [
                {**party(kemenag, number="K-1"), "id": str(first.pk), "agreement": str(agreement.pk)},
                party(pkbm),
            ],
            initial=1,
            min_num=1,
        )
    )
    response = signed_in.post(url, data, follow=True)
    assert "Perjanjian “PKS yang diperbaiki” tersimpan." in response.content.decode()
    agreement.refresh_from_db()
    assert agreement.subject == "PKS yang diperbaiki"
    assert [p.partner for p in agreement.parties.order_by("order", "pk")] == [kemenag, pkbm]
    assert agreement.programs.get().program == catalogue[0]
    assert agreement.created_by is None  # editing does not claim the record


def test_edit_can_remove_a_party_but_not_the_last_one(signed_in, rutan_blora, kemenag, pkbm):
    agreement = AgreementFactory(unit=rutan_blora)
    first = AgreementPartyFactory(agreement=agreement, partner=kemenag)
    second = AgreementPartyFactory(agreement=agreement, partner=pkbm)
    url = reverse("agreements:update", args=[agreement.pk])

    def rows(delete_first, delete_second):
        return formset(
            "parties",
            [
                {**party(kemenag), "id": str(first.pk), "DELETE": "on" if delete_first else ""},
                {**party(pkbm), "id": str(second.pk), "DELETE": "on" if delete_second else ""},
            ],
            initial=2,
            min_num=1,
        )

    data = agreement_data([], number="")
    html = signed_in.post(url, {**data, **rows(True, True)}).content.decode()
    assert "Cantumkan sekurang-kurangnya satu mitra." in html
    assert agreement.parties.count() == 2
    assert signed_in.post(url, {**data, **rows(False, True)}).status_code == 302
    assert list(agreement.parties.values_list("partner", flat=True)) == [kemenag.pk]


def test_an_inactive_program_is_not_offered_for_new_agreements(signed_in):
    retired = ProgramFactory(name="Program lama yang dihentikan", is_active=False)
    html = signed_in.get(CREATE).content.decode()
    assert "Program lama yang dihentikan" not in html
    assert Program.objects.filter(pk=retired.pk).exists()


def test_the_same_partner_twice_is_refused(signed_in, kemenag):
    html = signed_in.post(CREATE, agreement_data([party(kemenag), party(kemenag)])).content.decode()
    assert "Perjanjian belum tersimpan." in html
    assert "Mitra yang sama tercantum lebih dari sekali; cantumkan setiap mitra satu kali saja." in html
    assert Agreement.objects.count() == 0
