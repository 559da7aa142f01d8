"""Raw durable SQLite, the yardstick of issue 3: one transaction per response holding the response row
and its 25 answers, WAL and synchronous=FULL, through Python's sqlite3 (the C library, no server, no
pool, no worker thread). Prints inserts per second.

Usage: python3 bench/raw_sqlite.py FILE [seconds=10]   (FILE is created; delete it afterwards)
"""
import random
import sqlite3
import sys
import time

path = sys.argv[1]
seconds = float(sys.argv[2]) if len(sys.argv) > 2 else 10.0
db = sqlite3.connect(path, isolation_level=None)
db.execute("PRAGMA journal_mode=WAL")
db.execute("PRAGMA synchronous=FULL")
db.execute(
    "CREATE TABLE response (id INTEGER PRIMARY KEY, wave_id INTEGER NOT NULL, unit_id INTEGER NOT NULL, "
    "submitted_on TEXT NOT NULL, lo_index REAL, comment TEXT)"
)
db.execute(
    "CREATE TABLE answer (response_id INTEGER NOT NULL REFERENCES response(id), item_id INTEGER NOT NULL, "
    "value INTEGER NOT NULL, PRIMARY KEY (response_id, item_id))"
)
stored = 0
start = time.monotonic()
while time.monotonic() - start < seconds:
    db.execute("BEGIN")
    cursor = db.execute(
        "INSERT INTO response (wave_id, unit_id, submitted_on, lo_index, comment) VALUES (1, 2, '2026-12-02', 3.6, NULL)"
    )
    response_id = cursor.lastrowid
    db.executemany(
        "INSERT INTO answer (response_id, item_id, value) VALUES (?, ?, ?)",
        [(response_id, item, random.randint(1, 5)) for item in range(1, 26)],
    )
    db.execute("COMMIT")
    stored += 1
print(f"raw SQLite (Python sqlite3, one transaction per response + 25 answers, WAL, synchronous=FULL): "
      f"{stored / (time.monotonic() - start):.0f}/s")
