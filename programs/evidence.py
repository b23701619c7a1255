"""Evidence files of activities: what an upload really is (by its content, not its name) and its thumbnail."""

import warnings
from dataclasses import dataclass
from io import BytesIO

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.files.base import ContentFile
from django.template.defaultfilters import filesizeformat
from django.utils.translation import gettext as _
from PIL import Image, ImageFile, ImageOps, UnidentifiedImageError

from sinergi.uploads import pdf_page_count

THUMBNAIL_SIZE = (320, 320)
# Pillow's own guard against "decompression bombs" stops at about 179 megapixels; no camera needs more than this.
MAX_PIXELS = 60_000_000
PHOTO_FORMATS = {"JPEG": "jpg", "PNG": "png"}


@dataclass
class CheckedUpload:
    upload: object
    kind: str  # ActivityEvidence.Kind value
    extension: str
    original_name: str


def not_accepted(upload):
    return ValidationError(
        _("Berkas “%(name)s” bukan foto JPEG/PNG atau PDF.") % {"name": upload.name.rsplit("/", 1)[-1]},
        code="not_accepted",
    )


def check_upload(upload):
    """A photo (JPEG/PNG) or a PDF within SINERGI_MAX_UPLOAD_MB, whatever its name says; ValidationError if not."""
    limit = settings.SINERGI_MAX_UPLOAD_MB * 1024 * 1024
    name = upload.name.rsplit("/", 1)[-1][:255]
    if upload.size > limit:
        raise ValidationError(
            _("Berkas “%(name)s” terlalu besar (%(size)s); paling besar %(limit)s.")
            % {"name": name, "size": filesizeformat(upload.size), "limit": filesizeformat(limit)},
            code="too_large",
        )
    upload.seek(0)
    if upload.read(5) == b"%PDF-":
        if not pdf_page_count(upload):
            raise not_accepted(upload)
        return CheckedUpload(upload, "pdf", "pdf", name)
    image_format = photo_format(upload)
    if image_format not in PHOTO_FORMATS:
        raise not_accepted(upload)
    return CheckedUpload(without_metadata(upload, image_format), "photo", PHOTO_FORMATS[image_format], name)


def photo_format(upload):
    """Pillow's name for the image format ("JPEG", "PNG"…), or None when the content is not an image that
    decodes to the last pixel (a header alone, or a truncated file, is refused)."""
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("error", Image.DecompressionBombWarning)
            with Image.open(upload) as image:
                image_format = image.format
                if image.width * image.height > MAX_PIXELS:
                    return None
                decode_fully(image)
        return image_format
    except (UnidentifiedImageError, OSError, SyntaxError, ValueError, Image.DecompressionBombError):
        return None
    except Image.DecompressionBombWarning:
        return None
    finally:
        upload.seek(0)


def decode_fully(image):
    """Decode every pixel, refusing a truncated file. WeasyPrint switches Pillow's LOAD_TRUNCATED_IMAGES on for
    the whole process when it is imported (it prints what it can); a check must not inherit that."""
    tolerant = ImageFile.LOAD_TRUNCATED_IMAGES
    ImageFile.LOAD_TRUNCATED_IMAGES = False
    try:
        image.load()
    finally:
        ImageFile.LOAD_TRUNCATED_IMAGES = tolerant


def without_metadata(upload, image_format):
    """The photo re-encoded upright and without its metadata: phone photos carry GPS positions and device
    details, and these are pictures taken inside a prison."""
    upload.seek(0)
    with Image.open(upload) as image:
        image = ImageOps.exif_transpose(image)
        buffer = BytesIO()
        if image_format == "JPEG":
            image.convert("RGB").save(buffer, format="JPEG", quality=90, optimize=True)
        else:
            image.save(buffer, format="PNG", optimize=True)
    upload.seek(0)
    return ContentFile(buffer.getvalue(), name=f"bukti.{PHOTO_FORMATS[image_format]}")


def make_thumbnail(upload):
    """A JPEG of at most THUMBNAIL_SIZE, upright (EXIF orientation applied) and without the photo's metadata."""
    upload.seek(0)
    with Image.open(upload) as image:
        image = ImageOps.exif_transpose(image)
        image.thumbnail(THUMBNAIL_SIZE)
        if image.mode in ("RGBA", "LA", "P"):
            image = image.convert("RGBA")
            background = Image.new("RGB", image.size, "white")
            background.paste(image, mask=image.getchannel("A"))
            image = background
        elif image.mode != "RGB":
            image = image.convert("RGB")
        buffer = BytesIO()
        image.save(buffer, format="JPEG", quality=82, optimize=True)
    upload.seek(0)
    return ContentFile(buffer.getvalue(), name="thumb.jpg")
