"""The head of the unit vouches for what operators record: submit, return with a note, resubmit, verify.

A change to a verified agreement's key facts sends it back to the head; other changes do not. Only the head of
the owning unit verifies; pages and the printed register say what is not verified yet."""

import pytest
from django.core.exceptions import PermissionDenied
from django.urls import reverse

from agreements.models import Agreement, VerificationStep
from agreements.services import verify_batch
from tests.factories import AgreementFactory, AgreementPartyFactory, PartnerFactory, UserFactory
from tests.pdftext import pdf_bytes, pdf_text
from tests.test_register_agreement import agreement_data, formset, party
from units.models import User

pytestmark = pytest.mark.django_db


def post(client, user, url, data=None):
    client.force_login(user)
    return client.post(url, data or {})


def register(client, operator, **overrides):
    partner = PartnerFactory(name="Kantor Kementerian Agama Kabupaten Blora")
    response = post(client, operator, reverse("agreements:create"), agreement_data([party(partner)], **overrides))
    assert response.status_code == 302, response.content.decode()[:3000]
    return Agreement.objects.get()


def edit_data(agreement, **overrides):
    """What the edit form posts back unchanged, with `overrides`."""
    data = agreement_data([], **overrides)
    rows = [
        {
            "id": str(p.pk),
            "partner": p.partner.name,
            "number": p.number,
            "signatory_name": p.signatory_name,
            "signatory_position": p.signatory_position,
        }
        for p in agreement.parties.all()
    ]
    data.update(formset("parties", rows, initial=len(rows), min_num=1))
    return data


def steps(agreement):
    return list(
        agreement.verification_steps.order_by("created_at", "pk").values_list("action", "actor__username", "note")
    )


def test_submit_return_resubmit_verify(client, operator_blora, kepala_blora):
    agreement = register(client, operator_blora)
    assert agreement.verification_state == "submitted"

    # The head sees it waiting at home and returns it with a note.
    client.force_login(kepala_blora)
    home = client.get(reverse("home")).content.decode()
    assert "Menunggu verifikasi Anda: 1 perjanjian" in home
    assert agreement.subject in home
    note = "Nomor pihak mitra belum diisi; lihat halaman 1 naskah."
    response = post(client, kepala_blora, reverse("agreements:return", args=[agreement.pk]), {"return-note": note})
    assert response.status_code == 302
    agreement.refresh_from_db()
    assert agreement.verification_state == "returned"

    # The operator sees what was returned and why, on the home page, the agreement and its edit form.
    client.force_login(operator_blora)
    assert agreement.subject in client.get(reverse("home")).content.decode()
    detail = client.get(agreement.get_absolute_url()).content.decode()
    assert note in detail and f"Dikembalikan oleh {kepala_blora.get_full_name()}" in detail
    assert note in client.get(reverse("agreements:update", args=[agreement.pk])).content.decode()

    # Fixing it resubmits it.
    response = post(client, operator_blora, reverse("agreements:update", args=[agreement.pk]), edit_data(agreement))
    assert response.status_code == 302
    agreement.refresh_from_db()
    assert agreement.verification_state == "submitted"

    response = post(client, kepala_blora, reverse("agreements:verify", args=[agreement.pk]))
    assert response.status_code == 302
    agreement.refresh_from_db()
    assert agreement.verification_state == "verified"
    assert steps(agreement) == [
        ("submitted", "operator.blora", ""),
        ("returned", "kepala.blora", note),
        ("submitted", "operator.blora", ""),
        ("verified", "kepala.blora", ""),
    ]
    detail = client.get(agreement.get_absolute_url()).content.decode()
    assert "Riwayat verifikasi" in detail and "Terverifikasi" in detail


def test_returning_needs_a_note_and_keeps_the_page(client, operator_blora, kepala_blora):
    agreement = register(client, operator_blora)
    response = post(client, kepala_blora, reverse("agreements:return", args=[agreement.pk]), {"return-note": " "})
    assert response.status_code == 200
    assert "Tuliskan apa yang perlu diperbaiki." in response.content.decode()
    agreement.refresh_from_db()
    assert agreement.verification_state == "submitted"


def test_operator_can_resubmit_without_changes(client, operator_blora, kepala_blora):
    agreement = register(client, operator_blora)
    post(client, kepala_blora, reverse("agreements:return", args=[agreement.pk]), {"return-note": "Periksa lagi."})
    response = post(client, operator_blora, reverse("agreements:submit", args=[agreement.pk]), {"submit-note": "Sudah"})
    assert response.status_code == 302
    agreement.refresh_from_db()
    assert agreement.verification_state == "submitted"
    assert steps(agreement)[-1] == ("submitted", "operator.blora", "Sudah")


