"""The back office's forms of personal reception (R16): offering times, booking for a citizen, cancelling."""

from __future__ import annotations

import datetime
from typing import TYPE_CHECKING, Any

from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from kezdesu.meetings.domain.queries.reception import free_slots
from kezdesu.meetings.domain.reception import REASON_MAX, SLOT_MINUTES, receiving_positions
from kezdesu.meetings.interfaces.reception_forms import CitizenDetailsForm
from kezdesu.meetings.models import Visit, VisitPart
from kezdesu.organisations.models import Position

if TYPE_CHECKING:
    _PositionField = forms.ModelChoiceField[Position]
else:  # Django's form fields take no type parameters at run time
    _PositionField = forms.ModelChoiceField


class PositionChoiceField(_PositionField):
    def label_from_instance(self, obj: Position) -> str:
        return f"{obj.title} — {obj.organisation.name}"


class SlotsForm(forms.Form):
    """Times cut into slots on the reception's day; `slot_times` gives `create_slots` its arguments."""

    position = PositionChoiceField(label=_("Official"), queryset=Position.objects.none())
    start = forms.TimeField(label=_("From"), widget=forms.TimeInput(attrs={"type": "time"}, format="%H:%M"))
    end = forms.TimeField(label=_("To"), widget=forms.TimeInput(attrs={"type": "time"}, format="%H:%M"))
    minutes = forms.IntegerField(
        label=_("Minutes per citizen"), min_value=SLOT_MINUTES[0], max_value=SLOT_MINUTES[1], initial=15
    )

    def __init__(self, *args: Any, visit: Visit, part: VisitPart, **kwargs: Any) -> None:
        if part.starts_at is not None and part.ends_at is not None:
            kwargs.setdefault(
                "initial",
                {
                    "start": timezone.localtime(part.starts_at).time(),
                    "end": timezone.localtime(part.ends_at).time(),
                    "minutes": 15,
                },
            )
        super().__init__(*args, **kwargs)
        self.part = part
        field = self.fields["position"]
        assert isinstance(field, forms.ModelChoiceField)
        field.queryset = Position.objects.filter(pk__in=[position.pk for position in receiving_positions(visit)])

    def slot_times(self) -> tuple[datetime.datetime, datetime.datetime]:
        assert self.part.starts_at is not None
        day = timezone.localtime(self.part.starts_at).date()
        zone = timezone.get_current_timezone()
        return (
            datetime.datetime.combine(day, self.cleaned_data["start"], tzinfo=zone),
            datetime.datetime.combine(day, self.cleaned_data["end"], tzinfo=zone),
        )


class OnBehalfForm(CitizenDetailsForm):
    reason = forms.CharField(
        label=_("Why you book on the citizen's behalf"),
        help_text=_("For example: phoned the akimat; came in person. Recorded with the booking."),
        max_length=REASON_MAX,
    )

    def __init__(self, *args: Any, visit: Visit, **kwargs: Any) -> None:
        super().__init__(*args, visit=visit, **kwargs)
        field = self.fields["slot"]
        assert isinstance(field, forms.ModelChoiceField)
        field.widget = forms.Select()
        field.empty_label = _("Choose a free time")
        field.queryset = free_slots(visit)  # sets the new widget's choices too


class StaffCancelForm(forms.Form):
    reason = forms.CharField(label=_("Reason for cancelling"), max_length=REASON_MAX)
