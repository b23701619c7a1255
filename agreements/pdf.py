"""Turning Sinergi's ordinary HTML templates into PDF with WeasyPrint, without ever touching the network."""

import mimetypes
from pathlib import Path
from urllib.parse import unquote, urlsplit

from django.conf import settings
from django.contrib.staticfiles import finders
from django.template.loader import render_to_string
from weasyprint import HTML
from weasyprint.urls import URLFetcher, URLFetcherResponse

# A base URL that can never resolve on a network: every relative link in a template becomes a URL under it,
# and the fetcher below maps it to a local file or refuses it.
BASE_URL = "sinergi-local://print/"


class LocalFilesFetcher(URLFetcher):
    """Serves `/static/…` from the static finders or STATIC_ROOT, `data:` URLs inline, and refuses the rest.

    Government intranets are often offline; a PDF render must never wait for a network timeout.
    """

    def fetch(self, url, headers=None):
        if url.startswith("data:"):
            return super().fetch(url, headers)
        path = unquote(urlsplit(url).path)
        static_prefix = "/" + settings.STATIC_URL.lstrip("/")
        if path.startswith(static_prefix):
            relative = path.removeprefix(static_prefix)
            found = finders.find(relative) or _inside(Path(settings.STATIC_ROOT), relative)
            if found:
                content_type = mimetypes.guess_type(found)[0] or "application/octet-stream"
                return URLFetcherResponse(url, Path(found).read_bytes(), {"Content-Type": content_type})
        raise ValueError(f"Sinergi prints only local static files, not {url}")


def _inside(root, relative):
    candidate = (root / relative).resolve()
    if root.resolve() in candidate.parents and candidate.is_file():
        return str(candidate)
    return None


def html_to_pdf(html):
    return HTML(string=html, base_url=BASE_URL, url_fetcher=LocalFilesFetcher(timeout=1)).write_pdf()


def render_pdf(template_name, context, request=None):
    """Render a Django template to PDF bytes."""
    return html_to_pdf(render_to_string(template_name, context, request=request))
