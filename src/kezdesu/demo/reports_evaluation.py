"""The annual evaluation's demo (R24): the last finished year's evaluation created in January by the authorized body's
coordinator with the default criteria and weights and the default rule (a criterion with nothing to count counts
at the average of the ministries that have something to count), the approving order written in each language,
left as a draft for a new user to adjust and publish (README). Running it twice changes nothing."""

import datetime

from kezdesu.demo.accounts import demo_account
from kezdesu.demo.clock import DemoClock
from kezdesu.demo.layout import DemoLayout
from kezdesu.reports.domain.evaluation import DEFAULT_CRITERIA, create_evaluation, set_criteria
from kezdesu.reports.models import EvaluationScheme

COORDINATOR = "culture-information.coordinator"


def _approval_reference(on: datetime.date) -> dict[str, str]:
    day = on.strftime("%d.%m.%Y")
    return {
        "approval_reference_kk": f"Мәдениет және ақпарат министрінің {day} № 312-НҚ бұйрығы",
        "approval_reference_ru": f"Приказ Министра культуры и информации от {day} № 312-НҚ",
        "approval_reference_en": f"Order of the Minister of Culture and Information No. 312-NQ of {day}",
    }


def add_evaluation_demo(clock: DemoClock, layout: DemoLayout) -> dict[str, int]:
    year = layout.today.year - 1
    if EvaluationScheme.objects.filter(year=year).exists():
        return {"annual evaluations": 0}
    coordinator = demo_account(COORDINATOR)
    approved_on = layout.working_day_on_or_before(
        min(datetime.date(layout.today.year, 1, 25), layout.today - datetime.timedelta(days=1))
    )
    with clock.at(clock.on(approved_on, 11)):
        scheme = create_evaluation(actor=coordinator, year=year)
        set_criteria(
            actor=coordinator,
            scheme=scheme,
            criteria=DEFAULT_CRITERIA,
            note_kk="",
            note_ru="",
            missing=EvaluationScheme.Missing.AVERAGE,
            **_approval_reference(approved_on),
            revision=scheme.revision,
        )
    return {"annual evaluations": 1}
