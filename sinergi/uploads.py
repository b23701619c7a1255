"""Checks every upload passes, whichever app stores it: the content is parsed, the name is not trusted."""

import logging
from io import BytesIO
from pathlib import PurePosixPath

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.files.base import ContentFile
from django.http import FileResponse
from django.template.defaultfilters import filesizeformat
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from pypdf import PdfReader

logger = logging.getLogger(__name__)

# The browser empties a file input whenever a page comes back with errors: every upload error says so.
REUPLOAD_HINT = gettext_lazy("Pilih ulang berkas.")


def not_a_pdf(upload):
    return ValidationError(
        _("Berkas “%(name)s” bukan PDF. Unggah hasil pindaian dalam format PDF.")
        % {"name": upload.name.rsplit("/", 1)[-1]},
        code="not_pdf",
    )


def pdf_page_count(upload):
    """The number of pages pypdf finds in `upload`, or None when it is not a PDF pypdf can open. The file must
    start with the PDF header: a file that only carries one further in (an executable with "%PDF-" at byte 64)
    is something else dressed up as a PDF."""
    position = upload.tell() if hasattr(upload, "tell") else 0
    try:
        upload.seek(0)
        if upload.read(5) != b"%PDF-":
            return None
        upload.seek(0)
        reader = PdfReader(upload)
        if reader.is_encrypted and not reader.decrypt(""):
            return None
        return len(reader.pages)
    # A damaged file can make a parser fail in many ways; any of them means "not a PDF we can use".
    except Exception:  # noqa: BLE001
        logger.info("Upload %r is not a readable PDF", upload.name, exc_info=True)
        return None
    finally:
        upload.seek(position)


def validate_pdf(upload):
    """Accept only PDFs within the size limit that pypdf opens and that have at least one page."""
    limit = settings.SINERGI_MAX_UPLOAD_MB * 1024 * 1024
    if upload.size > limit:
        raise ValidationError(
            _("Berkas terlalu besar (%(size)s); paling besar %(limit)s.")
            % {"size": filesizeformat(upload.size), "limit": filesizeformat(limit)},
            code="too_large",
        )
    if not pdf_page_count(upload):
        raise not_a_pdf(upload)


def check_pdf(upload):
    """`validate_pdf`, with a reminder that the browser has emptied the file input."""
    try:
        validate_pdf(upload)
    except ValidationError as error:
        raise ValidationError([f"{message} {REUPLOAD_HINT}" for message in error.messages]) from error
    return upload


def size_limit_help():
    return _("PDF, paling besar %(mb)s MB.") % {"mb": settings.SINERGI_MAX_UPLOAD_MB}


def download_name(original_name, extension, fallback):
    """The name a stored file is downloaded under: the name it was uploaded with, but with the extension of
    what it really is (a PDF uploaded as "scan.jpg" comes back as "scan.pdf")."""
    stem = PurePosixPath(original_name or fallback).stem or fallback
    return f"{stem}.{extension}"


def serve_file(handle, *, content_type, filename, as_attachment):
    """A stored upload sent back: the browser must believe the content type we checked, never guess another
    (nosniff), and the file name is quoted by FileResponse, whatever characters it holds."""
    response = FileResponse(handle, as_attachment=as_attachment, filename=filename, content_type=content_type)
    response["X-Content-Type-Options"] = "nosniff"
    return response


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
