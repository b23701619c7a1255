"""Reading the PDFs Sinergi prints the way a person would: page by page, as text."""

import io

from pypdf import PdfReader, PdfWriter
from weasyprint import HTML


def pdf_bytes(response):
    return b"".join(response.streaming_content) if response.streaming else response.content


def pdf_pages(content):
    """The text of each page, whitespace collapsed so that wrapped lines read as one."""
    reader = PdfReader(io.BytesIO(content))
    return [" ".join(page.extract_text().split()) for page in reader.pages]


def pdf_text(content):
    return " ".join(pdf_pages(content))


def scanned_pdf(pages):
    """A stand-in for a signed scan: a real PDF of `pages` pages, each saying which page it is."""
    body = "".join(
        f'<p style="break-before: page">Naskah bertanda tangan, lembar {number}</p>' for number in range(1, pages + 1)
    )
    return HTML(string=body).write_pdf()


def blank_pdf(pages=1):
    """A real PDF of `pages` blank pages: what every upload check accepts as a PDF."""
    writer = PdfWriter()
    for _page in range(pages):
        writer.add_blank_page(width=595, height=842)
    output = io.BytesIO()
    writer.write(output)
    return output.getvalue()