@pytest.mark.parametrize("who", ["operator_blora", "kepala_kudus", "admin_pusat", "operator_kanwil_jateng"])
def test_only_the_unit_head_verifies(client, request, operator_blora, who):
    agreement = register(client, operator_blora)
    user = request.getfixturevalue(who)
    for action in ("verify", "return"):
        response = post(client, user, reverse(f"agreements:{action}", args=[agreement.pk]), {"return-note": "x"})
        assert response.status_code in (403, 404)
    agreement.refresh_from_db()
    assert agreement.verification_state == "submitted"
    assert not agreement.verification_steps.exclude(action="submitted").exists()


def test_verification_pages_answer_post_only(client, kepala_blora, rutan_blora):
    agreement = AgreementFactory(unit=rutan_blora, verification_state="submitted")
    client.force_login(kepala_blora)
    assert client.get(reverse("agreements:verify", args=[agreement.pk])).status_code == 405


def test_key_fact_change_sends_a_verified_agreement_back_but_other_changes_do_not(client, operator_blora, kepala_blora):
    agreement = register(client, operator_blora)
    post(client, kepala_blora, reverse("agreements:verify", args=[agreement.pk]))
    url = reverse("agreements:update", args=[agreement.pk])

    post(client, operator_blora, url, edit_data(agreement, scope="Ruang lingkup yang diperluas."))
    agreement.refresh_from_db()
    assert agreement.verification_state == "verified"

    post(client, operator_blora, url, edit_data(agreement, ends_on="2028-12-29"))
    agreement.refresh_from_db()
    assert agreement.verification_state == "submitted"
    assert steps(agreement)[-1] == ("submitted", "operator.blora", "Diubah: tanggal berakhir.")


def test_changing_a_party_sends_it_back(client, operator_blora, rutan_blora):
    agreement = AgreementFactory(unit=rutan_blora, verification_state="verified")
    AgreementPartyFactory(agreement=agreement)
    data = edit_data(agreement, subject=agreement.subject, number="", signed_on="2025-01-06", ends_on="2027-12-31")
    data["parties-0-signatory_name"] = "Penanda tangan lain"
    response = post(client, operator_blora, reverse("agreements:update", args=[agreement.pk]), data)
    assert response.status_code == 302, response.content.decode()[:2000]
    agreement.refresh_from_db()
    assert agreement.verification_state == "submitted"
    assert "para pihak" in steps(agreement)[-1][2]


def test_kanwil_and_ditjenpas_verify_their_own(client, operator_pusat, ditjenpas, kanwil_jateng, rutan_blora):
    direktur = UserFactory(username="kepala.pusat", unit=ditjenpas, role=User.Role.KEPALA)
    national = AgreementFactory(unit=ditjenpas, kind="mou", verification_state="submitted")
    regional = AgreementFactory(unit=kanwil_jateng, kind="mou", verification_state="submitted")
    assert post(client, direktur, reverse("agreements:verify", args=[national.pk])).status_code == 302
    # Seeing everything is not heading everything.
    assert post(client, direktur, reverse("agreements:verify", args=[regional.pk])).status_code == 403
    national.refresh_from_db()
    regional.refresh_from_db()
    assert (national.verification_state, regional.verification_state) == ("verified", "submitted")


def test_verify_batch_verifies_all_or_none(kepala_blora, rutan_blora, rutan_kudus):
    batch = [AgreementFactory(unit=rutan_blora, verification_state=state) for state in ("draft", "submitted")]
    assert verify_batch(batch, kepala_blora, note="Seremoni 30 Desember 2024") == 2
    assert set(Agreement.objects.values_list("verification_state", flat=True)) == {"verified"}
    assert VerificationStep.objects.filter(action="verified", note="Seremoni 30 Desember 2024").count() == 2

    mixed = [AgreementFactory(unit=rutan_blora, verification_state="submitted"), AgreementFactory(unit=rutan_kudus)]
    mixed[1].verification_state = "submitted"
    mixed[1].save()
    with pytest.raises(PermissionDenied):
        verify_batch(mixed, kepala_blora)
    assert Agreement.objects.filter(verification_state="submitted").count() == 2


def test_unverified_agreements_are_marked_on_list_detail_and_printed_register(client, operator_blora, rutan_blora):
    waiting = AgreementFactory(unit=rutan_blora, subject="Kerja sama belum diperiksa", verification_state="submitted")
    AgreementFactory(unit=rutan_blora, subject="Kerja sama sudah diperiksa")
    client.force_login(operator_blora)

    listed = client.get(reverse("agreements:list")).content.decode()
    assert listed.count("tag--unverified") == 1
    only_unverified = client.get(reverse("agreements:list"), {"verification": "unverified"}).content.decode()
    assert "Kerja sama belum diperiksa" in only_unverified and "Kerja sama sudah diperiksa" not in only_unverified

    assert "Menunggu verifikasi" in client.get(waiting.get_absolute_url()).content.decode()
    assert "1 perjanjian belum diverifikasi kepala unit" in client.get(reverse("home")).content.decode()

    printed = pdf_text(pdf_bytes(client.get(reverse("agreements:register_pdf"))))
    assert printed.count("Belum diverifikasi") == 2  # the summary line at the top and the one row
