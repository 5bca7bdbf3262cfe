#!/usr/bin/env python3
"""The HTTP client of benchmarks/cases/run.sh (python3 standard library only).

Subcommands:
  ready    wait until the platform serves the catalogue, logins and the case API
  login    log in (staff with a TOTP code) and print the access token
  me       print the subject of a token (GET /api/v1/me)
  inbox    one request per inbox query kind: answers, items, hasMore, time (a plausibility check)
  storm    the crash test's submission storm: creates with unique keys, repeated keys (some at the
           same time), kill -9 of the platform after --kill-after seconds; writes every answer
  verify   after the restart: every acknowledged case is there, resent keys give the same case
  postfach counts the citizens' unread Postfach messages (all pages)
  count    counts the citizens' cases (GET /api/v1/cases, the last page found by bisection)
  stacks   sums up jstack samples of the platform: where its request threads were

Sends to 127.0.0.1 only (the base URL's host must be 127.0.0.1). Every subcommand has a deadline.
"""

import argparse
import base64
import hashlib
import hmac
import http.client
import json
import os
import random
import signal
import struct
import sys
import threading
import time
import urllib.parse

TOTP_SECRET = "JBSWY3DPEHPK3PXPJBSWY3DPEHPK3PXP"  # the demo staff accounts' secret
PASSWORD = "amtsgang-demo"


class Api:
    """One keep-alive connection to the platform; reconnects after errors."""

    def __init__(self, base, timeout=10.0):
        u = urllib.parse.urlsplit(base)
        if u.scheme != "http" or u.hostname != "127.0.0.1":
            raise SystemExit("only http://127.0.0.1 is allowed, was " + base)
        self.host, self.port, self.timeout = u.hostname, u.port, timeout
        self.conn = None

    def call(self, method, path, body=None, token=None, headers=None):
        """(status, headers dict with lower-case names, body bytes); status 0 when nothing answered."""
        data = json.dumps(body).encode() if body is not None else None
        h = {"Accept": "application/json"}
        if data is not None:
            h["Content-Type"] = "application/json"
        if token:
            h["Authorization"] = "Bearer " + token
        h.update(headers or {})
        try:
            if self.conn is None:
                self.conn = http.client.HTTPConnection(self.host, self.port, timeout=self.timeout)
            self.conn.request(method, path, body=data, headers=h)
            r = self.conn.getresponse()
            b = r.read()
            hs = {k.lower(): v for k, v in r.getheaders()}
            if hs.get("connection", "").lower() == "close":
                self.close()
            return r.status, hs, b
        except (OSError, http.client.HTTPException) as e:
            self.close()
            return 0, {"error": "%s: %s" % (type(e).__name__, e)}, b""

    def close(self):
        if self.conn is not None:
            try:
                self.conn.close()
            except OSError:
                pass
        self.conn = None


# ---------------------------------------------------------------- login


def totp(step, secret=TOTP_SECRET):
    key = base64.b32decode(secret)
    h = hmac.new(key, struct.pack(">Q", step), hashlib.sha1).digest()
    o = h[-1] & 15
    return "%06d" % ((struct.unpack(">I", h[o:o + 4])[0] & 0x7FFFFFFF) % 1000000)


def login(api, email, staff, state_file, deadline):
    """The access token. Staff: the platform takes each TOTP step once per account (and accepts the
    steps next to the current one), so the last step used is kept in state_file and the next one is
    used, waiting for it when needed. Failed attempts count against the account's lock: few tries."""
    state = {}
    if staff and state_file and os.path.exists(state_file):
        with open(state_file) as f:
            state = json.load(f)
    failures = []
    for attempt in range(4):
        body = {"email": email, "password": PASSWORD}
        step = None
        if staff:
            now_step = int(time.time()) // 30
            step = max(now_step, state.get(email, 0) + 1)
            while step > int(time.time()) // 30 + 1:  # too far ahead: wait for the clock
                if time.monotonic() > deadline:
                    raise SystemExit("login %s: out of time waiting for a TOTP step" % email)
                time.sleep(0.5)
            body["totp"] = totp(step)
        status, _, b = api.call("POST", "/api/v1/auth/login", body)
        if step is not None and status in (200, 401):
            state[email] = step  # a 401 may have consumed nothing, but never try a step twice
            if state_file:
                with open(state_file + ".tmp", "w") as f:
                    json.dump(state, f)
                os.replace(state_file + ".tmp", state_file)
        if status == 200:
            return json.loads(b)["accessToken"]
        failures.append("%s %s" % (status, b[:200].decode(errors="replace")))
        if time.monotonic() > deadline or status in (400, 403, 429):
            break
        time.sleep(1)
    raise SystemExit("login %s failed: %s" % (email, " | ".join(failures)))


