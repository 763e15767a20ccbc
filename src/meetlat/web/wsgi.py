"""The WSGI application that gunicorn serves (``meetlat serve``)."""

import os

from django.core.wsgi import get_wsgi_application

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "meetlat.web.config")
application = get_wsgi_application()
