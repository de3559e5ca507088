#!/usr/bin/env bash
# A bounded load test on loopback: wrk with 8 connections for about 30 seconds in all,
# spread over the timeline, an equipment page, a search and a CSV export. Prints requests
# per second, p50, p95, p99 and errors for each, and fails on any error.
#
#   bench/load.sh            # one gunicorn in production mode, over the database DATABASE_URL
#                            # names (default: db.sqlite3)
#   SECONDS_PER_URL=15 bench/load.sh
#   BASE_URLS="http://127.0.0.1:8001 http://127.0.0.1:8002" bench/load.sh
#                            # app servers already running: the connections are shared out
#                            # among them (bench/scale_out.py starts two over a replica)
set -euo pipefail
cd "$(dirname "$0")/.."

PORT=${PORT:-8766}
SECONDS_PER_URL=${SECONDS_PER_URL:-8}
CONNECTIONS=${CONNECTIONS:-8}
URLS=(
    "/timeline/"
    "/equipment/koksan-m1989/"
    "/search/?q=koksan"
    "/timeline/export.csv?era=korean-war"
)
command -v wrk >/dev/null || { echo "wrk is not installed (apt-get install wrk)" >&2; exit 1; }

if [ -z "${BASE_URLS:-}" ]; then
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
    BASE_URLS="http://127.0.0.1:$PORT"
    serving="one gunicorn, $WEB_CONCURRENCY ${GUNICORN_WORKER_CLASS:-gthread} workers of ${GUNICORN_THREADS:-8} threads"
else
    serving="the app servers at $BASE_URLS"
fi

# wrk threads each keep their connections to one server (bench/spread.lua): one thread per
# server, or two for a single one.
servers=()
for base in $BASE_URLS; do
    address=${base#http://}
    servers+=("${address%/}")
done
threads=$(( ${#servers[@]} > 1 ? ${#servers[@]} : 2 ))
export LOAD_SERVERS="${servers[*]}"

header="per server"
[ ${#servers[@]} -gt 1 ] || header=""
printf "%-40s %10s %9s %9s %9s %7s  %s\n" "url" "req/s" "p50 ms" "p95 ms" "p99 ms" "errors" "$header"
total_errors=0
for url in "${URLS[@]}"; do
    out=$(wrk -t"$threads" -c"$CONNECTIONS" -d"${SECONDS_PER_URL}s" -s bench/spread.lua "http://${servers[0]}$url")
    read -r _ rps p50 p95 p99 errors sent < <(grep '^RESULT ' <<<"$out")
    total_errors=$(( total_errors + errors ))
    [ ${#servers[@]} -gt 1 ] || sent=""
    printf "%-40s %10s %9s %9s %9s %7s  %s\n" "$url" "$rps" "$p50" "$p95" "$p99" "$errors" "${sent//,/ \/ }"
done
echo "$serving; $CONNECTIONS connections; ${SECONDS_PER_URL}s per URL; $(nproc) cores"
if [ "$total_errors" -ne 0 ]; then
    echo "FAILED: $total_errors errors" >&2
    exit 1
fi
