#!/usr/bin/env bash
# The documents benchmark, in one command (see README.md here and ../README.md):
#   ingest    generated scanned Bauakten pages (multi-page TIFFs and metadata.csv) imported through
#             POST /api/v1/documents/imports until every page is OCR'd, against the same files through
#             the raw Tesseract command the platform runs (2 at a time, one thread each), measured in
#             the same run in alternating order; then the same folder imported again (nothing new)
#   search    p50/p95/p99 of GET /api/v1/documents/search over 100,000 indexed pages (seeded into
#             Derby and the content store, the index rebuilt through POST /api/v1/documents/index),
#             a mix of query kinds as the Bauaufsicht's caseworker; one round as a citizen (sees none)
#   transfer  a 500 MB TIFF uploaded (client.py, sendfile) and downloaded (client.py, splice; curl -o
#             for comparison) against cp (and cp + fsync) of the same file on the same disk, and the
#             same downloads from a plain file server (the clients' ceiling), while the platform runs
#             with a 256 MB heap whose use is sampled
# Every instance is a fresh copy of the distribution (demo accounts on) on its own ports (never 8181,
# 8101, 1099, 44444, nor the other benchmarks' 18181, 18281, 18381, 18481), and traffic goes to
# 127.0.0.1 only. Figures go to stdout and to results/latest.txt.
#
# Environment (all optional):
#   BENCH_PARTS              which parts, comma-separated, of ingest,search,transfer (default: all three;
#                            they always run in that order)
#   BENCH_HTTP_PORT          HTTP port (default: the first free one from 18581)
#   BENCH_PAGES (or PAGES)   scanned pages of the ingest part, 20-20000 (default 1000)
#   BENCH_PAGES_PER_FILE     pages per TIFF, 1-100 (default 10)
#   BENCH_DPI                scan resolution of the generated pages, 100-300 (default 200)
#   BENCH_THERMO             % of the files on thermal paper (faded; OCR'd first), 0-100 (default 30)
#   BENCH_DOCUMENTS          documents seeded for the search part, 100-100000 (default 10000)
#   BENCH_DOC_PAGES          pages per seeded document, 1-50 (default 10)
#   BENCH_ROUNDS             measured search rounds, 1-5 (default 3)
#   BENCH_ROUND_SECONDS      seconds per search round, 5-60 (default 20)
#   BENCH_WARMUP_ROUNDS      search warm-up rounds, 0-5 (default 3: after two, the JIT compiler still
#                            took a third of a core during the first measured round)
#   BENCH_WARMUP_SECONDS     seconds per warm-up round, 5-60 (default 15)
#   BENCH_KIND_SECONDS       seconds of each query kind alone after the rounds, 0-30 (default 5; 0: none)
#   BENCH_CONNECTIONS        connections of the search rounds, 1-64 (default 8)
#   BENCH_PROFILE=0          no jstack samples (by default 15 s of the search mix after the rounds and
#                            one extra upload and download are sampled, not measured, to show where
#                            the time goes)
#   BENCH_TRANSFER_MB        size of the transfer file in MB (10^6 bytes), 50-1000 (default 500)
#   BENCH_TRANSFER_ROUNDS    rounds of baseline and platform transfers, 1-9 (default 5)
#   BENCH_HEAP               -Xmx of the transfer instance (default 256m)
#   BENCH_WAIT_QUIET=N       wait up to N s (at most 600) for other processes to leave the CPU first
#   BENCH_STRICT=1           exit 3 when a figure misses its target
#   BENCH_KEEP=1             keep the unpacked instances and the generated files (the path is printed)
set -euo pipefail

HERE=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
ROOT=$(cd "$HERE/../.." && pwd)
RESULTS=$HERE/results
T_START=$(date +%s)

# the helpers shared with the other benchmarks (log, ports, CPU accounting, instances, wrk, cleanup)
# shellcheck source=../lib.sh
source "$ROOT/benchmarks/lib.sh"

# Tesseract runs as a child process of the platform: its CPU time is the platform's. lib.sh counts a
# process's own threads only; here a process's finished children count too (cutime, cstime), so that
# the platform's OCR does not show up as "other processes".
pid_ticks() {
    local f=/proc/$1/stat
    if [[ -n $1 && -r $f ]]; then sed 's/^.*) //' "$f" | awk '{print $12 + $13 + $14 + $15}'; else echo 0; fi
}

# ---------------------------------------------------------------- settings and targets

PAGES=$(int_in BENCH_PAGES "${BENCH_PAGES:-${PAGES:-1000}}" 20 20000)
PAGES_PER_FILE=$(int_in BENCH_PAGES_PER_FILE "${BENCH_PAGES_PER_FILE:-10}" 1 100)
DPI=$(int_in BENCH_DPI "${BENCH_DPI:-200}" 100 300)
THERMO=$(int_in BENCH_THERMO "${BENCH_THERMO:-30}" 0 100)
DOCUMENTS=$(int_in BENCH_DOCUMENTS "${BENCH_DOCUMENTS:-10000}" 100 100000)
DOC_PAGES=$(int_in BENCH_DOC_PAGES "${BENCH_DOC_PAGES:-10}" 1 50)
ROUNDS=$(int_in BENCH_ROUNDS "${BENCH_ROUNDS:-3}" 1 5)
ROUND_SECONDS=$(int_in BENCH_ROUND_SECONDS "${BENCH_ROUND_SECONDS:-20}" 5 60)
WARMUP_ROUNDS=$(int_in BENCH_WARMUP_ROUNDS "${BENCH_WARMUP_ROUNDS:-3}" 0 5)
WARMUP_SECONDS=$(int_in BENCH_WARMUP_SECONDS "${BENCH_WARMUP_SECONDS:-15}" 5 60)
KIND_SECONDS=$(int_in BENCH_KIND_SECONDS "${BENCH_KIND_SECONDS:-5}" 0 30)
CONNECTIONS=$(int_in BENCH_CONNECTIONS "${BENCH_CONNECTIONS:-8}" 1 64)
TRANSFER_MB=$(int_in BENCH_TRANSFER_MB "${BENCH_TRANSFER_MB:-500}" 50 1000)
TRANSFER_ROUNDS=$(int_in BENCH_TRANSFER_ROUNDS "${BENCH_TRANSFER_ROUNDS:-5}" 1 9)
HEAP=${BENCH_HEAP:-256m}
[[ $HEAP =~ ^[0-9]+[mMgG]$ ]] || {
    echo "BENCH_HEAP must read like 256m, was '$HEAP'" >&2
    exit 2
}
PROFILE=${BENCH_PROFILE:-1}
WAIT_QUIET=$(int_in BENCH_WAIT_QUIET "${BENCH_WAIT_QUIET:-0}" 0 600)
PARTS=${BENCH_PARTS:-ingest,search,transfer}
BOOT_TIMEOUT_S=240
TOKEN_MAX_AGE_S=150 # access tokens live 5 minutes: fresh ones when they are older than this
OCR_WORKERS=2       # etc/org.amtsgang.document.cfg ocrWorkers: the raw baseline runs as many at a time
SEED=20261127

TARGET_OVERHEAD_PCT=10 # ingest: platform time at most 10 % above the raw Tesseract time
TARGET_P95_MS=50       # search: p95 of the mix (median of the rounds)
TARGET_TRANSFER_PCT=80 # upload and download: at least 80 % of a plain copy's throughput
HEAP_WELL_UNDER_PCT=75 # transfer: the peak heap used stays below this share of -Xmx

# the other engineer's Karaf and the other benchmarks live on these: never bind, never send to them
FORBIDDEN_PORTS=" 8181 8101 1099 44444 18181 18281 18381 18481 "

OPERATOR=betrieb@amtsgang.example
CASEWORKER=sachbearbeitung@bauaufsicht.example
CITIZEN=anna.schmidt@example.org

bench_parts ingest search transfer

# A Karaf started from here must not pick up another instance's locations or settings.
unset KARAF_HOME KARAF_BASE KARAF_DATA KARAF_ETC KARAF_LOG KARAF_DEBUG KARAF_REDIRECT JAVA_OPTS EXTRA_JAVA_OPTS JAVA_MAX_MEM JAVA_MIN_MEM
while read -r v; do unset "$v"; done < <(compgen -e | grep '^AMTSGANG_' || true)

