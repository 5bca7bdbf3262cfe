#!/usr/bin/env python3
"""A scripted brute force on one account: ATTEMPTS logins with wrong passwords, WORKERS at a time.

Part of benchmarks/identity/run.sh. Sends to 127.0.0.1 only (the URL's host must be 127.0.0.1) and
stops after ATTEMPTS requests or DEADLINE seconds, whichever comes first. Prints one JSON object:
answers counted by status (401: the password was checked and wrong; 429: refused by the throttle
before any check; anything else, or no answer: error), the positions in the sequence at which the
401s came, and the answer times per status.
"""

import argparse
import http.client
import json
import statistics
import threading
import time
import urllib.parse

parser = argparse.ArgumentParser()
parser.add_argument("--url", required=True, help="http://127.0.0.1:PORT/api/v1/auth/login")
parser.add_argument("--email", required=True)
parser.add_argument("--attempts", type=int, default=1000)
parser.add_argument("--workers", type=int, default=4)
parser.add_argument("--timeout", type=float, default=10.0, help="seconds per request")
parser.add_argument("--deadline", type=float, default=300.0, help="seconds for all of it")
args = parser.parse_args()

url = urllib.parse.urlsplit(args.url)
if url.scheme != "http" or url.hostname != "127.0.0.1":
    raise SystemExit("only http://127.0.0.1 is allowed, was " + args.url)
if not (1 <= args.attempts <= 100_000 and 1 <= args.workers <= 64):
    raise SystemExit("attempts must be 1-100000, workers 1-64")

lock = threading.Lock()
issued = 0  # attempts handed out so far
results = []  # (sequence number, status or 0, seconds, first error text)
start = time.monotonic()


def take():
    """The next attempt's sequence number, or None when all are handed out or time is up."""
    global issued
    with lock:
        if issued >= args.attempts or time.monotonic() - start > args.deadline:
            return None
        issued += 1
        return issued


def worker(wid):
    conn = None
    while True:
        seq = take()
        if seq is None:
            break
        body = json.dumps({"email": args.email, "password": "wrong-guess-%05d" % seq})
        t0 = time.monotonic()
        status, error = 0, ""
        try:
            if conn is None:
                conn = http.client.HTTPConnection(url.hostname, url.port, timeout=args.timeout)
            conn.request("POST", url.path, body=body,
                         headers={"Content-Type": "application/json", "Accept": "application/json"})
            response = conn.getresponse()
            response.read()
            status = response.status
            if response.getheader("Connection", "").lower() == "close":
                conn.close()
                conn = None
        except Exception as e:  # no answer: counted as an error, with a new connection next time
            error = "%s: %s" % (type(e).__name__, e)
            if conn is not None:
                conn.close()
            conn = None
        with lock:
            results.append((seq, status, time.monotonic() - t0, error))
    if conn is not None:
        conn.close()


threads = [threading.Thread(target=worker, args=(w,), daemon=True) for w in range(args.workers)]
for t in threads:
    t.start()
for t in threads:
    t.join(args.deadline + args.timeout + 5)
elapsed = time.monotonic() - start

with lock:
    done = sorted(results)
by_status = {}
for _, status, seconds, _ in done:
    by_status.setdefault(str(status), []).append(seconds * 1000)


def summary(ms):
    ms = sorted(ms)
    return {
        "count": len(ms),
        "median_ms": round(statistics.median(ms), 2),
        "p90_ms": round(ms[min(len(ms) - 1, int(len(ms) * 0.9))], 2),
        "max_ms": round(ms[-1], 2),
    }


errors = [e for _, _, _, e in done if e]
print(json.dumps({
    "attempts": len(done),
    "planned": args.attempts,
    "workers": args.workers,
    "seconds": round(elapsed, 2),
    "reached_check": sum(1 for r in done if r[1] == 401),
    "throttled": sum(1 for r in done if r[1] == 429),
    "other": sum(1 for r in done if r[1] not in (401, 429)),
    "statuses": {s: summary(v) for s, v in sorted(by_status.items())},
    "positions_401": [r[0] for r in done if r[1] == 401],
    "first_429": min((r[0] for r in done if r[1] == 429), default=None),
    "errors": sorted(set(errors))[:5],
}))
