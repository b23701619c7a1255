"""The main tables fit the screen a head reads them on, desktop (1366×768) and phone (390×844), as kepala, Kanwil
and pusat: no element sticks out of its table's container, and each row's status is in view without scrolling
sideways. Long subjects, long partner names and the longest status ("Ditandatangani, belum berlaku") are all
there, with the dormant tag beside a status."""

import datetime

import pytest
from django.urls import reverse

from tests.browser.conftest import VIEWPORTS
from tests.factories import (
    ActivityFactory,
    AgreementFactory,
    AgreementPartyFactory,
    AgreementProgramFactory,
    PartnerFactory,
)

TODAY = datetime.date.today()
LONG_SUBJECT = "Pendampingan reintegrasi sosial klien pemasyarakatan dan pembinaan kemandirian warga binaan di {}"
LONG_PARTNER = "Dinas Kependudukan dan Pencatatan Sipil Kabupaten Contoh Cabang Pelayanan Terpadu (contoh)"
PAGES = ["home", "agreements:list", "programs:activity_list"]

# For every table in <main>: what sticks out of its container, whether the container scrolls, and whether each
# row's status badge lies within the window's width.
MEASURE = """() => {
  const problems = [];
  const width = window.innerWidth;
  const page = document.documentElement.scrollWidth;
  if (page > width) problems.push(`page scrolls sideways: ${page}px`);
  for (const table of document.querySelectorAll("main table")) {
    const box = table.closest(".table-wrap") || table.parentElement;
    const edge = box.getBoundingClientRect();
    const scroll = box.scrollWidth - box.clientWidth;
    if (scroll > 1) problems.push(`${table.className} scrolls by ${scroll}px`);
    for (const element of table.querySelectorAll("*")) {
      const rect = element.getBoundingClientRect();
      if (rect.width && rect.right > edge.right + 1) {
        const text = element.textContent.trim().slice(0, 30);
        problems.push(`${element.tagName} "${text}" sticks out by ${Math.round(rect.right - edge.right)}px`);
        break;
      }
    }
    for (const badge of table.querySelectorAll(".status")) {
      const rect = badge.getBoundingClientRect();
      if (rect.right > width || rect.left < 0) problems.push(`status "${badge.textContent}" out of view`);
    }
  }
  return problems;
}"""


def days(n):
    return TODAY + datetime.timedelta(days=n)


@pytest.fixture
def long_rows(ditjenpas, kanwil_jateng, rutan_blora, rutan_kudus):
    partner = PartnerFactory(name=LONG_PARTNER)
    for unit in (ditjenpas, kanwil_jateng, rutan_blora, rutan_kudus):
        for label, fields in [
            ("belum berlaku", {"signed_on": days(-5), "starts_on": days(30), "ends_on": days(900)}),
            ("tidak aktif", {"signed_on": days(-400), "ends_on": days(40)}),
            ("berlaku", {"signed_on": days(-30), "ends_on": days(700)}),
        ]:
            agreement = AgreementFactory(
                unit=unit,
                subject=LONG_SUBJECT.format(f"{unit.name} ({label})"),
                number=f"W.13.PAS.PAS.1-UM.01.01-{agreement_count()}/Tahun/2026/Nomor-Panjang-Tanpa-Spasi",
                **fields,
            )
            AgreementPartyFactory(agreement=agreement, partner=partner)
            if label == "berlaku":
                ActivityFactory(
                    agreement_program=AgreementProgramFactory(agreement=agreement),
                    title="Pelatihan pengelolaan keuangan keluarga dan kewirausahaan bagi warga binaan",
                    starts_on=days(-3),
                )


_counter = iter(range(100, 10_000))


def agreement_count():
    return next(_counter)


@pytest.mark.parametrize("person", ["kepala_blora", "operator_kanwil_jateng", "operator_pusat"])
def test_main_tables_fit_and_show_the_status(page, live_server, login, request, person, long_rows, assert_accessible):
    login(request.getfixturevalue(person))
    problems = []
    for size_name, size in VIEWPORTS.items():
        page.set_viewport_size(size)
        for name in PAGES:
            page.goto(live_server.url + reverse(name))
            problems += [f"{size_name} {name}: {problem}" for problem in page.evaluate(MEASURE)]
            if name == "home":  # the dashboard's charts and units table, with a keyboard and a screen reader
                assert_accessible(page)
        page.goto(live_server.url + reverse("agreements:list") + "?status=not_yet_in_force")
        assert page.locator("main table .status").count() >= 1
        problems += [f"{size_name} not yet in force: {problem}" for problem in page.evaluate(MEASURE)]
    assert not problems, "\n".join(problems)
