"""WSGI entry point, as served by gunicorn: `gunicorn dprk_kb.wsgi`."""

import os

from django.core.wsgi import get_wsgi_application

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "dprk_kb.settings")

application = get_wsgi_application()
