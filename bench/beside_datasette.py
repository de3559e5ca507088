"""Datasette beside the knowledge base: its CSV streaming rate and its filtered table page,
on the same SQLite file (run by bench/run.py; Datasette lives in .venv-bench, from
requirements-bench.txt)."""

import subprocess
import sys

from common import ROOT, free_port, http_latency, stream_rows, wait_for


def datasette(path):
    """Datasette's CSV streaming rate and filtered table page latency on the same file."""
    venv = ROOT / ".venv-bench"
    if not (venv / "bin" / "datasette").exists():
        subprocess.run([sys.executable, "-m", "venv", str(venv)], check=True)
        subprocess.run(
            [str(venv / "bin" / "pip"), "install", "-q", "-r", str(ROOT / "requirements-bench.txt")], check=True
        )
    port = free_port()
    process = subprocess.Popen(
        [
            str(venv / "bin" / "datasette"),
            "serve",
            "-i",
            str(path),
            "-p",
            str(port),
            "--setting",
            "sql_time_limit_ms",
            "60000",
            "--setting",
            "max_csv_mb",
            "0",
        ],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    base = f"http://127.0.0.1:{port}/{path.stem}"
    try:
        wait_for(base)
        rows, seconds = stream_rows(base + "/events_event.csv?_stream=on&_size=max")
        filtered = http_latency(
            base,
            {"table, kind+dates": "/events_event?kind=battle&date_start__gte=1950-01-01&date_start__lte=1960-12-31"},
        )
        return {"csv_rows": rows, "csv_seconds": round(seconds, 2), "csv_rows_per_s": round(rows / seconds), **filtered}
    finally:
        process.terminate()
        process.wait()
