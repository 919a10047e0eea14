"""Placeholder: this module's pages are being written (issue 6)."""

from django.urls import URLPattern

urlpatterns: list[URLPattern] = []
