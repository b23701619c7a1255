"""The downloadable import templates: Indonesian headers, one example row, and a sheet of the allowed values."""

import datetime

from django.utils.translation import gettext as _

from agreements.models import Agreement
from exchange import columns as c
from exchange.spreadsheets import xlsx_response
from partners.models import Partner
from programs.models import Program, TargetGroup
from units.models import Unit


def agreement_template(user):
    units = Unit.objects.all() if user.editable_unit_ids is None else Unit.objects.filter(pk__in=user.editable_unit_ids)
    unit_names = list(units.order_by("name").values_list("name", flat=True))
    programs = list(Program.objects.active().values_list("name", flat=True))
    headers = [header for header in c.AGREEMENT_HEADERS if header not in c.AGREEMENT_EXPORT_ONLY]
    example = {
        c.NUMBER: "W11.PAS.PAS.13-UM.01.01-123 (contoh)",
        c.KIND: str(Agreement.Kind.PKS.label),
        c.SUBJECT: _("Pembinaan kepribadian warga binaan (contoh)"),
        c.UNIT: unit_names[0] if unit_names else "",
        c.PARTNER: "Kantor Kementerian Agama Kabupaten Blora",
        c.PARTY_SIGNATORY: "Roziqun",
        c.PARTY_POSITION: _("Kepala Kantor"),
        c.OUR_SIGNATORY: "Budi Hardiono",
        c.OUR_POSITION: _("Kepala Rutan"),
        c.SIGNED_ON: datetime.date(2024, 12, 30),
        c.SIGNED_PLACE: "Blora",
        c.ENDS_ON: datetime.date(2027, 12, 30),
        c.PROGRAM: programs[0] if programs else "",
        c.TARGET_GROUP: str(TargetGroup.NARAPIDANA.label),
        c.TARGET_PARTICIPANTS: 50,
    }
    allowed = [
        (c.KIND, [str(label) for _value, label in Agreement.Kind.choices]),
        (c.UNIT, unit_names),
        (c.PROGRAM, programs),
        (c.TARGET_GROUP, [str(label) for _value, label in TargetGroup.choices]),
    ]
    return template_response("templat-impor-perjanjian.xlsx", headers, example, allowed)


def partner_template(user):
    headers = c.PARTNER_HEADERS
    example = {
        c.NAME: "Balai Latihan Kerja Kabupaten Contoh (contoh)",
        c.SHORT_NAME: "BLK",
        c.SECTOR: str(Partner.Sector.PEMERINTAH_DAERAH.label),
        c.LEVEL: str(Partner.Level.KABUPATEN_KOTA.label),
        c.PROVINCE: "Jawa Tengah",
        c.REGENCY: "Kabupaten Blora",
    }
    allowed = [
        (c.SECTOR, [str(label) for _value, label in Partner.Sector.choices]),
        (c.LEVEL, [str(label) for _value, label in Partner.Level.choices]),
    ]
    return template_response("templat-impor-mitra.xlsx", headers, example, allowed)


def template_response(filename, headers, example, allowed):
    longest = max(len(values) for _header, values in allowed)
    choices_rows = [c.shown_headers([header for header, _values in allowed])]
    for index in range(longest):
        choices_rows.append([values[index] if index < len(values) else "" for _header, values in allowed])
    note = [
        [_("Isi satu perjanjian per baris. Beberapa mitra atau program dalam satu sel: satu per baris (Alt+Enter).")],
        [_("Tanggal ditulis 30/12/2024, 30-12-2024, 30 Desember 2024, atau sebagai tanggal Excel.")],
        [],
    ]
    return xlsx_response(
        filename,
        note,
        c.shown_headers(headers),
        [[example.get(header, "") for header in headers]],
        sheet_title=_("Data"),
        extra_sheets=[(_("Pilihan yang diterima"), choices_rows)],
    )
