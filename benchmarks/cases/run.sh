#!/usr/bin/env bash
# The cases benchmark, in one command (see ../README.md):
#   submit  applications submitted per second (validated, persisted, audited, acknowledged) with 32
#           connections, against GET /api/v1/services in the same run, and how long the outbox
#           (audit, Postfach, e-mail) takes to catch up
#   crash   kill -9 of the platform during a storm of submissions: after the restart every
#           acknowledged application is there, and no Idempotency-Key made two cases
#   inbox   the staff inbox with filters over 1,000,000 seeded cases
# Every part runs its own copy of the distribution (demo accounts on) on its own ports (never 8181,
# 8101, 1099, 44444, nor the other benchmarks' 18181 and 18281) and sends traffic to 127.0.0.1 only.
# Figures go to stdout and to results/latest.txt.
#
# Environment (all optional):
#   BENCH_PARTS              which parts, comma-separated, of submit,crash,inbox (default: all three;
#                            they always run in that order)
#   BENCH_HTTP_PORT          HTTP port (default: the first free one from 18381)
#   BENCH_CONNECTIONS        connections of the submission rounds, 1-256 (default 32)
#   BENCH_PACED_RATE         submissions/s offered in the paced rounds (the target's reading), 0 for none (default 500)
#   BENCH_ROUNDS             measured rounds of the submit and inbox parts, 1-5 (default 3)
#   BENCH_ROUND_SECONDS      seconds per submission round (and per baseline round), 5-60 (default 20)
#   BENCH_WARMUP_ROUNDS      warm-up rounds before the submission rounds, 0-5 (default 3)
#   BENCH_WARMUP_SECONDS     seconds per warm-up round, 5-60 (default 15)
#   BENCH_DRAIN_TIMEOUT      seconds to wait for the outbox to catch up, 0-1800 (default 300)
#   BENCH_CASES              cases seeded for the inbox, 10000-5000000 (default 1000000)
#   BENCH_INBOX_CONNECTIONS  connections of the inbox rounds, 1-64 (default 8)
#   BENCH_INBOX_SECONDS      seconds per inbox round (the mix of all query kinds), 5-60 (default 20)
#   BENCH_INBOX_KIND_SECONDS seconds per query kind alone, 0-30 (default 5; 0: no per-kind runs)
#   BENCH_CRASH_THREADS      client threads of the crash storm, 1-64 (default 24)
#   BENCH_CRASH_AFTER        seconds of storm before the kill -9, 2-120 (default 10)
#   BENCH_PROFILE=0          no jstack samples (by default an extra, unmeasured round of the
#                            submit and inbox parts is sampled with jstack to show where time goes)
#   BENCH_WAIT_QUIET=N       wait up to N s (at most 600) for other processes to leave the CPU first
#   BENCH_STRICT=1           exit 3 when a figure misses its target
#   BENCH_KEEP=1             keep the unpacked instances and the seeded database (the path is printed)
set -euo pipefail

HERE=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
ROOT=$(cd "$HERE/../.." && pwd)
RESULTS=$HERE/results
T_START=$(date +%s)
# the helpers shared with the other benchmarks (log, ports, CPU accounting, instances, wrk, cleanup)
# shellcheck source=../lib.sh
source "$ROOT/benchmarks/lib.sh"

# ---------------------------------------------------------------- settings and targets

CONNECTIONS=$(int_in BENCH_CONNECTIONS "${BENCH_CONNECTIONS:-32}" 1 256)
ROUNDS=$(int_in BENCH_ROUNDS "${BENCH_ROUNDS:-3}" 1 5)
ROUND_SECONDS=$(int_in BENCH_ROUND_SECONDS "${BENCH_ROUND_SECONDS:-20}" 5 60)
WARMUP_ROUNDS=$(int_in BENCH_WARMUP_ROUNDS "${BENCH_WARMUP_ROUNDS:-3}" 0 5)
WARMUP_SECONDS=$(int_in BENCH_WARMUP_SECONDS "${BENCH_WARMUP_SECONDS:-15}" 5 60)
DRAIN_TIMEOUT=$(int_in BENCH_DRAIN_TIMEOUT "${BENCH_DRAIN_TIMEOUT:-300}" 0 1800)
CASES=$(int_in BENCH_CASES "${BENCH_CASES:-1000000}" 10000 5000000)
INBOX_CONNECTIONS=$(int_in BENCH_INBOX_CONNECTIONS "${BENCH_INBOX_CONNECTIONS:-8}" 1 64)
INBOX_SECONDS=$(int_in BENCH_INBOX_SECONDS "${BENCH_INBOX_SECONDS:-20}" 5 60)
INBOX_KIND_SECONDS=$(int_in BENCH_INBOX_KIND_SECONDS "${BENCH_INBOX_KIND_SECONDS:-5}" 0 30)
CRASH_THREADS=$(int_in BENCH_CRASH_THREADS "${BENCH_CRASH_THREADS:-24}" 1 64)
CRASH_AFTER=$(int_in BENCH_CRASH_AFTER "${BENCH_CRASH_AFTER:-10}" 2 120)
WAIT_QUIET=$(int_in BENCH_WAIT_QUIET "${BENCH_WAIT_QUIET:-0}" 0 600)
PROFILE=${BENCH_PROFILE:-1}
PARTS=${BENCH_PARTS:-submit,crash,inbox}
BASELINE_SECONDS=$ROUND_SECONDS
BOOT_TIMEOUT_S=240
INBOX_WARMUP_SECONDS=15
INBOX_WARMUP_ROUNDS=2
CRASH_WARMUP_SECONDS=10
CRASH_TAIL_SECONDS=3 # the storm goes on this long after the kill (connection refused)

PACED_RATE=$(int_in BENCH_PACED_RATE "${BENCH_PACED_RATE:-500}" 0 100000)
TARGET_SUBMIT_RPS=500
TARGET_SUBMIT_P99_MS=50
TARGET_INBOX_P95_MS=50