def cmd_ready(a):
    api = Api(a.base, timeout=3)
    end = time.monotonic() + a.timeout
    seen = {}
    while True:
        s1 = api.call("GET", "/api/v1/services")[0]
        s2 = api.call("POST", "/api/v1/auth/login", {})[0] if s1 == 200 else 0
        s3 = api.call("GET", "/api/v1/cases")[0] if s2 == 400 else 0
        s4 = api.call("GET", "/api/v1/offices/steueramt/cases")[0] if s3 == 401 else 0
        key = "%s/%s/%s/%s" % (s1, s2, s3, s4)
        seen[key] = seen.get(key, 0) + 1
        if s4 == 401:
            print("ready")
            return
        if time.monotonic() > end:
            raise SystemExit("not ready within %d s; answers (services/login/cases/inbox): %s" % (a.timeout, seen))
        time.sleep(0.3)


def cmd_login(a):
    api = Api(a.base)
    print(login(api, a.email, a.staff, a.state, time.monotonic() + a.timeout))


def cmd_me(a):
    api = Api(a.base)
    status, _, b = api.call("GET", "/api/v1/me", token=a.token)
    if status != 200:
        raise SystemExit("GET /api/v1/me: %s %s" % (status, b[:200]))
    print(json.loads(b)["account"]["id"])


# ---------------------------------------------------------------- inbox


def cmd_inbox(a):
    """One request per kind, as the wrk script sends them: the answer, the number of items and hasMore."""
    api = Api(a.base, timeout=30)
    kinds = [
        ("status", "status=SUBMITTED,IN_REVIEW"),
        ("status+service", "status=SUBMITTED,IN_REVIEW&service=" + a.service),
        ("assignee=me", "assignee=" + a.me),
        ("assignee=none", "status=SUBMITTED&assignee=none"),
        ("olderThanDays=30", "status=SUBMITTED,IN_REVIEW&olderThanDays=30"),
        ("overdue", "overdue=true"),
        ("deep page", "status=SUBMITTED,IN_REVIEW&page=20"),
    ]
    for name, q in kinds:
        path = "/api/v1/offices/%s/cases?%s&size=%s" % (a.office, q, a.size)
        t0 = time.monotonic()
        status, _, b = api.call("GET", path, token=a.token)
        ms = (time.monotonic() - t0) * 1000
        items, more, note = "?", "?", ""
        if status == 200:
            d = json.loads(b)
            items, more = len(d.get("items", [])), d.get("hasMore")
            ok = {
                "assignee=me": all(i.get("assignee") == a.me for i in d["items"]),
                "assignee=none": all(not i.get("assignee") for i in d["items"]),
                "status+service": all(i.get("serviceId") == a.service for i in d["items"]),
            }.get(name, True)
            if not ok:
                note = " FILTER NOT APPLIED"
        else:
            note = " " + b[:160].decode(errors="replace")
        print("INBOX kind=%s status=%s items=%s hasMore=%s first_ms=%.0f%s" % (name.replace(" ", "_"), status, items, more, ms, note))


# ---------------------------------------------------------------- crash test: the storm


FORM = {"hund": {"name": "Bello", "rasse": "Dackel", "geburtsjahr": 2020}, "haltungSeit": "2026-10-01"}
SERVICE = "steueramt-hundesteuer-anmeldung"


