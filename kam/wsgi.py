"""WSGI entry point (gunicorn kam.wsgi)."""

import os

from django.core.wsgi import get_wsgi_application

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "kam.settings")
application = get_wsgi_application()

from kam.core.heap import settle_heap  # noqa: E402 - needs the settings get_wsgi_application set up

settle_heap()
