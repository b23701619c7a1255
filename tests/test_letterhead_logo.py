"""An administrator gives a unit its kop surat logo: the upload is checked and cleaned like every upload, and the
printed letterhead shows it at the left; without one the letterhead stays text-only."""

import io

import pytest
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from PIL import Image
from pypdf import PdfReader

from sinergi.uploads import logo_as_png
from tests.factories import AgreementFactory, png_bytes

pytestmark = pytest.mark.django_db


def jpeg_with_location():
    image = Image.new("RGB", (900, 450), (200, 30, 30))
    exif = Image.Exif()
    exif[0x010F] = "Kamera Contoh"  # Make
    exif[0x9286] = "lokasi rahasia"  # UserComment
    buffer = io.BytesIO()
    image.save(buffer, format="JPEG", exif=exif)
    return buffer.getvalue()


def images_on_first_page(response):
    reader = PdfReader(io.BytesIO(response.content))
    return len(reader.pages[0].images)


def test_a_logo_is_stored_as_a_clean_small_png():
    cleaned = logo_as_png(SimpleUploadedFile("logo.jpg", jpeg_with_location(), content_type="image/jpeg"))

    image = Image.open(io.BytesIO(cleaned.read()))
    assert image.format == "PNG"
    assert max(image.size) <= 600
    assert not image.getexif()
    assert b"lokasi rahasia" not in cleaned.open().read()


@pytest.mark.parametrize(
    "content",
    [b"%PDF-1.4 not a picture", b"<svg xmlns='http://www.w3.org/2000/svg'></svg>", png_bytes()[:40]],
)
def test_something_else_than_a_picture_is_refused(content):
    with pytest.raises(ValidationError, match="bukan gambar PNG atau JPEG"):
        logo_as_png(SimpleUploadedFile("logo.png", content, content_type="image/png"))


def test_an_oversized_logo_is_refused():
    with pytest.raises(ValidationError, match="Logo terlalu besar"):
        logo_as_png(SimpleUploadedFile("logo.png", b"0" * (3 * 1024 * 1024), content_type="image/png"))


def test_an_administrator_uploads_a_logo_in_the_admin(client, admin_pusat, rutan_blora):
    client.force_login(admin_pusat)
    url = reverse("admin:units_unit_change", args=[rutan_blora.pk])
    form = client.get(url).context["adminform"].form
    data = {name: value for name, value in form.initial.items() if value is not None and name != "logo"}
    data["parent"] = rutan_blora.parent_id
    data["logo"] = SimpleUploadedFile("kop.jpg", jpeg_with_location(), content_type="image/jpeg")

    response = client.post(url, data)

    assert response.status_code == 302, response.context["adminform"].form.errors
    rutan_blora.refresh_from_db()
    assert rutan_blora.logo.name.endswith(".png")
    assert b"lokasi rahasia" not in rutan_blora.logo.open().read()


def test_the_letterhead_shows_the_logo_only_when_there_is_one(client, kepala_blora, rutan_blora):
    agreement = AgreementFactory(unit=rutan_blora)
    client.force_login(kepala_blora)
    without = images_on_first_page(client.get(reverse("agreements:summary_pdf", args=[agreement.pk])))

    rutan_blora.logo.save("x.png", logo_as_png(SimpleUploadedFile("l.png", png_bytes((300, 300)))))
    with_logo = images_on_first_page(client.get(reverse("agreements:summary_pdf", args=[agreement.pk])))

    assert with_logo == without + 1
