"""The admin's JavaScript keeps working under Sinergi's Content-Security-Policy, and the browser refuses none
of its code: date shortcuts, autocomplete, inline rows, the list's select-all."""

from playwright.sync_api import expect

from tests.factories import AgreementFactory


def test_the_admins_scripts_work_under_the_policy(page, live_server, login, admin_pusat, rutan_blora):
    AgreementFactory(unit=rutan_blora, subject="Pembinaan keagamaan warga binaan")
    refused = []
    page.on("console", lambda message: refused.append(message.text) if "Content Security Policy" in message.text else 0)
    login(admin_pusat)

    page.goto(f"{live_server.url}/admin/agreements/agreement/add/")
    page.locator(".datetimeshortcuts").first.get_by_text("Hari ini").click()
    expect(page.locator("#id_signed_on")).not_to_have_value("")
    page.locator(".select2-selection").first.click()
    expect(page.locator(".select2-search__field")).to_be_visible()
    page.keyboard.press("Escape")
    rows = page.locator("#parties-group tr.form-row:not(.empty-form)")
    before = rows.count()
    page.get_by_text("Tambahkan Pihak mitra lagi").click()
    expect(rows).to_have_count(before + 1)

    page.goto(f"{live_server.url}/admin/agreements/agreement/")
    page.locator("#action-toggle").check()
    expect(page.locator(".action-counter")).to_have_text("1 dari 1 terpilih")

    assert refused == []
