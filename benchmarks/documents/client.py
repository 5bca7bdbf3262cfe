#!/usr/bin/env python3
"""The HTTP client and helpers of benchmarks/documents/run.sh (python3 standard library only).

Subcommands:
  ready     wait until the platform serves the catalogue, logins and the document API
  login     log in (staff with a TOTP code) and print the access token (as benchmarks/cases)
  ingest    POST /api/v1/documents/imports for a folder and follow the job until the import is DONE
            (or FAILED) and no page waits for OCR; prints the job and the times as JSON
  ocrcheck  after an import: a sample of its files found by Aktenzeichen (search), the platform's OCR
            text compared with the raw Tesseract output of the same file
  reindex   POST /api/v1/documents/index (operator): the entries and the time
  probe     one search per query kind (answer, total, time), and a known Aktenzeichen's pages
  newdoc    create a document (staff), print its id
  download-spliced  GET content into a file with splice (socket, pipe, file: no copy through Python),
            timed from the request
  serve     a minimal HTTP server sending one file to every GET: the download client's own ceiling
  upload    POST a file as the raw body, sent with sendfile, timed until the answer
  tiff      write an uncompressed 8-bit greyscale multi-page TIFF of random noise
  sample    sample the platform JVM's heap (jstat -gc) and RSS every interval until stopped
  memsum    sum up the samples of `sample` over time windows
  stacks    sum up jstack samples of the platform: where its request threads were (as benchmarks/cases)

Sends to 127.0.0.1 only (the base URL's host must be 127.0.0.1). Every subcommand has a deadline.
"""

import argparse
import collections
import difflib
import importlib.util
import json
import os
import signal
import struct
import subprocess
import sys
import time
import urllib.parse

sys.dont_write_bytecode = True  # no __pycache__ beside the cases client it loads
HERE = os.path.dirname(os.path.abspath(__file__))
# The cases benchmark's client: its keep-alive connection (Api), staff logins with TOTP.
_spec = importlib.util.spec_from_file_location("cases_client", os.path.join(HERE, "..", "cases", "client.py"))
cases_client = importlib.util.module_from_spec(_spec)
_spec.loader.exec_module(cases_client)
Api = cases_client.Api


def fail(msg):
    raise SystemExit(msg)


# ---------------------------------------------------------------- ready, login


def cmd_ready(a):
    api = Api(a.base, timeout=3)
    end = time.monotonic() + a.timeout
    seen = collections.Counter()
    while True:
        s1 = api.call("GET", "/api/v1/services")[0]
        s2 = api.call("POST", "/api/v1/auth/login", {})[0] if s1 == 200 else 0
        s3 = api.call("GET", "/api/v1/documents/search?q=x")[0] if s2 == 400 else 0
        seen["%s/%s/%s" % (s1, s2, s3)] += 1
        if s3 == 401:
            print("ready")
            return
        if time.monotonic() > end:
            fail("not ready within %d s; answers (services/login/documents): %s" % (a.timeout, dict(seen)))
        time.sleep(0.3)


def cmd_login(a):
    cases_client.cmd_login(a)


class Session:
    """A staff login that stays valid: logged in again (with the next TOTP step) before the 5-minute
    access token runs out."""

    def __init__(self, base, email, state, staff=True):
        self.base, self.email, self.state, self.staff = base, email, state, staff
        self.api = Api(base, timeout=30)
        self._login()

    def _login(self):
        self.token = cases_client.login(self.api, self.email, self.staff, self.state, time.monotonic() + 120)
        self.at = time.monotonic()

    def get(self):
        if time.monotonic() - self.at > 200:
            self._login()
        return self.token


def call_json(api, method, path, token, body=None):
    status, hs, b = api.call(method, path, body, token=token)
    try:
        d = json.loads(b) if b else None
    except ValueError:
        d = None
    return status, d, b


# ---------------------------------------------------------------- ingest


