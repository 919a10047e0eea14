"""Celery application. Without a broker (the demo, the tests) tasks run eagerly in-process."""

import os

from celery import Celery

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "kezdesu.settings")

app = Celery("kezdesu")
app.config_from_object("django.conf:settings", namespace="CELERY")
app.autodiscover_tasks()
