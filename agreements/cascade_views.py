"""Pages of the national cascade: registering a signing ceremony, its page and files, asking units to follow a
national agreement up, and a unit's follow-up."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import FileResponse, Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.functional import SimpleLazyObject
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from agreements.cascade_forms import CascadeForm, CeremonyFormSet, FollowUpForm, FollowUpStepForm, SigningEventForm
from agreements.models import Agreement, FollowUp, FollowUpState, SigningEvent, SigningEventFile
from agreements.services import cascade_follow_ups, save_ceremony
from partners.models import Partner
from sinergi.history import history_entries
from units.models import Unit


def readable_events(user):
    """An event is read by whoever reads one of its agreements, and by the unit that held it."""
    readable = Agreement.objects.for_user(user).filter(signing_event__isnull=False).values("signing_event_id")
    events = SigningEvent.objects.all()
    if user.visible_unit_ids is None:
        return events
    return events.filter(pk__in=readable) | events.filter(unit_id__in=user.visible_unit_ids)


@login_required
def event_create(request):
    user = request.user
    if not (user.can_edit_own_unit and user.unit_id):
        raise PermissionDenied
    posted = request.method == "POST"
    event_form = SigningEventForm(request.POST if posted else None, request.FILES if posted else None)
    rows = CeremonyFormSet(request.POST if posted else None, prefix="rows", event_form=event_form, unit=user.unit)
    if posted and event_form.is_valid() and rows.is_valid():
        event = save_ceremony(event_form=event_form, rows=rows.filled, user=user)
        messages.success(
            request,
            _("Acara “%(name)s” tersimpan dengan %(count)s perjanjian.") % {"name": event, "count": len(rows.filled)},
        )
        return redirect(event)
    return render(
        request,
        "agreements/event_form.html",
        {
            "event_form": event_form,
            "rows": rows,
            "row_errors": rows.row_errors() if posted else [],
            "files_lost": posted and bool(request.FILES.getlist("files")) and "files" not in event_form.errors,
        },
    )


@login_required
def event_detail(request, pk):
    event = get_object_or_404(readable_events(request.user).select_related("unit"), pk=pk)
    agreements = (
        Agreement.objects.for_user(request.user)
        .filter(signing_event=event)
        .with_status()
        .prefetch_related("parties__partner")
        .order_by("pk")
    )
    return render(
        request,
        "agreements/event_detail.html",
        {"event": event, "agreements": agreements, "files": event.files.all()},
    )


@login_required
def event_file(request, pk):
    stored = get_object_or_404(SigningEventFile.objects.filter(event__in=readable_events(request.user)), pk=pk)
    try:
        handle = stored.file.open("rb")
    except (FileNotFoundError, ValueError) as missing:
        raise Http404(_("Berkas tidak ditemukan di penyimpanan.")) from missing
    return FileResponse(handle, content_type=stored.content_type, filename=stored.original_name or "berkas")


@require_POST
@login_required
def cascade(request, pk):
    """Name the units that follow a national or regional agreement up; units already asked are left as they are."""
    agreement = get_object_or_404(Agreement.objects.for_user(request.user).select_related("unit"), pk=pk)
    if agreement.unit.kind not in (Unit.Kind.DITJENPAS, Unit.Kind.KANWIL):
        raise Http404(_("Hanya perjanjian Ditjenpas atau Kanwil yang diteruskan ke unit."))
    if not request.user.can_edit_unit_records(agreement.unit_id):
        raise PermissionDenied
    form = CascadeForm(request.POST, agreement=agreement)
    if not form.is_valid():
        return render(request, "agreements/cascade_form.html", {"agreement": agreement, "form": form}, status=400)
    created = cascade_follow_ups(agreement=agreement, units=form.unit_ids(), user=request.user)
    messages.success(request, _("%(count)s unit diminta menindaklanjuti perjanjian ini.") % {"count": len(created)})
    return redirect(f"{agreement.get_absolute_url()}#tindak-lanjut")


@login_required
def follow_up(request, pk):
    """A unit's follow-up of a national agreement: its operator moves it along in one step."""
    user = request.user
    item = get_object_or_404(FollowUp.objects.for_user(user).select_related("agreement", "unit"), pk=pk)
    can_edit = user.can_edit_unit_records(item.unit_id)
    # The home page posts the state alone ("step"); the follow-up's page posts the whole form.
    form_class = FollowUpStepForm if "step" in request.POST else FollowUpForm
    form = form_class(request.POST if request.method == "POST" else None, instance=item)
    if request.method == "POST":
        if not can_edit:
            raise PermissionDenied
        if form.is_valid():
            form.save()
            messages.success(request, _("Tindak lanjut diperbarui: %(state)s.") % {"state": item.get_state_display()})
            back = request.POST.get("next", "")
            safe = url_has_allowed_host_and_scheme(back, allowed_hosts={request.get_host()})
            return redirect(back if back and safe else item)
    history = item.history.select_related("history_user").order_by("history_date", "history_id")
    return render(
        request,
        "agreements/follow_up.html",
        {
            "item": item,
            "form": form,
            "can_edit": can_edit,
            "local_agreements": item.local_agreements().with_status().select_related("unit"),
            "history": history_entries(history, describe_follow_up_change)[::-1],
        },
    )


