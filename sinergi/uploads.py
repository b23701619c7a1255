"""Checks every upload passes, whichever app stores it: the content is read, the name is not trusted."""

from django.conf import settings
from django.core.exceptions import ValidationError
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
