"""A visit's agenda with the presentation's share (R15), and its publicity and coordination tasks (R12, R13, R18)."""

from typing import Any

from django.utils.translation import gettext as _
from rest_framework import serializers

from kezdesu.api.serializers.i18n import TranslatedField
from kezdesu.meetings.domain.agenda import MAX_ITEMS, MAX_MINUTES, TITLE_LENGTH
from kezdesu.meetings.models import AgendaItem, VisitTask


class AgendaEntrySerializer(serializers.Serializer[Any]):
    order = serializers.IntegerField(read_only=True, help_text="1, 2, 3… in the order given.")
    kind = serializers.ChoiceField(choices=AgendaItem.Kind.choices)
    title_kk = serializers.CharField(max_length=TITLE_LENGTH, required=False, allow_blank=True, default="")
    title_ru = serializers.CharField(max_length=TITLE_LENGTH, required=False, allow_blank=True, default="")
    title_en = serializers.CharField(max_length=TITLE_LENGTH, required=False, allow_blank=True, default="")
    speaker = serializers.CharField(max_length=TITLE_LENGTH, required=False, allow_blank=True, default="")
    planned_minutes = serializers.IntegerField(min_value=1, max_value=MAX_MINUTES)


class AgendaShareSerializer(serializers.Serializer[Any]):
    presentation_minutes = serializers.IntegerField()
    total_minutes = serializers.IntegerField()
    percent = serializers.CharField(help_text="The presentation's share in per cent, as shown in the office.")
    max_share = serializers.DecimalField(
        max_digits=3, decimal_places=2, help_text="The share allowed by the regulation profile in force (0.25)."
    )
    allowed_minutes = serializers.IntegerField(help_text="The most minutes the presentation may take.")
    within = serializers.BooleanField()


class AgendaSerializer(serializers.Serializer[Any]):
    visit = serializers.IntegerField()
    part = serializers.IntegerField(help_text="The id of the visit's meeting with the population.")
    part_minutes = serializers.IntegerField(allow_null=True, help_text="The meeting's length, if its times are set.")
    share = AgendaShareSerializer()
    items = AgendaEntrySerializer(many=True)


class AgendaWriteSerializer(serializers.Serializer[Any]):
    items = AgendaEntrySerializer(many=True, help_text="The whole agenda, in order.")

    def validate_items(self, items: list[dict[str, Any]]) -> list[dict[str, Any]]:
        if len(items) > MAX_ITEMS:
            raise serializers.ValidationError(_("An agenda has at most %(count)s items.") % {"count": MAX_ITEMS})
        return items


class VisitTaskSerializer(serializers.ModelSerializer[VisitTask]):
    title = TranslatedField("title")
    # Plain text here, the enum in TaskChange: one component per set of choices keeps the schema's names clear.
    status = serializers.CharField(read_only=True, help_text="todo, in_progress, done or not_needed.")
    overdue = serializers.SerializerMethodField()

    class Meta:
        model = VisitTask
        fields = ["id", "code", "responsible", "title", "source", "due_date", "status", "note", "overdue"]
        read_only_fields = fields

    def get_overdue(self, task: VisitTask) -> bool:
        return bool(self.context.get("overdue", {}).get(task.pk, False))


class TaskChangeSerializer(serializers.Serializer[Any]):
    code = serializers.CharField(help_text="The task's code, e.g. venue, national_media.")
    status = serializers.ChoiceField(choices=VisitTask.Status.choices)
    note = serializers.CharField(
        required=False, allow_blank=True, max_length=2000, help_text="Left as it is if absent."
    )


class TaskChangesSerializer(serializers.Serializer[Any]):
    tasks = TaskChangeSerializer(many=True)

    def validate_tasks(self, tasks: list[dict[str, Any]]) -> list[dict[str, Any]]:
        if not tasks:
            raise serializers.ValidationError(_("Name at least one task."))
        return tasks
