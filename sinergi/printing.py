"""Turning Sinergi's ordinary HTML templates into PDF with WeasyPrint, without ever touching the network."""

import io
import mimetypes
from pathlib import Path
from urllib.parse import unquote, urlsplit

import segno
from django.conf import settings
from django.contrib.staticfiles import finders
from django.http import HttpResponse
from django.template.loader import render_to_string
from django.utils import timezone, translation
from django.utils.text import slugify
from pypdf import PdfReader, PdfWriter
from pypdf.errors import PdfReadError
from segno import DataOverflowError
from weasyprint import HTML
from weasyprint.urls import URLFetcher, URLFetcherResponse

# A base URL that can never resolve on a network: every relative link in a template becomes a URL under it,
# and the fetcher below maps it to a local file or refuses it.
BASE_URL = "sinergi-local://print/"


class LocalFilesFetcher(URLFetcher):
    """Serves `/static/…` from the static finders or STATIC_ROOT, `/media/…` from MEDIA_ROOT, `data:` URLs
    inline, and refuses the rest.

    Government intranets are often offline; a PDF render must never wait for a network timeout.
    """

    def fetch(self, url, headers=None):
        if url.startswith("data:"):
            return super().fetch(url, headers)
        path = unquote(urlsplit(url).path)
        static_prefix = "/" + settings.STATIC_URL.strip("/") + "/"
        media_prefix = "/" + settings.MEDIA_URL.strip("/") + "/"
        found = None
        if path.startswith(static_prefix):
            relative = path.removeprefix(static_prefix)
            found = finders.find(relative) or _inside(Path(settings.STATIC_ROOT), relative)
        elif path.startswith(media_prefix):
            found = _inside(Path(settings.MEDIA_ROOT), path.removeprefix(media_prefix))
        if found:
            content_type = mimetypes.guess_type(found)[0] or "application/octet-stream"
            return URLFetcherResponse(url, Path(found).read_bytes(), {"Content-Type": content_type})
        raise ValueError(f"Sinergi prints only local static and media files, not {url}")


def _inside(root, relative):
    candidate = (root / relative).resolve()
    if root.resolve() in candidate.parents and candidate.is_file():
        return str(candidate)
    return None


def html_to_pdf(html):
    return HTML(string=html, base_url=BASE_URL, url_fetcher=LocalFilesFetcher(timeout=1)).write_pdf()


def render_pdf(template_name, context, request=None):
    """Render a Django template to PDF bytes, always in Indonesian ("30 Desember 2024"): printed documents are
    official papers, whatever language the person printing reads the site in."""
    with translation.override("id"):
        return html_to_pdf(render_to_string(template_name, context, request=request))


def document_filename(prefix, name, fallback=""):
    """A file name people recognise in their downloads folder: `prefix-<name>.pdf`, with the document's
    number or subject slugified (e.g. "ringkasan-pks-w13paspas1-um0101-101-tahun-2024.pdf"), never a database
    id. Bounded so that a long subject still makes a usable name."""
    slug = slugify(name)[:80].strip("-") or slugify(fallback)
    return f"{prefix}-{slug}.pdf" if slug else f"{prefix}.pdf"


def pdf_response(pdf, filename):
    """The PDF shown in the browser's viewer, saved under `filename` when the user downloads it."""
    response = HttpResponse(pdf, content_type="application/pdf")
    response["Content-Disposition"] = f'inline; filename="{filename}"'
    return response


# What every printed document carries ---------------------------------------------------------------------------


def absolute_url(path):
    """A link that works from paper: the QR code is scanned on a phone, far from any request."""
    return settings.SITE_URL + path


def qr_code(url):
    """The QR code of `url` as a `data:` URI of an SVG image, ready for `<img src>`. Raises segno's
    `DataOverflowError` when `url` is too long for any QR code (about 2,300 bytes)."""
    return segno.make(url, error="m").svg_data_uri(scale=4, border=0, dark="#000")


def print_context(*, letterhead, path, short_path=None):
    """The letterhead (`Unit.letterhead()`), print time and QR code link shared by every document Sinergi
    prints. When `path` is too long for a QR code (a list filtered by a long query string), the paper links to
    `short_path` instead (by default `path` without its query string)."""
    url = absolute_url(path)
    try:
        code = qr_code(url)
    except DataOverflowError:
        url = absolute_url(short_path or path.split("?", 1)[0])
        code = qr_code(url)
    return {
        "letterhead": letterhead,
        "printed_at": timezone.localtime(),
        "today": timezone.localdate(),
        "record_url": url,
        "qr_code": code,
    }


def printed_by(user):
    return user.get_full_name() or user.username


# Merging -------------------------------------------------------------------------------------------------------


class UnreadablePdf(Exception):
    """An uploaded PDF that pypdf cannot open (damaged, or locked with a password)."""


def merge_pdfs(parts):
    """One PDF made of `parts`, a list of (PDF bytes or open file, bookmark title), each part's pages in order."""
    writer = PdfWriter()
    for content, title in parts:
        source = io.BytesIO(content) if isinstance(content, bytes) else content
        try:
            reader = PdfReader(source)
            if reader.is_encrypted and not reader.decrypt(""):
                raise UnreadablePdf(title)
            writer.append(reader, outline_item=title)
            if len(writer.pages) == len(reader.pages) and reader.metadata:
                # The first part names the whole file (title, author) in the viewer.
                writer.add_metadata({key: str(value) for key, value in reader.metadata.items()})
        except (PdfReadError, ValueError) as broken:
            raise UnreadablePdf(title) from broken
    output = io.BytesIO()
    writer.write(output)
    return output.getvalue()