def cmd_ingest(a):
    s = Session(a.base, a.email, a.state)
    api = Api(a.base, timeout=60)
    t0 = time.monotonic()
    status, job, raw = call_json(api, "POST", "/api/v1/documents/imports", s.get(), {"folder": a.folder})
    t_post = time.monotonic() - t0
    if status not in (200, 201, 202) or not job or "id" not in job:
        fail("POST /api/v1/documents/imports %s: %s" % (status, raw[:400].decode(errors="replace")))
    first = dict(job)
    jid = job["id"]
    t_import = None
    polls = 0
    bad = collections.Counter()
    last_print = 0
    end = t0 + a.timeout
    while True:
        state = job.get("state")
        if t_import is None and state in ("DONE", "FAILED"):
            t_import = time.monotonic() - t0
        if state == "FAILED" or (state == "DONE" and job.get("ocrPending", 1) == 0):
            break
        if time.monotonic() > end:
            break
        time.sleep(a.interval)
        status, d, raw = call_json(api, "GET", "/api/v1/documents/imports/" + urllib.parse.quote(jid), s.get())
        polls += 1
        if status == 200 and d:
            job = d
        else:
            bad[str(status)] += 1
        if time.monotonic() - last_print > 30:
            last_print = time.monotonic()
            print("[ingest] %.0f s: state %s, imported %s of %s files, pages %s, OCR done %s, pending %s, failed %s"
                  % (time.monotonic() - t0, job.get("state"), job.get("imported"), job.get("files"), job.get("pages"),
                     job.get("ocrDone"), job.get("ocrPending"), job.get("ocrFailed")), file=sys.stderr, flush=True)
    t_end = time.monotonic() - t0
    done = job.get("state") == "DONE" and job.get("ocrPending", 1) == 0
    print(json.dumps({"job": job, "first_answer": first, "post_status": status, "post_ms": round(t_post * 1000),
                      "import_ms": round(t_import * 1000) if t_import is not None else None,
                      "total_ms": round(t_end * 1000), "complete": done, "polls": polls, "poll_errors": dict(bad)},
                     ensure_ascii=False))


# ---------------------------------------------------------------- OCR text check


def norm(text):
    return " ".join(text.split())