# the other engineer's Karaf and the other benchmarks live on these: never bind, never send to them
FORBIDDEN_PORTS=" 8181 8101 1099 44444 18181 18281 "

SERVICE_ID=steueramt-hundesteuer-anmeldung
OFFICE=steueramt
CITIZENS=(anna.schmidt@example.org ben.yilmaz@example.org)
STAFF=sachbearbeitung@steueramt.example
SUBMIT_BODY='{"serviceId":"steueramt-hundesteuer-anmeldung","submit":true,"formData":{"hund":{"name":"Bello","rasse":"Dackel","geburtsjahr":2020},"haltungSeit":"2026-10-01"}}'
INBOX_KINDS=("status" "status+service" "assignee=me" "assignee=none" "olderThanDays=30" "overdue" "deep page")

bench_parts submit crash inbox

# A Karaf started from here must not pick up another instance's locations or settings.
unset KARAF_HOME KARAF_BASE KARAF_DATA KARAF_ETC KARAF_LOG KARAF_DEBUG KARAF_REDIRECT
while read -r v; do unset "$v"; done < <(compgen -e | grep '^AMTSGANG_' || true)

# ---------------------------------------------------------------- prerequisites

bench_require
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
bench_ports 18381 18301 11299 14644
bench_distribution amtsgang-bench-cases
bench_wait_quiet

# ---------------------------------------------------------------- instances

citizen_tokens() { # sets TOKENS (space-separated, one per demo citizen)
    local e t
    TOKENS=""
    for e in "${CITIZENS[@]}"; do
        t=$(login "$e") || die "login of $e failed"
        TOKENS+="$t "
    done
    TOKENS=${TOKENS% }
}

profile() { # name seconds command...: jstack the platform once a second while the command runs
    local name=$1 secs=$2 samples=$WORK/jstack-$1.txt i
    shift 2
    [[ -n $JSTACK ]] || return 0
    log "profile: $secs s of the same load, jstack once a second (not measured)"
    : >"$samples"
    "$@" >/dev/null 2>&1 &
    BG_PID=$!
    sleep 2
    for ((i = 0; i < secs - 4; i++)); do
        timeout 10 "$JSTACK" "$KARAF_PID" >>"$samples" 2>/dev/null || true
        echo >>"$samples"
        sleep 1
    done
    wait "$BG_PID" 2>/dev/null || true
    BG_PID=""
    "${CLIENT[@]}" stacks --file "$samples" >"$RESULTS/profile-$name.txt" 2>&1 || true
    cp "$samples" "$RESULTS/jstack-$name.txt" 2>/dev/null || true
}

# ---------------------------------------------------------------- part 1: submissions

