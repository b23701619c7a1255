"""The register's waiting page notices by itself when the PDF is ready, without reloading on a timer."""

from django.core.files.base import ContentFile
from django.utils import timezone
from playwright.sync_api import expect

from monitoring.models import RegisterExport


def test_the_waiting_page_offers_the_pdf_as_soon_as_it_is_ready(page, live_server, login, operator_blora):
    export = RegisterExport.objects.create(requested_by=operator_blora, row_count=250)
    login(operator_blora)
    loads = []
    page.on("load", lambda _page: loads.append(page.url))
    page.goto(f"{live_server.url}/perjanjian/cetak/{export.pk}/")
    expect(page.get_by_role("status")).to_contain_text("Menunggu giliran")
    page.wait_for_timeout(7000)
    assert len(loads) == 1, "the page reloaded while nothing changed"

    export.status = RegisterExport.State.DONE
    export.finished_at = timezone.now()
    export.file.save("daftar.pdf", ContentFile(b"%PDF-1.4\n%%EOF\n"))

    expect(page.get_by_role("link", name="Unduh daftar (PDF)")).to_be_visible(timeout=10_000)
