"""WSGI entry point of the bare-view ceiling: the app's settings, bench.ceiling_urls as URLconf."""

import os

from django.conf import settings
from django.core.wsgi import get_wsgi_application

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "kam.settings")
settings.ROOT_URLCONF = "bench.ceiling_urls"
application = get_wsgi_application()
