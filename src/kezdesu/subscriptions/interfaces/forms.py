"""The subscribe form: an e-mail address and the consent to process it; nothing else is asked."""

from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _


class SubscribeForm(forms.Form):
    email = forms.EmailField(
        label=_("Your e-mail"),
        max_length=254,
        widget=forms.EmailInput(attrs={"autocomplete": "email"}),
        error_messages={"required": _("Enter your e-mail address."), "invalid": _("Enter a valid e-mail address.")},
    )
    consent = forms.BooleanField(
        label=_(
            "I agree to the processing of my e-mail address to receive this news, under the Law “On personal "
            "data and their protection”."
        ),
        required=True,
        error_messages={"required": _("Tick the consent to subscribe.")},
    )
