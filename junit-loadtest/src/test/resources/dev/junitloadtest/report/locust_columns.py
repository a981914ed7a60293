"""Prints the CSV columns of the installed Locust, taken from Locust's own code, as JSON."""
import json
import os
import sys
import tempfile

from locust import stats

with tempfile.TemporaryDirectory() as tmp:
    writer = stats.StatsCSVFileWriter(None, stats.PERCENTILES_TO_REPORT, os.path.join(tmp, "x"))
    print(json.dumps({
        "stats.csv": writer.requests_csv_columns,
        "stats_history.csv": writer.stats_history_csv_columns,
        "failures.csv": writer.failures_columns,
        "exceptions.csv": writer.exceptions_columns,
    }))
    writer.close_files()
sys.stdout.flush()