def application(key):
    # the body is the same for a key's every sending (a replay must be the same request)
    form = json.loads(json.dumps(FORM))
    form["hund"]["name"] = "Bello-" + key[-6:]
    return {"serviceId": SERVICE, "submit": True, "formData": form}


def cmd_storm(a):
    tokens = a.tokens
    rnd = random.Random(a.seed)
    lock = threading.Lock()
    sent_keys = []  # (citizen index, key) of keys sent at least once
    twins = []  # keys another thread is sending right now: send them too, at the same time
    counter = [0]
    start = time.monotonic()
    stop_at = start + a.seconds
    killed = [None]  # seconds after start of the kill
    out = open(a.out, "w")

    def next_request(wid):
        with lock:
            if twins:
                return twins.pop(0) + ("twin",)
            counter[0] += 1
            n = counter[0]
            if n % a.repeat_every == 0 and sent_keys:
                c, k = sent_keys[rnd.randrange(len(sent_keys))]
                return c, k, "repeat"
            c = n % len(tokens)
            k = "%s-%d" % (a.prefix, n)
            sent_keys.append((c, k))
            if len(sent_keys) % a.twin_every == 0:
                twins.append((c, k))
            return c, k, "new"

    def worker(wid):
        api = Api(a.base, timeout=a.timeout)
        # after the kill nothing new is sent: what was in flight then is what the test is about
        while time.monotonic() < stop_at and killed[0] is None:
            c, key, kind = next_request(wid)
            t0 = time.monotonic()
            status, hs, b = api.call("POST", "/api/v1/cases", application(key), tokens[c], {"Idempotency-Key": key})
            t1 = time.monotonic()
            case_id = ""
            if status in (200, 201):
                try:
                    case_id = json.loads(b)["id"]
                except (ValueError, KeyError):
                    status = -status  # a 2xx without a case: counted as an error
            rec = {
                "c": c, "key": key, "kind": kind, "status": status, "id": case_id,
                "replayed": hs.get("idempotent-replayed") == "true",
                "t0": round(t0 - start, 4), "t1": round(t1 - start, 4),
            }
            if status not in (200, 201):
                rec["err"] = hs.get("error") or b[:160].decode(errors="replace")
            with lock:
                out.write(json.dumps(rec) + "\n")
            if status == 0 and killed[0] is None:
                time.sleep(0.05)  # no answer before the kill: do not spin
        api.close()

    def killer():
        time.sleep(max(0.0, start + a.kill_after - time.monotonic()))
        try:
            os.kill(a.pid, signal.SIGKILL)
            killed[0] = round(time.monotonic() - start, 3)
        except ProcessLookupError:
            killed[0] = -1

    threads = [threading.Thread(target=worker, args=(w,), daemon=True) for w in range(a.threads)]
    k = threading.Thread(target=killer, daemon=True) if a.pid else None
    for t in threads:
        t.start()
    if k:
        k.start()
    for t in threads:
        t.join(a.seconds + a.timeout + 10)
    out.close()
    print(json.dumps({"killed_at_s": killed[0], "seconds": round(time.monotonic() - start, 2), "keys": counter[0]}))


def load_storm(path):
    recs = []
    with open(path) as f:
        for line in f:
            line = line.strip()
            if line:
                recs.append(json.loads(line))
    return recs


def summarise(recs, killed_at):
    """What the storm's answers say, before any restart."""
    by_key = {}
    statuses = {}
    for r in recs:
        statuses[str(r["status"])] = statuses.get(str(r["status"]), 0) + 1
        e = by_key.setdefault((r["c"], r["key"]), {"ids": set(), "sent": 0, "acked": 0, "replays": 0})
        e["sent"] += 1
        if r["status"] in (200, 201):
            e["ids"].add(r["id"])
            e["acked"] += 1
            if r["status"] == 200:
                e["replays"] += 1
    two_ids = sum(1 for e in by_key.values() if len(e["ids"]) > 1)
    before_kill = [r for r in recs if killed_at is None or killed_at < 0 or r["t1"] <= killed_at]
    acked_before = sum(1 for r in before_kill if r["status"] == 201)
    window = max(0.001, killed_at if killed_at and killed_at > 0 else max((r["t1"] for r in recs), default=0.001))
    return by_key, statuses, two_ids, acked_before / window


