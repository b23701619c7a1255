"""The lists as spreadsheets: the same querysets and filters as the pages, one row per record, written as they
are read from the database (in chunks) so that 10,000 rows take no more memory than 1,000."""

from django.core.exceptions import PermissionDenied
from django.db.models import F, Prefetch
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_noop

from agreements.filters import filter_agreements
from agreements.models import Agreement, Status
from exchange import columns as c
from exchange.spreadsheets import csv_response, preamble_rows, xlsx_response
from monitoring.coverage import coverage, may_see_coverage
from monitoring.filters import PartnerFilter
from monitoring.register import applied_filters
from partners.models import Partner
from programs.filters import ActivityFilter
from programs.models import PARTICIPANT_GROUPS, Activity, AgreementProgram, TargetGroup

CHUNK = 1000


def lines(values):
    return c.LINE_BREAK.join("" if value is None else str(value) for value in values)


def date_lines(values):
    return lines(value.strftime("%d/%m/%Y") if value else "" for value in values)


def labels(choices):
    """{value: label} translated once per export rather than once per cell."""
    return {value: str(label) for value, label in choices}


def agreement_row(agreement, kinds, statuses, groups):
    parties = list(agreement.parties.all())
    programs = list(agreement.programs.all())
    return [
        agreement.number,
        kinds[agreement.kind],
        agreement.subject,
        agreement.unit.name,
        lines(party.partner.name for party in parties),
        lines(party.number for party in parties),
        lines(party.signatory_name for party in parties),
        lines(party.signatory_position for party in parties),
        agreement.our_signatory_name,
        agreement.our_signatory_position,
        agreement.signed_on,
        agreement.signed_place,
        agreement.signing_notes,
        agreement.starts_on,
        agreement.ends_on,
        statuses[agreement.status],
        lines(item.program.name for item in programs),
        lines(groups[item.target_group] for item in programs),
        lines(item.target_participants for item in programs),
        date_lines(item.starts_on for item in programs),
        date_lines(item.ends_on for item in programs),
        # One line per program: a line break inside a note would shift the programs below it.
        lines(" ".join(item.notes.split()) for item in programs),
        agreement.scope,
        agreement.objectives,
        agreement.legal_basis,
        agreement.funding_note,
        agreement.parent_number or "",
        agreement.renews_number or "",
        agreement.terminated_on,
        agreement.termination_reason,
    ]


def agreement_export(user, query):
    """(title, filters, headers, rows): the agreements list as `query` filters it, every column an import reads."""
    filterset = filter_agreements(user, query)
    programs = Prefetch("programs", queryset=AgreementProgram.objects.select_related("program").order_by("pk"))
    agreements = (
        filterset.qs.defer(None)
        .annotate(parent_number=F("parent__number"), renews_number=F("renews__number"))
        .prefetch_related(programs)
    )
    kinds, statuses, groups = labels(Agreement.Kind.choices), labels(Status.choices), labels(TargetGroup.choices)
    rows = (agreement_row(a, kinds, statuses, groups) for a in agreements.iterator(chunk_size=CHUNK))
    return _("Daftar Perjanjian Kerja Sama"), applied_filters(filterset), c.AGREEMENT_HEADERS, rows


def partner_export(user, query):
    in_force = Agreement.objects.for_user(user).in_force(timezone.localdate())
    partners = (
        Partner.objects.for_user(user)
        .annotate(parent_name=F("parent__name"))
        .with_agreement_count(in_force, name="agreements_in_force")
        .order_by("name", "pk")
    )
    filterset = PartnerFilter(query, queryset=partners, user=user)
    rows = (
        [
            partner.name,
            partner.short_name,
            partner.get_sector_display(),
            partner.get_level_display(),
            partner.parent_name or "",
            partner.province,
            partner.regency,
            partner.address,
            partner.phone,
            partner.email,
            partner.website,
            partner.agreements_in_force,
        ]
        for partner in filterset.qs.iterator(chunk_size=CHUNK)
    )
    return _("Direktori Mitra"), applied_filters(filterset), [*c.PARTNER_HEADERS, c.IN_FORCE_COUNT], rows


