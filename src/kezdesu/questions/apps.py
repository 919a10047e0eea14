from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class QuestionsConfig(AppConfig):
    name = "kezdesu.questions"
    verbose_name = _("Questions: the population's questions and proposals")

    def ready(self) -> None:
        # The region advisor's second factor (R3): the citizens' questions held here, per region.
        from kezdesu.planning.domain.advisor import register_question_counts
        from kezdesu.questions.domain.queries.advisor_counts import questions_in_sector_by_region

        register_question_counts(questions_in_sector_by_region)
