from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class DemoConfig(AppConfig):
    """The demo (`manage.py load_demo`): accounts for every role and activity laid out around the day it is loaded.

    No models: everything is entered through the other apps' domain functions.
    """

    name = "kezdesu.demo"
    verbose_name = _("Demo")
