"""gunicorn settings for production (`make serve`, and behind a proxy in deployment).

Threaded workers (``gthread``): each worker process serves up to ``threads`` requests at
once, so a client that is slow to send its request or to read a long export holds one
thread, not a whole process. Python runs one thread of a process at a time, so threads
add waiting capacity (slow clients, database round trips, streamed downloads), not CPU:
the processes give the parallelism. A connection that has sent nothing is parked in the
worker's event loop after a few seconds and closed after ``keepalive``; but once the
first bytes of a request arrive, a thread reads it until it is complete, however slowly
it comes. So in production a buffering reverse proxy must sit in front (see
docs/deploy.md, with the figures bench/slow_clients.py measures).

Every setting can be overridden from the environment:

- ``GUNICORN_BIND``: address to listen on (``127.0.0.1:8000``).
- ``WEB_CONCURRENCY``: worker processes (2 × CPU cores + 1).
- ``GUNICORN_WORKER_CLASS``: ``gthread``. ``sync`` with ``GUNICORN_THREADS=1`` is the
  previous configuration, where one slow client blocks a whole process.
- ``GUNICORN_THREADS``: threads per worker (8). Each thread keeps its own database
  connection (``DJANGO_CONN_MAX_AGE``), so an app server can hold up to
  ``WEB_CONCURRENCY × GUNICORN_THREADS`` connections to PostgreSQL.
- ``GUNICORN_WORKER_CONNECTIONS``: open client connections per worker, kept-alive and
  queued ones included (1000); beyond it the worker stops accepting.
- ``GUNICORN_TIMEOUT``: seconds a worker may miss its heartbeat before the master kills
  and replaces it (30). A threaded worker's event loop beats while its threads work,
  so this catches a wedged process; it does not limit how long a request or a download
  takes.
- ``GUNICORN_GRACEFUL_TIMEOUT``: seconds in-flight requests (a download half done) get
  to finish when a worker is restarted or the server stopped (30); then they are cut.
- ``GUNICORN_KEEPALIVE``: seconds an idle HTTP/1.1 keep-alive connection stays open
  (5). Idle connections wait in the event loop, not in a thread. Behind a proxy that
  keeps upstream connections alive, its idle timeout must be shorter than this one.
- ``GUNICORN_ACCESSLOG``: access log file, ``-`` for stdout (the default).
- ``FORWARDED_ALLOW_IPS``: proxies whose X-Forwarded-* headers are trusted
  (``127.0.0.1``).
- ``GUNICORN_CONTROL_SOCKET``: path of gunicorn's control socket (for ``gunicornc``:
  worker status, resizing, reloads); unset, there is none. gunicorn would otherwise
  open one at the same path (``~/.gunicorn/gunicorn.ctl``) for every instance a user
  runs, so that two servers on one machine (tests, benchmarks, ``make serve`` in two
  checkouts) would take it from each other.
"""

import multiprocessing
import os


def env_int(name, default):
    return int(os.environ.get(name, default))


wsgi_app = "dprk_kb.wsgi:application"
bind = os.environ.get("GUNICORN_BIND", "127.0.0.1:8000")
workers = env_int("WEB_CONCURRENCY", multiprocessing.cpu_count() * 2 + 1)
worker_class = os.environ.get("GUNICORN_WORKER_CLASS", "gthread")
threads = env_int("GUNICORN_THREADS", 8)
worker_connections = env_int("GUNICORN_WORKER_CONNECTIONS", 1000)
timeout = env_int("GUNICORN_TIMEOUT", 30)
graceful_timeout = env_int("GUNICORN_GRACEFUL_TIMEOUT", 30)
keepalive = env_int("GUNICORN_KEEPALIVE", 5)
# Exports are streamed as they are read from the database (chunked transfer encoding,
# no Content-Length): nothing here buffers a whole response.
accesslog = os.environ.get("GUNICORN_ACCESSLOG", "-")
errorlog = "-"
forwarded_allow_ips = os.environ.get("FORWARDED_ALLOW_IPS", "127.0.0.1")
control_socket = os.environ.get("GUNICORN_CONTROL_SOCKET", "")
control_socket_disable = not control_socket
