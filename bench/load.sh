#!/usr/bin/env bash
# A bounded load test on loopback: gunicorn in production mode, wrk with 8 connections for
# about 30 seconds in all, spread over the timeline, an equipment page, a search and a CSV
# export. Prints requests per second, p50, p99 and errors for each, and fails on any error.
#
#   bench/load.sh            # against the database DATABASE_URL names (default: db.sqlite3)
#   SECONDS_PER_URL=15 bench/load.sh
set -euo pipefail
cd "$(dirname "$0")/.."

PORT=${PORT:-8766}
SECONDS_PER_URL=${SECONDS_PER_URL:-8}
CONNECTIONS=8
URLS=(
    "/timeline/"
    "/equipment/koksan-m1989/"
    "/search/?q=koksan"
    "/timeline/export.csv?era=korean-war"
)
command -v wrk >/dev/null || { echo "wrk is not installed (apt-get install wrk)" >&2; exit 1; }
test -x .venv/bin/gunicorn || make install >/dev/null

export DJANGO_ENV=production
export DJANGO_SECRET_KEY=${DJANGO_SECRET_KEY:-$(.venv/bin/python -c 'import secrets; print(secrets.token_urlsafe(50))')}
export DJANGO_ALLOWED_HOSTS=127.0.0.1
export DJANGO_SSL_REDIRECT=0
export GUNICORN_BIND=127.0.0.1:$PORT GUNICORN_ACCESSLOG=/dev/null
export WEB_CONCURRENCY=${WEB_CONCURRENCY:-4}

.venv/bin/python manage.py migrate --noinput -v0
.venv/bin/python manage.py load_fixtures --if-empty -v0
.venv/bin/python manage.py collectstatic --noinput -v0
.venv/bin/gunicorn --config gunicorn.conf.py >/tmp/dprk-kb-load-gunicorn.log 2>&1 &
server=$!
trap 'kill $server 2>/dev/null; wait $server 2>/dev/null || true' EXIT
for _ in $(seq 1 50); do curl -fs -o /dev/null "http://127.0.0.1:$PORT/" && break; sleep 0.2; done

printf "%-40s %10s %9s %9s %7s\n" "url" "req/s" "p50" "p99" "errors"
total_errors=0
for url in "${URLS[@]}"; do
    out=$(wrk -t2 -c"$CONNECTIONS" -d"${SECONDS_PER_URL}s" --latency "http://127.0.0.1:$PORT$url")
    rps=$(awk '/Requests\/sec/ {print $2}' <<<"$out")
    p50=$(awk '$1 == "50%" {print $2}' <<<"$out")
    p99=$(awk '$1 == "99%" {print $2}' <<<"$out")
    non2xx=$(awk '/Non-2xx or 3xx/ {print $NF}' <<<"$out")
    socket=$(awk -F'[ ,]+' '/Socket errors/ {print $4+$6+$8+$10}' <<<"$out")
    errors=$(( ${non2xx:-0} + ${socket:-0} ))
    total_errors=$(( total_errors + errors ))
    printf "%-40s %10s %9s %9s %7s\n" "$url" "$rps" "$p50" "$p99" "$errors"
done
echo "workers: $WEB_CONCURRENCY gunicorn sync workers; $CONNECTIONS connections; ${SECONDS_PER_URL}s per URL; $(nproc) cores"
if [ "$total_errors" -ne 0 ]; then
    echo "FAILED: $total_errors errors" >&2
    exit 1
fi
