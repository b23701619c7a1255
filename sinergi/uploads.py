"""Checks every upload passes, whichever app stores it: the content is read, the name is not trusted."""

from io import BytesIO

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.files.base import ContentFile
from django.template.defaultfilters import filesizeformat
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

# The browser empties a file input whenever a page comes back with errors: every upload error says so.
REUPLOAD_HINT = gettext_lazy("Pilih ulang berkas.")


def validate_pdf(upload):
    """Accept only real PDFs within the size limit: the content is checked, not just the name."""
    limit = settings.SINERGI_MAX_UPLOAD_MB * 1024 * 1024
    if upload.size > limit:
        raise ValidationError(
            _("Berkas terlalu besar (%(size)s); paling besar %(limit)s.")
            % {"size": filesizeformat(upload.size), "limit": filesizeformat(limit)},
            code="too_large",
        )
    position = upload.tell() if hasattr(upload, "tell") else 0
    upload.seek(0)
    head = upload.read(1024)
    upload.seek(position)
    if b"%PDF-" not in head:
        raise ValidationError(
            _("Berkas “%(name)s” bukan PDF. Unggah hasil pindaian dalam format PDF.")
            % {"name": upload.name.rsplit("/", 1)[-1]},
            code="not_pdf",
        )


def check_pdf(upload):
    """`validate_pdf`, with a reminder that the browser has emptied the file input."""
    try:
        validate_pdf(upload)
    except ValidationError as error:
        raise ValidationError([f"{message} {REUPLOAD_HINT}" for message in error.messages]) from error
    return upload


def size_limit_help():
    return _("PDF, paling besar %(mb)s MB.") % {"mb": settings.SINERGI_MAX_UPLOAD_MB}


# A letterhead logo is printed about 2 cm wide: a few hundred pixels are plenty, and a small bound keeps a hostile
# file ("decompression bomb") from costing memory.
LOGO_MAX_BYTES = 2 * 1024 * 1024
LOGO_MAX_PIXELS = 4_000_000
LOGO_MAX_SIDE = 600


def logo_as_png(upload):
    """A letterhead logo as a clean PNG: the upload is decoded by Pillow (its name and type are not trusted),
    bounded in size, scaled down to at most LOGO_MAX_SIDE pixels and re-encoded, which drops any metadata
    (EXIF, location, comments) and anything hidden after the image. ValidationError when it is not an image."""
    from PIL import Image, UnidentifiedImageError

    if upload.size > LOGO_MAX_BYTES:
        raise ValidationError(
            _("Logo terlalu besar (%(size)s); paling besar %(limit)s.")
            % {"size": filesizeformat(upload.size), "limit": filesizeformat(LOGO_MAX_BYTES)},
            code="too_large",
        )
    try:
        upload.seek(0)
        with Image.open(upload) as image:
            if image.format not in ("PNG", "JPEG") or image.width * image.height > LOGO_MAX_PIXELS:
                raise ValidationError(_("Logo harus gambar PNG atau JPEG, paling besar 2.000 × 2.000 piksel."))
            image.load()
            clean = image.convert("RGBA")
    except (UnidentifiedImageError, OSError, Image.DecompressionBombError) as error:
        raise ValidationError(
            _("Berkas ini bukan gambar PNG atau JPEG yang dapat dibaca."), code="not_image"
        ) from error
    clean.thumbnail((LOGO_MAX_SIDE, LOGO_MAX_SIDE))
    output = BytesIO()
    clean.save(output, format="PNG", optimize=True)
    return ContentFile(output.getvalue(), name="logo.png")
