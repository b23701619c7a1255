"""What the read API hands out for each record: the facts a page shows, ids for links between records, and the
derived status with its label."""

from rest_framework import serializers

from agreements.models import Agreement, AgreementParty, FollowUp, Status
from partners.models import Partner
from programs.models import Activity, AgreementProgram, Program


class PartnerSerializer(serializers.ModelSerializer):
    sector_label = serializers.CharField(source="get_sector_display", read_only=True)
    level_label = serializers.CharField(source="get_level_display", read_only=True)

    class Meta:
        model = Partner
        fields = [
            "id", "name", "short_name", "sector", "sector_label", "level", "level_label", "parent", "province",
            "regency", "address", "phone", "email", "website",
        ]  # fmt: skip


class ProgramSerializer(serializers.ModelSerializer):
    category_name = serializers.CharField(source="category.name", read_only=True)

    class Meta:
        model = Program
        fields = ["id", "name", "category", "category_name", "description", "is_active"]


class UnitSummarySerializer(serializers.Serializer):
    id = serializers.IntegerField()
    name = serializers.CharField()


class PartySerializer(serializers.ModelSerializer):
    partner_name = serializers.CharField(source="partner.name", read_only=True)

    class Meta:
        model = AgreementParty
        fields = ["partner", "partner_name", "number", "signatory_name", "signatory_position"]


class AgreementProgramSerializer(serializers.ModelSerializer):
    program_name = serializers.CharField(source="program.name", read_only=True)

    class Meta:
        model = AgreementProgram
        fields = ["id", "program", "program_name", "target_group", "target_participants", "starts_on", "ends_on"]


class AgreementSerializer(serializers.ModelSerializer):
    kind_label = serializers.CharField(source="get_kind_display", read_only=True)
    unit = UnitSummarySerializer(read_only=True)
    status = serializers.ChoiceField(choices=Status.choices, read_only=True)
    status_label = serializers.SerializerMethodField()
    parties = PartySerializer(many=True, read_only=True)
    programs = AgreementProgramSerializer(many=True, read_only=True)

    class Meta:
        model = Agreement
        fields = [
            "id", "kind", "kind_label", "number", "subject", "unit", "status", "status_label", "our_signatory_name",
            "our_signatory_position", "signed_on", "signed_place", "starts_on", "ends_on", "terminated_on",
            "termination_reason", "parent", "renews", "scope", "objectives", "parties", "programs",
        ]  # fmt: skip

    def get_status_label(self, agreement) -> str:
        return str(agreement.status.label)


class ActivitySerializer(serializers.ModelSerializer):
    agreement = serializers.IntegerField(source="agreement_program.agreement_id", read_only=True)
    program = serializers.IntegerField(source="agreement_program.program_id", read_only=True)
    program_name = serializers.CharField(source="agreement_program.program.name", read_only=True)
    participants_total = serializers.IntegerField(read_only=True)

    class Meta:
        model = Activity
        fields = [
            "id", "agreement", "agreement_program", "program", "program_name", "starts_on", "ends_on", "title",
            "place", "facilitator_name", "facilitator_position", "narapidana", "tahanan", "anak_binaan", "klien",
            "petugas", "keluarga", "participants_total", "summary", "cancelled_on", "cancellation_reason",
        ]  # fmt: skip


class FollowUpSerializer(serializers.ModelSerializer):
    agreement_subject = serializers.CharField(source="agreement.subject", read_only=True)
    unit = UnitSummarySerializer(read_only=True)
    state_label = serializers.CharField(source="get_state_display", read_only=True)

    class Meta:
        model = FollowUp
        fields = [
            "id", "agreement", "agreement_subject", "unit", "state", "state_label", "not_relevant_reason", "note",
            "updated_at",
        ]  # fmt: skip
