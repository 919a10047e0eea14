"""The date-vote panel of the public meeting page (R9): the options, the vote, the results, the date fixed."""

from typing import Any

from django import forms, template

from kezdesu.core.collation import collated
from kezdesu.meetings.domain.queries.date_vote import VoteState, vote_of, vote_results, vote_state
from kezdesu.meetings.interfaces.voter_keys import voter_id, voter_key
from kezdesu.meetings.models import Visit
from kezdesu.organisations.models import District

register = template.Library()


@register.inclusion_tag("portal/visit/_date_vote.html", takes_context=True)
def date_vote_panel(context: template.Context, visit: Visit, form: forms.Form | None = None) -> dict[str, Any]:
    """The panel; `form` is a vote refused (`portal.views.visit_dates`), shown with its errors and the choice made."""
    request = context.get("request")
    state = vote_state(visit)
    if state == VoteState.NOT_OPENED:
        return {"visit": visit, "shown": False}
    results = vote_results(visit)
    if not results.options:
        return {"visit": visit, "shown": False}
    mine = vote_of(visit, voter_key(visit, voter_id(request, visit))) if request is not None else None
    if form is not None:
        chosen_option, chosen_district = str(form.data.get("option", "")), str(form.data.get("district", ""))
    elif mine is not None:
        chosen_option, chosen_district = str(mine.option_id), str(mine.district_id or "")
    else:
        chosen_option = chosen_district = ""
    return {
        "visit": visit,
        "shown": True,
        "state": str(state),
        "results": results,
        "show_results": mine is not None or state != VoteState.OPEN,
        "mine": mine,
        "chosen_option": chosen_option,
        "chosen_district": chosen_district,
        "districts": collated(District.objects.filter(region=visit.region_id)) if state == VoteState.OPEN else [],
        "chosen": next((row.option for row in results.options if row.option.is_chosen), None),
        "form": form,
        "request": request,
    }
