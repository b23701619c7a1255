"""Demo activities: what was done under the demo agreements' programs (called by `agreements.demo.load`).

The sources say only that the Blora PKS was to be carried out from early 2025 through bimbingan keagamaan,
pelatihan rohani and pendampingan moral; every date, count and facilitator here is invented and marked "(contoh)".
Around it, a spread over the sample agreements: most active, some that stopped, some that never started, so
that the dormant flag ("tidak aktif") has something to show.
"""

import random
from datetime import date, timedelta
from io import BytesIO

from django.conf import settings
from django.core.files.base import ContentFile
from PIL import Image, ImageDraw, ImageFont
from simple_history.utils import bulk_create_with_history

from agreements.models import IN_FORCE_STATUSES
from programs.evidence import CheckedUpload
from programs.models import PARTICIPANT_GROUPS, Activity, ActivityEvidence, AgreementProgram, TargetGroup
from programs.services import add_evidence
from units.models import User

SAMPLE = "(contoh)"
SEED = 2025
BLORA = "Rutan Kelas IIB Blora"
BLORA_SIGNED_ON = date(2024, 12, 30)
SAMPLE_NOTE = f"Tanggal, jumlah peserta dan narasumber {SAMPLE}: tidak berasal dari sumber berita."
SAMPLE_PHOTOS = 4  # the latest Blora activities get a generated "photo", to show thumbnails

# Blora PKS: (program, title, how often in months, first month offset, days, narapidana, tahanan)
BLORA_PLAN = {
    "Bimbingan keagamaan": ("Bimbingan keagamaan: kajian rutin dan bimbingan ibadah", 1, 0, 1, (18, 32), (4, 12)),
    "Pelatihan rohani": ("Pelatihan rohani: baca tulis Al-Qur'an", 3, 1, 3, (10, 20), (0, 6)),
    "Pendampingan moral": ("Pendampingan moral dan konseling", 2, 0, 1, (0, 4), (8, 18)),
}
BLORA_FACILITATORS = [
    ("Ahmad Sholeh " + SAMPLE, "Penyuluh Agama Islam, Kantor Kementerian Agama Kabupaten Blora " + SAMPLE),
    ("Siti Maemunah " + SAMPLE, "Penyuluh Agama Islam, Kantor Kementerian Agama Kabupaten Blora " + SAMPLE),
]

TITLES = {
    "Bimbingan keagamaan": ["Kajian keagamaan rutin", "Bimbingan ibadah", "Ceramah keagamaan"],
    "Pelatihan rohani": ["Pesantren kilat", "Pelatihan baca tulis kitab suci", "Pembinaan rohani terjadwal"],
    "Pendampingan moral": ["Konseling kelompok", "Pendampingan perilaku"],
    "Kesadaran berbangsa dan bernegara": ["Penyuluhan hukum", "Wawasan kebangsaan"],
    "Pendidikan dan literasi": ["Kelas pendidikan kesetaraan", "Kelas literasi", "Pojok baca bersama"],
    "Pelatihan keterampilan": ["Pelatihan menjahit", "Pelatihan las dasar", "Pelatihan tata boga"],
    "Kegiatan produksi dan kewirausahaan": ["Pelatihan kewirausahaan", "Pameran hasil karya"],
    "Tabungan dan rekening warga binaan": ["Pembukaan rekening tabungan", "Layanan tabungan keliling"],
    "Literasi keuangan": ["Edukasi literasi keuangan", "Kelas pengelolaan keuangan keluarga"],
    "Transaksi nontunai": ["Sosialisasi pembayaran nontunai", "Pendampingan transaksi nontunai"],
    "Pelatihan petugas": ["Bimbingan teknis petugas", "Diklat petugas"],
    "Pendidikan lanjut petugas": ["Sosialisasi beasiswa petugas", "Seleksi tugas belajar"],
    "Reintegrasi sosial": ["Pendampingan reintegrasi klien", "Temu keluarga dan klien"],
    "Akses permodalan dan penyaluran kerja": ["Bursa kerja bagi klien", "Sosialisasi akses permodalan"],
    "Layanan kesehatan": ["Pemeriksaan kesehatan berkala", "Penyuluhan kesehatan", "Skrining tuberkulosis"],
    "Rehabilitasi narkotika": ["Sesi rehabilitasi sosial", "Konseling adiksi"],
    "Teknologi dan sistem informasi": ["Pelatihan aplikasi layanan", "Pemeliharaan jaringan layanan"],
}
CANCEL_REASON = f"Salah catat: kegiatan yang sama sudah tercatat sebelumnya {SAMPLE}."
FIRST_NAMES = ["Ahmad", "Dewi", "Hendra", "Indah", "Joko", "Kartika", "Lukman", "Mega", "Rudi", "Tuti"]
MONTH_NAMES = [
    "Januari", "Februari", "Maret", "April", "Mei", "Juni",
    "Juli", "Agustus", "September", "Oktober", "November", "Desember",
]  # fmt: skip
LAST_NAMES = ["Pratama", "Lestari", "Gunawan", "Puspita", "Syahputra", "Anggraini", "Hakim", "Rahayu"]


