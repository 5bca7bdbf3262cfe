#!/usr/bin/env python3
"""The HTTP client of benchmarks/payment/run.sh (python3 standard library only).

Subcommands:
  ready      wait until the platform serves the catalogue, logins, the case API and the payment API
             (the sandbox provider listed)
  login      log in (staff with a TOTP code) and print the access token (as benchmarks/cases)
  tokens     log in the seeded citizens (or refresh their tokens): one access token a line, in the
             order of the citizens file
  probe      the contract, once by hand on probe cases: create (201), replay (200, Idempotent-Replayed),
             another key for the same case (409), read back, the sandbox page's truth, a signed
             notification (204), the same again (204, nothing changes), a forged one (401)
  callbacks  writes the notification bodies of the callback part: one SUCCEEDED notification per
             created payment plus exact duplicates, in a mixed order
  verify     after the callback part: a sample of payments read back as their payers, and the
             treasury's CSV of the day (operator token)
  chaos      the chaos test's storm through the sandbox's hosted page, forged notifications beside
             it, kill -9 of the platform in the middle; waits for the platform to come back and goes on
  converge   after the storm: polls the payments (as their payers) and the sandbox's truth until
             they agree, or until the deadline

Sends to 127.0.0.1 only (the base URL's host must be 127.0.0.1). Every subcommand has a deadline.
"""

import argparse
import collections
import hashlib
import hmac
import importlib.util
import json
import os
import queue
import random
import signal
import sys
import threading
import time
import urllib.parse
import uuid

sys.dont_write_bytecode = True  # no __pycache__ beside the cases client it loads
HERE = os.path.dirname(os.path.abspath(__file__))
# The cases benchmark's client: its keep-alive connection (Api), staff logins with TOTP, `ready`.
_spec = importlib.util.spec_from_file_location("cases_client", os.path.join(HERE, "..", "cases", "client.py"))
cases_client = importlib.util.module_from_spec(_spec)
_spec.loader.exec_module(cases_client)
Api = cases_client.Api
PASSWORD = cases_client.PASSWORD

CALLBACK = "/api/v1/payments/callbacks/sandbox"
# Forged notifications carry event ids with this prefix, so that DbCheck can tell whether one was
# ever applied (PAYMENT_NOTIFICATION.ID is 'sandbox:<event id>').
FORGED_PREFIX = "f0f0f0f0-"
FORGED_KINDS = ["wrong-secret", "tampered-body", "stale-timestamp", "future-timestamp", "no-header",
                "malformed-header"]


def now_iso():
    t = time.time()
    return time.strftime("%Y-%m-%dT%H:%M:%S", time.gmtime(t)) + ".%03dZ" % int((t % 1) * 1000)


def notification(payment_id, reference, outcome, amount=1000, event_id=None, method="card"):
    body = {"eventId": event_id or str(uuid.uuid4()), "paymentId": payment_id, "reference": reference,
            "outcome": outcome, "method": method, "amountCents": amount, "occurredAt": now_iso()}
    return json.dumps(body, separators=(",", ":")).encode()


def signature(secret, body, t=None):
    t = int(time.time()) if t is None else t
    mac = hmac.new(secret.encode(), str(t).encode() + b"." + body, hashlib.sha256).hexdigest()
    return "t=%d,v1=%s" % (t, mac)


def post_callback(api, body, sig):
    headers = {"Content-Type": "application/json"}
    if sig is not None:
        headers["X-Sandbox-Signature"] = sig
    # Api.call sends JSON of a Python value; a notification is sent as the exact bytes signed
    return raw(api, "POST", CALLBACK, body, headers)


def raw(api, method, path, data=None, headers=None, token=None):
    """Like Api.call, with the body as bytes (or None): (status, headers, body)."""
    import http.client
    h = {"Accept": "application/json"}
    if token:
        h["Authorization"] = "Bearer " + token
    h.update(headers or {})
    try:
        if api.conn is None:
            api.conn = http.client.HTTPConnection(api.host, api.port, timeout=api.timeout)
        api.conn.request(method, path, body=data, headers=h)
        r = api.conn.getresponse()
        b = r.read()
        hs = {k.lower(): v for k, v in r.getheaders()}
        if hs.get("connection", "").lower() == "close":
            api.close()
        return r.status, hs, b
    except (OSError, http.client.HTTPException) as e:
        api.close()
        return 0, {"error": "%s: %s" % (type(e).__name__, e)}, b""


def page_path(next_url):
    """The hosted page's path on this platform (nextUrl is absolute, to the sandbox's publicUrl)."""
    u = urllib.parse.urlsplit(next_url)
    return u.path


def read_lines(path):
    with open(path) as f:
        return [line.rstrip("\n") for line in f if line.strip()]


def load_citizens(path):
    """index email subject, one a line (written by Seed.java)."""
    out = []
    for line in read_lines(path):
        i, email, subject = line.split()
        out.append((int(i), email, subject))
    return out


def load_cases(path):
    """case id and the index of its citizen, one a line (written by Seed.java)."""
    out = []
    for line in read_lines(path):
        cid, ci = line.split()
        out.append((cid, int(ci)))
    return out


# ---------------------------------------------------------------- ready, logins


