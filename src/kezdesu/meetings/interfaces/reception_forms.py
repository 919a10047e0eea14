"""Forms of personal reception (R16): the citizen's booking and cancelling, shared by the portal and the office.

The forms check what they can show next to a field (the IIN, the phone); the domain functions check
everything again, and `show_domain_error` puts their refusal next to the field it is about.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING, Any

from django import forms
from django.core.exceptions import ValidationError
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from kezdesu.core.errors import DomainError
from kezdesu.meetings.domain.iin import validate_iin
from kezdesu.meetings.domain.phone import normalise_phone
from kezdesu.meetings.domain.queries.reception import slots_of_visit
from kezdesu.meetings.domain.reception import FULL_NAME_MAX, TOPIC_MAX
from kezdesu.meetings.models import ReceptionSlot, Visit

FIELD_OF_CODE = {
    "iin_format": "iin",
    "iin_date": "iin",
    "iin_century": "iin",
    "iin_future": "iin",
    "iin_checksum": "iin",
    "already_booked": "iin",
    "phone": "phone",
    "full_name": "full_name",
    "topic": "topic",
    "consent": "consent",
    "reason": "reason",
    "slot_taken": "slot",
}


def show_domain_error(form: forms.Form, error: DomainError) -> None:
    """The refusal next to its field when the form has it, else at the top of the form."""
    field = FIELD_OF_CODE.get(error.code)
    form.add_error(field if field in form.fields else None, str(error.message))


def _domain_check(check: Callable[[str], str], value: str) -> str:
    try:
        return check(value)
    except DomainError as error:
        raise ValidationError(str(error.message), code=error.code) from None


if TYPE_CHECKING:
    _SlotField = forms.ModelChoiceField[ReceptionSlot]
else:  # Django's form fields take no type parameters at run time
    _SlotField = forms.ModelChoiceField


class SlotChoiceField(_SlotField):
    def label_from_instance(self, obj: ReceptionSlot) -> str:
        return f"{obj.position.title}, {timezone.localtime(obj.starts_at):%H:%M}"


class CitizenDetailsForm(forms.Form):
    """What a booking asks of the citizen. Field names match `book_slot`'s arguments."""

    slot = SlotChoiceField(
        label=_("Time"),
        queryset=ReceptionSlot.objects.none(),
        widget=forms.RadioSelect,
        error_messages={
            "required": _("Choose a time."),
            "invalid_choice": _("This time is no longer offered. Choose another one."),
        },
    )
    full_name = forms.CharField(
        label=_("Surname, name and patronymic"),
        max_length=FULL_NAME_MAX,
        widget=forms.TextInput(attrs={"autocomplete": "name"}),
    )
    iin = forms.CharField(
        label=_("IIN"),
        help_text=_("The individual identification number: 12 digits, as in the identity card."),
        max_length=20,
        widget=forms.TextInput(attrs={"inputmode": "numeric", "autocomplete": "off", "spellcheck": "false"}),
    )
    phone = forms.CharField(
        label=_("Phone"),
        help_text=_("+7 and ten digits. You are called on it if the time changes."),
        max_length=30,
        widget=forms.TextInput(attrs={"type": "tel", "autocomplete": "tel"}),
    )
    topic = forms.CharField(
        label=_("What you want to raise"),
        max_length=TOPIC_MAX,
        widget=forms.Textarea(attrs={"rows": 4}),
    )

    def __init__(self, *args: Any, visit: Visit, **kwargs: Any) -> None:
        # The meeting page holds other concerns' forms too: ids of our own keep every label on its field.
        kwargs.setdefault("auto_id", "reception-%s")
        super().__init__(*args, **kwargs)
        # Every slot of the visit, taken or not: a slot taken meanwhile gets the domain's clear refusal.
        slot_field = self.fields["slot"]
        assert isinstance(slot_field, forms.ModelChoiceField)
        slot_field.queryset = slots_of_visit(visit)

    def clean_iin(self) -> str:
        return _domain_check(validate_iin, self.cleaned_data["iin"])

    def clean_phone(self) -> str:
        return _domain_check(normalise_phone, self.cleaned_data["phone"])


class BookingForm(CitizenDetailsForm):
    consent = forms.BooleanField(
        label=_(
            "I agree that my name, IIN, phone and topic are processed to organise the personal reception, "
            "and are kept no longer than that needs."
        ),
        error_messages={
            "required": _("Agree to the processing of your personal data: without it the reception cannot be booked.")
        },
    )


class CancelForm(forms.Form):
    code = forms.CharField(
        label=_("Confirmation code"),
        max_length=20,
        widget=forms.TextInput(attrs={"autocomplete": "off", "autocapitalize": "characters", "spellcheck": "false"}),
    )
    iin = forms.CharField(
        label=_("IIN"),
        help_text=_("The IIN given when booking."),
        max_length=20,
        widget=forms.TextInput(attrs={"inputmode": "numeric", "autocomplete": "off", "spellcheck": "false"}),
    )
