"""Concurrent editors through the admin of a running gunicorn: is any save lost?

    python3 bench/editors.py                          # 20 editors, 20 s, SQLite then PostgreSQL
    python3 bench/editors.py --editors 2 --seconds 10 --engine sqlite
    python3 bench/editors.py --slow-export 100000     # the same while a slow client downloads
                                                      # a 100,000-event CSV export at 1 MB/s

Each editor logs in through the login form, then until time is up: opens the change page
of one of a few events (``--entries``, so that editors collide), changes its summary to a text naming
this save after up to ``--think`` seconds, and with one save in three also the locator of its first citation (an inline
row), and saves the form as a browser would. A conflict page is counted as refused; the
editor opens the page again and goes on.

Afterwards every save reported as done (a redirect) is looked up: its text must be in the
event's history, saved by that editor, and each event must hold the text of its last
save; a save refused as a conflict must appear nowhere. It prints, per database:
attempted, saved, refused with a conflict, lost, refused for another reason, server
errors, and save latency; and exits 1 if anything was lost or answered 5xx.
"""

import argparse
import json
import subprocess
import sys
import threading
import time
import urllib.error
import urllib.parse
import urllib.request
from collections import Counter

from editor_client import PASSWORD, Editor

from common import PYTHON, RESULTS, ROOT, Gunicorn, build, ensure_environment, fresh_postgres, fresh_sqlite, log


def shell(url, code):
    """Run ``code`` in the project's Django shell against ``url``; return what it prints."""
    env = {"DATABASE_URL": url, "PATH": "/usr/bin:/bin"}
    result = subprocess.run(
        [PYTHON, "manage.py", "shell", "-c", code], cwd=ROOT, env=env, check=True, capture_output=True, text=True
    )
    return result.stdout


def prepare(url, editors, entries):
    """Editor accounts, and the events they will contend for (with a citation each)."""
    code = f"""
import json
from django.contrib.auth.models import Group, User
from events.models import Event
editors = Group.objects.get(name="Editors")
for i in range({editors}):
    user, _ = User.objects.get_or_create(username=f"bench-editor-{{i}}", defaults={{"is_staff": True}})
    user.set_password({PASSWORD!r}); user.is_staff = True; user.save(); user.groups.add(editors)
events = Event.objects.filter(citations__isnull=False).distinct().order_by("date_start", "slug")
print(json.dumps([e.pk for e in events[:{entries}]]))
"""
    return json.loads(shell(url, code).strip().splitlines()[-1])


def slow_download(base, seconds, rate, report):
    """Read the timeline export at ``rate`` bytes per second for ``seconds``."""
    started = time.monotonic()
    read = 0
    try:
        with urllib.request.urlopen(base + "/timeline/export.csv", timeout=60) as response:
            while time.monotonic() - started < seconds:
                chunk = response.read(64 * 1024)
                if not chunk:
                    break
                read += len(chunk)
                time.sleep(max(0.0, read / rate - (time.monotonic() - started)))
    except OSError as error:
        report["error"] = str(error)
    report["bytes"] = read


def silent_overwrites(results):
    """Saves that went through although the page was loaded before another save of the
    same event went through: that other save was overwritten unseen. Counted only where
    the times leave no doubt (loaded before the other began, saved after it ended)."""
    saved = [r for r in results if r["outcome"] == "saved"]
    return [
        (later, earlier)
        for later in saved
        for earlier in saved
        if earlier is not later
        and earlier["event"] == later["event"]
        and later["loaded"] < earlier["started"]
        and later["started"] > earlier["done"]
    ]


def verify(url, results):
    """Which reported saves are missing from the database or its history."""
    saved = [r for r in results if r["outcome"] == "saved"]
    refused = [r for r in results if r["outcome"] == "conflict"]
    code = f"""
import json
from events.models import Event
from sources.models import Citation
events = {sorted({r["event"] for r in results if "event" in r})!r}
history = {{}}
for record in Event.history.filter(id__in=events).select_related("history_user"):
    history.setdefault(record.summary, set()).add(record.history_user.username if record.history_user else "")
locators = set(Citation.history.filter(event_id__in=events).values_list("locator", flat=True))
latest = {{}}
for record in Event.history.filter(id__in=events).order_by("history_date", "history_id"):
    latest[record.id] = record.summary
current = dict(Event.objects.filter(id__in=events).values_list("id", "summary"))
print(json.dumps({{"history": {{k: sorted(v) for k, v in history.items()}}, "locators": sorted(locators),
                  "latest": latest, "current": current}}))
"""
    found = json.loads(shell(url, code).strip().splitlines()[-1])
    lost = [
        r
        for r in saved
        if r["editor"] not in found["history"].get(r["text"], [])
        or (r["inline"] and r["text"] not in found["locators"])
    ]
    leaked = [r for r in refused if r["text"] in found["history"] or r["text"] in found["locators"]]
    stale = [pk for pk, text in found["current"].items() if found["latest"].get(str(pk)) != text]
    return lost, leaked, stale