# ---------------------------------------------------------------- prerequisites

bench_require
if ((DO_INGEST)); then
    command -v tesseract >/dev/null || die "tesseract is missing: apt-get install -y tesseract-ocr tesseract-ocr-deu"
    tesseract --list-langs 2>/dev/null | grep -qx deu || die "Tesseract lacks German: apt-get install -y tesseract-ocr-deu"
fi
if ((DO_TRANSFER)); then
    command -v jstat >/dev/null || die "jstat (JDK) is missing: the transfer part samples the heap with it"
    command -v sha256sum >/dev/null || die "sha256sum (coreutils) is missing"
fi
JSTACK=""
if [[ $PROFILE != 0 ]]; then
    JSTACK=jstack
    [[ -n ${JAVA_HOME:-} && -x $JAVA_HOME/bin/jstack ]] && JSTACK=$JAVA_HOME/bin/jstack
    command -v "$JSTACK" >/dev/null || {
        log "jstack not found: no profile samples"
        JSTACK=""
    }
fi
CLIENT=(python3 "$HERE/client.py")
READY_WHAT="document API"
bench_ports 18581 18501 11499 14844
bench_distribution amtsgang-bench-documents
tar -tzf "$DIST" >"$WORK/distribution.list" # (not piped into grep -q: pipefail would take tar's SIGPIPE for a failure)
grep -q 'org\.amtsgang\.document\.search' "$WORK/distribution.list" ||
    die "the distribution $TARBALL has no document search bundle (org.amtsgang.document.search): build it first"
bench_wait_quiet

# The heap sampler runs beside the transfers (which use BG_PID): stopped on exit too.
SAMPLER_PID=""
SERVE_PID="" # the plain file server of the transfer's client ceiling
on_exit() {
    local rc=$?
    local p
    for p in "$SAMPLER_PID" "$SERVE_PID"; do
        if [[ -n $p ]] && kill -0 "$p" 2>/dev/null; then
            kill -TERM "$p" 2>/dev/null || true
            wait "$p" 2>/dev/null || true
        fi
    done
    set +e # errexit would end this handler at the next line when rc is not 0, before cleanup ran
    (exit "$rc")
    cleanup
}
trap on_exit EXIT

# ---------------------------------------------------------------- helpers of this benchmark

verdict() { [[ $1 == 1 ]] && echo PASS || echo MISS; }
ge() { awk -v a="$1" -v b="$2" 'BEGIN {print ((a >= b) ? 1 : 0)}'; }
mbps() { awk -v b="$1" -v ms="$2" 'BEGIN {printf "%.0f", (ms > 0) ? b / 1e6 / (ms / 1000) : 0}'; } # bytes ms
lat_note() { # a BENCH line: p50/p95/p99/max
    echo "p50 $(ms_of "$(kv "$1" p50_us)") ms, p95 $(ms_of "$(kv "$1" p95_us)") ms, p99 $(ms_of "$(kv "$1" p99_us)") ms, max $(ms_of "$(kv "$1" max_us)") ms"
}
platform_ms_per() { # n: after measure_end, the platform's CPU time (ms) per n (requests) over the stretch
    awk -v k0="$M_K0" -v k1="$(pid_ticks "${KARAF_PID:-}")" -v n="$1" -v hz="$CLK_TCK" 'BEGIN {printf "%.1f", (n > 0) ? (k1 - k0) * 1000 / hz / n : 0}'
}
platform_cpu_pct() { # after measure_end: the platform's CPU over the stretch, in % of one core
    awk -v k0="$M_K0" -v k1="$(pid_ticks "${KARAF_PID:-}")" -v t0="$M_T0" -v t1="$(now_ms)" -v hz="$CLK_TCK" \
        'BEGIN {printf "%.0f", (t1 > t0) ? 100 * (k1 - k0) / hz / ((t1 - t0) / 1000) : 0}'
}
# Another run (of this benchmark, say) may take our ports while our instance is stopped, e.g. between
# seeding and the restart: then new ones, written into the instance's etc.
start() { # label: start_instance on ports that are free now
    local p busy=""
    for p in "$HTTP_PORT" "$SSH_PORT" "$RMI_REGISTRY_PORT" "$RMI_SERVER_PORT"; do
        ! port_in_use "$p" || busy+="$p "
    done
    if [[ -n $busy ]]; then
        [[ -z ${BENCH_HTTP_PORT:-} ]] || die "port(s) $busy in use by another process"
        bench_ports $((HTTP_PORT + 1)) $((SSH_PORT + 1)) $((RMI_REGISTRY_PORT + 1)) $((RMI_SERVER_PORT + 1))
        set_prop "$HOME_DIR/etc/org.ops4j.pax.web.cfg" org.osgi.service.http.port "$HTTP_PORT"
        set_prop "$HOME_DIR/etc/org.apache.karaf.shell.cfg" sshPort "$SSH_PORT"
        set_prop "$HOME_DIR/etc/org.apache.karaf.management.cfg" rmiRegistryPort "$RMI_REGISTRY_PORT"
        set_prop "$HOME_DIR/etc/org.apache.karaf.management.cfg" rmiServerPort "$RMI_SERVER_PORT"
        log "port(s) $busy taken by another process meanwhile: now http $HTTP_PORT, ssh $SSH_PORT, rmi $RMI_REGISTRY_PORT/$RMI_SERVER_PORT"
    fi
    start_instance "$1"
}
evict() { # file: drops the file's pages from the page cache (POSIX_FADV_DONTNEED), so it is read from disk
    dd if="$1" iflag=nocache count=0 status=none 2>/dev/null || true
}
cpu_of() { # ticks-before ticks-after ms: CPU in % of one core
    awk -v a="$1" -v b="$2" -v ms="$3" -v hz="$CLK_TCK" 'BEGIN {printf "%.0f", (ms > 0) ? 100 * (b - a) / hz / (ms / 1000) : 0}'
}
profile() { # name interval-s command...: jstack the platform every interval while the command runs (not
    #         measured); the summary goes to RESULTS/profile-<name>.txt
    local name=$1 every=$2 samples=$WORK/jstack-$1.txt pid
    shift 2
    [[ -n $JSTACK ]] || return 0
    : >"$samples"
    "$@" >/dev/null 2>&1 &
    pid=$!
    BG_PID=$pid
    sleep 1
    while kill -0 "$pid" 2>/dev/null; do
        timeout 10 "$JSTACK" "$KARAF_PID" >>"$samples" 2>/dev/null || true
        echo >>"$samples"
        sleep "$every"
    done
    wait "$pid" 2>/dev/null || true
    BG_PID=""
    "${CLIENT[@]}" stacks --file "$samples" >"$RESULTS/profile-$name.txt" 2>&1 || true
    cp "$samples" "$RESULTS/jstack-$name.txt" 2>/dev/null || true
}

# like lib.sh's jq_py, with d global, so that generator expressions see it
jpy() { python3 -c 'import json, sys; print(eval(sys.argv[2], {"d": json.loads(sys.argv[1])}))' "$1" "$2"; }
rss_mb() { awk '/^VmRSS:/ {printf "%d", $2 / 1024}' "/proc/$1/status" 2>/dev/null || echo "?"; }

declare -A TOKENS=() TOKEN_AT=()
token_for() { # email [staff]: a token not older than TOKEN_MAX_AGE_S, into TOKEN
    local key=$1
    if [[ -z ${TOKENS[$key]:-} ]] || (($(now_ms) - ${TOKEN_AT[$key]:-0} > TOKEN_MAX_AGE_S * 1000)); then
        TOKENS[$key]=$(login "$1" "${2:-}") || die "login of $1 failed"
        TOKEN_AT[$key]=$(now_ms)
    fi
    TOKEN=${TOKENS[$key]}
}
forget_tokens() { TOKENS=() TOKEN_AT=(); }

# ---------------------------------------------------------------- part 1: ingest