def describe_follow_up_change(record, action):
    if action == "created":
        return _("Diteruskan ke unit")
    return _("Tindak lanjut diperbarui: %(state)s.") % {"state": record.get_state_display()}


@require_POST
@login_required
def local_office(request, pk, partner_pk):
    """Add the partner's local office for the user's unit to the directory (a child entry under the national
    partner), then go back to recording the derived PKS, which now suggests it."""
    user = request.user
    parent = get_object_or_404(Agreement.objects.for_user(user), pk=pk)
    partner = get_object_or_404(Partner.objects.filter(agreement_parties__agreement=parent), pk=partner_pk)
    if not (user.can_edit_partners and user.unit_id and parent.takes_child_pks_of(user.unit)):
        raise PermissionDenied
    office, created = local_office_of(partner, user.unit)
    if created:
        messages.success(request, _("Kantor “%(name)s” ditambahkan ke direktori mitra.") % {"name": office.name})
    return redirect("agreements:create_child", pk=parent.pk, kind=Agreement.Kind.PKS)


def local_office_of(partner, unit):
    """The partner's office in the unit's regency: the one in the directory, or a new child entry."""
    office = partner.branches.filter(regency=unit.regency).first() if unit.regency else None
    if office is not None:
        return office, False
    place = unit.regency.removeprefix("Kabupaten ").removeprefix("Kota ") or unit.name
    office = Partner.objects.similar_to(f"{partner.name} {place}").filter(parent=partner).first()
    if office is not None:
        return office, False
    office = Partner.objects.create(
        name=f"{partner.name} {place}",
        parent=partner,
        sector=partner.sector,
        level=Partner.Level.KABUPATEN_KOTA,
        regency=unit.regency,
        province=unit.province,
    )
    return office, True


def local_parties(parent, unit):
    """The parent's partners as rows of a derived PKS, each replaced by its local office in `unit`'s regency when
    the directory has one; and the partners that have none there yet (offered to be added)."""
    rows, missing = [], []
    for party in parent.parties.select_related("partner").order_by("order", "pk"):
        partner = party.partner
        office = partner.branches.filter(regency=unit.regency).first() if unit and unit.regency else None
        rows.append({"partner": office or partner})
        if office is None and unit is not None:
            missing.append(partner)
    return rows, missing


def follow_up_context(user, agreement):
    """What an agreement's page shows of its cascade: counts and units per state, the user's own follow-up, and
    the form that names further units (for the agreement's own operators)."""
    national = agreement.unit.kind in (Unit.Kind.DITJENPAS, Unit.Kind.KANWIL)
    follow_ups = FollowUp.objects.for_user(user).filter(agreement=agreement).select_related("unit")
    items = list(follow_ups) if national else []
    by_state = [(state, [item for item in items if item.state == state]) for state in FollowUpState]
    can_cascade = national and user.can_edit_unit_records(agreement.unit_id)
    return {
        "is_national": national,
        "follow_ups_by_state": [(state, rows) for state, rows in by_state if rows],
        "follow_up_total": len(items),
        "my_follow_up": next((item for item in items if item.unit_id == user.unit_id), None),
        "can_cascade": can_cascade,
        # Built only when the page's cached copy of its fields has expired (agreements/_cascade_form.html).
        "cascade_form": SimpleLazyObject(lambda: CascadeForm(agreement=agreement)) if can_cascade else None,
    }