SUBMIT_DONE=0
if ((DO_SUBMIT)); then
    new_instance submit
    start_instance submit
    # the one request of the rounds, once by hand: the answer must be a new case
    citizen_tokens
    read -r TOKEN_A _ <<<"$TOKENS"
    # 503 (with Retry-After) while the API is rebuilt for an area whose resources arrive after the
    # case API's: the platform is still starting, so ask again, for up to a minute
    for ((try = 0; try < 60; try++)); do
        probe=$(curl -s -o /dev/null -w '%{http_code}' --max-time 10 -H 'Content-Type: application/json' \
            -H "Authorization: Bearer $TOKEN_A" -H "Idempotency-Key: probe-$$" --data "$SUBMIT_BODY" \
            "$BASE/api/v1/cases" || true)
        [[ $probe == 503 ]] || break
        sleep 1
    done
    [[ $probe == 201 ]] || die "POST /api/v1/cases answered $probe, not 201, to the benchmark's application"
    SUBMITTED_TOTAL=1 # 201 answers so far: each sends one e-mail (and a Postfach message, an audit entry)
    SUBMIT_URL=$BASE/api/v1/cases
    BASE_URL=$BASE/api/v1/services
    submit_wrk() { # seconds tag
        run_wrk "$1" "$CONNECTIONS" wrk-submit.lua "$SUBMIT_URL" BENCH_TOKENS="$TOKENS" \
            BENCH_KEY_PREFIX="bench-$$-$2" BENCH_BODY="$SUBMIT_BODY"
        SUBMITTED_TOTAL=$((SUBMITTED_TOTAL + $(kv "$WRK_LINE" s201)))
    }
    if ((WARMUP_ROUNDS > 0)); then
        log "warming up: $WARMUP_ROUNDS x ($WARMUP_SECONDS s of submissions, 5 s of GET /api/v1/services), $CONNECTIONS connections"
    fi
    WARM_NOTES=()
    for ((w = 1; w <= WARMUP_ROUNDS; w++)); do
        submit_wrk "$WARMUP_SECONDS" "w$w"
        WARM_NOTES+=("$(rps_of "$WRK_LINE")/s p99 $(ms_of "$(kv "$WRK_LINE" p99_us)") ms")
        log "warm-up $w: $(rps_of "$WRK_LINE") submissions/s, p99 $(ms_of "$(kv "$WRK_LINE" p99_us)") ms, 201: $(kv "$WRK_LINE" s201)"
        run_wrk 5 "$CONNECTIONS" wrk-get.lua "$BASE_URL"
    done
    # The target's reading: the platform sustains 500 submissions a second on 32 connections, each
    # answered within 50 ms (p99). Offered at that rate (not as fast as possible, where 32 waiting
    # connections make the latency their queue), the achieved rate shows whether it keeps up.
    # Each paced round starts once the outbox has sent what the rounds before it left (at most 120 s):
    # a round measures the platform at that rate, not the rate plus the backlog of the warm-up, which
    # ran as fast as possible.
    outbox_caught_up() { # prints the time waited
        local t0
        t0=$(now_ms)
        while (($(mail_count) < SUBMITTED_TOTAL && $(now_ms) - t0 < 120000)); do
            sleep 0.5
        done
        fmt_s $(($(now_ms) - t0))
    }
    PACED_RPS=() PACED_P99=() PACED_NOTES=() PACED_BAD=0
    if ((PACED_RATE > 0)); then
        for ((r = 1; r <= ROUNDS; r++)); do
            waited=$(outbox_caught_up)
            citizen_tokens # tokens live 5 minutes
            log "paced round $r/$ROUNDS: $ROUND_SECONDS s of submissions offered at $PACED_RATE/s, $CONNECTIONS connections (the outbox caught up after $waited)"
            m0=$(mail_count)
            run_wrk "$ROUND_SECONDS" "$CONNECTIONS" wrk-submit.lua "$SUBMIT_URL" BENCH_TOKENS="$TOKENS" \
                BENCH_KEY_PREFIX="bench-$$-p$r" BENCH_BODY="$SUBMIT_BODY" BENCH_RATE="$PACED_RATE" BENCH_THREADS=2
            SUBMITTED_TOTAL=$((SUBMITTED_TOTAL + $(kv "$WRK_LINE" s201)))
            line=$WRK_LINE
            PACED_RPS+=("$(rps_of "$line")")
            PACED_P99+=("$(ms_of "$(kv "$line" p99_us)")")
            bad=$(($(kv "$line" requests) - $(kv "$line" s201) + $(sock_errors "$line")))
            PACED_BAD=$((PACED_BAD + bad))
            PACED_NOTES+=("paced round $r (offered $PACED_RATE/s, after the outbox caught up in $waited): achieved $(thousands "${PACED_RPS[-1]}")/s, p50 $(ms_of "$(kv "$line" p50_us)") ms, p95 $(ms_of "$(kv "$line" p95_us)") ms, p99 ${PACED_P99[-1]} ms, max $(ms_of "$(kv "$line" max_us)") ms; not 201: $bad; e-mails written meanwhile $(($(mail_count) - m0)); other processes' CPU $FOREIGN %")
            log "${PACED_NOTES[-1]}"
        done
        PACED_RPS_MED=$(median "${PACED_RPS[@]}")
        PACED_P99_MED=$(median "${PACED_P99[@]}")
    fi
    citizen_tokens # tokens live 5 minutes: fresh ones for the rounds
    SUB_RPS=() SUB_P50=() SUB_P99=() SUB_BAD=() BASE_RPS=() BASE_P99=() ROUND_NOTES=()
    MAILS_AT_ROUNDS=$(mail_count)
    SUBMITTED_AT_ROUNDS=$SUBMITTED_TOTAL
    T_ROUNDS0=$(now_ms)
    SUB_SECONDS_TOTAL=0
    for ((r = 1; r <= ROUNDS; r++)); do
        log "round $r/$ROUNDS: $ROUND_SECONDS s of submissions and $BASELINE_SECONDS s of GET /api/v1/services, $CONNECTIONS connections"
        for which in $( ((r % 2)) && echo "submit base" || echo "base submit"); do
            if [[ $which == submit ]]; then
                m0=$(mail_count)
                submit_wrk "$ROUND_SECONDS" "r$r"
                m1=$(mail_count)
                line=$WRK_LINE
                SUB_RPS+=("$(rps_of "$line")")
                SUB_P50+=("$(ms_of "$(kv "$line" p50_us)")")
                SUB_P99+=("$(ms_of "$(kv "$line" p99_us)")")
                bad=$(($(kv "$line" requests) - $(kv "$line" s201) + $(sock_errors "$line")))
                SUB_BAD+=("$bad")
                sub_note="submissions $(thousands "${SUB_RPS[-1]}")/s, p50 ${SUB_P50[-1]} ms, p95 $(ms_of "$(kv "$line" p95_us)") ms, p99 ${SUB_P99[-1]} ms, max $(ms_of "$(kv "$line" max_us)") ms; 201: $(kv "$line" s201), 200: $(kv "$line" s200), 4xx: $(kv "$line" s4xx), 5xx: $(kv "$line" s5xx), socket errors: $(sock_errors "$line")${WRK_FIRST_ERROR:+ (first: $WRK_FIRST_ERROR)}; e-mails written meanwhile $(thousands $((m1 - m0))) ($(awk -v n=$((m1 - m0)) -v s="$ROUND_SECONDS" 'BEGIN {printf "%.0f", n / s}')/s); other processes' CPU $FOREIGN %"
                SUB_SECONDS_TOTAL=$((SUB_SECONDS_TOTAL + ROUND_SECONDS))
            else
                run_wrk "$BASELINE_SECONDS" "$CONNECTIONS" wrk-get.lua "$BASE_URL"
                BASE_RPS+=("$(rps_of "$WRK_LINE")")
                BASE_P99+=("$(ms_of "$(kv "$WRK_LINE" p99_us)")")
                base_note="GET /api/v1/services $(thousands "${BASE_RPS[-1]}")/s, p99 ${BASE_P99[-1]} ms, non-2xx $(kv "$WRK_LINE" non2xx), socket errors $(sock_errors "$WRK_LINE"); other processes' CPU $FOREIGN %"
            fi
        done
        ROUND_NOTES+=("round $r: $sub_note | $base_note | ratio $(pct "${SUB_RPS[-1]}" "${BASE_RPS[-1]}") %")
        log "${ROUND_NOTES[-1]}"
    done
    T_ROUNDS1=$(now_ms)
    MAILS_AFTER_ROUNDS=$(mail_count)
    SUB_RPS_MED=$(median "${SUB_RPS[@]}")
    SUB_P99_MED=$(median "${SUB_P99[@]}")
    BASE_RPS_MED=$(median "${BASE_RPS[@]}")
    BASE_P99_MED=$(median "${BASE_P99[@]}")
    SUB_BAD_SUM=$(($(printf '%s+' "${SUB_BAD[@]}")0))
    SUB_BAD_SUM=$((SUB_BAD_SUM + PACED_BAD))
    SUB_RATIO=$(pct "$SUB_RPS_MED" "$BASE_RPS_MED")


    # The outbox: every submission's audit entry, Postfach message and e-mail. The e-mail is the last
    # of the three the dispatcher sends for a change, so the e-mail files count what has gone out.
    # wrk counts the answers it read; the requests in flight when a wrk run ends are stored too, so
    # the cases are counted from the citizens' lists.
    sleep 2
    citizen_tokens
    read -ra TOK_ARR <<<"$TOKENS"
    STORED_TOTAL=$("${CLIENT[@]}" count --base "$BASE" --tokens "${TOK_ARR[@]}" | sed -n 's/^COUNT total=//p') || true
    [[ -n $STORED_TOTAL ]] || die "could not count the citizens' cases"
    BACKLOG_AT_END=$((STORED_TOTAL - MAILS_AFTER_ROUNDS))
    DELIVERED_DURING=$((MAILS_AFTER_ROUNDS - MAILS_AT_ROUNDS))
    ROUNDS_WALL_S=$(awk -v a="$T_ROUNDS0" -v b="$T_ROUNDS1" 'BEGIN {printf "%.0f", (b - a) / 1000}')
    log "outbox: $(thousands "$SUBMITTED_TOTAL") applications acknowledged (201) in all, $(thousands "$STORED_TOTAL") stored, $(thousands "$MAILS_AFTER_ROUNDS") e-mails written at the end of the rounds; waiting up to $DRAIN_TIMEOUT s for the rest"
    measure_begin
    t0=$T_ROUNDS1 # the drain is timed from the end of the rounds
    m=$(mail_count)
    last_change=$(now_ms)
    while ((m < STORED_TOTAL && $(now_ms) - t0 < DRAIN_TIMEOUT * 1000)); do
        sleep 1
        m2=$(mail_count)
        ((m2 == m)) || last_change=$(now_ms)
        m=$m2
        (($(now_ms) - last_change < 60000)) || break # nothing went out for a minute: stuck
    done
    DRAIN_MS=$(($(now_ms) - t0))
    measure_end
    DRAIN_FOREIGN=$FOREIGN
    MAILS_FINAL=$m
    DRAIN_RATE=$(awk -v n=$((MAILS_FINAL - MAILS_AFTER_ROUNDS)) -v ms="$DRAIN_MS" 'BEGIN {printf "%.0f", (ms > 0) ? n * 1000 / ms : 0}')
    if ((MAILS_FINAL >= STORED_TOTAL)); then
        DRAIN_TEXT="$(fmt_s "$DRAIN_MS")"
        DRAIN_DONE=1
    else
        DRAIN_DONE=0
        left=$((STORED_TOTAL - MAILS_FINAL))
        DRAIN_TEXT="not in $(fmt_s "$DRAIN_MS"): $(thousands "$left") left"
        if ((DRAIN_RATE > 0)); then
            DRAIN_TEXT+=", ~$((left / DRAIN_RATE)) s more"
        fi
    fi
    log "outbox: backlog $(thousands "$BACKLOG_AT_END") at the end of the rounds; drained: $DRAIN_TEXT (${DRAIN_RATE}/s)"
    # Every submission owes its applicant a Postfach message; nobody reads them here.
    if ((DRAIN_DONE)) && sleep 2 && pf=$("${CLIENT[@]}" postfach --base "$BASE" --tokens "${TOK_ARR[@]}" 2>&1); then
        POSTFACH_TOTAL=$(sed -n 's/^POSTFACH total=//p' <<<"$pf")
        POSTFACH_TEXT="$(thousands "$POSTFACH_TOTAL") unread messages ($(sed -n 's/^POSTFACH unread=\([0-9]*\) pages=\([0-9]*\) ms=\([0-9]*\)/\1 in \2 pages, \3 ms/p' <<<"$pf" | paste -sd';' | sed 's/;/; /g'))"
    else
        POSTFACH_TOTAL=""
        POSTFACH_TEXT="not counted ($([[ $DRAIN_DONE == 1 ]] && echo "${pf:-?}" | tail -1 || echo "the outbox did not drain"))"
    fi

    if [[ -n $JSTACK ]]; then
        citizen_tokens
        profile submit 15 env BENCH_TOKENS="$TOKENS" BENCH_KEY_PREFIX="bench-$$-prof" BENCH_BODY="$SUBMIT_BODY" \
            wrk -t2 -c"$CONNECTIONS" -d15s -s "$HERE/wrk-submit.lua" "$SUBMIT_URL"
    fi
    SUBMIT_RSS=$(awk '/^VmRSS:/ {printf "%d", $2 / 1024}' "/proc/$KARAF_PID/status" 2>/dev/null || echo "?")
    stop_instance
    SUBMIT_LOG=$(log_summary "$HOME_DIR" submit)
    SUBMIT_DONE=1
    [[ ${BENCH_KEEP:-0} == 1 ]] || rm -rf "$WORK/submit" # its cases and mails are not needed any more
