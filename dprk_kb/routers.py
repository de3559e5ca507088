"""Reads from the read replicas, writes to the primary.

With ``DATABASE_REPLICA_URLS`` set, each request reads from one replica chosen at random
(so one page is read from one consistent copy), and every write goes to ``default``; with
no replica, everything uses ``default``. Nothing outlives a request, so any number of
app servers can share the databases. A replica lags its primary by a moment, so the
admin, where editors read what they have just written, reads from the primary.
"""

import random
import threading

from django.conf import settings

_request = threading.local()


class ReplicaRouter:
    def db_for_read(self, model, **hints):
        alias = getattr(_request, "read_alias", None)
        if alias:
            return alias
        return random.choice(settings.DATABASE_REPLICAS) if settings.DATABASE_REPLICAS else "default"

    def db_for_write(self, model, **hints):
        return "default"

    def allow_relation(self, obj1, obj2, **hints):
        # The replicas hold the same rows as the primary.
        return True

    def allow_migrate(self, db, app_label, model_name=None, **hints):
        return db == "default"


class ReadReplicaMiddleware:
    """Picks the database one request reads from: the primary for the admin, else a replica."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if request.path.startswith("/admin/") or not settings.DATABASE_REPLICAS:
            _request.read_alias = "default"
        else:
            _request.read_alias = random.choice(settings.DATABASE_REPLICAS)
        try:
            return self.get_response(request)
        finally:
            _request.read_alias = None