def cmd_verify(a):
    recs = load_storm(a.log)
    storm = json.loads(a.storm_summary) if a.storm_summary else {}
    killed_at = storm.get("killed_at_s")
    by_key, statuses, two_ids, rate = summarise(recs, killed_at)
    tokens = a.tokens
    acked = {k: e for k, e in by_key.items() if e["ids"]}
    unacked = {k: e for k, e in by_key.items() if not e["ids"]}
    res = {
        "requests": len(recs),
        "statuses": statuses,
        "keys": len(by_key),
        "keys_acknowledged": len(acked),
        "acknowledged_per_s_before_kill": round(rate, 1),
        "new": sum(1 for r in recs if r["kind"] == "new"),
        "repeats": sum(1 for r in recs if r["kind"] == "repeat"),
        "twins": sum(1 for r in recs if r["kind"] == "twin"),
        "keys_with_two_ids": two_ids,
        "replays_during_storm": sum(1 for r in recs if r["status"] == 200),
        "replays_during_storm_marked": sum(1 for r in recs if r["status"] == 200 and r["replayed"]),
            "killed_at_s": killed_at,
        "no_answer_before_kill": sum(1 for r in recs if r["status"] == 0 and killed_at and r["t1"] < killed_at - 0.05),
    }
    # Each acknowledged case, read back as its applicant.
    api = Api(a.base, timeout=a.timeout)
    deadline = time.monotonic() + a.deadline
    found = missing = wrong = 0
    missing_examples = []
    with open(a.acked_out, "w") as f:
        for (c, key), e in acked.items():
            for cid in e["ids"]:
                f.write("%s %s\n" % (cid, key))
    for (c, key), e in acked.items():
        if time.monotonic() > deadline:
            break
        for cid in e["ids"]:
            status, _, b = api.call("GET", "/api/v1/cases/" + cid, token=tokens[c])
            if status == 200:
                d = json.loads(b)
                if d.get("id") == cid and d.get("status") == "SUBMITTED":
                    found += 1
                else:
                    wrong += 1
            else:
                missing += 1
                if len(missing_examples) < 5:
                    missing_examples.append("%s (key %s): %s" % (cid, key, status))
    res.update({"acked_checked": found + missing + wrong, "acked_found": found, "acked_missing": missing,
                "acked_wrong": wrong, "missing_examples": missing_examples})
    # Resend acknowledged keys (a sample): the same case must come back, marked as a replay.
    sample = list(acked.items())
    random.Random(7).shuffle(sample)
    sample = sample[:a.resend]
    same = other = 0
    other_examples = []
    for (c, key), e in sample:
        status, hs, b = api.call("POST", "/api/v1/cases", application(key), tokens[c], {"Idempotency-Key": key})
        cid = json.loads(b).get("id") if status in (200, 201) else None
        if status == 200 and hs.get("idempotent-replayed") == "true" and cid in e["ids"]:
            same += 1
        else:
            other += 1
            if len(other_examples) < 5:
                other_examples.append("%s: %s %s" % (key, status, cid or b[:120].decode(errors="replace")))
    res.update({"resent": len(sample), "resent_same": same, "resent_other": other, "resent_examples": other_examples})
    # Keys sent but never acknowledged (in flight at the kill): were they stored? Resending tells.
    committed = fresh = odd = 0
    for (c, key), e in unacked.items():
        status, hs, b = api.call("POST", "/api/v1/cases", application(key), tokens[c], {"Idempotency-Key": key})
        if status == 200:
            committed += 1
        elif status == 201:
            fresh += 1
        else:
            odd += 1
    res.update({"unacked_keys": len(unacked), "unacked_resent": committed + fresh + odd,
                "unacked_were_stored": committed, "unacked_new": fresh, "unacked_other": odd})
    # The citizens' own lists, all pages: no case twice.
    listed = {}
    for c, tok in enumerate(tokens):
        page = 0
        while time.monotonic() < deadline:
            status, _, b = api.call("GET", "/api/v1/cases?page=%d&size=100" % page, token=tok)
            if status != 200:
                res.setdefault("list_errors", []).append("%d page %d: %s" % (c, page, status))
                break
            d = json.loads(b)
            for it in d.get("items", []):
                listed[it["id"]] = listed.get(it["id"], 0) + 1
            if not d.get("hasMore"):
                break
            page += 1
    all_acked_ids = {cid for e in acked.values() for cid in e["ids"]}
    res.update({"listed_cases": len(listed), "listed_twice": sum(1 for v in listed.values() if v > 1),
                "acked_not_listed": len(all_acked_ids - set(listed))})
    print(json.dumps(res))