fi

# ---------------------------------------------------------------- part 2: crash

CRASH_DONE=0
if ((DO_CRASH)); then
    new_instance crash
    start_instance crash
    citizen_tokens
    log "crash test: $CRASH_WARMUP_SECONDS s of submissions to warm up"
    run_wrk "$CRASH_WARMUP_SECONDS" "$CONNECTIONS" wrk-submit.lua "$BASE/api/v1/cases" BENCH_TOKENS="$TOKENS" \
        BENCH_KEY_PREFIX="bench-$$-cw" BENCH_BODY="$SUBMIT_BODY"
    CRASH_WARM_NOTE="warm-up: $(rps_of "$WRK_LINE") submissions/s with wrk, 201: $(kv "$WRK_LINE" s201)"
    citizen_tokens
    read -ra TOK_ARR <<<"$TOKENS"
    KILLED_PID=$KARAF_PID
    log "crash test: storm of $CRASH_THREADS threads, kill -9 of Karaf ($KILLED_PID) after $CRASH_AFTER s"
    # Karaf's CPU up to the kill, for the other processes' share (afterwards /proc has no record of it)
    (while kill -0 "$KILLED_PID" 2>/dev/null; do
        t=$(pid_ticks "$KILLED_PID")
        [[ $t == 0 ]] || echo "$t" >"$WORK/karaf-ticks"
        sleep 0.2
    done) &
    TICKER=$!
    measure_begin
    run_bg "${CLIENT[@]}" storm --base "$BASE" --tokens "${TOK_ARR[@]}" --threads "$CRASH_THREADS" \
        --seconds $((CRASH_AFTER + CRASH_TAIL_SECONDS)) --kill-after "$CRASH_AFTER" --pid "$KILLED_PID" \
        --prefix "crash-$$" --out "$WORK/storm.jsonl" >"$WORK/storm.json" || die "the storm client failed"
    wait "$TICKER" 2>/dev/null || true
    measure_end "$(cat "$WORK/karaf-ticks" 2>/dev/null || echo 0)"
    STORM_FOREIGN=$FOREIGN
    STORM=$(cat "$WORK/storm.json")
    for ((i = 0; i < 100; i++)); do
        kill -0 "$KILLED_PID" 2>/dev/null || break
        sleep 0.1
    done
    ! kill -0 "$KILLED_PID" 2>/dev/null || die "Karaf ($KILLED_PID) still runs after kill -9"
    log "crash test: Karaf killed at $(jq_py "$STORM" 'd["killed_at_s"]') s; restarting it"
    KARAF_PID=""
    start_instance crash-restart
    citizen_tokens
    read -ra TOK_ARR <<<"$TOKENS"
    log "crash test: reading back every acknowledged application, resending keys"
    run_bg "${CLIENT[@]}" verify --base "$BASE" --tokens "${TOK_ARR[@]}" --log "$WORK/storm.jsonl" \
        --storm-summary "$STORM" --acked-out "$WORK/acked.txt" --resend 300 >"$WORK/verify.json" ||
        die "the verify client failed"
    VERIFY=$(cat "$WORK/verify.json")
    cp "$WORK/storm.jsonl" "$RESULTS/crash-storm.jsonl"
    cp "$WORK/verify.json" "$RESULTS/crash-verify.json"
    sleep 2 # the outbox takes the resent and unacknowledged keys' cases
    stop_instance
    log "crash test: looking into the database (Derby, platform stopped)"
    DBCHECK_OUT=$(timeout 600 "$JAVA" -Dderby.stream.error.file="$WORK/derby-check.log" -cp "$(derby_cp)" \
        "$HERE/DbCheck.java" "$HOME_DIR/data/amtsgang/derby" crash "$WORK/acked.txt" 2>&1) || {
        echo "$DBCHECK_OUT" >&2
        die "DbCheck failed"
    }
    DB_LINE=$(grep '^CHECK ' <<<"$DBCHECK_OUT") || die "DbCheck gave no result: $DBCHECK_OUT"
    DB_DETAILS=$(grep -v '^CHECK ' <<<"$DBCHECK_OUT" | head -10 || true)
    CRASH_LOG=$(log_summary "$HOME_DIR" crash)
    # Derby's own log: recovery after the kill
    DERBY_RECOVERY=$(grep -hiE 'recover|corrupt' "$HOME_DIR"/derby.log "$HOME_DIR"/data/derby.log 2>/dev/null | head -3 || true)
    CRASH_DONE=1
    [[ ${BENCH_KEEP:-0} == 1 ]] || rm -rf "$WORK/crash"
