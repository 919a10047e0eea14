"""The person's own choice of how notifications reach them."""

from django import forms
from django.utils.text import capfirst

from kezdesu.organisations.models import User

_DIGEST = User._meta.get_field("email_digest")


class NotificationSettingsForm(forms.Form):
    email_digest = forms.BooleanField(label=capfirst(_DIGEST.verbose_name), help_text=_DIGEST.help_text, required=False)
