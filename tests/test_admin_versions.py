"""The admin keeps the same lock as the app's pages: an administrator's save never silently undoes an operator's,
and an operator's form drawn before an administrator's save is refused."""

import datetime

import pytest
from django.urls import reverse

from partners.models import Partner
from tests.factories import AgreementFactory, AgreementPartyFactory, PartnerFactory

pytestmark = pytest.mark.django_db


def drawn_form_data(response):
    """What the admin page's form would post if submitted as drawn (its fields and inline formsets)."""
    data = {}

    def add(form):
        for name in form.fields:
            value = form[name].value()
            if value is None or value is False or hasattr(value, "url"):
                continue
            key = form.add_prefix(name)
            if value is True:
                data[key] = "on"
            elif isinstance(value, list | tuple):
                data[key] = [str(item) for item in value]
            elif isinstance(value, datetime.date):
                data[key] = value.isoformat()
            else:
                data[key] = str(value)

    add(response.context["adminform"].form)
    for inline in response.context["inline_admin_formsets"]:
        add(inline.formset.management_form)
        for form in inline.formset.forms:
            add(form)
    return data


def test_an_administrators_save_over_a_newer_one_is_refused(client, admin_pusat):
    partner = PartnerFactory(name="Bank Contoh Blora")
    url = reverse("admin:partners_partner_change", args=[partner.pk])
    client.force_login(admin_pusat)
    data = drawn_form_data(client.get(url))
    assert data["version"] == "0"

    # Meanwhile an operator's correction is saved on the app's side.
    partner.name = "Bank Contoh Kabupaten Blora"
    partner.version += 1
    partner.save()

    response = client.post(url, {**data, "name": "Bank Contoh Blora (cabang)"})
    assert response.status_code == 200
    assert "telah diubah orang lain sejak Anda membuka halaman ini" in response.text
    assert 'value="Bank Contoh Blora (cabang)"' in response.text  # what was typed stays
    assert Partner.objects.get(pk=partner.pk).name == "Bank Contoh Kabupaten Blora"

    # Saving again, now knowingly over version 1, goes through and counts as version 2.
    again = drawn_form_data(response)
    assert again["version"] == "1"
    assert client.post(url, again).status_code == 302
    partner.refresh_from_db()
    assert (partner.name, partner.version) == ("Bank Contoh Blora (cabang)", 2)


def test_an_administrators_save_counts_as_a_version(client, admin_pusat, operator_blora, rutan_blora):
    agreement = AgreementFactory(unit=rutan_blora, subject="Pembinaan kerohanian")
    AgreementPartyFactory(agreement=agreement)
    client.force_login(admin_pusat)
    url = reverse("admin:agreements_agreement_change", args=[agreement.pk])
    data = drawn_form_data(client.get(url))
    response = client.post(url, {**data, "subject": "Pembinaan kerohanian dan moral"})
    assert response.status_code == 302, [i.formset.errors for i in response.context["inline_admin_formsets"]]
    agreement.refresh_from_db()
    assert (agreement.subject, agreement.version) == ("Pembinaan kerohanian dan moral", 1)