def cmd_ocrcheck(a):
    api = Api(a.base, timeout=60)
    rows = [line.rstrip("\n").split("\t") for line in open(a.expected, encoding="utf-8") if line.strip()]
    rows = rows[:: max(1, len(rows) // a.sample)][: a.sample]
    out = {"checked": 0, "found": 0, "identical": 0, "similar": 0, "pages_ok": 0, "word_found": 0, "notes": []}
    ratios = []
    for f, akz, pages, paper, word in rows:
        out["checked"] += 1
        q = urllib.parse.urlencode({"aktenzeichen": akz, "size": 100})
        status, d, raw = call_json(api, "GET", "/api/v1/documents/search?" + q, a.token)
        ids = sorted({h["documentId"] for h in (d or {}).get("items", [])}) if status == 200 else []
        if len(ids) != 1:
            out["notes"].append("%s (%s): search status %s, documents %s" % (f, akz, status, ids))
            continue
        out["found"] += 1
        hit_pages = {h.get("page") for h in d["items"]}
        if d.get("total") == int(pages) and hit_pages == set(range(1, int(pages) + 1)):
            out["pages_ok"] += 1
        else:
            out["notes"].append("%s: search total %s, pages %s, expected %s pages" % (f, d.get("total"), sorted(hit_pages, key=str), pages))
        status, hs, b = api.call("GET", "/api/v1/documents/%s/versions/latest/ocr-text" % ids[0], token=a.token,
                                 headers={"Accept": "*/*"})
        if status != 200:
            out["notes"].append("%s: ocr-text %s %s" % (f, status, b[:200]))
            continue
        mine = norm(b.decode("utf-8", errors="replace"))
        rawfile = os.path.join(a.raw, f + ".txt")
        theirs = norm(open(rawfile, encoding="utf-8", errors="replace").read()) if os.path.exists(rawfile) else ""
        if mine == theirs:
            out["identical"] += 1
            ratios.append(1.0)
        else:
            r = difflib.SequenceMatcher(None, mine, theirs, autojunk=False).ratio()
            ratios.append(r)
            if r > 0.98:
                out["similar"] += 1
            else:
                out["notes"].append("%s: platform OCR text differs from raw Tesseract's (similarity %.3f)" % (f, r))
        q = urllib.parse.urlencode({"q": word + " " + akz.split("-")[-1], "aktenzeichen": akz})
        status, d, raw = call_json(api, "GET", "/api/v1/documents/search?" + q, a.token)
        if status == 200 and d.get("total", 0) > 0:
            out["word_found"] += 1
    out["min_similarity"] = round(min(ratios), 4) if ratios else None
    out["notes"] = out["notes"][:8]
    print(json.dumps(out, ensure_ascii=False))


# ---------------------------------------------------------------- search


def cmd_reindex(a):
    api = Api(a.base, timeout=a.timeout)
    end = time.monotonic() + 120
    while True:  # the index service may still be starting: 503 for a while
        t0 = time.monotonic()
        status, d, raw = call_json(api, "POST", "/api/v1/documents/index", a.token)
        ms = (time.monotonic() - t0) * 1000
        if status != 503 or time.monotonic() > end:
            break
        time.sleep(2)
    if status != 200 or not d:
        fail("POST /api/v1/documents/index: %s %s (after %.0f ms)" % (status, raw[:300].decode(errors="replace"), ms))
    print(json.dumps({"entries": d.get("entries"), "ms": round(ms)}))


def cmd_probe(a):
    api = Api(a.base, timeout=30)
    seen = collections.OrderedDict()
    for line in open(a.queries, encoding="utf-8"):
        kind, q = line.rstrip("\n").split("\t", 1)
        if kind not in seen:
            seen[kind] = q
    for kind, q in seen.items():
        t0 = time.monotonic()
        status, d, raw = call_json(api, "GET", "/api/v1/documents/search?%s&size=20" % q, a.token)
        ms = (time.monotonic() - t0) * 1000
        if status == 200:
            print("PROBE kind=%s status=200 total=%s items=%d first_ms=%.0f query=%s"
                  % (kind, d.get("total"), len(d.get("items", [])), ms, urllib.parse.unquote(q)))
        else:
            print("PROBE kind=%s status=%s first_ms=%.0f query=%s %s"
                  % (kind, status, ms, urllib.parse.unquote(q), raw[:200].decode(errors="replace")))
    if a.known:
        akz, doc, pages = open(a.known, encoding="utf-8").readline().rstrip("\n").split("\t")
        q = urllib.parse.urlencode({"aktenzeichen": akz, "size": 100})
        status, d, raw = call_json(api, "GET", "/api/v1/documents/search?" + q, a.token)
        items = (d or {}).get("items", [])
        docs = sorted({i["documentId"] for i in items})
        pgs = sorted(i.get("page") for i in items)
        ok = status == 200 and d.get("total") == int(pages) and docs == [doc] and pgs == list(range(1, int(pages) + 1))
        print("KNOWN aktenzeichen=%s status=%s total=%s documents=%s pages=%s expected=%s:%s ok=%d"
              % (akz, status, (d or {}).get("total"), ",".join(docs), ",".join(map(str, pgs)), doc, pages, 1 if ok else 0))


# ---------------------------------------------------------------- transfer


def cmd_newdoc(a):
    api = Api(a.base, timeout=30)
    body = {"title": a.title, "type": "BAUAKTE", "officeId": "bauaufsicht", "confidentiality": "INTERNAL",
            "retention": "PERMANENT", "ocr": False, "ocrPriority": 0,
            "fields": {"aktenzeichen": a.aktenzeichen, "address": "Schloßstraße 1"}}
    status, d, raw = call_json(api, "POST", "/api/v1/documents", a.token, body)
    if status != 201 or not d:
        fail("POST /api/v1/documents: %s %s" % (status, raw[:300].decode(errors="replace")))
    print(d["id"])


CHUNK = 1 << 20  # per splice and per read of the plain server (cp copies 128 KB at a time)


def _connection(base):
    u = urllib.parse.urlsplit(base)
    if u.hostname != "127.0.0.1":
        fail("only 127.0.0.1 is benchmarked")
    import http.client
    return http.client.HTTPConnection(u.hostname, u.port, timeout=300)


def _splice_body(sock, head_rest, size, out):
    """Moves the body from the socket into the file through a pipe (splice): the bytes never pass
    through this process, as with a browser's or a download manager's efficient receive, so the
    figure is the platform's and not the Python client's."""
    import fcntl
    fd = os.open(out, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o644)
    try:
        os.write(fd, head_rest)
        got = len(head_rest)
        r, w = os.pipe()
        try:
            fcntl.fcntl(w, 1031, CHUNK)  # F_SETPIPE_SZ: 1 MB per round trip through the pipe
            while got < size:
                n = os.splice(sock.fileno(), w, min(CHUNK, size - got))
                if n == 0:
                    break  # the server cut the response off
                moved = 0
                while moved < n:
                    moved += os.splice(r, fd, n - moved)
                got += n
        finally:
            os.close(r)
            os.close(w)
        return got
    finally:
        os.close(fd)


def cmd_download_spliced(a):
    """GET a version's content into a file with splice (socket to pipe to file, no copy through
    Python); prints status, bytes and milliseconds from the request to the last byte written."""
    import socket
    u = urllib.parse.urlsplit(a.base)
    if u.hostname != "127.0.0.1":
        fail("only 127.0.0.1 is benchmarked")
    sock = socket.create_connection((u.hostname, u.port), timeout=300)
    t0 = time.monotonic()
    sock.sendall(("GET %s HTTP/1.1\r\nHost: 127.0.0.1\r\nAuthorization: Bearer %s\r\nConnection: close\r\n\r\n"
                  % (a.path, a.token)).encode())
    head = b""
    while b"\r\n\r\n" not in head:
        piece = sock.recv(65536)
        if not piece:
            fail("GET %s: the connection closed before the response headers" % a.path)
        head += piece
    head, _, rest = head.partition(b"\r\n\r\n")
    lines = head.decode("latin-1").split("\r\n")
    status = int(lines[0].split()[1])
    headers = {k.strip().lower(): v.strip() for k, _, v in (l.partition(":") for l in lines[1:])}
    if "content-length" not in headers:
        fail("GET %s: %d without Content-Length (%s)" % (a.path, status, headers))
    # splice needs a blocking socket (a Python timeout makes it non-blocking); the kernel's receive
    # timeout keeps the deadline
    sock.settimeout(None)
    sock.setsockopt(socket.SOL_SOCKET, socket.SO_RCVTIMEO, struct.pack("ll", 300, 0))
    got = _splice_body(sock, rest, int(headers["content-length"]), a.out)
    ms = (time.monotonic() - t0) * 1000
    sock.close()
    print("%d %d %.1f" % (status, got, ms))


def cmd_serve(a):
    """A minimal HTTP/1.1 server that answers every GET with the file (read and sent 1 MB at a time,
    as the platform's own copy loop does), until killed: the same client against it shows the
    client's and the loopback's own ceiling in the same run."""
    import socket
    size = os.path.getsize(a.file)
    srv = socket.socket()
    srv.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
    srv.bind(("127.0.0.1", a.port))
    srv.listen(8)
    print("serving", a.file, "on", a.port, flush=True)
    while True:
        c, _ = srv.accept()
        with c:
            req = b""
            while b"\r\n\r\n" not in req:
                piece = c.recv(65536)
                if not piece:
                    break
                req += piece
            if not req:
                continue
            c.sendall(b"HTTP/1.1 200 OK\r\nContent-Type: application/octet-stream\r\nContent-Length: %d\r\n"
                      b"Connection: close\r\n\r\n" % size)
            with open(a.file, "rb", buffering=0) as f:
                buf = bytearray(CHUNK)
                while True:
                    n = f.readinto(buf)
                    if not n:
                        break
                    c.sendall(memoryview(buf)[:n])


def cmd_upload(a):
    """POST a file as the raw request body, sent by the kernel (sendfile: the bytes never pass through
    this process, so the figure is the platform's); prints status, milliseconds until the answer, and
    the answer's body on one line."""
    import socket
    c = _connection(a.base)
    size = os.path.getsize(a.file)
    t0 = time.monotonic()
    c.putrequest("POST", a.path)
    c.putheader("Authorization", "Bearer " + a.token)
    c.putheader("Content-Type", "application/octet-stream")
    c.putheader("Content-Length", str(size))
    c.endheaders()
    # sendfile needs a blocking socket (a Python timeout makes it non-blocking); the kernel's send and
    # receive timeouts keep the deadline
    c.sock.settimeout(None)
    for option in (socket.SO_SNDTIMEO, socket.SO_RCVTIMEO):
        c.sock.setsockopt(socket.SOL_SOCKET, option, struct.pack("ll", 300, 0))
    with open(a.file, "rb", buffering=0) as f:
        sent = 0
        while sent < size:
            n = os.sendfile(c.sock.fileno(), f.fileno(), sent, size - sent)
            if n == 0:
                fail("upload: sendfile sent nothing at %d of %d bytes" % (sent, size))
            sent += n
    r = c.getresponse()
    body = r.read()
    ms = (time.monotonic() - t0) * 1000
    print("%d %.1f %s" % (r.status, ms, body.decode(errors="replace").replace("\n", " ")))


def cmd_tiff(a):
    """Uncompressed 8-bit greyscale TIFF (little-endian), every page width x height of random bytes in
    strips of 64 rows, an IFD after each page's pixels; the IFDs chained."""
    w, h, pages = a.width, a.height, a.pages
    rows_per_strip = 64
    strips = (h + rows_per_strip - 1) // rows_per_strip
    with open(a.out, "wb") as f:
        f.write(b"II*\x00" + struct.pack("<I", 0))  # first IFD offset patched below
        prev_next_at = 4
        for p in range(pages):
            offsets, counts = [], []
            for s in range(strips):
                rows = min(rows_per_strip, h - s * rows_per_strip)
                offsets.append(f.tell())
                counts.append(rows * w)
                f.write(os.urandom(rows * w))
            if f.tell() % 2:
                f.write(b"\x00")
            # the arrays of strip offsets and counts, then the IFD
            off_at = f.tell()
            f.write(struct.pack("<%dI" % strips, *offsets))
            cnt_at = f.tell()
            f.write(struct.pack("<%dI" % strips, *counts))
            ifd_at = f.tell()
            entries = [
                (256, 4, 1, w),  # ImageWidth
                (257, 4, 1, h),  # ImageLength
                (258, 3, 1, 8),  # BitsPerSample
                (259, 3, 1, 1),  # Compression: none
                (262, 3, 1, 1),  # PhotometricInterpretation: BlackIsZero
                (273, 4, strips, off_at),  # StripOffsets
                (277, 3, 1, 1),  # SamplesPerPixel
                (278, 4, 1, rows_per_strip),  # RowsPerStrip
                (279, 4, strips, cnt_at),  # StripByteCounts
            ]
            f.write(struct.pack("<H", len(entries)))
            for tag, typ, count, value in entries:
                if typ == 3 and count == 1:
                    f.write(struct.pack("<HHIHH", tag, typ, count, value, 0))
                else:
                    f.write(struct.pack("<HHII", tag, typ, count, value))
            next_at = f.tell()
            f.write(struct.pack("<I", 0))
            end = f.tell()
            f.seek(prev_next_at)
            f.write(struct.pack("<I", ifd_at))
            f.seek(end)
            prev_next_at = next_at
    print(os.path.getsize(a.out))


def cmd_sample(a):
    """One line per interval: epoch ms, heap used KB (S0U+S1U+EU+OU), old gen used KB, young GCs,
    full GCs, RSS KB. Ends on SIGTERM or when the process ends."""
    stop = []
    signal.signal(signal.SIGTERM, lambda *_: stop.append(1))
    ms = max(100, int(a.interval * 1000))
    p = subprocess.Popen(["jstat", "-gc", str(a.pid), str(ms)], stdout=subprocess.PIPE, text=True)
    header = None
    with open(a.out, "w") as out:
        for line in p.stdout:
            if stop:
                break
            cols = line.split()
            if not cols:
                continue
            if cols[0] == "S0C":
                header = cols
                continue
            if header is None or len(cols) != len(header):
                continue
            v = dict(zip(header, cols))
            try:
                used = sum(float(v[k]) for k in ("S0U", "S1U", "EU", "OU"))
                rss = 0
                with open("/proc/%d/status" % a.pid) as s:
                    for l in s:
                        if l.startswith("VmRSS:"):
                            rss = int(l.split()[1])
            except (ValueError, KeyError, OSError):
                continue
            out.write("%d %.0f %.0f %s %s %d\n" % (time.time() * 1000, used, float(v["OU"]), v.get("YGC", "0"),
                                                    v.get("FGC", "0"), rss))
            out.flush()
    p.terminate()
    try:
        p.wait(5)
    except subprocess.TimeoutExpired:
        p.kill()


def cmd_memsum(a):
    """The samples between two times (epoch ms): max heap used, max old gen,
    max RSS, young/full GC counts, in MB."""
    rows = []
    for line in open(a.samples):
        p = line.split()
        if len(p) == 6:
            rows.append((int(p[0]), float(p[1]), float(p[2]), int(float(p[3])), int(float(p[4])), int(p[5])))
    sel = [r for r in rows if a.start <= r[0] <= a.end] or rows[-1:]
    if not sel:
        print(json.dumps({"samples": 0}))
        return
    print(json.dumps({
        "samples": len(sel),
        "heap_max_mb": round(max(r[1] for r in sel) / 1024, 1),
        "heap_min_mb": round(min(r[1] for r in sel) / 1024, 1),
        "old_max_mb": round(max(r[2] for r in sel) / 1024, 1),
        "old_first_mb": round(sel[0][2] / 1024, 1),
        "old_last_mb": round(sel[-1][2] / 1024, 1),
        "rss_first_mb": round(sel[0][5] / 1024),
        "rss_max_mb": round(max(r[5] for r in sel) / 1024),
        "young_gcs": sel[-1][3] - sel[0][3],
        "full_gcs": sel[-1][4] - sel[0][4],
    }))


def cmd_stacks(a):
    cases_client.cmd_stacks(a)


def main():
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    sub = ap.add_subparsers(dest="cmd", required=True)
    p = sub.add_parser("ready")
    p.add_argument("--base", required=True)
    p.add_argument("--timeout", type=int, default=240)
    p = sub.add_parser("login")
    p.add_argument("--base", required=True)
    p.add_argument("--email", required=True)
    p.add_argument("--staff", action="store_true")
    p.add_argument("--state")
    p.add_argument("--timeout", type=int, default=120)
    p = sub.add_parser("ingest")
    p.add_argument("--base", required=True)
    p.add_argument("--email", required=True)
    p.add_argument("--state", required=True)
    p.add_argument("--folder", required=True)
    p.add_argument("--interval", type=float, default=0.5)
    p.add_argument("--timeout", type=int, default=7200)
    p = sub.add_parser("ocrcheck")
    p.add_argument("--base", required=True)
    p.add_argument("--token", required=True)
    p.add_argument("--expected", required=True)
    p.add_argument("--raw", required=True)
    p.add_argument("--sample", type=int, default=10)
    p = sub.add_parser("reindex")
    p.add_argument("--base", required=True)
    p.add_argument("--token", required=True)
    p.add_argument("--timeout", type=int, default=3600)
    p = sub.add_parser("probe")
    p.add_argument("--base", required=True)
    p.add_argument("--token", required=True)
    p.add_argument("--queries", required=True)
    p.add_argument("--known")
    p = sub.add_parser("newdoc")
    p.add_argument("--base", required=True)
    p.add_argument("--token", required=True)
    p.add_argument("--title", default="Bauakte Großformat-Scan (Benchmark)")
    p.add_argument("--aktenzeichen", default="63-BA-2026-TRANSFER")
    p = sub.add_parser("download-spliced")
    p.add_argument("--base", required=True)
    p.add_argument("--token", required=True)
    p.add_argument("--path", required=True)
    p.add_argument("--out", required=True)
    p = sub.add_parser("serve")
    p.add_argument("--file", required=True)
    p.add_argument("--port", type=int, required=True)
    p = sub.add_parser("upload")
    p.add_argument("--base", required=True)
    p.add_argument("--token", required=True)
    p.add_argument("--path", required=True)
    p.add_argument("--file", required=True)
    p = sub.add_parser("tiff")
    p.add_argument("--out", required=True)
    p.add_argument("--pages", type=int, default=100)
    p.add_argument("--width", type=int, default=2500)
    p.add_argument("--height", type=int, default=2000)
    p = sub.add_parser("sample")
    p.add_argument("--pid", type=int, required=True)
    p.add_argument("--out", required=True)
    p.add_argument("--interval", type=float, default=0.5)
    p = sub.add_parser("memsum")
    p.add_argument("--samples", required=True)
    p.add_argument("--start", type=int, default=0)
    p.add_argument("--end", type=int, default=1 << 62)
    p = sub.add_parser("stacks")
    p.add_argument("--file", required=True)
    p.add_argument("--top", type=int, default=12)
    a = ap.parse_args()
    {"ready": cmd_ready, "login": cmd_login, "ingest": cmd_ingest, "ocrcheck": cmd_ocrcheck, "reindex": cmd_reindex,
     "probe": cmd_probe, "newdoc": cmd_newdoc, "download-spliced": cmd_download_spliced, "serve": cmd_serve, "upload": cmd_upload, "tiff": cmd_tiff, "sample": cmd_sample, "memsum": cmd_memsum,
     "stacks": cmd_stacks}[a.cmd](a)


if __name__ == "__main__":
    main()
