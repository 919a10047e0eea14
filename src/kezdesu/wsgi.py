import os

from django.core.wsgi import get_wsgi_application

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "kezdesu.settings")
django_application = get_wsgi_application()

# The live page's polls that find nothing new are answered before Django's routing (issue 5).
from kezdesu.portal.live_fast_path import LiveFastPath  # noqa: E402  (needs the settings above)

application = LiveFastPath(django_application)