N_ = gettext_noop
ACTIVITY_HEADERS = [
    N_("Tanggal"), N_("Sampai tanggal"), N_("Nama kegiatan"), c.PROGRAM, N_("Kategori program"), N_("Perjanjian"),
    N_("Nomor perjanjian"), N_("Unit"), c.PARTNER, N_("Tempat"), N_("Narasumber/fasilitator mitra"),
    N_("Jabatan narasumber"),
    # The participant groups, in the order of PARTICIPANT_GROUPS.
    N_("Narapidana"), N_("Tahanan"), N_("Anak binaan"), N_("Klien pemasyarakatan"), N_("Petugas"),
    N_("Keluarga warga binaan"),
    N_("Jumlah peserta"), N_("Ringkasan"), N_("Dibatalkan"), N_("Alasan pembatalan"),
]  # fmt: skip


def activity_row(activity):
    agreement_program = activity.agreement_program
    agreement = agreement_program.agreement
    return [
        activity.starts_on,
        activity.ends_on,
        activity.title,
        agreement_program.program.name,
        agreement_program.program.category.name,
        agreement.subject,
        agreement.number,
        agreement.unit.name,
        lines(party.partner.name for party in agreement.parties.all()),
        activity.place,
        activity.facilitator_name,
        activity.facilitator_position,
        *[getattr(activity, group) for group in PARTICIPANT_GROUPS],
        activity.participants_total,
        activity.summary,
        activity.cancelled_on,
        activity.cancellation_reason,
    ]


def activity_export(user, query):
    activities = (
        Activity.objects.for_user(user)
        .select_related("agreement_program__program__category", "agreement_program__agreement__unit")
        .prefetch_related("agreement_program__agreement__parties__partner")
        .order_by("-starts_on", "-pk")
    )
    filterset = ActivityFilter(query, queryset=activities, user=user)
    rows = (activity_row(activity) for activity in filterset.qs.iterator(chunk_size=CHUNK))
    return _("Daftar Kegiatan"), applied_filters(filterset), ACTIVITY_HEADERS, rows


COVERAGE_HEADERS = [N_("Perjanjian"), N_("Nomor perjanjian"), c.PARTNER, N_("Unit pemilik"), N_("Kanwil atau UPT")]
COVERAGE_TOTALS = [N_("Sudah ditindaklanjuti"), N_("Jumlah unit")]


def coverage_export(user, query):
    """The coverage matrix as a table to count with: one row per national agreement and column of the page (a
    Kanwil, or a UPT of the Kanwil chosen), with the number of units at each stage."""
    if not may_see_coverage(user):
        raise PermissionDenied
    matrix = coverage(user, query)
    filters = [(label, value) for label, value in applied_filters(matrix["filter"]) if label != _("Kanwil")]
    if matrix["kanwil"]:
        filters.append((_("Kanwil"), matrix["kanwil"].name))
    states = matrix["states"]
    rows = (
        [
            row["agreement"].subject,
            row["agreement"].number,
            lines(party.partner.name for party in row["agreement"].parties.all()),
            row["agreement"].unit.name,
            cell["unit"].name,
            *[cell["counts"].get(state, 0) for state in states],
            cell["done"],
            cell["total"],
        ]
        for row in matrix["rows"]
        for cell in row["cells"]
        if cell["total"]
    )
    headers = [*COVERAGE_HEADERS, *(str(state.label) for state in states), *COVERAGE_TOTALS]
    return _("Cakupan Tindak Lanjut Perjanjian Nasional"), filters, headers, rows


EXPORTS = {
    "perjanjian": agreement_export,
    "mitra": partner_export,
    "kegiatan": activity_export,
    "cakupan": coverage_export,
}


def export_response(user, query, *, what, fmt):
    """The list `what` as filtered by `query`, as an .xlsx or a .csv download."""
    title, filters, headers, rows = EXPORTS[what](user, query)
    preamble = preamble_rows(title, filters, user)
    headers = c.shown_headers(headers)
    filename = f"{what}-{timezone.localdate():%Y%m%d}.{fmt}"
    if fmt == "csv":
        return csv_response(filename, preamble, headers, rows)
    return xlsx_response(filename, preamble, headers, rows, sheet_title=title)