def cmd_ready(a):
    api = Api(a.base, timeout=3)
    end = time.monotonic() + a.timeout
    seen = collections.Counter()
    while True:
        s1 = api.call("GET", "/api/v1/services")[0]
        s2 = api.call("POST", "/api/v1/auth/login", {})[0] if s1 == 200 else 0
        s3 = api.call("GET", "/api/v1/cases")[0] if s2 == 400 else 0
        s4, s5 = 0, 0
        if s3 == 401:
            s4, _, b = api.call("GET", "/api/v1/payments/providers")
            if s4 == 200 and b'"sandbox"' not in b:
                s4 = -200  # the payment API is up, the sandbox provider not (yet)
        if s4 == 200:
            s5 = api.call("POST", "/api/v1/payments", {"caseId": "x"})[0]
        key = "%s/%s/%s/%s/%s" % (s1, s2, s3, s4, s5)
        seen[key] += 1
        if s5 == 401:
            print("ready")
            return
        if time.monotonic() > end:
            raise SystemExit("not ready within %d s; answers (services/login/cases/providers/payments): %s"
                             % (a.timeout, dict(seen)))
        time.sleep(0.3)


def cmd_login(a):
    cases_client.cmd_login(a)


def login_citizen(api, email, deadline):
    failures = []
    for attempt in range(4):
        status, _, b = api.call("POST", "/api/v1/auth/login", {"email": email, "password": PASSWORD})
        if status == 200:
            return json.loads(b)
        failures.append("%s %s" % (status, b[:160].decode(errors="replace")))
        if time.monotonic() > deadline:
            break
        time.sleep(1 + attempt)
    raise SystemExit("login %s failed: %s" % (email, " | ".join(failures)))