INGEST_DONE=0
if ((DO_INGEST)); then
    D=$WORK/ingest-data
    mkdir -p "$D/gen" "$D/raw-a" "$D/raw-b"
    log "ingest: generating $(thousands "$PAGES") scanned pages ($PAGES_PER_FILE per TIFF, $DPI dpi, $THERMO % of the files thermal paper)"
    t0=$(now_ms)
    run_bg "$JAVA" -Djava.awt.headless=true -Xmx1g "$HERE/Gen.java" "$D/gen" "$PAGES" "$PAGES_PER_FILE" "$DPI" "$THERMO" "$SEED" >"$D/gen.txt" 2>&1 || {
        cat "$D/gen.txt" >&2
        die "generating the pages failed"
    }
    GEN_MS=$(($(now_ms) - t0))
    GEN_LINE=$(grep '^GEN done' "$D/gen.txt")
    GEN_FILES=$(kv "$GEN_LINE" files)
    GEN_BYTES=$(kv "$GEN_LINE" bytes)
    log "ingest: $(sed 's/^GEN done //' <<<"$GEN_LINE") in $(fmt_s "$GEN_MS")"

    # two halves (odd and even files), each its own import folder with its rows of metadata.csv:
    # raw A, platform A, platform B, raw B, so that each file is read once by each side, and each side
    # once early and once late in the run
    for half in a b; do
        mkdir -p "$D/$half"
        parity=$([[ $half == a ]] && echo 1 || echo 0)
        awk -v p="$parity" 'NR == 1 || (NR - 1) % 2 == p' "$D/gen/metadata.csv" >"$D/$half/metadata.csv"
        awk -v p="$parity" 'NR % 2 == p' "$D/gen/expected.tsv" >"$D/$half/expected.tsv"
        while IFS=$'\t' read -r f _; do ln "$D/gen/$f" "$D/$half/$f"; done <"$D/$half/expected.tsv"
    done
    FILES_A=$(wc -l <"$D/a/expected.tsv")
    FILES_B=$(wc -l <"$D/b/expected.tsv")
    PAGES_A=$(awk -F'\t' '{s += $3} END {print s + 0}' "$D/a/expected.tsv")
    PAGES_B=$(awk -F'\t' '{s += $3} END {print s + 0}' "$D/b/expected.tsv")
    THERMO_FILES=$(awk -F'\t' '$4 == "thermo"' "$D/gen/expected.tsv" | wc -l)

    new_instance ingest
    start ingest
    IMPORT_ROOT=$HOME_DIR/data/amtsgang/import
    mkdir -p "$IMPORT_ROOT"
    for half in a b; do # the import folders, as a scanning service drops them (hard links: no copying)
        mkdir -p "$IMPORT_ROOT/bench-$half"
        for f in "$D/$half"/*.tif; do ln "$f" "$IMPORT_ROOT/bench-$half/" 2>/dev/null || cp "$f" "$IMPORT_ROOT/bench-$half/"; done
        cp "$D/$half/metadata.csv" "$IMPORT_ROOT/bench-$half/"
    done
    sync

    raw_ocr() { # half: the raw Tesseract pass over the half's files; sets RAW_MS, RAW_OK, RAW_NOTE
        local half=$1 out=$D/raw-$1 t0 ok
        rm -f "$out"/*.txt
        log "ingest: raw Tesseract over half $half ($OCR_WORKERS at a time, OMP_THREAD_LIMIT=1, -l deu --psm 1 txt pdf)"
        measure_begin
        t0=$(now_ms)
        # exactly what the platform runs per file: tesseract <file> <out base> -l deu --psm 1 txt pdf
        # (the text and, in the same run, the searchable PDF the platform keeps as its PDF/A rendition)
        find "$D/$half" -name '*.tif' -print0 | sort -z |
            xargs -0 -P "$OCR_WORKERS" -I{} sh -c 'OMP_THREAD_LIMIT=1 exec tesseract "$1" "$2/$(basename "$1")" -l deu --psm 1 txt pdf >/dev/null 2>&1' _ {} "$out" || true
        RAW_MS=$(($(now_ms) - t0))
        measure_end
        ok=$(find "$out" -name '*.txt' -size +0 | wc -l)
        RAW_OK=$ok
        RAW_NOTE="raw $half: $(fmt_s "$RAW_MS") for $(wc -l <"$D/$half/expected.tsv") files ($ok with text), other processes' CPU $FOREIGN %"
        log "ingest: $RAW_NOTE"
    }
    platform_ingest() { # half: the platform's import of the half's folder; sets PL_JSON, PL_MS, PL_NOTE
        local half=$1
        log "ingest: platform import of bench-$half (POST /api/v1/documents/imports, until DONE and no page waits for OCR)"
        measure_begin
        PL_JSON=$(run_bg "${CLIENT[@]}" ingest --base "$BASE" --email "$OPERATOR" --state "$TOTP_STATE" --folder "bench-$half") ||
            die "the import of bench-$half failed"
        measure_end
        PL_MS=$(jq_py "$PL_JSON" 'd["total_ms"]')
        PL_NOTE="platform $half: $(fmt_s "$PL_MS") (import phase $(fmt_s "$(jq_py "$PL_JSON" 'd["import_ms"] or 0')")), job $(jpy "$PL_JSON" '", ".join("%s %s" % (k, d["job"].get(k)) for k in ("state", "files", "imported", "skipped", "failed", "pages", "ocrPending", "ocrDone", "ocrFailed"))'); other processes' CPU $FOREIGN %"
        log "ingest: $PL_NOTE"
        [[ $(jq_py "$PL_JSON" 'd["complete"]') == True ]] || log "ingest: WARNING: the import of bench-$half did not complete: $(jq_py "$PL_JSON" 'd["job"].get("errors")')"
    }

    raw_ocr a
    RAW_A_MS=$RAW_MS RAW_A_OK=$RAW_OK RAW_A_NOTE=$RAW_NOTE
    platform_ingest a
    PL_A_JSON=$PL_JSON PL_A_MS=$PL_MS PL_A_NOTE=$PL_NOTE
    platform_ingest b
    PL_B_JSON=$PL_JSON PL_B_MS=$PL_MS PL_B_NOTE=$PL_NOTE
    raw_ocr b
    RAW_B_MS=$RAW_MS RAW_B_OK=$RAW_OK RAW_B_NOTE=$RAW_NOTE

    RAW_MS_SUM=$((RAW_A_MS + RAW_B_MS))
    PL_MS_SUM=$((PL_A_MS + PL_B_MS))
    OVERHEAD=$(awk -v p="$PL_MS_SUM" -v r="$RAW_MS_SUM" 'BEGIN {printf "%.1f", (r > 0) ? 100 * (p / r - 1) : 0}')
    OVERHEAD_A=$(awk -v p="$PL_A_MS" -v r="$RAW_A_MS" 'BEGIN {printf "%.1f", (r > 0) ? 100 * (p / r - 1) : 0}')
    OVERHEAD_B=$(awk -v p="$PL_B_MS" -v r="$RAW_B_MS" 'BEGIN {printf "%.1f", (r > 0) ? 100 * (p / r - 1) : 0}')
    jf() { jq_py "$1" "d['job'].get('$2') or 0"; }
    ING_IMPORTED=$(($(jf "$PL_A_JSON" imported) + $(jf "$PL_B_JSON" imported)))
    ING_PAGES=$(($(jf "$PL_A_JSON" pages) + $(jf "$PL_B_JSON" pages)))
    ING_OCR_DONE=$(($(jf "$PL_A_JSON" ocrDone) + $(jf "$PL_B_JSON" ocrDone)))
    ING_OCR_FAILED=$(($(jf "$PL_A_JSON" ocrFailed) + $(jf "$PL_B_JSON" ocrFailed)))
    ING_FAILED=$(($(jf "$PL_A_JSON" failed) + $(jf "$PL_B_JSON" failed)))
    ING_COMPLETE=$([[ $(jq_py "$PL_A_JSON" 'd["complete"]') == True && $(jq_py "$PL_B_JSON" 'd["complete"]') == True ]] && echo 1 || echo 0)
    log "ingest: platform $(fmt_s "$PL_MS_SUM") against raw Tesseract $(fmt_s "$RAW_MS_SUM"): overhead $OVERHEAD %"

    # the same folder again: everything is there already
    log "ingest: importing bench-a a second time (idempotency)"
    AGAIN_JSON=$("${CLIENT[@]}" ingest --base "$BASE" --email "$OPERATOR" --state "$TOTP_STATE" --folder bench-a --timeout 600) ||
        die "the second import of bench-a failed"
    AGAIN_NOTE="$(jpy "$AGAIN_JSON" '", ".join("%s %s" % (k, d["job"].get(k)) for k in ("state", "files", "imported", "skipped", "failed", "ocrPending"))') in $(fmt_s "$(jq_py "$AGAIN_JSON" 'd["total_ms"]')")"
    AGAIN_OK=$([[ $(jf "$AGAIN_JSON" imported) == 0 && $(jf "$AGAIN_JSON" skipped) == "$FILES_A" && $(jq_py "$AGAIN_JSON" 'd["job"].get("state")') == DONE ]] && echo 1 || echo 0)
    log "ingest: second import: $AGAIN_NOTE"

    # the platform's text is Tesseract's: a sample of files found by Aktenzeichen, compared
    forget_tokens
    token_for "$CASEWORKER" staff
    OCRCHECK=$("${CLIENT[@]}" ocrcheck --base "$BASE" --token "$TOKEN" --expected "$D/a/expected.tsv" --raw "$D/raw-a" --sample 9 2>>"$WORK/ocrcheck.err") ||
        OCRCHECK='{"checked": 0, "identical": 0, "notes": ["ocrcheck failed"]}'
    OCRCHECK_B=$("${CLIENT[@]}" ocrcheck --base "$BASE" --token "$TOKEN" --expected "$D/b/expected.tsv" --raw "$D/raw-b" --sample 9 2>>"$WORK/ocrcheck.err") ||
        OCRCHECK_B='{"checked": 0, "identical": 0, "notes": ["ocrcheck failed"]}'
    log "ingest: OCR text check: $OCRCHECK | $OCRCHECK_B"
    ING_RSS=$(rss_mb "$KARAF_PID")
    stop_instance
    ING_LOG=$(log_summary "$HOME_DIR" ingest)
    INGEST_DONE=1
    [[ ${BENCH_KEEP:-0} == 1 ]] || rm -rf "$WORK/ingest" "$D"
fi

# ---------------------------------------------------------------- part 2: search

SEARCH_DONE=0
if ((DO_SEARCH)); then
    D=$WORK/search-data
    mkdir -p "$D"
    new_instance search
    start search-empty # creates the schema and the demo accounts
    stop_instance
    log "search: seeding $(thousands "$DOCUMENTS") Bauakten of $DOC_PAGES OCR'd pages each (Derby and the content store; platform stopped)"
    measure_begin
    run_bg timeout 1800 "$JAVA" -Xmx512m -Dderby.stream.error.file="$WORK/derby-seed.log" -cp "$(derby_cp)" \
        "$HERE/SeedIndex.java" "$HOME_DIR/data/amtsgang/derby" "$HOME_DIR/data/amtsgang/documents" "$DOCUMENTS" "$DOC_PAGES" "$D" "$SEED" >"$D/seed.txt" 2>&1 || {
        cat "$D/seed.txt" >&2
        die "seeding failed (see $WORK/derby-seed.log)"
    }
    measure_end
    SEED_NOTE="$(grep '^SEED done' "$D/seed.txt" | sed 's/^SEED done //') (other processes' CPU $FOREIGN %)"
    log "search: seeded: $SEED_NOTE"
    QUERY_COUNT=$(wc -l <"$D/queries.tsv")
    start search
    forget_tokens
    token_for "$OPERATOR" staff
    log "search: rebuilding the index (POST /api/v1/documents/index)"
    measure_begin
    REINDEX=$(run_bg "${CLIENT[@]}" reindex --base "$BASE" --token "$TOKEN") || die "the index rebuild failed"
    measure_end
    REINDEX_FOREIGN=$FOREIGN
    INDEX_ENTRIES=$(jq_py "$REINDEX" 'd["entries"]')
    REINDEX_MS=$(jq_py "$REINDEX" 'd["ms"]')
    EXPECTED_ENTRIES=$((DOCUMENTS * DOC_PAGES))
    log "search: index rebuilt: $(thousands "$INDEX_ENTRIES") entries (expected $(thousands "$EXPECTED_ENTRIES")) in $(fmt_s "$REINDEX_MS")"

    token_for "$CASEWORKER" staff
    PROBE_OUT=$("${CLIENT[@]}" probe --base "$BASE" --token "$TOKEN" --queries "$D/queries.tsv" --known "$D/known.tsv") ||
        die "the search probe failed: $PROBE_OUT"
    log "search: first request of every kind (cold):"
    sed 's/^/    /' <<<"$PROBE_OUT" >&2
    KNOWN_LINE=$(grep '^KNOWN ' <<<"$PROBE_OUT" || true)
    KNOWN_OK=$(kv "$KNOWN_LINE" ok)

    search_round() { # seconds tag [env...]: one wrk run of the mix as the caseworker; sets WRK_LINE, FOREIGN
        local secs=$1
        shift
        token_for "$CASEWORKER" staff
        run_wrk "$secs" "$CONNECTIONS" wrk-search.lua "$BASE/" BENCH_QUERIES="$D/queries.tsv" BENCH_TOKEN="$TOKEN" "$@"
    }
    SEARCH_WARM=()
    for ((w = 1; w <= WARMUP_ROUNDS; w++)); do
        log "search: warm-up $w/$WARMUP_ROUNDS ($WARMUP_SECONDS s, -c$CONNECTIONS)"
        search_round "$WARMUP_SECONDS"
        SEARCH_WARM+=("$(rps_of "$WRK_LINE")/s p95 $(ms_of "$(kv "$WRK_LINE" p95_us)") ms")
    done
    S_RPS=() S_P50=() S_P95=() S_P99=() S_BAD=() S_NOTES=() S_CPU=()
    for ((r = 1; r <= ROUNDS; r++)); do
        search_round "$ROUND_SECONDS"
        S_RPS+=("$(rps_of "$WRK_LINE")")
        S_P50+=("$(ms_of "$(kv "$WRK_LINE" p50_us)")")
        S_P95+=("$(ms_of "$(kv "$WRK_LINE" p95_us)")")
        S_P99+=("$(ms_of "$(kv "$WRK_LINE" p99_us)")")
        S_BAD+=("$(($(kv "$WRK_LINE" non2xx) + $(sock_errors "$WRK_LINE")))")
        S_CPU+=("$(platform_ms_per "$(kv "$WRK_LINE" requests)")")
        S_NOTES+=("round $r: $(thousands "${S_RPS[-1]}") searches/s ($(kv "$WRK_LINE" requests) in $(fmt_s $(($(kv "$WRK_LINE" duration_us) / 1000)))), $(lat_note "$WRK_LINE"); non-2xx $(kv "$WRK_LINE" non2xx), socket errors $(sock_errors "$WRK_LINE"), empty answers $(kv "$WRK_LINE" empty)${WRK_FIRST_ERROR:+ (first error: $WRK_FIRST_ERROR)}; the platform's CPU ${S_CPU[-1]} ms per search; other processes' CPU $FOREIGN %")
        log "search: ${S_NOTES[-1]}"
    done
    S_RPS_MED=$(printf '%.0f' "$(median "${S_RPS[@]}")")
    S_P50_MED=$(median "${S_P50[@]}")
    S_P95_MED=$(median "${S_P95[@]}")
    S_P99_MED=$(median "${S_P99[@]}")
    S_BAD_SUM=$(($(printf '%s+' "${S_BAD[@]}")0))
    S_CPU_MED=$(median "${S_CPU[@]}")

    # the same mix on one connection: the latency without queueing behind the other connections
    token_for "$CASEWORKER" staff
    run_wrk "$ROUND_SECONDS" 1 wrk-search.lua "$BASE/" BENCH_QUERIES="$D/queries.tsv" BENCH_TOKEN="$TOKEN"
    C1_LINE=$WRK_LINE
    C1_NOTE="$(thousands "$(rps_of "$C1_LINE")") searches/s, $(lat_note "$C1_LINE"); non-2xx $(kv "$C1_LINE" non2xx); the platform's CPU $(platform_ms_per "$(kv "$C1_LINE" requests)") ms per search; other processes' CPU $FOREIGN %"
    log "search: one connection: $C1_NOTE"

    S_KINDS=()
    if ((KIND_SECONDS > 0)); then
        for kind in $(cut -f1 "$D/queries.tsv" | awk '!seen[$0]++'); do
            search_round "$KIND_SECONDS" BENCH_KIND="$kind"
            S_KINDS+=("$(printf '%-26s' "$kind") $(thousands "$(rps_of "$WRK_LINE")")/s, $(lat_note "$WRK_LINE"), empty $(kv "$WRK_LINE" empty) of $(kv "$WRK_LINE" requests), non-2xx $(kv "$WRK_LINE" non2xx)")
            log "search: alone: ${S_KINDS[-1]}"
        done
    fi

    if [[ -n $JSTACK ]]; then
        token_for "$CASEWORKER" staff
        log "search: profile: 15 s of the mix (-c$CONNECTIONS), jstack once a second (not measured)"
        profile search 1 env BENCH_QUERIES="$D/queries.tsv" BENCH_TOKEN="$TOKEN" \
            wrk -t2 -c"$CONNECTIONS" -d15s --timeout 10s -s "$HERE/wrk-search.lua" "$BASE/"
    fi

    # a citizen may read none of the Bauakten: every answer must be empty
    token_for "$CITIZEN"
    log "search: the same mix as the citizen $CITIZEN ($ROUND_SECONDS s)"
    run_wrk "$ROUND_SECONDS" "$CONNECTIONS" wrk-search.lua "$BASE/" BENCH_QUERIES="$D/queries.tsv" BENCH_TOKEN="$TOKEN" BENCH_EXPECT_EMPTY=1
    CIT_LINE=$WRK_LINE
    CIT_NOTE="$(thousands "$(rps_of "$CIT_LINE")") searches/s, $(lat_note "$CIT_LINE"); answers $(kv "$CIT_LINE" requests), empty $(kv "$CIT_LINE" empty), with hits $(kv "$CIT_LINE" leaks), non-2xx $(kv "$CIT_LINE" non2xx)${WRK_FIRST_ERROR:+ (first: $WRK_FIRST_ERROR)}"
    CIT_OK=$((($(kv "$CIT_LINE" leaks) == 0 && $(kv "$CIT_LINE" non2xx) == 0 && $(kv "$CIT_LINE" requests) > 0) ? 1 : 0))
    log "search: citizen: $CIT_NOTE"
    SEARCH_RSS=$(rss_mb "$KARAF_PID")
    INDEX_MB=$(du -sm "$HOME_DIR/data/amtsgang/search-index" 2>/dev/null | cut -f1 || echo "?")
    stop_instance
    SEARCH_LOG=$(log_summary "$HOME_DIR" search)
    SEARCH_DONE=1
    [[ ${BENCH_KEEP:-0} == 1 ]] || rm -rf "$WORK/search" "$D"
fi

# ---------------------------------------------------------------- part 3: transfer

TRANSFER_DONE=0
if ((DO_TRANSFER)); then
    D=$WORK/transfer-data # on the same disk as the instance's data directory (both under WORK)
    mkdir -p "$D"
    TR_PAGES=100
    TR_W=2500
    TR_H=$((TRANSFER_MB * 1000000 / TR_PAGES / TR_W))
    log "transfer: writing a ${TRANSFER_MB} MB TIFF ($TR_PAGES pages of ${TR_W}x$TR_H 8-bit noise, uncompressed)"
    TR_BYTES=$("${CLIENT[@]}" tiff --out "$D/scan.tif" --pages "$TR_PAGES" --width "$TR_W" --height "$TR_H")
    new_instance transfer
    START_ENV=(EXTRA_JAVA_OPTS="-Xmx$HEAP" JAVA_MAX_MEM="$HEAP")
    start transfer
    START_ENV=()
    MAX_HEAP_MB=$(jcmd "$KARAF_PID" VM.flags 2>/dev/null | tr ' ' '\n' | sed -n 's/^-XX:MaxHeapSize=//p' | awk '{printf "%.0f", $1 / 1048576}')
    [[ -n $MAX_HEAP_MB ]] || MAX_HEAP_MB="?"
    log "transfer: the instance runs with MaxHeapSize $MAX_HEAP_MB MB"
    DATA_FS=$(df -P "$HOME_DIR/data" | awk 'NR == 2 {print $1}')
    FILE_FS=$(df -P "$D" | awk 'NR == 2 {print $1}')
    [[ $DATA_FS == "$FILE_FS" ]] || log "transfer: WARNING: the file ($FILE_FS) and the data directory ($DATA_FS) are on different file systems"

    forget_tokens
    token_for "$CASEWORKER" staff
    DOC_ID=$("${CLIENT[@]}" newdoc --base "$BASE" --token "$TOKEN") || die "could not create the transfer document"
    "${CLIENT[@]}" sample --pid "$KARAF_PID" --out "$D/mem.txt" --interval 0.5 &
    SAMPLER_PID=$!
    sleep 8 # idle samples (jstat takes a moment to attach)
    IDLE_END=$(now_ms)
    IDLE=$("${CLIENT[@]}" memsum --samples "$D/mem.txt" --end "$IDLE_END")
    RSS_IDLE=$(rss_mb "$KARAF_PID")
    log "transfer: idle: $IDLE"

    CP_MS=() CPS_MS=() CPC_MS=() UP_MS=() DOWN_MS=() DOWNS_MS=() DOWNC_MS=() CURL_MS=() UP_CPU=() DOWN_CPU=() TR_NOTES=() TR_OK=1 TR_WINDOWS=()
    CEIL_MS=() CURLCEIL_MS=()
    # The clients' own ceiling: the same downloads from a plain file server (client.py serve: read and
    # send 1 MB at a time, nothing else) of the same file. curl -o tops out far below cp here however
    # fast the server is, so the platform is measured with the spliced client, which does not.
    free_port SERVE_PORT $((HTTP_PORT + 100))
    "${CLIENT[@]}" serve --file "$D/scan.tif" --port "$SERVE_PORT" >/dev/null &
    SERVE_PID=$!
    # one upload and download first, not measured: a server runs warm, and the first 500 MB through
    # the hashing and copying code would otherwise measure the JIT compiler as well
    printf 'warm-up %s' "$$" | dd of="$D/scan.tif" bs=1 seek=4096 conv=notrunc status=none
    token_for "$CASEWORKER" staff
    warm=$("${CLIENT[@]}" upload --base "$BASE" --token "$TOKEN" --file "$D/scan.tif" \
        --path "/api/v1/documents/$DOC_ID/versions?fileName=warm-up.tif" 2>&1) || true
    # Downloads warm up slowly: after the boot the JIT compiler has a backlog, and the download's
    # hashing loop waits in it (the first downloads of a fresh instance ran at half the speed of the
    # sixth). A city's platform has been running for days; the warm-up runs until it has too.
    for ((w = 0; w < 6; w++)); do
        "${CLIENT[@]}" download-spliced --base "$BASE" --token "$TOKEN" --out "$D/down.tif" \
            --path "/api/v1/documents/$DOC_ID/versions/latest/content" >/dev/null 2>&1 || true
        rm -f "$D/down.tif"
    done
    log "transfer: warm-up upload and download (not measured): ${warm%% *}"
    for ((r = 1; r <= TRANSFER_ROUNDS; r++)); do
        # a different file each round (a round number in the first strip): a new version, new content
        printf 'round %d of %s' "$r" "$$" | dd of="$D/scan.tif" bs=1 seek=4096 conv=notrunc status=none
        SHA=$(sha256sum "$D/scan.tif" | cut -d' ' -f1)
        order="base platform"
        ((r % 2)) || order="platform base"
        note="round $r:"
        measure_begin
        for which in $order; do
            if [[ $which == base ]]; then
                rm -f "$D/copy.tif"
                sync
                t0=$(now_ms)
                cp --reflink=never "$D/scan.tif" "$D/copy.tif"
                CP_MS+=($(($(now_ms) - t0)))
                rm -f "$D/copy.tif"
                sync
                t0=$(now_ms)
                cp --reflink=never "$D/scan.tif" "$D/copy.tif"
                sync -d "$D/copy.tif" # fdatasync: what the platform does before it answers
                CPS_MS+=($(($(now_ms) - t0)))
                rm -f "$D/copy.tif"
                # from the disk: the source out of the page cache first (both reads above came from memory)
                sync
                evict "$D/scan.tif"
                t0=$(now_ms)
                cp --reflink=never "$D/scan.tif" "$D/copy.tif"
                CPC_MS+=($(($(now_ms) - t0)))
                rm -f "$D/copy.tif"
                # the clients' ceiling: the same downloads from the plain file server
                sync
                ceil=$("${CLIENT[@]}" download-spliced --base "http://127.0.0.1:$SERVE_PORT" --token - --out "$D/copy.tif" \
                    --path /scan.tif 2>&1) || true
                read -r _ _ ceil_ms <<<"$ceil"
                CEIL_MS+=("$(printf '%.0f' "$ceil_ms" 2>/dev/null || echo 999999)")
                rm -f "$D/copy.tif"
                sync
                t0=$(now_ms)
                curl -sS -o "$D/copy.tif" "http://127.0.0.1:$SERVE_PORT/scan.tif" 2>/dev/null || true
                CURLCEIL_MS+=($(($(now_ms) - t0)))
                rm -f "$D/copy.tif"
                note+=" cp $(mbps "$TR_BYTES" "${CP_MS[-1]}") MB/s, cp+fsync $(mbps "$TR_BYTES" "${CPS_MS[-1]}") MB/s, cp from disk $(mbps "$TR_BYTES" "${CPC_MS[-1]}") MB/s, plain server: spliced $(mbps "$TR_BYTES" "${CEIL_MS[-1]}") MB/s, curl -o $(mbps "$TR_BYTES" "${CURLCEIL_MS[-1]}") MB/s;"
            else
                token_for "$CASEWORKER" staff
                sync
                w0=$(now_ms)
                k0=$(pid_ticks "$KARAF_PID")
                t0=$(now_ms)
                # "status ms body": timed by the client from its request to the answer
                up=$("${CLIENT[@]}" upload --base "$BASE" --token "$TOKEN" --file "$D/scan.tif" \
                    --path "/api/v1/documents/$DOC_ID/versions?fileName=scan-$r.tif" 2>&1) || true
                UP_CPU+=("$(cpu_of "$k0" "$(pid_ticks "$KARAF_PID")" "$(($(now_ms) - t0))")")
                w1=$(now_ms)
                up_status=${up%% *}
                up_rest=${up#* }
                UP_MS+=("$(printf '%.0f' "${up_rest%% *}" 2>/dev/null || echo 999999)")
                printf '%s' "${up_rest#* }" >"$D/up.json"
                vnum=$(python3 -c 'import json, sys; d = json.load(open(sys.argv[1])); print(d.get("number", ""), d.get("sha256", ""), d.get("size", ""), d.get("pages", ""))' "$D/up.json" 2>/dev/null || echo "")
                read -r VNUM VSHA VSIZE VPAGES <<<"$vnum"
                if [[ $up_status != 201 || ${VSHA:-} != "$SHA" || ${VSIZE:-} != "$TR_BYTES" ]]; then
                    TR_OK=0
                    note+=" UPLOAD FAILED ($(head -c 300 <<<"$up"));"
                    log "transfer: upload failed: $(head -c 300 <<<"$up")"
                    UP_MS[-1]=999999
                    TR_WINDOWS+=("$w0 $w1")
                    continue
                fi
                rm -f "$D/down.tif"
                sync
                w2=$(now_ms)
                k0=$(pid_ticks "$KARAF_PID")
                t0=$(now_ms)
                down=$("${CLIENT[@]}" download-spliced --base "$BASE" --token "$TOKEN" --out "$D/down.tif" \
                    --path "/api/v1/documents/$DOC_ID/versions/$VNUM/content" 2>&1) || true
                DOWN_CPU+=("$(cpu_of "$k0" "$(pid_ticks "$KARAF_PID")" "$(($(now_ms) - t0))")")
                read -r down_status _ down_ms <<<"$down"
                DOWN_MS+=("$(printf '%.0f' "$down_ms" 2>/dev/null || echo 999999)")
                t1=$(now_ms)
                sync -d "$D/down.tif" 2>/dev/null || true
                DOWNS_MS+=($((DOWN_MS[-1] + $(now_ms) - t1)))
                dsha=$(sha256sum "$D/down.tif" 2>/dev/null | cut -d' ' -f1)
                if [[ $down_status != 200 || $dsha != "$SHA" ]]; then
                    TR_OK=0
                    note+=" DOWNLOAD FAILED ($down, sha256 ${dsha:0:12} instead of ${SHA:0:12});"
                fi
                rm -f "$D/down.tif"
                sync
                # the same download with curl -o, for comparison (client-bound: see the plain server's figure)
                t0=$(now_ms)
                curl -sS -H "Authorization: Bearer $TOKEN" -o "$D/down.tif" \
                    "$BASE/api/v1/documents/$DOC_ID/versions/$VNUM/content" 2>/dev/null || true
                CURL_MS+=($(($(now_ms) - t0)))
                rm -f "$D/down.tif"
                # from the disk: the stored file out of the page cache first, as for cp above
                sync
                evict "$HOME_DIR/data/amtsgang/documents/sha256/${SHA:0:2}/${SHA:2:2}/$SHA"
                down=$("${CLIENT[@]}" download-spliced --base "$BASE" --token "$TOKEN" --out "$D/down.tif" \
                    --path "/api/v1/documents/$DOC_ID/versions/$VNUM/content" 2>&1) || true
                read -r _ _ down_ms <<<"$down"
                DOWNC_MS+=("$(printf '%.0f' "$down_ms" 2>/dev/null || echo 999999)")
                rm -f "$D/down.tif"
                w3=$(now_ms)
                TR_WINDOWS+=("$w0 $w1" "$w2 $w3")
                note+=" upload $(mbps "$TR_BYTES" "${UP_MS[-1]}") MB/s (201, version $VNUM, $VPAGES pages, sha256 ok; the platform's CPU ${UP_CPU[-1]} % of a core), download $(mbps "$TR_BYTES" "${DOWN_MS[-1]}") MB/s ($down_status$([[ $dsha == "$SHA" ]] && echo ", sha256 ok"); the platform's CPU ${DOWN_CPU[-1]} % of a core; with fdatasync $(mbps "$TR_BYTES" "${DOWNS_MS[-1]}") MB/s; curl -o $(mbps "$TR_BYTES" "${CURL_MS[-1]}") MB/s; from disk $(mbps "$TR_BYTES" "${DOWNC_MS[-1]}") MB/s);"
            fi
        done
        measure_end
        note+=" other processes' CPU $FOREIGN %"
        TR_NOTES+=("$note")
        log "transfer: $note"
    done
    sleep 2
    kill -TERM "$SAMPLER_PID" 2>/dev/null || true
    wait "$SAMPLER_PID" 2>/dev/null || true
    SAMPLER_PID=""
    # the peak over all transfer windows
    t_first=$IDLE_END t_last=$(now_ms)
    if ((${#TR_WINDOWS[@]} > 0)); then
        t_first=${TR_WINDOWS[0]%% *}
        t_last=${TR_WINDOWS[${#TR_WINDOWS[@]} - 1]##* }
    fi
    BUSY=$("${CLIENT[@]}" memsum --samples "$D/mem.txt" --start "$t_first" --end "$((t_last + 1000))")
    log "transfer: during the transfers: $BUSY"
    cp "$D/mem.txt" "$RESULTS/transfer-memory.txt" 2>/dev/null || true
    RSS_END=$(rss_mb "$KARAF_PID")
    if [[ -n $JSTACK && $TR_OK == 1 ]]; then
        log "transfer: profile: one more upload and download, jstack every 0.3 s (not measured)"
        printf 'profile %s' "$$" | dd of="$D/scan.tif" bs=1 seek=4096 conv=notrunc status=none
        token_for "$CASEWORKER" staff
        profile upload 0.3 curl -sS -X POST -T "$D/scan.tif" -H 'Expect:' -H "Authorization: Bearer $TOKEN" \
            -H 'Content-Type: application/octet-stream' -o "$D/up.json" "$BASE/api/v1/documents/$DOC_ID/versions?fileName=profile.tif"
        profile download 0.3 curl -sS -H "Authorization: Bearer $TOKEN" -o "$D/down.tif" \
            "$BASE/api/v1/documents/$DOC_ID/versions/latest/content"
        rm -f "$D/down.tif"
    fi

    med_mbps() { # ms values...: median MB/s
        local v=() x
        for x in "$@"; do v+=("$(mbps "$TR_BYTES" "$x")"); done
        median "${v[@]}"
    }
    CP_MED=$(med_mbps "${CP_MS[@]}")
    CPS_MED=$(med_mbps "${CPS_MS[@]}")
    UP_MED=$(med_mbps "${UP_MS[@]:-0}")
    DOWN_MED=$(med_mbps "${DOWN_MS[@]:-0}")
    DOWNS_MED=$(med_mbps "${DOWNS_MS[@]:-0}")
    CURL_MED=$(med_mbps "${CURL_MS[@]:-0}")
    CPC_MED=$(med_mbps "${CPC_MS[@]:-0}")
    CEIL_MED=$(med_mbps "${CEIL_MS[@]:-0}")
    CURLCEIL_MED=$(med_mbps "${CURLCEIL_MS[@]:-0}")
    DOWNC_MED=$(med_mbps "${DOWNC_MS[@]:-0}")
    UP_VS_CPS=$(pct "$UP_MED" "$CPS_MED")
    UP_VS_CP=$(pct "$UP_MED" "$CP_MED")
    DOWN_VS_CP=$(pct "$DOWN_MED" "$CP_MED")
    DOWNS_VS_CPS=$(pct "$DOWNS_MED" "$CPS_MED")
    HEAP_PEAK=$(jq_py "$BUSY" 'd.get("heap_max_mb", 0)')
    HEAP_IDLE=$(jq_py "$IDLE" 'd.get("heap_max_mb", 0)')
    HEAP_LIMIT=$(awk -v m="$MAX_HEAP_MB" -v p="$HEAP_WELL_UNDER_PCT" 'BEGIN {printf "%.0f", (m + 0 > 0) ? m * p / 100 : 0}')
    kill -TERM "$SERVE_PID" 2>/dev/null || true
    wait "$SERVE_PID" 2>/dev/null || true
    SERVE_PID=""
    stop_instance
    TR_LOG=$(log_summary "$HOME_DIR" transfer)
    TRANSFER_DONE=1
    [[ ${BENCH_KEEP:-0} == 1 ]] || rm -rf "$WORK/transfer" "$D"
fi

# ---------------------------------------------------------------- report

row() { printf '%-78s %-30s %-14s %s\n' "$@"; }
MAX_FOREIGN=$(max_of "${ALL_FOREIGN[@]:-0}")
ELAPSED=$(($(date +%s) - T_START))
{
    echo "Amtsgang documents benchmark, $(date '+%Y-%m-%d %H:%M:%S %Z') ($((ELAPSED / 60)) min $((ELAPSED % 60)) s; parts: $PARTS)"
    echo "machine: $NCPU cores, load average at the end $(cut -d' ' -f1-3 /proc/loadavg), $(awk '/MemTotal/ {printf "%.1f GiB", $2 / 1048576}' /proc/meminfo) RAM, $("$JAVA" -version 2>&1 | head -1)"
    echo "CPU taken by other processes: ${START_FOREIGN} % before the run, up to ${MAX_FOREIGN} % while measuring"
    echo "distribution: $(basename "$TARBALL") (built $DIST_TIME); http port $HTTP_PORT; $(tesseract --version 2>&1 | head -1)"
    echo
    row "figure" "measured" "target" "verdict"
    if ((INGEST_DONE)); then
        row "ingest: overhead of the platform over raw Tesseract ($(thousands "$PAGES") pages)" "$OVERHEAD % ($(fmt_s "$PL_MS_SUM") vs $(fmt_s "$RAW_MS_SUM"))" "<= $TARGET_OVERHEAD_PCT %" "$(verdict "$(le "$OVERHEAD" "$TARGET_OVERHEAD_PCT")")"
        row "ingest: files imported / pages / OCR done / OCR failed / import failures" "$ING_IMPORTED / $ING_PAGES / $ING_OCR_DONE / $ING_OCR_FAILED / $ING_FAILED" "$GEN_FILES / $PAGES / $GEN_FILES / 0 / 0" "$(verdict "$(((ING_COMPLETE == 1 && ING_IMPORTED == GEN_FILES && ING_PAGES == PAGES && ING_OCR_DONE == GEN_FILES && ING_OCR_FAILED == 0 && ING_FAILED == 0) ? 1 : 0))")"
        row "ingest: the same folder again: imported / skipped (idempotency)" "$(jf "$AGAIN_JSON" imported) / $(jf "$AGAIN_JSON" skipped)" "0 / $FILES_A" "$(verdict "$AGAIN_OK")"
        row "ingest: platform's OCR text = raw Tesseract's (sample), found by Aktenzeichen" "$(($(jq_py "$OCRCHECK" 'd.get("identical", 0)') + $(jq_py "$OCRCHECK_B" 'd.get("identical", 0)'))) identical of $(($(jq_py "$OCRCHECK" 'd.get("checked", 0)') + $(jq_py "$OCRCHECK_B" 'd.get("checked", 0)')))" "info" ""
    fi
    if ((SEARCH_DONE)); then
        row "search: index rebuild from the store: entries (time)" "$(thousands "$INDEX_ENTRIES") ($(fmt_s "$REINDEX_MS"))" "= $(thousands "$EXPECTED_ENTRIES")" "$(verdict "$((INDEX_ENTRIES == EXPECTED_ENTRIES ? 1 : 0))")"
        row "search: p95 of the query mix, median of $ROUNDS rounds (-c$CONNECTIONS, caseworker)" "$S_P95_MED ms" "<= $TARGET_P95_MS ms" "$(verdict "$(le "$S_P95_MED" "$TARGET_P95_MS")")"
        row "search: p50 / p99 (medians of the rounds); searches/s" "$S_P50_MED / $S_P99_MED ms; $(thousands "$S_RPS_MED")/s" "info" ""
        row "search: the same mix on one connection: p50 / p95 (no queueing)" "$(ms_of "$(kv "$C1_LINE" p50_us)") / $(ms_of "$(kv "$C1_LINE" p95_us)") ms" "info" ""
        row "search: the platform's CPU per search (median of the rounds)" "$S_CPU_MED ms" "info" ""
        row "search: answers not 2xx (incl. socket errors)" "$S_BAD_SUM" "0" "$(verdict "$((S_BAD_SUM == 0 ? 1 : 0))")"
        row "search: citizen's answers with hits (access filter)" "$(kv "$CIT_LINE" leaks) of $(kv "$CIT_LINE" requests)" "0" "$(verdict "$CIT_OK")"
        row "search: a known Aktenzeichen finds exactly its $DOC_PAGES pages" "$(kv "$KNOWN_LINE" total) hits" "$DOC_PAGES, one document" "$(verdict "${KNOWN_OK:-0}")"
    fi
    if ((TRANSFER_DONE)); then
        row "transfer: upload MB/s as % of cp + fdatasync (median of $TRANSFER_ROUNDS)" "$UP_VS_CPS % ($UP_MED vs $CPS_MED MB/s)" ">= $TARGET_TRANSFER_PCT %" "$(verdict "$(ge "$UP_VS_CPS" "$TARGET_TRANSFER_PCT")")"
        row "transfer: download MB/s as % of cp (median of $TRANSFER_ROUNDS)" "$DOWN_VS_CP % ($DOWN_MED vs $CP_MED MB/s)" ">= $TARGET_TRANSFER_PCT %" "$(verdict "$(ge "$DOWN_VS_CP" "$TARGET_TRANSFER_PCT")")"
        row "transfer: the client's ceiling: same download from a plain file server, % of cp" "$(pct "$CEIL_MED" "$CP_MED") % ($CEIL_MED MB/s)" "info" ""
        row "transfer: download as % of that ceiling (what the platform costs over plain HTTP)" "$(pct "$DOWN_MED" "$CEIL_MED") %" "info" ""
        row "transfer: curl -o from the platform / from the plain file server, MB/s" "$CURL_MED / $CURLCEIL_MED MB/s" "info" ""
        row "transfer: upload as % of plain cp; download + fdatasync as % of cp + fdatasync" "$UP_VS_CP %; $DOWNS_VS_CPS %" "info" ""
        row "transfer: from disk (source evicted from the page cache): download as % of cp" "$(pct "$DOWNC_MED" "$CPC_MED") % ($DOWNC_MED vs $CPC_MED MB/s)" "info" ""
        row "transfer: every ${TRANSFER_MB} MB upload 201 and download byte-identical (sha256)" "$([[ $TR_OK == 1 ]] && echo "all $TRANSFER_ROUNDS" || echo "NOT all")" "all" "$(verdict "$TR_OK")"
        row "transfer: peak heap used during the transfers (idle: $HEAP_IDLE MB), -Xmx $MAX_HEAP_MB MB" "$HEAP_PEAK MB" "< $HEAP_LIMIT MB" "$(verdict "$(((TR_OK == 1) ? $(le "$HEAP_PEAK" "$HEAP_LIMIT") : 0))")"
        row "transfer: RSS idle / peak during the transfers / after" "$RSS_IDLE / $(jq_py "$BUSY" 'd.get("rss_max_mb")') / $RSS_END MB" "info" ""
    fi
    if ((MAX_FOREIGN > 10)); then
        echo
        echo "WARNING: other processes took up to $MAX_FOREIGN % of the machine's CPU while this run measured (see below):"
        echo "         the figures are disturbed; run again on a quiet machine before comparing them."
    fi
    echo
    echo "instances: ${BOOT_NOTES[*]/%/;}"
    if ((INGEST_DONE)); then
        echo
        echo "INGEST: $(thousands "$PAGES") generated scanned pages (A4 greyscale, $DPI dpi, German Bauakten text, paper tone, noise, skew;"
        echo "thermal paper faded) in $GEN_FILES multi-page TIFFs (Deflate) of $PAGES_PER_FILE pages, $(awk -v b="$GEN_BYTES" 'BEGIN {printf "%.0f", b / 1e6}') MB, $THERMO_FILES files thermal; generated in $(fmt_s "$GEN_MS")."
        echo "Two halves (odd and even files): A $FILES_A files / $PAGES_A pages, B $FILES_B files / $PAGES_B pages, in the order raw A, platform A,"
        echo "platform B, raw B. Raw: xargs -P $OCR_WORKERS 'tesseract <file> <out> -l deu --psm 1 txt pdf' with OMP_THREAD_LIMIT=1, as the platform runs it."
        echo "Platform: the folder under data/amtsgang/import, POST /api/v1/documents/imports as the operator, GET the job every 0.5 s"
        echo "until DONE with ocrPending 0 (time from the POST)."
        echo "  $RAW_A_NOTE"
        echo "  $PL_A_NOTE"
        echo "  $PL_B_NOTE"
        echo "  $RAW_B_NOTE"
        echo "  overhead per half: A $OVERHEAD_A %, B $OVERHEAD_B %; both: $OVERHEAD %"
        echo "  pages per second: raw $(awk -v p="$PAGES" -v ms="$RAW_MS_SUM" 'BEGIN {printf "%.2f", p / (ms / 1000)}'), platform $(awk -v p="$PAGES" -v ms="$PL_MS_SUM" 'BEGIN {printf "%.2f", p / (ms / 1000)}')"
        echo "  second import of bench-a: $AGAIN_NOTE"
        echo "  OCR text check (A: $(jq_py "$OCRCHECK" 'd.get("checked")') files, B: $(jq_py "$OCRCHECK_B" 'd.get("checked")')): $OCRCHECK"
        echo "                                                     $OCRCHECK_B"
        echo "  RSS of the platform after the imports: $ING_RSS MB"
        echo "  $ING_LOG"
    fi
    if ((SEARCH_DONE)); then
        echo
        echo "SEARCH: $(thousands "$DOCUMENTS") BAUAKTE documents (bauaufsicht, INTERNAL) of $DOC_PAGES pages each, OCR text 1.5-3 KB a page"
        echo "(a vocabulary of building-file words, street names with ß and umlauts, numbers), seeded into Derby and the content"
        echo "store with the platform stopped: $SEED_NOTE"
        echo "  index rebuild: POST /api/v1/documents/index answered {entries: $INDEX_ENTRIES} after $(fmt_s "$REINDEX_MS") (other processes' CPU $REINDEX_FOREIGN %); index on disk ${INDEX_MB} MB"
        echo "  the mix (wrk-search.lua, $QUERY_COUNT queries, size=20) as $CASEWORKER: 1-3 words; aktenzeichen=; gemarkung+flur+flurstueck;"
        echo "  year + a word; address= (street, or street and number); a common word with page=5"
        sed 's/^/  /' <<<"$PROBE_OUT"
        echo "  warm-up: ${SEARCH_WARM[*]:-none}"
        printf '  %s\n' "${S_NOTES[@]}"
        echo "  one connection, $ROUND_SECONDS s: $C1_NOTE"
        ((${#S_KINDS[@]} == 0)) || { echo "  each kind alone, $KIND_SECONDS s:"; printf '    %s\n' "${S_KINDS[@]}"; }
        [[ ! -s $RESULTS/profile-search.txt ]] || {
            echo "  where the time goes (15 s of the mix after the rounds, jstack once a second; results/profile-search.txt):"
            sed 's/^/    /' "$RESULTS/profile-search.txt"
        }
        echo "  as the citizen $CITIZEN: $CIT_NOTE"
        echo "  RSS of the platform after the rounds: $SEARCH_RSS MB"
        echo "  $SEARCH_LOG"
    fi
    if ((TRANSFER_DONE)); then
        echo
        echo "TRANSFER: a $(awk -v b="$TR_BYTES" 'BEGIN {printf "%.0f", b / 1e6}') MB TIFF ($TR_PAGES pages of ${TR_W}x$TR_H 8-bit random noise, uncompressed) on $FILE_FS, the disk of the"
        echo "platform's data directory. Per round (order alternating): cp to a new file; cp + sync -d (fdatasync) of a new file;"
        echo "upload: client.py upload (POST /api/v1/documents/{id}/versions, the kernel sends the file) until 201,"
        echo "which the platform sends after fsync; download: client.py download-spliced of the version's content (socket to"
        echo "file through a pipe with splice, so the client copies nothing itself), then sync -d; then curl -o for comparison."
        echo "The same two downloads from a plain file server (client.py serve: read and send 1 MB at a time) give the clients'"
        echo "ceiling on this machine: curl -o is far below cp even there, which is why it is not the figure."
        echo "client.py times itself from its request to the last byte. sync before every step. The instance runs with"
        echo "-Xmx$HEAP (EXTRA_JAVA_OPTS; MaxHeapSize $MAX_HEAP_MB MB); jstat -gc and VmRSS sampled every 0.5 s."
        printf '  %s\n' "${TR_NOTES[@]}"
        echo "  medians: cp $CP_MED MB/s, cp + fdatasync $CPS_MED MB/s, upload $UP_MED MB/s, download $DOWN_MED MB/s, download + fdatasync $DOWNS_MED MB/s, curl -o $CURL_MED MB/s; plain server: spliced $CEIL_MED MB/s, curl -o $CURLCEIL_MED MB/s"
        for prof in upload download; do
            [[ ! -s $RESULTS/profile-$prof.txt ]] || {
                echo "  where the time goes in one more $prof (jstack every 0.3 s; results/profile-$prof.txt):"
                sed 's/^/    /' "$RESULTS/profile-$prof.txt"
            }
        done
        echo "  heap (MB) idle: $IDLE"
        echo "  heap (MB) during the transfers: $BUSY"
        echo "  $TR_LOG"
    fi
} | tee "$RESULTS/latest.txt"

if [[ ${BENCH_STRICT:-0} == 1 ]] && grep -q ' MISS$' "$RESULTS/latest.txt"; then
    exit 3
fi
