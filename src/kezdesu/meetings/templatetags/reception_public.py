"""(being built) The reception_panel panel of the public meeting page."""

from typing import Any

from django import template

register = template.Library()


@register.inclusion_tag("portal/visit/_reception.html", takes_context=True)
def reception_panel(context: template.Context, visit: Any) -> dict[str, Any]:
    return {"visit": visit, "request": context.get("request")}
