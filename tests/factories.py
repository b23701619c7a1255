import datetime
from io import BytesIO

import factory
from factory.django import DjangoModelFactory
from PIL import Image

from agreements.models import Agreement, AgreementDocument, AgreementParty
from partners.models import Contact, Partner
from programs.models import Activity, ActivityEvidence, AgreementProgram, Program, ProgramCategory, TargetGroup
from tests.pdftext import blank_pdf
from units.models import Unit, User

PASSWORD = "rahasia-uji-123"


class UnitFactory(DjangoModelFactory):
    class Meta:
        model = Unit
        django_get_or_create = ("name",)

    kind = Unit.Kind.RUTAN
    grade = Unit.Grade.IIB
    name = factory.Sequence(lambda n: f"Rutan Kelas IIB Uji {n}")
    regency = factory.Sequence(lambda n: f"Kabupaten Uji {n}")
    province = "Jawa Tengah"
    parent = None


class UserFactory(DjangoModelFactory):
    class Meta:
        model = User
        django_get_or_create = ("username",)

    username = factory.Sequence(lambda n: f"pengguna{n}")
    first_name = factory.Faker("first_name", locale="id_ID")
    password = factory.django.Password(PASSWORD)
    role = User.Role.OPERATOR
    is_staff = True


class PartnerFactory(DjangoModelFactory):
    class Meta:
        model = Partner

    name = factory.Sequence(lambda n: f"Mitra Uji {n}")
    sector = Partner.Sector.PENDIDIKAN
    level = Partner.Level.KABUPATEN_KOTA


class ContactFactory(DjangoModelFactory):
    class Meta:
        model = Contact

    partner = factory.SubFactory(PartnerFactory)
    name = factory.Sequence(lambda n: f"Kontak {n}")


class AgreementFactory(DjangoModelFactory):
    class Meta:
        model = Agreement

    kind = Agreement.Kind.PKS
    subject = factory.Sequence(lambda n: f"Perjanjian uji {n}")
    unit = factory.SubFactory(UnitFactory)
    signed_on = datetime.date(2025, 1, 6)
    signed_place = "Blora"
    our_signatory_name = "Budi Hardiono"
    our_signatory_position = "Kepala Rutan"
    ends_on = datetime.date(2027, 12, 31)
    # Records made for other features stand for agreements the head has already vouched for.
    verification_state = "verified"


class AgreementPartyFactory(DjangoModelFactory):
    class Meta:
        model = AgreementParty

    agreement = factory.SubFactory(AgreementFactory)
    partner = factory.SubFactory(PartnerFactory)
    signatory_name = "Roziqun"
    signatory_position = "Kepala Kantor"


class AgreementDocumentFactory(DjangoModelFactory):
    class Meta:
        model = AgreementDocument

    agreement = factory.SubFactory(AgreementFactory)
    file = factory.django.FileField(filename="naskah.pdf", data=blank_pdf())


class ProgramCategoryFactory(DjangoModelFactory):
    class Meta:
        model = ProgramCategory
        django_get_or_create = ("name",)

    name = "Pembinaan kepribadian"


class ProgramFactory(DjangoModelFactory):
    class Meta:
        model = Program
        django_get_or_create = ("category", "name")

    category = factory.SubFactory(ProgramCategoryFactory)
    name = factory.Sequence(lambda n: f"Program uji {n}")


class AgreementProgramFactory(DjangoModelFactory):
    class Meta:
        model = AgreementProgram

    agreement = factory.SubFactory(AgreementFactory)
    program = factory.SubFactory(ProgramFactory)
    target_group = TargetGroup.NARAPIDANA
    target_participants = 50


def png_bytes(size=(40, 30), color=(30, 90, 160)):
    """A real, tiny PNG image."""
    buffer = BytesIO()
    Image.new("RGB", size, color).save(buffer, format="PNG")
    return buffer.getvalue()


class ActivityFactory(DjangoModelFactory):
    class Meta:
        model = Activity

    agreement_program = factory.SubFactory(AgreementProgramFactory)
    starts_on = datetime.date(2025, 2, 14)
    title = factory.Sequence(lambda n: f"Kegiatan uji {n}")
    place = "Aula Rutan"
    facilitator_name = "Ahmad Sholeh"
    narapidana = 25


class ActivityEvidenceFactory(DjangoModelFactory):
    class Meta:
        model = ActivityEvidence

    activity = factory.SubFactory(ActivityFactory)
    kind = ActivityEvidence.Kind.PHOTO
    original_name = "foto-kegiatan.png"
    file = factory.django.FileField(filename="bukti.png", data=png_bytes())
    thumbnail = factory.django.FileField(filename="thumb.png", data=png_bytes((16, 12)))
