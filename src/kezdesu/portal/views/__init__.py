"""The public portal's views, one module per page or concern."""

from kezdesu.portal.views.about import about_data
from kezdesu.portal.views.home import home

__all__ = ["about_data", "home"]
