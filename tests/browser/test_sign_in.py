from tests.factories import AgreementFactory, AgreementPartyFactory


def test_operator_signs_in_and_sees_their_unit(page, live_server, login, operator_blora, assert_accessible):
    agreement = AgreementFactory(unit=operator_blora.unit, subject="Pembinaan keagamaan warga binaan")
    AgreementPartyFactory(agreement=agreement)

    page.goto(f"{live_server.url}/perjanjian/")
    assert "/akun/login/" in page.url, "pages need a login"
    assert_accessible(page)

    login(operator_blora)
    assert page.get_by_role("heading", level=1).inner_text() == "Rutan Kelas IIB Blora"
    assert page.get_by_role("link", name="Beranda").get_attribute("aria-current") == "page"
    assert_accessible(page)


def test_wrong_password_says_so_in_indonesian(page, live_server, operator_blora):
    page.goto(f"{live_server.url}/akun/login/")
    page.get_by_label("Nama pengguna").fill(operator_blora.username)
    page.get_by_label("Kata sandi").fill("salah")
    page.get_by_role("button", name="Masuk").click()
    assert page.get_by_role("alert").inner_text().startswith("Masukkan nama pengguna dan kata sandi yang benar")
    assert page.get_by_label("Nama pengguna").input_value() == operator_blora.username
