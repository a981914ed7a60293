"""Reads CSV files with Python's csv module, as tools that read Locust's files do, and prints them as JSON.

Usage: python3 read_csv.py FILE...  ->  {"FILE": [[field, ...], ...], ...}
Fails (exit 1) if a row has another number of fields than the header, or a figure of stats.csv or
stats_history.csv is neither a number nor N/A.
"""
import csv
import json
import os
import sys

TEXT_COLUMNS = {"Type", "Name"}

out = {}
for path in sys.argv[1:]:
    with open(path, newline="", encoding="utf-8") as f:
        rows = list(csv.reader(f))
    header = rows[0]
    for row in rows[1:]:
        if len(row) != len(header):
            sys.exit(f"{path}: a row of {len(row)} fields under a header of {len(header)}: {row}")
        if os.path.basename(path) in ("stats.csv", "stats_history.csv"):
            for column, value in zip(header, row):
                if column not in TEXT_COLUMNS and value != "N/A":
                    float(value)
    out[path] = rows
print(json.dumps(out))
