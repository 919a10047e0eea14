"""(being built) The date_vote_panel panel of the public meeting page."""

from typing import Any

from django import template

register = template.Library()


@register.inclusion_tag("portal/visit/_date_vote.html", takes_context=True)
def date_vote_panel(context: template.Context, visit: Any) -> dict[str, Any]:
    return {"visit": visit, "request": context.get("request")}
