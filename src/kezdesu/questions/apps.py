from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class QuestionsConfig(AppConfig):
    name = "kezdesu.questions"
    verbose_name = _("Questions: the population's questions and proposals")
