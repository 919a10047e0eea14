"""The date-vote panel of the public meeting page (R9): the options, the vote, the results, the date fixed."""

from typing import Any

from django import template

from kezdesu.meetings.domain.queries.date_vote import VoteState, vote_of, vote_results, vote_state
from kezdesu.meetings.interfaces.voter_keys import voter_id, voter_key
from kezdesu.meetings.models import Visit
from kezdesu.organisations.models import District

register = template.Library()


@register.inclusion_tag("portal/visit/_date_vote.html", takes_context=True)
def date_vote_panel(context: template.Context, visit: Visit) -> dict[str, Any]:
    request = context.get("request")
    state = vote_state(visit)
    if state == VoteState.NOT_OPENED:
        return {"visit": visit, "shown": False}
    results = vote_results(visit)
    if not results.options:
        return {"visit": visit, "shown": False}
    mine = vote_of(visit, voter_key(visit, voter_id(request, visit))) if request is not None else None
    # After an error the view sends the choice back in the query string, so nothing is lost.
    asked = request.GET if request is not None else {}
    chosen_option = str(mine.option_id) if mine else asked.get("option", "")
    chosen_district = str(mine.district_id or "") if mine else asked.get("district", "")
    return {
        "visit": visit,
        "shown": True,
        "state": str(state),
        "results": results,
        "show_results": mine is not None or state != VoteState.OPEN,
        "mine": mine,
        "chosen_option": chosen_option,
        "chosen_district": chosen_district,
        "districts": District.objects.filter(region=visit.region_id).order_by("name")
        if state == VoteState.OPEN
        else [],
        "chosen": next((row.option for row in results.options if row.option.is_chosen), None),
        "request": request,
    }
