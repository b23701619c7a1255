"""The demo's heads' loop (verification, reminders), loaded after the agreements and activities.

`load_verification_demo()` is idempotent and self-contained:
- adds the officials who verify for Kanwil Jawa Tengah (`kepala.jateng`, a Kepala Bidang) and for Ditjenpas
  (`kepala.pusat`, a Direktur), password "sinergi-demo", role kepala of their unit;
- marks every demo agreement not yet verified as verified, as the migration did for agreements recorded before
  verification existed (the demo stands for a register that has been in use);
- then puts a few sample agreements in the loop, so each head has something to do: one Blora PKS waiting for
  kepala.blora, one returned by kepala.blora with a note for operator.blora to fix, one Kanwil agreement waiting
  for kepala.jateng and one national agreement waiting for kepala.pusat. The real cases (Blora PKS of
  30 Desember 2024, the ceremony of 1 Juli 2025) stay verified.
"""

from django.contrib.auth.hashers import make_password
from django.db import transaction

from agreements.models import Agreement, VerificationStep
from agreements.services import record_step
from agreements.verification import VerificationState
from units.models import Unit, User

PASSWORD = "sinergi-demo"  # nosec B105 # the demo accounts' published password (README), never a real account
HEADS = [
    # username, unit kind, unit name contains, first and last name, position
    (
        "kepala.jateng",
        Unit.Kind.KANWIL,
        "Jawa Tengah",
        "Kepala Bidang",
        "Pembinaan (contoh)",
        "Kepala Bidang Pembinaan",
    ),
    ("kepala.pusat", Unit.Kind.DITJENPAS, "", "Direktur", "Kerja Sama (contoh)", "Direktur Kerja Sama (contoh)"),
]
RETURN_NOTE = "Nomor pihak mitra belum diisi dan tanggal berakhir tidak sesuai naskah (contoh)."


def load_verification_demo(stdout=None):
    with transaction.atomic():
        heads = add_heads()
        if not VerificationStep.objects.exists():
            Agreement.objects.unverified().update(verification_state=VerificationState.VERIFIED)
            put_samples_in_the_loop(heads)
    if stdout is not None:
        stdout.write("Akun kepala untuk verifikasi: " + ", ".join(sorted(heads)) + ".")
    return heads


def add_heads():
    password = make_password(PASSWORD)
    heads = {}
    for username, kind, name_part, first_name, last_name, position in HEADS:
        unit = Unit.objects.filter(kind=kind, name__contains=name_part).order_by("pk").first()
        if unit is None:
            continue
        user, _created = User.objects.get_or_create(
            username=username,
            defaults={
                "password": password,
                "unit": unit,
                "role": User.Role.KEPALA,
                "first_name": first_name,
                "last_name": last_name,
                "position": position,
                "email": f"{username}@contoh.invalid",
            },
        )
        heads[username] = user
    return heads


def sample_of(unit):
    """A sample agreement of `unit` (subject marked "(contoh)"), newest first."""
    return Agreement.objects.filter(unit=unit, subject__contains="(contoh)").order_by("-signed_on", "-pk")


def put_samples_in_the_loop(heads):
    blora_head = User.objects.filter(username="kepala.blora").first()
    blora_operator = User.objects.filter(username="operator.blora").first()
    if blora_head and blora_operator:
        samples = list(sample_of(blora_head.unit)[:2])
        if samples:
            record_step(samples[0], action=VerificationStep.Action.SUBMITTED, user=blora_operator)
        if len(samples) > 1:
            record_step(samples[1], action=VerificationStep.Action.SUBMITTED, user=blora_operator)
            record_step(samples[1], action=VerificationStep.Action.RETURNED, user=blora_head, note=RETURN_NOTE)
    for username, operator_name in (("kepala.jateng", "kanwil.jateng"), ("kepala.pusat", "pusat")):
        head, operator = heads.get(username), User.objects.filter(username=operator_name).first()
        if head and operator:
            agreement = sample_of(head.unit).first()
            if agreement:
                record_step(agreement, action=VerificationStep.Action.SUBMITTED, user=operator)