def run_engine(engine, url, editors, seconds, slow_export, entries, think):
    log(f"[{engine}] preparing {editors} editors")
    events = prepare(url, editors, entries)
    server = Gunicorn(url, workers=3, GUNICORN_TIMEOUT="120")
    download = {}
    try:
        deadline = time.monotonic() + seconds
        results = []
        threads = [Editor(i, server.base, events, deadline, results, think) for i in range(editors)]
        if slow_export:
            downloader = threading.Thread(target=slow_download, args=(server.base, seconds, 1_000_000, download))
            downloader.start()
        for thread in threads:
            thread.start()
        for thread in threads:
            thread.join()
        if slow_export:
            downloader.join()
    finally:
        server.stop()
    lost, leaked, stale = verify(url, results)
    overwritten = silent_overwrites(results)
    outcomes = Counter(r["outcome"] for r in results)
    latencies = sorted(r["ms"] for r in results if "ms" in r)
    attempted = sum(1 for r in results if "text" in r)
    return {
        "engine": engine,
        "editors": editors,
        "events_edited": entries,
        "seconds": seconds,
        "attempted": attempted,
        "saved": outcomes["saved"],
        "conflicts": outcomes["conflict"],
        "lost": len(lost),
        "silent_overwrites": len(overwritten),
        "refused_saves_found_stored": len(leaked),
        "events_not_holding_their_last_save": len(stale),
        "other_refusals": sum(n for k, n in outcomes.items() if k.startswith("refused")),
        "server_errors": outcomes["server error"],
        "login_failures": outcomes["login failed"],
        "save_ms_p50": round(latencies[len(latencies) // 2]) if latencies else None,
        "save_ms_p95": round(latencies[int(len(latencies) * 0.95)]) if latencies else None,
        "slow_export_mb": round(download["bytes"] / 1e6, 1) if slow_export else None,
        "slow_export_error": download.get("error"),
        "examples_lost": lost[:3],
        "examples_refused": [r for r in results if r["outcome"].startswith(("refused", "login", "server"))][:3],
    }


def main():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--editors", type=int, default=20)
    parser.add_argument("--seconds", type=int, default=20)
    parser.add_argument("--think", type=float, default=2.0, help="Up to this many seconds between opening and saving.")
    parser.add_argument(
        "--entries", type=int, default=10, help="How many events the editors share (fewer: more conflicts)."
    )
    parser.add_argument("--engine", choices=["sqlite", "postgresql", "both"], default="both")
    parser.add_argument(
        "--slow-export", type=int, default=0, metavar="EVENTS", help="Add EVENTS synthetic events and download slowly."
    )
    args = parser.parse_args()
    ensure_environment()
    reports = []
    for engine in ["sqlite", "postgresql"] if args.engine == "both" else [args.engine]:
        name = "bench_editors" + ("_slow" if args.slow_export else "")
        url = fresh_sqlite(name)[0] if engine == "sqlite" else fresh_postgres(name)
        log(
            f"[{engine}] building the database"
            + (f" with {args.slow_export:,} more events" if args.slow_export else "")
        )
        build(url, args.slow_export)
        reports.append(
            run_engine(engine, url, args.editors, args.seconds, bool(args.slow_export), args.entries, args.think)
        )
    out = RESULTS / ("editors-slow-export.json" if args.slow_export else "editors.json")
    out.write_text(json.dumps(reports, indent=2))
    print_table(reports)
    failed = any(
        r["lost"] or r["silent_overwrites"] or r["server_errors"] or r["refused_saves_found_stored"] for r in reports
    )
    return 1 if failed else 0


def print_table(reports):
    columns = [
        "engine",
        "editors",
        "events_edited",
        "seconds",
        "attempted",
        "saved",
        "conflicts",
        "lost",
        "silent_overwrites",
        "other_refusals",
        "server_errors",
        "save_ms_p50",
        "save_ms_p95",
        "slow_export_mb",
    ]
    print("\n" + " | ".join(columns))
    for report in reports:
        print(" | ".join(str(report[c]) for c in columns))
    for report in reports:
        checks = (
            report["refused_saves_found_stored"],
            report["events_not_holding_their_last_save"],
            report["login_failures"],
        )
        print(
            f"{report['engine']}: refused saves found stored {checks[0]}, events not holding their last save "
            f"{checks[1]}, login failures {checks[2]}"
            + (f", export error: {report['slow_export_error']}" if report["slow_export_error"] else "")
        )


if __name__ == "__main__":
    sys.exit(main())