def add_months(day, months):
    month = day.month - 1 + months
    return date(day.year + month // 12, month % 12 + 1, min(day.day, 28))


def last_day_in_force(agreement):
    last = agreement.ends_on
    if agreement.terminated_on:
        last = min(last, agreement.terminated_on - timedelta(days=1))
    return last


class ActivityBuilder:
    def __init__(self, today):
        self.today = today
        self.rng = random.Random(SEED)
        self.dormant_days = settings.SINERGI_DORMANT_DAYS
        self.operators = {
            user.unit_id: user for user in User.objects.filter(role=User.Role.OPERATOR, unit__isnull=False)
        }
        self.admin = User.objects.filter(is_superuser=True).order_by("pk").first()
        self.activities = []

    def creator(self, unit_id):
        return self.operators.get(unit_id, self.admin)

    def person(self):
        return f"{self.rng.choice(FIRST_NAMES)} {self.rng.choice(LAST_NAMES)} {SAMPLE}"

    def add(self, item, starts_on, title, **fields):
        agreement = item.agreement
        user = self.creator(agreement.unit_id)
        activity = Activity(
            agreement_program=item,
            unit_id=agreement.unit_id,
            starts_on=starts_on,
            title=title,
            place=fields.pop("place", f"Aula {agreement.unit.name}"),
            summary=fields.pop("summary", SAMPLE_NOTE),
            created_by=user,
            **fields,
        )
        activity._history_user = user
        self.activities.append(activity)

    def blora(self, programs):
        """The Blora PKS: regular sessions from January 2025, as the signing announced."""
        for item in programs:
            plan = BLORA_PLAN.get(item.program.name)
            if plan is None:
                continue
            title, every, offset, days, narapidana, tahanan = plan
            last = min(self.today, last_day_in_force(item.agreement))
            month = add_months(date(2025, 1, 1), offset)
            session = 0
            while True:
                day = month + timedelta(days=self.rng.randint(8, 20))
                ends_on = day + timedelta(days=days - 1) if days > 1 else None
                if (ends_on or day) > last:
                    break
                session += 1
                name, position = BLORA_FACILITATORS[session % len(BLORA_FACILITATORS)]
                self.add(
                    item,
                    day,
                    f"{title}, {MONTH_NAMES[day.month - 1]} {day.year}",
                    ends_on=ends_on,
                    place="Masjid dan aula Rutan Kelas IIB Blora",
                    facilitator_name=name,
                    facilitator_position=position,
                    narapidana=self.rng.randint(*narapidana),
                    tahanan=self.rng.randint(*tahanan),
                    petugas=self.rng.randint(1, 3),
                    summary=(
                        "Pelaksanaan PKS dengan Kantor Kementerian Agama Kabupaten Blora, mulai awal tahun 2025. "
                        + SAMPLE_NOTE
                    ),
                )
                month = add_months(month, every)

    def participants(self, item):
        group = item.target_group
        counts = {group: self.rng.randint(8, 45)}
        if group not in (TargetGroup.PETUGAS, TargetGroup.KELUARGA) and self.rng.random() < 0.4:
            counts[TargetGroup.PETUGAS] = self.rng.randint(1, 4)
        return counts

    def sample(self, agreement, programs):
        """Sample agreements: most carry on, some stopped after a while, some never started (dormant)."""
        start = agreement.effective_start
        if start is None or start > self.today or not programs:
            return
        last = min(self.today, last_day_in_force(agreement))
        fate = self.rng.choices(["active", "stopped", "never"], weights=[76, 12, 12])[0]
        if fate == "never":
            return
        if fate == "stopped":
            # Nothing for well over the dormant period before today (or before the end).
            last = min(last, self.today - timedelta(days=self.dormant_days + self.rng.randint(20, 200)))
        if last < start:
            return
        facilitator = (self.person(), f"Narasumber dari mitra {SAMPLE}")
        span = (last - start).days
        count = max(1, min(10, span // 45 + self.rng.randint(0, 2)))
        days = sorted(self.rng.sample(range(span + 1), min(count, span + 1)))
        if fate == "active" and agreement.status_on(self.today) in IN_FORCE_STATUSES:
            # A lively partnership has something recent.
            days[-1] = max(days[-1], span - self.rng.randint(0, min(span, 40)))
        for offset in days:
            item = self.rng.choice(programs)
            options = TITLES.get(item.program.name, [item.program.name])
            self.add(
                item,
                start + timedelta(days=offset),
                f"{self.rng.choice(options)} {SAMPLE}",
                facilitator_name=facilitator[0],
                facilitator_position=facilitator[1],
                **self.participants(item),
            )
        if self.rng.random() < 0.05:
            duplicate = self.activities[-1]
            self.add(
                duplicate.agreement_program,
                duplicate.starts_on,
                duplicate.title,
                facilitator_name=duplicate.facilitator_name,
                cancelled_on=self.today,
                cancellation_reason=CANCEL_REASON,
                **{group: getattr(duplicate, group) for group in PARTICIPANT_GROUPS},
            )

    def build(self):
        programs = {}
        rows = AgreementProgram.objects.select_related("agreement__unit", "program").order_by("agreement_id", "pk")
        for item in rows:
            programs.setdefault(item.agreement, []).append(item)
        for agreement, items in programs.items():
            is_blora = agreement.unit.name == BLORA and agreement.signed_on == BLORA_SIGNED_ON
            if is_blora:
                self.blora(items)
            else:
                self.sample(agreement, items)
        bulk_create_with_history(self.activities, Activity, default_user=self.admin, batch_size=500)
        self.sample_photos()
        return len(self.activities)

    def sample_photos(self):
        latest = (
            Activity.objects.filter(
                agreement_program__agreement__unit__name=BLORA,
                agreement_program__agreement__signed_on=BLORA_SIGNED_ON,
            )
            .select_related("agreement_program__agreement")
            .order_by("-starts_on")[:SAMPLE_PHOTOS]
        )
        for number, activity in enumerate(latest, start=1):
            upload = ContentFile(sample_photo(activity.title, number), name=f"foto-contoh-{number}.png")
            user = self.creator(activity.agreement_program.agreement.unit_id)
            add_evidence(
                activity=activity,
                uploads=[CheckedUpload(upload, ActivityEvidence.Kind.PHOTO, "png", f"foto-contoh-{number}.png")],
                user=user,
            )


def sample_photo(caption, seed):
    """A stand-in for a photo: a coloured picture saying it is a sample."""
    image = Image.new("RGB", (800, 600), (70 + 30 * seed % 120, 110, 150 - 20 * seed % 80))
    draw = ImageDraw.Draw(image)
    draw.rectangle((40, 380, 760, 560), fill=(255, 255, 255))
    font = ImageFont.load_default(size=36)
    draw.text((70, 410), "FOTO CONTOH " + SAMPLE, fill=(15, 42, 74), font=font)
    draw.text((70, 470), caption[:38], fill=(60, 60, 60), font=ImageFont.load_default(size=26))
    buffer = BytesIO()
    image.save(buffer, format="PNG")
    return buffer.getvalue()


def load_activities(today):
    """Create the demo activities; returns how many."""
    return ActivityBuilder(today).build()
