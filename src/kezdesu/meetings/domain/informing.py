"""The authorized body kept informed at every stage of a visit (R18, P3.4).

The regulation profile in force on the visit's first day names the stages (`informs`) and the clause that
says so (`informs_source`). At a stage it names, the authorized body's coordinators get one notification
linked to the visit's office page; at a stage it does not name, nothing is sent. People who chose one
e-mail a day read these in their daily digest (`core.domain.digest`).
"""

from __future__ import annotations

from typing import Any

from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from kezdesu.core.domain.notifications import notify, register_kind
from kezdesu.core.models import Notification
from kezdesu.meetings.models import Visit
from kezdesu.planning.domain.notification_params import translated
from kezdesu.planning.domain.queries.recipients import coordinators
from kezdesu.regulations.domain.queries.profiles import profile_in_force
from kezdesu.regulations.models import RegulationProfile

Stage = RegulationProfile.Stage
STAGES = tuple(Stage.values)
# What a stage's message says besides the visit itself; the caller passes it as keyword arguments.
EXTRA_PARAMS: dict[str, frozenset[str]] = {
    Stage.DATE_CHANGED: frozenset({"previous_start", "previous_end"}),  # ISO dates
    Stage.CANCELLED: frozenset({"reason"}),
}


def informing_kind(stage: str) -> str:
    return f"meetings.informed.{stage}"


register_kind(
    informing_kind(Stage.ANNOUNCED),
    message=_(
        "%(ministry)s announced the visit of %(official)s to %(region)s, %(start)s – %(end)s. Clause: %(source)s."
    ),
    subject=_("Visit announced: %(official)s in %(region)s"),
)
register_kind(
    informing_kind(Stage.DATE_CHANGED),
    message=_(
        "The visit of %(official)s (%(ministry)s) to %(region)s moved from %(previous_start)s – %(previous_end)s "
        "to %(start)s – %(end)s. Clause: %(source)s."
    ),
    subject=_("Visit moved: %(official)s in %(region)s"),
)
register_kind(
    informing_kind(Stage.CANCELLED),
    message=_(
        "%(ministry)s cancelled the visit of %(official)s to %(region)s planned for %(start)s – %(end)s. "
        "Clause: %(source)s. Reason: %(reason)s"
    ),
    subject=_("Visit cancelled: %(official)s in %(region)s"),
)
register_kind(
    informing_kind(Stage.HELD),
    message=_(
        "The meeting of %(official)s (%(ministry)s) with the population of %(region)s took place during the visit "
        "of %(start)s – %(end)s. Clause: %(source)s."
    ),
    subject=_("Meeting held: %(official)s in %(region)s"),
)
register_kind(
    informing_kind(Stage.RECORD_CLOSED),
    message=_(
        "%(ministry)s closed the visit of %(official)s to %(region)s, %(start)s – %(end)s: each of its parts is "
        "recorded. Clause: %(source)s."
    ),
    subject=_("Visit closed: %(official)s in %(region)s"),
)
register_kind(
    informing_kind(Stage.RESULTS_PUBLISHED),
    message=_(
        "%(ministry)s published the results, the problem issues and the action plan of the visit of %(official)s "
        "to %(region)s, %(start)s – %(end)s. Clause: %(source)s."
    ),
    subject=_("Results published: %(official)s in %(region)s"),
)


def inform_authorized_body(*, stage: str, visit: Visit, **params: Any) -> list[Notification]:
    """Tell the authorized body's coordinators that `visit` reached `stage`, if the profile in force names it.

    Returns the notifications sent (none when the profile does not name the stage). Call it inside the
    transaction of the change: e-mails go once it commits.
    """
    if stage not in STAGES:
        raise ValueError(f"Unknown stage {stage!r}; the stages are {', '.join(STAGES)}.")
    missing = EXTRA_PARAMS.get(stage, frozenset()) - set(params)
    if missing:
        raise TypeError(f"inform_authorized_body(stage={stage!r}) needs {', '.join(sorted(missing))}.")
    profile = profile_in_force(visit.start_date)
    if profile is None or stage not in profile.informs:
        return []
    return notify(
        recipients=coordinators(),
        kind=informing_kind(stage),
        params={
            "ministry": translated(visit.organisation),
            "official": translated(visit.position, "title"),
            "region": translated(visit.region),
            "start": visit.start_date.isoformat(),
            "end": visit.end_date.isoformat(),
            "source": profile.informs_source or profile.code,
            **params,
        },
        link=reverse("office:visit_detail", kwargs={"pk": visit.pk}),
    )