# ---------------------------------------------------------------- Postfach


def cmd_postfach(a):
    """Unread messages per token, paging through all of them: "POSTFACH unread=N pages=P ms=T" per token."""
    api = Api(a.base, timeout=30)
    deadline = time.monotonic() + a.deadline
    total = 0
    for tok in a.tokens:
        page, n, t0 = 0, 0, time.monotonic()
        while True:
            status, _, b = api.call("GET", "/api/v1/postfach?unread=true&size=100&page=%d" % page, token=tok)
            if status != 200:
                raise SystemExit("GET /api/v1/postfach page %d: %s %s" % (page, status, b[:160]))
            d = json.loads(b)
            n += len(d.get("items", []))
            page += 1
            if not d.get("hasMore"):
                break
            if time.monotonic() > deadline:
                raise SystemExit("Postfach not read through within %d s (%d pages)" % (a.deadline, page))
        total += n
        print("POSTFACH unread=%d pages=%d ms=%.0f" % (n, page, (time.monotonic() - t0) * 1000))
    print("POSTFACH total=%d" % total)


def cmd_count(a):
    """The number of cases of each token's citizen, and their sum: "COUNT total=N"."""
    api = Api(a.base, timeout=60)
    total = 0

    def page(tok, p):
        status, _, b = api.call("GET", "/api/v1/cases?size=100&page=%d" % p, token=tok)
        if status != 200:
            raise SystemExit("GET /api/v1/cases page %d: %s %s" % (p, status, b[:160]))
        d = json.loads(b)
        return len(d.get("items", [])), bool(d.get("hasMore"))

    for tok in a.tokens:
        n, more = page(tok, 0)
        if more:
            lo, hi = 0, 1  # page lo has more after it; find the first page hi that has not
            while True:
                n, more = page(tok, hi)
                if not more:
                    break
                lo, hi = hi, hi * 2
            while hi - lo > 1:
                mid = (lo + hi) // 2
                m, more = page(tok, mid)
                if more:
                    lo = mid
                else:
                    hi, n = mid, m
            n, _ = page(tok, hi)
            n += hi * 100
        total += n
        print("COUNT cases=%d" % n)
    print("COUNT total=%d" % total)


# ---------------------------------------------------------------- jstack samples