fi

# ---------------------------------------------------------------- part 3: inbox

INBOX_DONE=0
if ((DO_INBOX)); then
    new_instance inbox
    start_instance inbox-empty # creates the schema and the demo accounts
    STAFF_TOKEN=$(login "$STAFF" staff) || die "login of $STAFF failed"
    ME=$("${CLIENT[@]}" me --base "$BASE" --token "$STAFF_TOKEN") || die "GET /api/v1/me failed"
    log "the caseworker $STAFF is subject $ME"
    stop_instance
    log "seeding $(thousands "$CASES") cases into CASES_CASE (platform stopped)"
    measure_begin
    SEED_T0=$(now_ms)
    run_bg timeout 3600 "$JAVA" -Xmx1536m -Dderby.storage.pageCacheSize=20000 \
        -Dderby.stream.error.file="$WORK/derby-seed.log" -cp "$(derby_cp)" "$HERE/Seed.java" \
        "$HOME_DIR/data/amtsgang/derby" "$CASES" "$ME" "$(date +%s%3N)" > >(tee "$WORK/seed.txt" | sed 's/^/  /' >&2) ||
        die "seeding failed (see $WORK/derby-seed.log)"
    sleep 0.2 # the tee of the process substitution
    SEED_MS=$(($(now_ms) - SEED_T0))
    measure_end
    SEED_FOREIGN=$FOREIGN
    SEED_DONE_LINE=$(grep '^SEED done' "$WORK/seed.txt" || true)
    [[ -n $SEED_DONE_LINE ]] || die "the seeder did not finish"
    SEED_METHOD=$(sed -n 's/^SEED method //p' "$WORK/seed.txt")
    SEED_STATUSES=$(sed -n 's/^SEED statuses //p' "$WORK/seed.txt")
    DB_MB=$(du -sm "$HOME_DIR/data/amtsgang/derby" | cut -f1)
    start_instance inbox
    STAFF_TOKEN=$(login "$STAFF" staff) || die "login of $STAFF failed"
    INBOX_FIRST=$("${CLIENT[@]}" inbox --base "$BASE" --token "$STAFF_TOKEN" --office "$OFFICE" --me "$ME" \
        --service "$SERVICE_ID" 2>&1) || die "the inbox check failed: $INBOX_FIRST"
    inbox_wrk() { # seconds [kind]
        run_wrk "$1" "$INBOX_CONNECTIONS" wrk-inbox.lua "$BASE/api/v1/offices/$OFFICE/cases" \
            BENCH_TOKEN="$STAFF_TOKEN" BENCH_ME="$ME" BENCH_OFFICE="$OFFICE" BENCH_SERVICE="$SERVICE_ID" \
            BENCH_KIND="${2:-}" BENCH_SIZE=50
    }
    log "inbox: warming up, $INBOX_WARMUP_ROUNDS x $INBOX_WARMUP_SECONDS s of the mix, $INBOX_CONNECTIONS connections"
    for ((w = 1; w <= INBOX_WARMUP_ROUNDS; w++)); do
        inbox_wrk "$INBOX_WARMUP_SECONDS"
        log "warm-up $w: $(rps_of "$WRK_LINE") req/s, p95 $(ms_of "$(kv "$WRK_LINE" p95_us)") ms"
    done
    STAFF_TOKEN=$(login "$STAFF" staff) || die "login of $STAFF failed"
    KIND_NOTES=()
    if ((INBOX_KIND_SECONDS > 0)); then
        log "inbox: each query kind alone for $INBOX_KIND_SECONDS s"
        for k in "${INBOX_KINDS[@]}"; do
            inbox_wrk "$INBOX_KIND_SECONDS" "$k"
            KIND_NOTES+=("$(printf '%-17s %7s req/s  p50 %7s ms  p95 %7s ms  p99 %7s ms  max %7s ms  non-2xx %s%s' "$k" \
                "$(rps_of "$WRK_LINE")" "$(ms_of "$(kv "$WRK_LINE" p50_us)")" "$(ms_of "$(kv "$WRK_LINE" p95_us)")" \
                "$(ms_of "$(kv "$WRK_LINE" p99_us)")" "$(ms_of "$(kv "$WRK_LINE" max_us)")" \
                "$(($(kv "$WRK_LINE" non2xx) + $(sock_errors "$WRK_LINE")))" "; other processes' CPU $FOREIGN %${WRK_FIRST_ERROR:+ (first: $WRK_FIRST_ERROR)}")")
            log "  ${KIND_NOTES[-1]}"
        done
    fi
    STAFF_TOKEN=$(login "$STAFF" staff) || die "login of $STAFF failed"
    IN_RPS=() IN_P50=() IN_P95=() IN_P99=() IN_BAD=() IN_NOTES=()
    for ((r = 1; r <= ROUNDS; r++)); do
        inbox_wrk "$INBOX_SECONDS"
        IN_RPS+=("$(rps_of "$WRK_LINE")")
        IN_P50+=("$(ms_of "$(kv "$WRK_LINE" p50_us)")")
        IN_P95+=("$(ms_of "$(kv "$WRK_LINE" p95_us)")")
        IN_P99+=("$(ms_of "$(kv "$WRK_LINE" p99_us)")")
        IN_BAD+=("$(($(kv "$WRK_LINE" non2xx) + $(sock_errors "$WRK_LINE")))")
        IN_NOTES+=("round $r: $(thousands "${IN_RPS[-1]}") req/s, p50 ${IN_P50[-1]} ms, p95 ${IN_P95[-1]} ms, p99 ${IN_P99[-1]} ms, max $(ms_of "$(kv "$WRK_LINE" max_us)") ms, non-2xx/socket errors ${IN_BAD[-1]}${WRK_FIRST_ERROR:+ (first: $WRK_FIRST_ERROR)}; other processes' CPU $FOREIGN %")
        log "inbox ${IN_NOTES[-1]}"
    done
    IN_RPS_MED=$(median "${IN_RPS[@]}")
    IN_P50_MED=$(median "${IN_P50[@]}")
    IN_P95_MED=$(median "${IN_P95[@]}")
    IN_P99_MED=$(median "${IN_P99[@]}")
    IN_BAD_SUM=$(($(printf '%s+' "${IN_BAD[@]}")0))
    if [[ -n $JSTACK ]]; then
        STAFF_TOKEN=$(login "$STAFF" staff) || die "login of $STAFF failed"
        profile inbox 15 env BENCH_TOKEN="$STAFF_TOKEN" BENCH_ME="$ME" BENCH_OFFICE="$OFFICE" \
            BENCH_SERVICE="$SERVICE_ID" BENCH_SIZE=50 \
            wrk -t2 -c"$INBOX_CONNECTIONS" -d15s -s "$HERE/wrk-inbox.lua" "$BASE/api/v1/offices/$OFFICE/cases"
    fi
    INBOX_RSS=$(awk '/^VmRSS:/ {printf "%d", $2 / 1024}' "/proc/$KARAF_PID/status" 2>/dev/null || echo "?")
    stop_instance
    INBOX_LOG=$(log_summary "$HOME_DIR" inbox)
    INBOX_DONE=1
fi

# ---------------------------------------------------------------- report

verdict() { [[ $1 == 1 ]] && echo PASS || echo MISS; }
row() { printf '%-66s %-24s %-14s %s\n' "$@"; }
MAX_FOREIGN=$(max_of "${ALL_FOREIGN[@]:-0}")
ELAPSED=$(($(date +%s) - T_START))
{
    echo "Amtsgang cases benchmark, $(date '+%Y-%m-%d %H:%M:%S %Z') ($((ELAPSED / 60)) min $((ELAPSED % 60)) s; parts: $PARTS)"
    echo "machine: $NCPU cores, load average at the end $(cut -d' ' -f1-3 /proc/loadavg), $(awk '/MemTotal/ {printf "%.1f GiB", $2 / 1048576}' /proc/meminfo) RAM, $("$JAVA" -version 2>&1 | head -1)"
    echo "CPU taken by other processes: ${START_FOREIGN} % before the run, up to ${MAX_FOREIGN} % while measuring"
    echo "distribution: $(basename "$TARBALL") (built $DIST_TIME); http port $HTTP_PORT"
    echo
    row "figure" "measured" "target" "verdict"
    if ((SUBMIT_DONE)); then
        if ((PACED_RATE > 0)); then
            row "submissions/s offered at $PACED_RATE/s, achieved (median of $ROUNDS)" "$(thousands "$PACED_RPS_MED")" ">= $TARGET_SUBMIT_RPS" "$(verdict "$(le "$TARGET_SUBMIT_RPS" "$PACED_RPS_MED")")"
            row "submission p99 at that rate, median of $ROUNDS rounds" "$PACED_P99_MED ms" "<= $TARGET_SUBMIT_P99_MS ms" "$(verdict "$(le "$PACED_P99_MED" "$TARGET_SUBMIT_P99_MS")")"
        fi
        row "capacity: submissions/s as fast as possible, median of $ROUNDS (-c$CONNECTIONS, ${ROUND_SECONDS} s)" "$(thousands "$SUB_RPS_MED")" "info" ""
        row "capacity: p99 as fast as possible (32 queued connections)" "$SUB_P99_MED ms" "info" ""
        row "submissions not answered 201 (non-2xx, 200, socket errors)" "$SUB_BAD_SUM" "0" "$(verdict "$((SUB_BAD_SUM == 0 ? 1 : 0))")"
        row "baseline GET /api/v1/services/s, median (same settings)" "$(thousands "$BASE_RPS_MED") (p99 $BASE_P99_MED ms)" "info" ""
        row "submissions/s as % of the baseline" "$SUB_RATIO %" "info" ""
        row "outbox: backlog at the end of the rounds, time to drain it" "$(thousands "$BACKLOG_AT_END"); $DRAIN_TEXT" "info" ""
        if [[ -n $POSTFACH_TOTAL ]]; then
            row "Postfach messages after the drain / cases submitted" "$(thousands "$POSTFACH_TOTAL") / $(thousands "$STORED_TOTAL")" "equal" "$(verdict "$((POSTFACH_TOTAL == STORED_TOTAL ? 1 : 0))")"
        fi
    fi
    if ((CRASH_DONE)); then
        ck() { kv "$DB_LINE" "$1"; }
        v() { jq_py "$VERIFY" "$1"; }
        acked=$(v 'd["keys_acknowledged"]')
        row "crash: acknowledged applications missing after restart (API)" "$(v 'd["acked_missing"] + d["acked_wrong"]') of $acked" "0" "$(verdict "$(((acked > 0 && $(v 'd["acked_missing"] + d["acked_wrong"]') == 0) ? 1 : 0))")"
        row "crash: acknowledged applications missing in Derby" "$(ck acked_missing) of $(ck acked)" "0" "$(verdict "$((($(ck acked) > 0 && $(ck acked_missing) == 0 && $(ck key_mismatch) == 0) ? 1 : 0))")"
        row "crash: (applicant, Idempotency-Key) with two cases (Derby)" "$(ck duplicate_keys)" "0" "$(verdict "$(($(ck duplicate_keys) == 0 ? 1 : 0))")"
        row "crash: keys answered with two different case ids" "$(v 'd["keys_with_two_ids"]')" "0" "$(verdict "$(($(v 'd["keys_with_two_ids"]') == 0 ? 1 : 0))")"
        row "crash: resent acknowledged keys -> same case, 200 + replayed" "$(v 'd["resent_same"]') of $(v 'd["resent"]')" "all" "$(verdict "$((($(v 'd["resent"]') > 0 && $(v 'd["resent_other"]') == 0) ? 1 : 0))")"
    fi
    if ((INBOX_DONE)); then
        row "inbox p95 over $(thousands "$CASES") cases, mix of 7 filters, median of $ROUNDS" "$IN_P95_MED ms" "<= $TARGET_INBOX_P95_MS ms" "$(verdict "$(le "$IN_P95_MED" "$TARGET_INBOX_P95_MS")")"
        row "inbox p50 / p99 (medians), req/s ($INBOX_CONNECTIONS connections)" "$IN_P50_MED / $IN_P99_MED ms, $(thousands "$IN_RPS_MED")/s" "info" ""
        row "inbox answers not 2xx, socket errors" "$IN_BAD_SUM" "0" "$(verdict "$((IN_BAD_SUM == 0 ? 1 : 0))")"
    fi
    if ((MAX_FOREIGN > 10)); then
        echo
        echo "WARNING: other processes took up to $MAX_FOREIGN % of the machine's CPU while this run measured (see below):"
        echo "         the figures are disturbed; run again on a quiet machine before comparing them."
    fi
    echo
    echo "instances: ${BOOT_NOTES[*]/%/;}"
    if ((SUBMIT_DONE)); then
        echo
        echo "SUBMIT: POST /api/v1/cases (steueramt-hundesteuer-anmeldung, submit=true; validated, stored with its"
        echo "history step and outbox entry, acknowledged 201), each request a new Idempotency-Key; 2 demo citizens"
        echo "(one per wrk thread); baseline: GET /api/v1/services, same wrk settings, rounds interleaved."
        echo "  warm-up rounds (${WARMUP_SECONDS} s each): ${WARM_NOTES[*]:-none}"
        printf '  %s\n' "${ROUND_NOTES[@]}"
        ((${#PACED_NOTES[@]} == 0)) || printf '  %s\n' "${PACED_NOTES[@]}"
        echo "  outbox (audit entry, Postfach message and e-mail per submission, counted by the e-mail files):"
        echo "    acknowledged (201 read by wrk) in all $(thousands "$SUBMITTED_TOTAL"), stored $(thousands "$STORED_TOTAL") (the citizens' lists; the rest were in flight when a wrk run ended); e-mails during the $ROUNDS rounds (${ROUNDS_WALL_S} s with the baseline rounds) $(thousands "$DELIVERED_DURING")"
        echo "    ($(awk -v n="$DELIVERED_DURING" -v s="$ROUNDS_WALL_S" 'BEGIN {printf "%.0f", (s > 0) ? n / s : 0}')/s) while $(awk -v n=$((SUBMITTED_TOTAL - SUBMITTED_AT_ROUNDS)) -v s="$SUB_SECONDS_TOTAL" 'BEGIN {printf "%.0f", (s > 0) ? n / s : 0}')/s were submitted; backlog at the end $(thousands "$BACKLOG_AT_END");"
        echo "    afterwards $(thousands $((MAILS_FINAL - MAILS_AFTER_ROUNDS))) more in $(fmt_s "$DRAIN_MS") (${DRAIN_RATE}/s, no load; other processes' CPU $DRAIN_FOREIGN %): $([[ $DRAIN_DONE == 1 ]] && echo "all out" || echo "NOT all out: $DRAIN_TEXT")"
        echo "    Postfach (GET /api/v1/postfach?unread=true, all pages, both citizens): $POSTFACH_TEXT"
        echo "  RSS of the platform after the part: $SUBMIT_RSS MB"
        [[ ! -s $RESULTS/profile-submit.txt ]] || {
            echo "  where the time goes (15 s of the same load after the rounds, jstack once a second; results/profile-submit.txt):"
            sed 's/^/    /' "$RESULTS/profile-submit.txt"
        }
        echo "  $SUBMIT_LOG"
    fi
    if ((CRASH_DONE)); then
        echo
        echo "CRASH: $CRASH_THREADS python threads submit (new keys; every 5th request repeats an earlier key, every 10th"
        echo "new key is sent by two threads at once); kill -9 of the Karaf java process after $CRASH_AFTER s; restart;"
        echo "every acknowledged (200/201) application read back as its applicant; then Derby read directly, platform stopped."
        echo "  $CRASH_WARM_NOTE"
        echo "  storm: $(v 'd["requests"]') requests ($(v 'd["new"]') new keys, $(v 'd["repeats"]') repeats, $(v 'd["twins"]') sent twice at once), answers $(v 'd["statuses"]')"
        echo "         (0 = no answer: cut by the kill; $(v 'd["no_answer_before_kill"]') of them before it); $(v 'd["acknowledged_per_s_before_kill"]') new cases/s acknowledged before the kill,"
        echo "         killed at $(v 'd["killed_at_s"]') s; other processes' CPU $STORM_FOREIGN %"
        echo "  keys acknowledged $acked; read back after the restart: $(v 'd["acked_found"]') found, $(v 'd["acked_missing"]') missing, $(v 'd["acked_wrong"]') wrong${VERIFY:+ $(v '"; ".join(d["missing_examples"])')}"
        echo "  replays during the storm: $(v 'd["replays_during_storm"]') answered 200, $(v 'd["replays_during_storm_marked"]') of them marked Idempotent-Replayed"
        echo "  after the restart: $(v 'd["resent"]') acknowledged keys resent: $(v 'd["resent_same"]') same case (200, replayed), $(v 'd["resent_other"]') other $(v '"; ".join(d["resent_examples"])')"
        echo "  keys sent but never acknowledged (in flight at the kill): $(v 'd["unacked_keys"]'); all resent: $(v 'd["unacked_were_stored"]') had been stored (200, the answer was lost), $(v 'd["unacked_new"]') not (201), $(v 'd["unacked_other"]') other"
        echo "  the citizens' lists (GET /api/v1/cases, all pages): $(v 'd["listed_cases"]') cases, $(v 'd["listed_twice"]') listed twice, $(v 'd["acked_not_listed"]') acknowledged not listed"
        echo "  Derby: $(ck cases) cases ($(ck with_key) with a key); duplicate (applicant, key) $(ck duplicate_keys); same key for two applicants $(ck key_across_applicants);"
        echo "         cases without their first history step $(ck without_first_step); outbox entries left $(ck outbox) ($(ck outbox_orphans) without their case);"
        echo "         acknowledged $(ck acked): found $(ck acked_found), missing $(ck acked_missing), with another key $(ck key_mismatch)"
        [[ -z $DB_DETAILS ]] || sed 's/^/    /' <<<"$DB_DETAILS"
        [[ -z ${DERBY_RECOVERY:-} ]] || sed 's/^/  derby.log: /' <<<"$DERBY_RECOVERY"
        echo "  $CRASH_LOG"
    fi
    if ((INBOX_DONE)); then
        echo
        echo "INBOX: GET /api/v1/offices/$OFFICE/cases?...&size=50 as $STAFF (subject $ME), wrk -t2 -c$INBOX_CONNECTIONS,"
        echo "rotating over: status=SUBMITTED,IN_REVIEW | +service=$SERVICE_ID | assignee=<me> (all statuses) |"
        echo "status=SUBMITTED&assignee=none | status=SUBMITTED,IN_REVIEW&olderThanDays=30 | overdue=true | status=SUBMITTED,IN_REVIEW&page=20"
        echo "  seeded $(thousands "$CASES") cases in $(fmt_s "$SEED_MS") ($SEED_METHOD; other processes' CPU $SEED_FOREIGN %); database now $DB_MB MB"
        echo "  $(sed 's/^SEED done //' <<<"$SEED_DONE_LINE")"
        echo "  statuses: $SEED_STATUSES"
        echo "  first request of each kind after the restart (cold):"
        sed 's/^INBOX /    /' <<<"$INBOX_FIRST"
        if ((${#KIND_NOTES[@]})); then
            echo "  each kind alone, $INBOX_KIND_SECONDS s, after $INBOX_WARMUP_ROUNDS x $INBOX_WARMUP_SECONDS s of the mix to warm up:"
            printf '    %s\n' "${KIND_NOTES[@]}"
        fi
        echo "  the mix, $INBOX_SECONDS s per round:"
        printf '    %s\n' "${IN_NOTES[@]}"
        echo "  RSS of the platform after the part: $INBOX_RSS MB"
        [[ ! -s $RESULTS/profile-inbox.txt ]] || {
            echo "  where the time goes (15 s of the mix after the rounds, jstack once a second; results/profile-inbox.txt):"
            sed 's/^/    /' "$RESULTS/profile-inbox.txt"
        }
        echo "  $INBOX_LOG"
    fi
} | tee "$RESULTS/latest.txt"

if [[ ${BENCH_STRICT:-0} == 1 ]] && grep -q ' MISS$' "$RESULTS/latest.txt"; then
    exit 3
fi