def cmd_tokens(a):
    """Logs in every citizen of the file (or, with --refresh, exchanges the refresh tokens kept in
    --state), writes the access tokens to --out in the citizens' order; checks the subjects."""
    citizens = load_citizens(a.citizens)
    state = {}
    if a.refresh and os.path.exists(a.state):
        with open(a.state) as f:
            state = json.load(f)
    deadline = time.monotonic() + a.timeout
    results = [None] * len(citizens)
    errors = []
    lock = threading.Lock()
    work = queue.Queue()
    for k in range(len(citizens)):
        work.put(k)
    how = collections.Counter()

    def worker():
        api = Api(a.base, timeout=30)
        while True:
            try:
                k = work.get_nowait()
            except queue.Empty:
                break
            i, email, subject = citizens[k]
            try:
                d = None
                rt = state.get(email)
                if rt:
                    status, _, b = api.call("POST", "/api/v1/auth/refresh", {"refreshToken": rt})
                    if status == 200:
                        d = json.loads(b)
                        with lock:
                            how["refreshed"] += 1
                if d is None:
                    d = login_citizen(api, email, deadline)
                    with lock:
                        how["logged in"] += 1
                if d.get("subject") and d["subject"] != subject:
                    raise SystemExit("%s is subject %s, seeded as %s" % (email, d["subject"], subject))
                with lock:
                    results[k] = d["accessToken"]
                    state[email] = d.get("refreshToken")
            except SystemExit as e:
                with lock:
                    errors.append(str(e))
        api.close()

    t0 = time.monotonic()
    threads = [threading.Thread(target=worker) for _ in range(a.workers)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    if errors:
        raise SystemExit("; ".join(errors[:3]))
    with open(a.out + ".tmp", "w") as f:
        for t in results:
            f.write(t + "\n")
    os.replace(a.out + ".tmp", a.out)
    with open(a.state + ".tmp", "w") as f:
        json.dump(state, f)
    os.replace(a.state + ".tmp", a.state)
    print("TOKENS citizens=%d %s ms=%.0f" % (len(results), " ".join("%s=%d" % (k.replace(" ", "_"), v)
                                                                    for k, v in how.items()),
                                              (time.monotonic() - t0) * 1000))


# ---------------------------------------------------------------- probe


def cmd_probe(a):
    """The contract the benchmark relies on, once, on the probe cases. Prints PROBE lines; exits 1
    with the first difference."""
    tokens = read_lines(a.tokens)
    cases = load_cases(a.cases)[:a.probes]
    api = Api(a.base, timeout=30)
    notes = []

    def expect(what, ok, detail=""):
        notes.append("%s %s%s" % ("ok  " if ok else "FAIL", what, (": " + detail) if detail else ""))
        if not ok:
            print("\n".join("PROBE " + n for n in notes))
            raise SystemExit("probe: %s %s" % (what, detail))

    cid, ci = cases[0]
    tok = tokens[ci]
    key = "probe-%d-%s" % (os.getpid(), cid)
    s, hs, b = api.call("POST", "/api/v1/payments", {"caseId": cid}, tok, {"Idempotency-Key": key})
    expect("create -> 201", s == 201, "%s %s" % (s, b[:300]))
    p = json.loads(b)
    for f in ("id", "caseId", "amountCents", "providerReference", "state", "externalState", "finished", "nextUrl"):
        expect("field %s" % f, f in p, json.dumps(p)[:300])
    expect("state STARTED, externalState INITIAL, not finished, 1000 cents",
           p["state"] == "STARTED" and p["externalState"] == "INITIAL" and p["finished"] is False
           and p["amountCents"] == 1000, json.dumps(p)[:300])
    expect("nextUrl on this platform's sandbox page",
           p["nextUrl"].startswith(a.base + "/sandbox-psp/sessions/" + p["providerReference"]), p["nextUrl"])
    s, hs, b = api.call("POST", "/api/v1/payments", {"caseId": cid}, tok, {"Idempotency-Key": key})
    expect("same key and body -> 200 Idempotent-Replayed, same payment",
           s == 200 and hs.get("idempotent-replayed") == "true" and json.loads(b).get("id") == p["id"],
           "%s %s %s" % (s, hs.get("idempotent-replayed"), b[:200]))
    s, hs, b = api.call("POST", "/api/v1/payments", {"caseId": cid}, tok, {"Idempotency-Key": key + "-other"})
    expect("another key for the open payment's case -> 409", s == 409, "%s %s" % (s, b[:200]))
    s, hs, b = api.call("GET", "/api/v1/payments/" + p["id"], token=tok)
    expect("GET /api/v1/payments/{id} -> 200 STARTED", s == 200 and json.loads(b)["state"] == "STARTED",
           "%s %s" % (s, b[:200]))
    s, hs, b = api.call("GET", page_path(p["nextUrl"]))
    truth = json.loads(b) if s == 200 else {}
    expect("sandbox page JSON -> OPEN", s == 200 and truth.get("outcome") == "OPEN"
           and truth.get("paymentId") == p["id"], "%s %s" % (s, b[:200]))
    # forged ones first: none may change anything
    body = notification(p["id"], p["providerReference"], "SUCCEEDED")
    s, hs, b = post_callback(api, body, signature("not-the-secret", body))
    expect("notification signed with another secret -> 401", s == 401, "%s %s" % (s, b[:200]))
    expect("  answered as problem+json", "problem+json" in hs.get("content-type", ""), hs.get("content-type", ""))
    s, hs, b = post_callback(api, body, None)
    expect("notification without signature -> 401", s == 401, "%s %s" % (s, b[:200]))
    s, hs, b = post_callback(api, body, signature(a.secret, body, int(time.time()) - 3600))
    expect("notification with an hour-old timestamp -> 401", s == 401, "%s %s" % (s, b[:200]))
    s, hs, b = api.call("GET", "/api/v1/payments/" + p["id"], token=tok)
    expect("  still STARTED", s == 200 and json.loads(b)["state"] == "STARTED", b[:200].decode(errors="replace"))
    unknown = notification("P2020-0000-0000-0000", "sbx_AAAAAAAAAAAAAAAAAAAA", "SUCCEEDED")
    s, hs, b = post_callback(api, unknown, signature(a.secret, unknown))
    expect("signed notification for an unknown payment -> 404", s == 404, "%s %s" % (s, b[:200]))
    # the genuine one, twice
    s, hs, b = post_callback(api, body, signature(a.secret, body))
    expect("signed SUCCEEDED notification -> 204", s == 204, "%s %s" % (s, b[:200]))
    s, hs, b = api.call("GET", "/api/v1/payments/" + p["id"], token=tok)
    v = json.loads(b) if s == 200 else {}
    expect("  payment SUCCEEDED, externalState PAYED, finished",
           v.get("state") == "SUCCEEDED" and v.get("externalState") == "PAYED" and v.get("finished") is True,
           b[:300].decode(errors="replace"))
    s, hs, b = post_callback(api, body, signature(a.secret, body))
    expect("the same notification again -> 204", s == 204, "%s %s" % (s, b[:200]))
    s, hs, b = api.call("GET", "/api/v1/payments/%s/events" % p["id"], token=tok)
    ev = json.loads(b) if s == 200 else []
    notified = [e for e in ev if e.get("type") == "NOTIFIED"]
    expect("  one NOTIFIED event (the repeat changed nothing)", s == 200 and len(notified) == 1,
           "%s %s" % (s, json.dumps(ev)[:400]))
    s, hs, b = api.call("POST", "/api/v1/payments", {"caseId": cid}, tok, {"Idempotency-Key": key + "-again"})
    expect("a new payment for the paid case -> 409", s == 409, "%s %s" % (s, b[:200]))
    # the hosted page: a failure, then a success (the payer tries again), with notifications
    if len(cases) > 1:
        cid2, ci2 = cases[1]
        tok2 = tokens[ci2]
        s, hs, b = api.call("POST", "/api/v1/payments", {"caseId": cid2}, tok2, {"Idempotency-Key": key + "-2"})
        expect("create (second probe case) -> 201", s == 201, "%s %s" % (s, b[:200]))
        p2 = json.loads(b)
        path = page_path(p2["nextUrl"])
        s, hs, b = raw(api, "POST", path, b"outcome=failure&method=card",
                       {"Content-Type": "application/x-www-form-urlencoded"})
        expect("sandbox page: failure -> 200 FAILED", s == 200 and json.loads(b).get("outcome") == "FAILED",
               "%s %s" % (s, b[:200]))
        s, hs, b = raw(api, "POST", path, b"outcome=success&method=card&duplicates=2&reorder=true",
                       {"Content-Type": "application/x-www-form-urlencoded"})
        expect("sandbox page: then success (duplicates=2, reorder) -> 200 SUCCEEDED",
               s == 200 and json.loads(b).get("outcome") == "SUCCEEDED", "%s %s" % (s, b[:200]))
        s, hs, b = raw(api, "POST", path, b"outcome=cancel", {"Content-Type": "application/x-www-form-urlencoded"})
        expect("sandbox page: cancel after success -> 409", s == 409, "%s %s" % (s, b[:200]))
        end = time.monotonic() + 15
        state = None
        while time.monotonic() < end:
            s, hs, b = api.call("GET", "/api/v1/payments/" + p2["id"], token=tok2)
            state = json.loads(b).get("state") if s == 200 else s
            if state == "SUCCEEDED":
                break
            time.sleep(0.2)
        expect("  the sandbox's notifications made it SUCCEEDED (within 15 s)", state == "SUCCEEDED", str(state))
    print("\n".join("PROBE " + n for n in notes))


# ---------------------------------------------------------------- callback part


def cmd_callbacks(a):
    """Reads the created payments (files of 'caseId paymentId reference' lines), writes one
    notification body a line: a SUCCEEDED for each payment and, for --dup-share of them, an exact
    copy (same event id, same bytes) further down; half of the copies are close behind their
    original (2 to 8 lines: the other wrk thread sends them about at once), half far."""
    rnd = random.Random(a.seed)
    payments = []
    for path in a.created:
        for line in read_lines(path):
            f = line.split()
            if len(f) >= 3:
                payments.append((f[1], f[2]))
    if a.limit:
        payments = payments[:a.limit]
    placed = []  # (position, tiebreak, body)
    for n, (pid, ref) in enumerate(payments):
        body = notification(pid, ref, "SUCCEEDED").decode()
        placed.append((float(n), 0, body))
        if rnd.random() < a.dup_share:
            off = rnd.randint(2, 8) if rnd.random() < 0.5 else rnd.randint(9, max(10, min(5000, len(payments))))
            placed.append((n + off + rnd.random() * 0.5, 1, body))
    placed.sort()
    with open(a.out, "w") as f:
        for _, _, body in placed:
            f.write(body + "\n")
    print("CALLBACKS payments=%d notifications=%d duplicates=%d" % (len(payments), len(placed),
                                                                    len(placed) - len(payments)))


def cmd_verify(a):
    """A sample of the created payments read back as their payers (SUCCEEDED, PAYED), and the
    treasury's CSV of today and, if the run crossed midnight, of the day before."""
    tokens = read_lines(a.tokens)
    cases = dict(load_cases(a.cases))
    payments = []
    for path in a.created:
        for line in read_lines(path):
            f = line.split()
            if len(f) >= 3:
                payments.append((f[0], f[1]))
    rnd = random.Random(3)
    sample = rnd.sample(payments, min(a.sample, len(payments)))
    api = Api(a.base, timeout=30)
    states = collections.Counter()
    bad = []
    for cid, pid in sample:
        s, _, b = api.call("GET", "/api/v1/payments/" + pid, token=tokens[cases[cid]])
        if s == 200:
            d = json.loads(b)
            st = "%s/%s" % (d.get("state"), d.get("externalState"))
        else:
            st = "HTTP %s" % s
        states[st] += 1
        if st != "SUCCEEDED/PAYED" and len(bad) < 5:
            bad.append("%s %s" % (pid, st))
    res = {"sample": len(sample), "states": dict(states), "bad": bad}
    # the treasury
    days = sorted(set(a.days))
    rows, ids, cents, status = 0, collections.Counter(), 0, []
    for day in days:
        s, hs, b = raw(api, "GET", "/api/v1/treasury/bookings/%s?format=csv" % day, token=a.operator)
        status.append("%s: %s" % (day, s))
        if s != 200:
            continue
        lines = b.decode("utf-8").splitlines()
        header = lines[0].split(";")
        ki = header.index("Kassenzeichen") if "Kassenzeichen" in header else 6
        ci = header.index("BetragCent") if "BetragCent" in header else 5
        for line in lines[1:]:
            f = line.split(";")
            if f and f[0] == "B":
                rows += 1
                ids[f[ki]] += 1
                cents += int(f[ci])
    res.update({"treasury": ", ".join(status), "csv_rows": rows, "csv_payments": len(ids),
                "csv_twice": sum(1 for v in ids.values() if v > 1), "csv_cents": cents})
    print(json.dumps(res))


# ---------------------------------------------------------------- chaos


def retry_after(headers):
    """Seconds a 503's Retry-After asks for (0.2 to 5; 1 if it names none)."""
    try:
        return min(5.0, max(0.2, float(headers.get("retry-after", "1"))))
    except ValueError:
        return 1.0


class Gate:
    """Whether the platform answers; workers wait at it while it does not (after the kill)."""

    def __init__(self, base):
        self.base = base
        self.up = threading.Event()
        self.up.set()
        self.lock = threading.Lock()
        self.polling = False
        self.down_since = None
        self.downtimes = []

    def trouble(self):
        with self.lock:
            if self.polling:
                return
            self.polling = True
            self.up.clear()
            self.down_since = time.monotonic()
        threading.Thread(target=self._poll, daemon=True).start()

    def _poll(self):
        api = Api(self.base, timeout=2)
        while True:
            s, _, b = api.call("GET", "/api/v1/payments/providers")
            if s == 200 and b'"sandbox"' in b:
                # the payment API answers; the first seconds after a boot may still refuse some
                s2 = api.call("POST", "/api/v1/payments", {"caseId": "x"})[0]
                if s2 == 401:
                    break
            time.sleep(0.25)
        api.close()
        with self.lock:
            self.downtimes.append(round(time.monotonic() - self.down_since, 2))
            self.polling = False
            self.up.set()


def cmd_chaos(a):
    rnd = random.Random(a.seed)
    tokens = read_lines(a.tokens)
    citizens = load_citizens(a.citizens)
    cases = load_cases(a.cases)[a.skip:a.skip + a.payments]
    secret = a.secret
    start = time.monotonic()
    wall0 = time.time()
    killed = [None]
    gate = Gate(a.base)
    out = open(a.out, "w")
    lock = threading.Lock()
    tok_lock = threading.Lock()
    relogins = collections.Counter()

    def rel():
        return round(time.monotonic() - start, 3)

    def log(rec):
        with lock:
            out.write(json.dumps(rec) + "\n")

    # What each payment does, decided up front (deterministic for a seed).
    plans = []
    scenarios = [("success", 0.35), ("failure", 0.20), ("cancel", 0.15), ("failure-then-success", 0.20),
                 ("abandon", 0.10)]

    def pick(options):
        x, acc = rnd.random(), 0.0
        for name, share in options:
            acc += share
            if x < acc:
                return name
        return options[-1][0]

    def chaos_params():
        params = {}
        if rnd.random() < 0.6:
            params["duplicates"] = rnd.randint(1, 3)
        if rnd.random() < 0.5:
            params["reorder"] = "true"
        if rnd.random() < 0.7:
            params["delayMillis"] = rnd.randint(200, a.max_delay_ms)
        return params

    for n, (cid, ci) in enumerate(cases):
        sc = pick(scenarios)
        steps = {"success": ["success"], "failure": ["failure"], "cancel": ["cancel"],
                 "failure-then-success": ["failure", "success"], "abandon": []}[sc]
        decisions = []
        for s in steps:
            form = {"outcome": s, "method": rnd.choice(["card", "sepa-debit", "paypal"])}
            form.update(chaos_params())
            decisions.append((rnd.uniform(0.2, a.max_think), form))
        plans.append({"n": n, "case": cid, "citizen": ci, "scenario": sc, "decisions": decisions,
                      "at": a.seconds * n / max(1, len(cases))})
    # The work: a queue of (due time, seq, action). Workers take due actions.
    heap = []
    import heapq
    seq = [0]
    cond = threading.Condition()
    pending = [0]  # actions queued or running

    def schedule(due, action):
        with cond:
            seq[0] += 1
            heapq.heappush(heap, (due, seq[0], action))
            pending[0] += 1
            cond.notify()

    def finished_one():
        with cond:
            pending[0] -= 1
            cond.notify_all()

    for p in plans:
        schedule(start + p["at"], ("create", p, 1))
    payments = {}  # n -> {"id", "ref", "path"}
    counts = collections.Counter()

    def token_for(ci, stale=None):
        with tok_lock:
            if stale is not None and tokens[ci] == stale:
                api = Api(a.base, timeout=30)
                try:
                    d = login_citizen(api, citizens[ci][1], time.monotonic() + 60)
                    tokens[ci] = d["accessToken"]
                    relogins["citizen"] += 1
                finally:
                    api.close()
            return tokens[ci]

    def do_create(api, p, attempt):
        key = "chaos-%s" % p["case"]
        tok = token_for(p["citizen"])
        t0 = rel()
        s, hs, b = api.call("POST", "/api/v1/payments", {"caseId": p["case"]}, tok, {"Idempotency-Key": key})
        t1 = rel()
        if s == 401:
            tok = token_for(p["citizen"], stale=tok)
            s, hs, b = api.call("POST", "/api/v1/payments", {"caseId": p["case"]}, tok, {"Idempotency-Key": key})
            t1 = rel()
        rec = {"a": "create", "n": p["n"], "case": p["case"], "attempt": attempt, "s": s, "t0": t0, "t1": t1,
               "replayed": hs.get("idempotent-replayed") == "true"}
        k = killed[0]
        if s == 0:
            rec["err"] = hs.get("error", "")[:120]
            rec["in_flight_at_kill"] = k is not None and t0 <= k
            log(rec)
            gate.trouble()
            schedule(time.monotonic() + 0.2, ("create", p, attempt + 1))  # the payer tries again
            return
        if s == 503:
            # the platform is starting or rebuilding its API (a bundle came up) and says when to come
            # back: the payer does, with the same key, as a client of a real city would
            rec["body"] = b[:200].decode(errors="replace")
            log(rec)
            schedule(time.monotonic() + retry_after(hs), ("create", p, attempt + 1))
            return
        if s in (200, 201):
            d = json.loads(b)
            with lock:
                payments[p["n"]] = {"id": d["id"], "ref": d["providerReference"], "path": page_path(d["nextUrl"]),
                                    "case": p["case"], "citizen": p["citizen"]}
            rec["id"] = d["id"]
            log(rec)
            if p["decisions"]:
                schedule(time.monotonic() + p["decisions"][0][0], ("decide", p, 0, 1))
            return
        rec["body"] = b[:200].decode(errors="replace")
        log(rec)

    def do_decide(api, p, i, attempt):
        pay = payments[p["n"]]
        think, form = p["decisions"][i]
        data = urllib.parse.urlencode(form).encode()
        t0 = rel()
        s, hs, b = raw(api, "POST", pay["path"], data, {"Content-Type": "application/x-www-form-urlencoded"})
        t1 = rel()
        rec = {"a": "decide", "n": p["n"], "id": pay["id"], "step": i, "form": form, "attempt": attempt, "s": s,
               "t0": t0, "t1": t1}
        if s == 200:
            rec["outcome"] = json.loads(b).get("outcome")
        elif s == 0:
            rec["err"] = hs.get("error", "")[:120]
            k = killed[0]
            rec["in_flight_at_kill"] = k is not None and t0 <= k
            log(rec)
            gate.trouble()
            schedule(time.monotonic() + 0.2, ("decide", p, i, attempt + 1))
            return
        else:
            rec["body"] = b[:200].decode(errors="replace")
        log(rec)
        if i + 1 < len(p["decisions"]):
            schedule(time.monotonic() + p["decisions"][i + 1][0], ("decide", p, i + 1, 1))

    def worker():
        api = Api(a.base, timeout=a.timeout)
        while True:
            with cond:
                while True:
                    if not heap:
                        if pending[0] == 0:
                            api.close()
                            return
                        cond.wait(0.5)
                        continue
                    due = heap[0][0]
                    wait = due - time.monotonic()
                    if wait <= 0:
                        _, _, action = heapq.heappop(heap)
                        break
                    cond.wait(min(wait, 0.5))
            gate.up.wait()
            try:
                if action[0] == "create":
                    do_create(api, action[1], action[2])
                else:
                    do_decide(api, action[1], action[2], action[3])
                counts[action[0]] += 1
            except Exception as e:  # a bug of this client: recorded, the storm goes on
                log({"a": "client-error", "what": repr(e)[:300], "action": action[0]})
            finally:
                finished_one()

    # Forged notifications beside the storm, at --forge-rate per second, until the storm ends.
    forged = collections.Counter()
    forged_by_kind = collections.defaultdict(collections.Counter)
    forged_by_phase = {"up": collections.Counter(), "away": collections.Counter()}
    storm_over = threading.Event()

    def forger():
        api = Api(a.base, timeout=a.timeout)
        frnd = random.Random(a.seed + 1)
        interval = 1.0 / a.forge_rate
        nxt = time.monotonic()
        i = 0
        while not storm_over.is_set():
            nxt += interval
            time.sleep(max(0.0, nxt - time.monotonic()))
            with lock:
                known = list(payments.values())
            if known:
                target = frnd.choice(known)
                pid, ref = target["id"], target["ref"]
            else:
                pid, ref = "P2020-0000-0000-0000", "sbx_AAAAAAAAAAAAAAAAAAAA"
            kind = FORGED_KINDS[i % len(FORGED_KINDS)]
            i += 1
            ev = FORGED_PREFIX + str(uuid.uuid4())[9:]
            body = notification(pid, ref, "SUCCEEDED", event_id=ev)
            if kind == "wrong-secret":
                sig = signature("forger-" + secret[::-1], body)
            elif kind == "tampered-body":
                # a genuine signature of a failure, the body then changed into a success
                genuine = notification(pid, ref, "FAILED", event_id=ev)
                sig = signature(secret, genuine)
                body = genuine.replace(b'"FAILED"', b'"SUCCEEDED"')
            elif kind == "stale-timestamp":
                sig = signature(secret, body, int(time.time()) - 3600)
            elif kind == "future-timestamp":
                sig = signature(secret, body, int(time.time()) + 3600)
            elif kind == "no-header":
                sig = None
            else:
                sig = "t=%d,v1=%s" % (int(time.time()), "zz" * 32)
            # "up": the platform answered the workers before and after (the gate was open): it must
            # refuse with 401. "away": killed, or booting (routes and services not all there yet).
            up_before = gate.up.is_set()
            s, hs, b = post_callback(api, body, sig)
            # a 503 of the API's gate ("starting or updating") is the platform saying it is not up yet
            updating = s == 503 and b"starting or updating" in b
            phase = "up" if up_before and gate.up.is_set() and s != 0 and not updating else "away"
            forged[s] += 1
            forged_by_kind[kind][s] += 1
            forged_by_phase[phase][s] += 1
            if s == 0:
                gate.trouble()
            if s != 401:
                log({"a": "forged-answer", "kind": kind, "s": s, "phase": phase, "id": pid, "t": rel(),
                     "body": b[:200].decode(errors="replace")})
        api.close()

    def killer():
        time.sleep(max(0.0, start + a.kill_after - time.monotonic()))
        try:
            os.kill(a.pid, signal.SIGKILL)
            killed[0] = rel()
        except ProcessLookupError:
            killed[0] = -1
        if a.killed_marker:
            with open(a.killed_marker, "w") as f:
                f.write(str(killed[0]))

    workers = [threading.Thread(target=worker, daemon=True) for _ in range(a.threads)]
    ft = threading.Thread(target=forger, daemon=True)
    kt = threading.Thread(target=killer, daemon=True) if a.pid else None
    for t in workers:
        t.start()
    ft.start()
    if kt:
        kt.start()
    deadline = start + a.deadline
    for t in workers:
        t.join(max(1.0, deadline - time.monotonic()))
    storm_over.set()
    ft.join(a.timeout + 2)
    storm_s = round(time.monotonic() - start, 2)
    out.close()
    # the payments known to the client, for converge and DbCheck
    with open(a.payments_out, "w") as f:
        for n, p in sorted(payments.items()):
            f.write("%s %s %s %s %d %s\n" % (p["case"], p["id"], p["ref"], p["path"], p["citizen"], plans[n]["scenario"]))
    with open(a.tokens_out, "w") as f:
        for t in tokens:
            f.write(t + "\n")
    print(json.dumps({"killed_at_s": killed[0], "storm_s": storm_s, "payments_planned": len(plans),
                      "payments_known": len(payments), "actions": dict(counts), "downtimes_s": gate.downtimes,
                      "forged": {str(k): v for k, v in forged.items()},
                      "forged_by_kind": {k: {str(s): n for s, n in v.items()} for k, v in forged_by_kind.items()},
                      "forged_by_phase": {k: {str(s): n for s, n in v.items()} for k, v in forged_by_phase.items()},
                      "relogins": dict(relogins), "unfinished_actions": pending[0],
                      "wall_start": wall0}))


def summarise_chaos(recs, summary):
    """The storm's records, counted (for run.sh)."""
    k = summary.get("killed_at_s")
    creates = [r for r in recs if r["a"] == "create"]
    decides = [r for r in recs if r["a"] == "decide"]
    by_case = collections.defaultdict(list)
    for r in creates:
        by_case[r["case"]].append(r)
    first_try_lost = [c for c, rs in by_case.items() if rs[0]["s"] == 0]
    in_flight = [c for c, rs in by_case.items() if any(r["s"] == 0 and r.get("in_flight_at_kill") for r in rs)]
    after_retry = collections.Counter()
    for c in in_flight:
        rs = by_case[c]
        final = [r for r in rs if r["s"] != 0]
        if not final:
            after_retry["never answered"] += 1
        elif final[0]["s"] == 200 and final[0]["replayed"]:
            after_retry["stored (200 replayed)"] += 1
        elif final[0]["s"] == 201:
            after_retry["not stored (201)"] += 1
        else:
            after_retry["other %s" % final[0]["s"]] += 1
    statuses = collections.Counter(str(r["s"]) for r in creates)
    dstat = collections.Counter(str(r["s"]) for r in decides)
    dec_in_flight = sum(1 for r in decides if r["s"] == 0 and r.get("in_flight_at_kill"))
    dec_retried_409 = sum(1 for r in decides if r["attempt"] > 1 and r["s"] == 409)
    forms = collections.Counter()
    for r in decides:
        if r["attempt"] == 1:
            f = r["form"]
            forms["decisions"] += 1
            if "duplicates" in f:
                forms["with duplicates"] += 1
            if f.get("reorder") == "true":
                forms["reordered"] += 1
            if "delayMillis" in f:
                forms["delayed"] += 1
                if k and k > 0 and r["t1"] <= k < r["t1"] + f["delayMillis"] / 1000.0 + 0.1 * (f.get("duplicates", 0) + 1):
                    forms["notifications due after the kill"] += 1
    errors = [r for r in recs if r["a"] == "client-error"]
    # forged notifications answered other than 401 while the platform was up (a refusal must be 401)
    forged_odd = [r for r in recs if r["a"] == "forged-answer" and r["phase"] == "up"]
    away = collections.Counter()
    away_examples = {}
    for r in recs:
        if r["a"] == "forged-answer" and r["phase"] == "away" and r["s"] != 0:
            away[r["s"]] += 1
            away_examples.setdefault(r["s"], r["body"][:120].replace("\n", " "))
    return {
        "creates": len(creates), "create_statuses": dict(statuses),
        "acknowledged": len({r["case"] for r in creates if r["s"] in (200, 201)}),
        "first_try_no_answer": len(first_try_lost), "in_flight_at_kill": len(in_flight),
        "in_flight_after_retry": dict(after_retry),
        "decides": len(decides), "decide_statuses": dict(dstat), "decide_in_flight_at_kill": dec_in_flight,
        "decide_retried_409": dec_retried_409, "chaos": dict(forms),
        "client_errors": len(errors), "client_error_examples": [e["what"] for e in errors[:3]],
        "forged_odd": len(forged_odd), "forged_odd_examples": [json.dumps(r)[:200] for r in forged_odd[:3]],
        "forged_away_examples": {str(k): v for k, v in away_examples.items()},
        "forged_accepted": sum(1 for r in recs if r["a"] == "forged-answer" and 200 <= r["s"] < 300),
    }


def cmd_summary(a):
    recs = []
    with open(a.log) as f:
        for line in f:
            if line.strip():
                recs.append(json.loads(line))
    summary = json.loads(a.storm)
    res = summarise_chaos(recs, summary)
    res.update(summary)
    print(json.dumps(res))


def cmd_converge(a):
    """Polls every known payment (as its payer) and the sandbox page's truth until all agree."""
    rows = [l.split() for l in read_lines(a.payments)]
    tokens = read_lines(a.tokens)
    citizens = load_citizens(a.citizens)
    expect = {"SUCCEEDED": {"SUCCEEDED"}, "FAILED": {"FAILED"}, "CANCELLED": {"CANCELLED"},
              "OPEN": {"CREATED", "STARTED", "AUTHORISED"}}
    open_rows = {r[1]: r for r in rows}
    t0 = time.monotonic()
    deadline = t0 + a.timeout
    lock = threading.Lock()
    tok_lock = threading.Lock()
    passes = 0
    last = {}

    def check(row, api):
        cid, pid, ref, path, ci = row[0], row[1], row[2], row[3], int(row[4])
        tok = tokens[ci]
        s, _, b = api.call("GET", "/api/v1/payments/" + pid, token=tok)
        if s == 401:
            with tok_lock:
                if tokens[ci] == tok:
                    d = login_citizen(api, citizens[ci][1], time.monotonic() + 60)
                    tokens[ci] = d["accessToken"]
                tok = tokens[ci]
            s, _, b = api.call("GET", "/api/v1/payments/" + pid, token=tok)
        state = json.loads(b).get("state") if s == 200 else "HTTP%s" % s
        s2, _, b2 = api.call("GET", path)
        truth = json.loads(b2).get("outcome") if s2 == 200 else "HTTP%s" % s2
        return pid, state, truth, state in expect.get(truth, ())

    while True:
        passes += 1
        todo = list(open_rows.values())
        results = []

        def run(chunk):
            api = Api(a.base, timeout=30)
            for row in chunk:
                r = check(row, api)
                with lock:
                    results.append(r)
            api.close()

        chunks = [todo[i::a.workers] for i in range(a.workers)]
        ts = [threading.Thread(target=run, args=(c,)) for c in chunks if c]
        for t in ts:
            t.start()
        for t in ts:
            t.join()
        for pid, state, truth, ok in results:
            last[pid] = (state, truth)
            if ok:
                open_rows.pop(pid, None)
        if not open_rows or time.monotonic() > deadline:
            break
        time.sleep(a.interval)
    pairs = collections.Counter("%s~%s" % v for v in last.values())
    print(json.dumps({"payments": len(rows), "agree": len(rows) - len(open_rows), "differ": len(open_rows),
                      "seconds": round(time.monotonic() - t0, 1), "passes": passes,
                      "pairs": dict(pairs.most_common()),
                      "differ_examples": ["%s %s~%s" % (p, *last.get(p, ("?", "?"))) for p in list(open_rows)[:5]]}))


def main():
    p = argparse.ArgumentParser()
    sub = p.add_subparsers(dest="cmd", required=True)
    s = sub.add_parser("ready")
    s.add_argument("--base", required=True)
    s.add_argument("--timeout", type=float, default=180)
    s = sub.add_parser("login")
    s.add_argument("--base", required=True)
    s.add_argument("--email", required=True)
    s.add_argument("--staff", action="store_true")
    s.add_argument("--state", help="file with the last TOTP step used per account")
    s.add_argument("--timeout", type=float, default=90)
    s = sub.add_parser("tokens")
    s.add_argument("--base", required=True)
    s.add_argument("--citizens", required=True)
    s.add_argument("--out", required=True)
    s.add_argument("--state", required=True, help="the refresh tokens, by e-mail")
    s.add_argument("--refresh", action="store_true")
    s.add_argument("--workers", type=int, default=4)
    s.add_argument("--timeout", type=float, default=300)
    s = sub.add_parser("probe")
    s.add_argument("--base", required=True)
    s.add_argument("--tokens", required=True)
    s.add_argument("--cases", required=True)
    s.add_argument("--probes", type=int, default=2)
    s.add_argument("--secret", required=True)
    s = sub.add_parser("callbacks")
    s.add_argument("--created", nargs="+", required=True)
    s.add_argument("--out", required=True)
    s.add_argument("--dup-share", type=float, default=0.2)
    s.add_argument("--limit", type=int, default=0)
    s.add_argument("--seed", type=int, default=11)
    s = sub.add_parser("verify")
    s.add_argument("--base", required=True)
    s.add_argument("--tokens", required=True)
    s.add_argument("--cases", required=True)
    s.add_argument("--created", nargs="+", required=True)
    s.add_argument("--operator", required=True)
    s.add_argument("--days", nargs="+", required=True)
    s.add_argument("--sample", type=int, default=300)
    s = sub.add_parser("chaos")
    s.add_argument("--base", required=True)
    s.add_argument("--tokens", required=True)
    s.add_argument("--citizens", required=True)
    s.add_argument("--cases", required=True)
    s.add_argument("--skip", type=int, default=0, help="cases at the start of the file not used (the probes)")
    s.add_argument("--payments", type=int, default=2000)
    s.add_argument("--seconds", type=float, default=60, help="the payments' creations are spread over this")
    s.add_argument("--kill-after", type=float, default=30)
    s.add_argument("--pid", type=int, default=0)
    s.add_argument("--killed-marker", default="")
    s.add_argument("--threads", type=int, default=16)
    s.add_argument("--max-delay-ms", type=int, default=8000)
    s.add_argument("--max-think", type=float, default=3.0)
    s.add_argument("--forge-rate", type=float, default=10)
    s.add_argument("--secret", required=True)
    s.add_argument("--seed", type=int, default=5)
    s.add_argument("--timeout", type=float, default=10)
    s.add_argument("--deadline", type=float, default=900)
    s.add_argument("--out", required=True)
    s.add_argument("--payments-out", required=True)
    s.add_argument("--tokens-out", required=True)
    s = sub.add_parser("summary")
    s.add_argument("--log", required=True)
    s.add_argument("--storm", required=True)
    s = sub.add_parser("converge")
    s.add_argument("--base", required=True)
    s.add_argument("--payments", required=True)
    s.add_argument("--tokens", required=True)
    s.add_argument("--citizens", required=True)
    s.add_argument("--timeout", type=float, default=180)
    s.add_argument("--interval", type=float, default=2)
    s.add_argument("--workers", type=int, default=8)
    a = p.parse_args()
    if getattr(a, "threads", 1) > 64:
        raise SystemExit("at most 64 threads")
    {"ready": cmd_ready, "login": cmd_login, "tokens": cmd_tokens, "probe": cmd_probe, "callbacks": cmd_callbacks,
     "verify": cmd_verify, "chaos": cmd_chaos, "summary": cmd_summary, "converge": cmd_converge}[a.cmd](a)


if __name__ == "__main__":
    main()