def cmd_stacks(a):
    """Where the request threads (Jetty's qtp pool) that were serving a request (an org.amtsgang
    frame on the stack) were, over all samples: their state, the first frames, and the first frame
    of the platform's own code. Plus the other busy threads of the platform (the outbox, say)."""
    import collections
    with open(a.file, errors="replace") as f:
        blocks = f.read().split("\n\n")
    req_total = 0
    states = collections.Counter()
    tops = collections.Counter()
    own = collections.Counter()
    others = collections.Counter()

    def short(frame):
        name = frame.split("(")[0]
        parts = name.split(".")
        return ".".join(parts[-2:])

    for b in blocks:
        lines = [l.strip() for l in b.split("\n")]
        if not lines or not lines[0].startswith('"'):
            continue
        st = next((l.split("State: ")[1] for l in lines if "State: " in l), "?")
        frames = [l[3:] for l in lines if l.startswith("at ")]
        if not frames:
            continue
        tname = lines[0].split('"')[1]
        if tname.startswith("qtp") and any("org.amtsgang" in f for f in frames):
            req_total += 1
            states[st.split(" (")[0]] += 1
            lib = [f for f in frames if not f.startswith(("java.", "jdk.", "sun."))]
            tops["%s: %s" % (st.split(" (")[0], " < ".join(short(f) for f in lib[:3]))] += 1
            first_own = next((f for f in frames if "org.amtsgang" in f), None)
            if first_own:
                own[first_own.split("(")[0].replace("org.amtsgang.", "")] += 1
        elif tname.startswith("amtsgang") and st.startswith("RUNNABLE"):
            others["%s: %s" % (tname, " < ".join(short(f) for f in frames[:3]))] += 1
    samples = sum(b.count("Full thread dump") for b in blocks)
    print("samples %d; request threads seen serving a request: %d (%s)" % (
        samples, req_total, ", ".join("%s %d" % kv for kv in states.most_common())))
    print("top of their stacks (JDK frames left out):")
    for k, v in tops.most_common(a.top):
        print("  %4d  %s" % (v, k))
    print("innermost platform frame:")
    for k, v in own.most_common(a.top // 2):
        print("  %4d  %s" % (v, k))
    if others:
        print("platform background threads, running:")
        for k, v in others.most_common(4):
            print("  %4d  %s" % (v, k))


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
    s = sub.add_parser("me")
    s.add_argument("--base", required=True)
    s.add_argument("--token", required=True)
    s = sub.add_parser("inbox")
    s.add_argument("--base", required=True)
    s.add_argument("--token", required=True)
    s.add_argument("--office", default="steueramt")
    s.add_argument("--me", required=True)
    s.add_argument("--service", default=SERVICE)
    s.add_argument("--size", default="50")
    s = sub.add_parser("storm")
    s.add_argument("--base", required=True)
    s.add_argument("--tokens", nargs="+", required=True)
    s.add_argument("--threads", type=int, default=24)
    s.add_argument("--seconds", type=float, default=16)
    s.add_argument("--kill-after", type=float, default=10)
    s.add_argument("--pid", type=int, default=0, help="the Karaf java process to kill -9 (0: none)")
    s.add_argument("--repeat-every", type=int, default=5, help="every n-th request repeats an earlier key")
    s.add_argument("--twin-every", type=int, default=10, help="every n-th new key is sent twice at once")
    s.add_argument("--prefix", default="crash")
    s.add_argument("--seed", type=int, default=1)
    s.add_argument("--timeout", type=float, default=10)
    s.add_argument("--out", required=True)
    s = sub.add_parser("verify")
    s.add_argument("--base", required=True)
    s.add_argument("--tokens", nargs="+", required=True)
    s.add_argument("--log", required=True)
    s.add_argument("--storm-summary", default="")
    s.add_argument("--acked-out", required=True, help="writes '<case id> <key>' per acknowledged case")
    s.add_argument("--resend", type=int, default=300)
    s.add_argument("--timeout", type=float, default=10)
    s.add_argument("--deadline", type=float, default=300)
    s = sub.add_parser("postfach")
    s.add_argument("--base", required=True)
    s.add_argument("--tokens", nargs="+", required=True)
    s.add_argument("--deadline", type=float, default=180)
    s = sub.add_parser("count")
    s.add_argument("--base", required=True)
    s.add_argument("--tokens", nargs="+", required=True)
    s = sub.add_parser("stacks")
    s.add_argument("--file", required=True)
    s.add_argument("--top", type=int, default=12)
    a = p.parse_args()
    if getattr(a, "threads", 1) > 64:
        raise SystemExit("at most 64 threads")
    {"ready": cmd_ready, "login": cmd_login, "me": cmd_me, "inbox": cmd_inbox, "storm": cmd_storm,
     "verify": cmd_verify, "postfach": cmd_postfach, "count": cmd_count, "stacks": cmd_stacks}[a.cmd](a)


if __name__ == "__main__":
    main()
