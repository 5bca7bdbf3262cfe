#!/usr/bin/env bash
# The payment benchmark, in one command (see README.md here and ../README.md):
#   create    payments started per second (POST /api/v1/payments: the case read, a sandbox session
#             opened, the payment stored) with 32 connections, against GET /api/v1/payments/providers
#   callback  signed provider notifications processed per second (verified, applied once under the
#             row lock, booked), 20 % of them exact duplicates, against the same baseline; afterwards
#             every payment SUCCEEDED with exactly one booking
#   chaos     a storm of payments through the sandbox's hosted page with duplicated, reordered and
#             delayed notifications and forged ones beside them, kill -9 of the platform in the
#             middle; afterwards every payment as the provider says, nothing booked twice, no forgery
#             accepted
# Every instance is a fresh copy of the distribution (demo accounts on) on its own ports (never 8181,
# 8101, 1099, 44444, nor the other benchmarks' 18181, 18281, 18381), with its own sandbox secret, and
# traffic goes to 127.0.0.1 only. Figures go to stdout and to results/latest.txt.
#
# Environment (all optional):
#   BENCH_PARTS              which parts, comma-separated, of create,callback,chaos (default: all three;
#                            they always run in that order; callback needs the payments create makes, so
#                            callback alone still creates them, without the create figures)
#   BENCH_HTTP_PORT          HTTP port (default: the first free one from 18481)
#   BENCH_PAYMENTS           payments created (and notified) in the measured rounds, 200-500000 (default 20000)
#   BENCH_WARMUP_PAYMENTS    payments created (and notified) to warm up first, 0-200000 (default 20000)
#   BENCH_ROUNDS             measured rounds the payments are split into, 1-5 (default 2)
#   BENCH_CONNECTIONS        connections of the create and callback rounds, 2-256 (default 32)
#   BENCH_BASELINE_SECONDS   seconds per baseline round, 3-60 (default 10)
#   BENCH_CITIZENS           citizen accounts seeded, the payments spread over them, 1-5000 (default 200)
#   BENCH_DUPLICATES         % of notifications of the callback part sent twice, 0-100 (default 20)
#   BENCH_DRAIN_TIMEOUT      seconds to wait for the case area to take the paid fees, 0-1800 (default 60)
#   BENCH_CHAOS_PAYMENTS     payments of the chaos storm, 20-20000 (default 2000)
#   BENCH_CHAOS_SECONDS      seconds their creations are spread over, 10-600 (default 60)
#   BENCH_CHAOS_KILL_AFTER   seconds into the storm of the kill -9, 2-600 (default: half the storm)
#   BENCH_CHAOS_THREADS      client threads of the storm, 1-64 (default 16)
#   BENCH_CHAOS_MAX_DELAY_MS the longest delay asked of the sandbox's notifications, 0-600000 (default 8000)
#   BENCH_FORGE_RATE         forged notifications per second during the storm, 1-200 (default 10)
#   BENCH_CHAOS_HISTORY      finished (failed, cancelled) payments of the last two hours seeded before the
#                            storm, as a running platform has them, 0-20000 (default 0)
#   BENCH_CONVERGE_TIMEOUT   seconds to wait after the storm for payments and provider to agree, 10-1800 (default 180)
#   BENCH_WAIT_QUIET=N       wait up to N s (at most 600) for other processes to leave the CPU first
#   BENCH_STRICT=1           exit 3 when a figure misses its target
#   BENCH_KEEP=1             keep the unpacked instances (the path is printed)
set -euo pipefail

HERE=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
ROOT=$(cd "$HERE/../.." && pwd)
RESULTS=$HERE/results
T_START=$(date +%s)

# the helpers shared with the other benchmarks (log, ports, CPU accounting, instances, wrk, cleanup)
# shellcheck source=../lib.sh
source "$ROOT/benchmarks/lib.sh"

# ---------------------------------------------------------------- settings and targets

PAYMENTS=$(int_in BENCH_PAYMENTS "${BENCH_PAYMENTS:-20000}" 200 500000)
WARMUP_PAYMENTS=$(int_in BENCH_WARMUP_PAYMENTS "${BENCH_WARMUP_PAYMENTS:-20000}" 0 200000)
ROUNDS=$(int_in BENCH_ROUNDS "${BENCH_ROUNDS:-2}" 1 5)
CONNECTIONS=$(int_in BENCH_CONNECTIONS "${BENCH_CONNECTIONS:-32}" 2 256)
BASELINE_SECONDS=$(int_in BENCH_BASELINE_SECONDS "${BENCH_BASELINE_SECONDS:-10}" 3 60)
CITIZENS=$(int_in BENCH_CITIZENS "${BENCH_CITIZENS:-200}" 1 5000)
DUPLICATES=$(int_in BENCH_DUPLICATES "${BENCH_DUPLICATES:-20}" 0 100)
DRAIN_TIMEOUT=$(int_in BENCH_DRAIN_TIMEOUT "${BENCH_DRAIN_TIMEOUT:-60}" 0 1800)
CHAOS_PAYMENTS=$(int_in BENCH_CHAOS_PAYMENTS "${BENCH_CHAOS_PAYMENTS:-2000}" 20 20000)
CHAOS_SECONDS=$(int_in BENCH_CHAOS_SECONDS "${BENCH_CHAOS_SECONDS:-60}" 10 600)
CHAOS_KILL_AFTER=$(int_in BENCH_CHAOS_KILL_AFTER "${BENCH_CHAOS_KILL_AFTER:-$((CHAOS_SECONDS / 2))}" 2 600)
CHAOS_THREADS=$(int_in BENCH_CHAOS_THREADS "${BENCH_CHAOS_THREADS:-16}" 1 64)
CHAOS_MAX_DELAY_MS=$(int_in BENCH_CHAOS_MAX_DELAY_MS "${BENCH_CHAOS_MAX_DELAY_MS:-8000}" 0 600000)
FORGE_RATE=$(int_in BENCH_FORGE_RATE "${BENCH_FORGE_RATE:-10}" 1 200)
CHAOS_HISTORY=$(int_in BENCH_CHAOS_HISTORY "${BENCH_CHAOS_HISTORY:-0}" 0 20000)
CONVERGE_TIMEOUT=$(int_in BENCH_CONVERGE_TIMEOUT "${BENCH_CONVERGE_TIMEOUT:-180}" 10 1800)
WAIT_QUIET=$(int_in BENCH_WAIT_QUIET "${BENCH_WAIT_QUIET:-0}" 0 600)
PARTS=${BENCH_PARTS:-create,callback,chaos}
BOOT_TIMEOUT_S=240
WARMUP_CHUNKS=4        # the warm-up payments in this many wrk runs, each followed by 5 s of the baseline
PROBES=2               # cases the contract probe uses (not measured)
TOKEN_MAX_AGE_S=150    # access tokens live 5 minutes: fresh ones when they are older than this
RECONCILE_INTERVAL_S=5 # the chaos instance's reconciliation (etc/org.amtsgang.payment.cfg of its copy)
RECONCILE_AFTER_S=10

TARGET_CREATE_RPS=1000
TARGET_CALLBACK_RPS=2000

# the other engineer's Karaf and the other benchmarks live on these: never bind, never send to them
FORBIDDEN_PORTS=" 8181 8101 1099 44444 18181 18281 18381 "

OPERATOR=betrieb@amtsgang.example
BASELINE_PATH=/api/v1/payments/providers
# Our own signing secret for the sandbox: anyone who knows the default could forge payments.
SECRET="bench-$(od -An -N16 -tx1 /dev/urandom | tr -d ' \n')"

bench_parts create callback chaos
((CHAOS_KILL_AFTER < CHAOS_SECONDS)) || {
    echo "BENCH_CHAOS_KILL_AFTER=$CHAOS_KILL_AFTER is not within the storm (BENCH_CHAOS_SECONDS=$CHAOS_SECONDS)" >&2
    exit 2
}

# A Karaf started from here must not pick up another instance's locations or settings.
unset KARAF_HOME KARAF_BASE KARAF_DATA KARAF_ETC KARAF_LOG KARAF_DEBUG KARAF_REDIRECT
while read -r v; do unset "$v"; done < <(compgen -e | grep '^AMTSGANG_' || true)

# ---------------------------------------------------------------- prerequisites

bench_require
CLIENT=(python3 "$HERE/client.py")
READY_WHAT="payment API"
bench_ports 18481 18401 11399 14744
bench_distribution amtsgang-bench-payment
START_ENV=(
    AMTSGANG_SANDBOX_SECRET="$SECRET"
    AMTSGANG_SANDBOX_CALLBACK_URL="$BASE/api/v1/payments/callbacks/sandbox"
    AMTSGANG_SANDBOX_PUBLIC_URL="$BASE"
)
bench_wait_quiet

# The chaos client runs beside the restart of the platform (which uses BG_PID): stopped on exit too.
CHAOS_PID=""
on_exit() {
    local rc=$?
    if [[ -n $CHAOS_PID ]] && kill -0 "$CHAOS_PID" 2>/dev/null; then
        kill -TERM "$CHAOS_PID" 2>/dev/null || true
        wait "$CHAOS_PID" 2>/dev/null || true
    fi
    (exit "$rc")
    cleanup
}
trap on_exit EXIT

# ---------------------------------------------------------------- helpers of this benchmark

seed() { # dir citizens cases year [history]: seeds the stopped instance HOME_DIR; writes dir/citizens.txt,
    #      dir/cases.txt
    local dir=$1
    mkdir -p "$dir"
    log "seeding $(thousands "$2") citizens and $(thousands "$3") cases awaiting payment$( ((${5:-0} > 0)) && echo ", $(thousands "$5") finished payments of the last two hours") (platform stopped)"
    measure_begin
    run_bg timeout 1200 "$JAVA" -Xmx512m -Dderby.stream.error.file="$WORK/derby-seed.log" -cp "$(derby_cp)" \
        "$HERE/Seed.java" "$HOME_DIR/data/amtsgang/derby" "$2" "$3" "$4" "$dir" "${5:-0}" >"$dir/seed.txt" 2>&1 || {
        cat "$dir/seed.txt" >&2
        die "seeding failed (see $WORK/derby-seed.log)"
    }
    measure_end
    SEED_NOTE="$(grep '^SEED done' "$dir/seed.txt" | sed 's/^SEED done //') (other processes' CPU $FOREIGN %)"
    log "seeded: $SEED_NOTE"
}

TOKENS_AT=0
tokens() { # dir [refresh]: the citizens' access tokens into dir/tokens.txt
    local args=(tokens --base "$BASE" --citizens "$1/citizens.txt" --out "$1/tokens.txt" --state "$1/refresh.json")
    [[ ${2:-} == refresh ]] && args+=(--refresh)
    local out
    out=$("${CLIENT[@]}" "${args[@]}") || die "the citizens' logins failed"
    TOKENS_AT=$(now_ms)
    log "tokens: $out"
}
fresh_tokens() { # dir: new tokens when the ones at hand are older than TOKEN_MAX_AGE_S
    (($(now_ms) - TOKENS_AT < TOKEN_MAX_AGE_S * 1000)) || tokens "$1" refresh
}

# Sends a list of requests once each with wrk (wrk-payment.lua); sets WRK_LINE, WRK_FIRST_ERROR, FOREIGN.
run_wrk_list() { # mode items from count tag [env...]
    local mode=$1 items=$2 from=$3 count=$4 tag=$5 out threads=2 maxs pid n last=-1 still=0 f
    shift 5
    out=$WORK/wrk-$tag
    ((CONNECTIONS >= threads)) || threads=$CONNECTIONS
    maxs=$((count / 20 + 120)) # wrk needs a duration: far more than the list takes (it is ended early)
    rm -f "$out".done-* "$out".progress-*
    measure_begin
    env BENCH_MODE="$mode" BENCH_ITEMS="$items" BENCH_FROM="$from" BENCH_COUNT="$count" BENCH_OUT="$out" \
        BENCH_THREADS="$threads" "$@" wrk -t"$threads" -c"$CONNECTIONS" -d"${maxs}s" --timeout 10s \
        -s "$HERE/wrk-payment.lua" "$BASE/" >"$out.txt" 2>&1 &
    BG_PID=$!
    pid=$BG_PID
    while kill -0 "$pid" 2>/dev/null; do
        sleep 0.2
        n=$(find "$WORK" -maxdepth 1 -name "wrk-$tag.done-*" | wc -l)
        if ((n >= threads)); then
            kill -INT "$pid" 2>/dev/null || true
            break
        fi
        n=0
        for f in "$out".progress-*; do
            # the file may be rewritten while it is read: an empty read counts as 0
            v=$(cat "$f" 2>/dev/null || true)
            [[ $v =~ ^[0-9]+$ ]] && n=$((n + v))
        done
        if ((n == last)); then
            still=$((still + 1))
            if ((still >= 150)); then # 30 s without an answer: ended; what is missing is reported
                log "wrk $tag: no progress for 30 s at $n of $count answers: ending it"
                kill -INT "$pid" 2>/dev/null || true
                break
            fi
        else
            still=0
            last=$n
        fi
    done
    wait "$pid" 2>/dev/null || true
    BG_PID=""
    measure_end
    WRK_LINE=$(grep '^BENCH ' "$out.txt") || {
        cat "$out.txt" >&2
        die "wrk gave no result for the $tag list"
    }
    WRK_FIRST_ERROR=$(sed -n 's/^FIRST_ERROR //p' "$out.txt" | head -1)
}

# the items file of the create runs: "<citizen index> <case id>" from cases.txt
create_items() { awk '{print $2, $1}' "$1/cases.txt" >"$1/create-items.txt"; }

lat_note() { # a BENCH line: p50/p95/p99/max
    echo "p50 $(ms_of "$(kv "$1" p50_us)") ms, p95 $(ms_of "$(kv "$1" p95_us)") ms, p99 $(ms_of "$(kv "$1" p99_us)") ms, max $(ms_of "$(kv "$1" max_us)") ms"
}
statuses_note() { # a BENCH line: the answers by status, socket errors
    local s out="" k
    for k in s201 s204 s200 s401 s404 s409 s4xx s5xx sother; do
        s=$(kv "$1" "$k")
        ((${s:-0} == 0)) || out+="${k#s}: $s, "
    done
    echo "${out}socket errors: $(sock_errors "$1")"
}

round0() { printf '%.0f' "$1"; }

platform_cpu() { # after measure_end: the platform's CPU over the measured stretch, in % of all cores
    awk -v k0="$M_K0" -v k1="$(pid_ticks "${KARAF_PID:-}")" -v t0="$M_T0" -v t1="$(now_ms)" -v n="$NCPU" -v hz="$CLK_TCK" \
        'BEGIN {printf "%.0f", (t1 > t0 && k1 >= k0) ? 100 * (k1 - k0) / hz / ((t1 - t0) / 1000) / n : 0}'
}

record_round() { # prefix what status count: the last wrk run's figures into <prefix>_RPS, _P50, _P95,
    # _P99 and _BAD; its line for the log into ROUND_NOTE
    local -n rps_=$1_RPS p50_=$1_P50 p95_=$1_P95 p99_=$1_P99 bad_=$1_BAD
    local line=$WRK_LINE pcpu bad
    pcpu=$(platform_cpu)
    rps_+=("$(rps_of "$line")")
    p50_+=("$(ms_of "$(kv "$line" p50_us)")")
    p95_+=("$(ms_of "$(kv "$line" p95_us)")")
    p99_+=("$(ms_of "$(kv "$line" p99_us)")")
    bad=$(($4 - $(kv "$line" "s$3") + $(sock_errors "$line")))
    bad_+=("$bad")
    ROUND_NOTE="$2 $(thousands "${rps_[-1]}")/s ($(kv "$line" requests) answers in $(fmt_s $(($(kv "$line" duration_us) / 1000)))), $(lat_note "$line"); $(statuses_note "$line"); not $3: $bad${WRK_FIRST_ERROR:+ (first: $WRK_FIRST_ERROR)}; the platform's CPU $pcpu %, other processes' $FOREIGN %"
}

baseline() { # sets B_RPS, B_P99, B_NOTE
    run_wrk "$BASELINE_SECONDS" "$CONNECTIONS" "$ROOT/benchmarks/cases/wrk-get.lua" "$BASE$BASELINE_PATH"
    B_RPS=$(rps_of "$WRK_LINE")
    B_P99=$(ms_of "$(kv "$WRK_LINE" p99_us)")
    B_NOTE="GET $BASELINE_PATH $(thousands "$B_RPS")/s, p99 $B_P99 ms, non-2xx $(kv "$WRK_LINE" non2xx), socket errors $(sock_errors "$WRK_LINE"); other processes' CPU $FOREIGN %"
}

# ---------------------------------------------------------------- parts 1 and 2: create, callback

CREATE_DONE=0 CALLBACK_DONE=0
if ((DO_CREATE || DO_CALLBACK)); then
    D=$WORK/pay
    new_instance pay
    start_instance pay-empty # creates the schema and the demo accounts
    stop_instance
    seed "$D" "$CITIZENS" $((PROBES + WARMUP_PAYMENTS + PAYMENTS)) 2020
    PAY_SEED_NOTE=$SEED_NOTE
    create_items "$D"
    start_instance pay
    tokens "$D"
    PROBE_OUT=$("${CLIENT[@]}" probe --base "$BASE" --tokens "$D/tokens.txt" --cases "$D/cases.txt" \
        --probes "$PROBES" --secret "$SECRET" 2>&1) || {
        echo "$PROBE_OUT" >&2
        die "the payment API does not behave as the benchmark expects (see above)"
    }
    log "the contract probe passed ($(grep -c '^PROBE ok' <<<"$PROBE_OUT") checks)"
    ITEMS=$D/create-items.txt
    FROM=$PROBES

    # -- create: warm-up, then the measured rounds with the baseline interleaved
    WARM_NOTES=()
    CREATED_WARM=()
    if ((WARMUP_PAYMENTS > 0)); then
        log "warming up: $(thousands "$WARMUP_PAYMENTS") payments in $WARMUP_CHUNKS runs, each followed by 5 s of GET $BASELINE_PATH"
        for ((w = 1; w <= WARMUP_CHUNKS; w++)); do
            n=$((WARMUP_PAYMENTS / WARMUP_CHUNKS + (w == WARMUP_CHUNKS ? WARMUP_PAYMENTS % WARMUP_CHUNKS : 0)))
            fresh_tokens "$D"
            run_wrk_list create "$ITEMS" "$FROM" "$n" "cw$w" BENCH_TOKENS="$D/tokens.txt" BENCH_KEY_PREFIX="bench-$$-cw$w"
            FROM=$((FROM + n))
            CREATED_WARM+=("$WORK"/wrk-cw"$w"-*.txt)
            WARM_NOTES+=("$(rps_of "$WRK_LINE")/s p99 $(ms_of "$(kv "$WRK_LINE" p99_us)") ms (201: $(kv "$WRK_LINE" s201) of $n)")
            log "warm-up $w: $(rps_of "$WRK_LINE") payments/s, $(lat_note "$WRK_LINE"); $(statuses_note "$WRK_LINE")"
            ((DO_CREATE)) && run_wrk 5 "$CONNECTIONS" "$ROOT/benchmarks/cases/wrk-get.lua" "$BASE$BASELINE_PATH"
        done
    fi
    CR_RPS=() CR_P50=() CR_P95=() CR_P99=() CR_BAD=() CR_BASE=() CR_BASE_P99=() CR_NOTES=() CR_COUNTS=()
    for ((r = 1; r <= ROUNDS; r++)); do
        n=$((PAYMENTS / ROUNDS + (r == ROUNDS ? PAYMENTS % ROUNDS : 0)))
        CR_COUNTS+=("$n")
        log "create round $r/$ROUNDS: $(thousands "$n") payments, $CONNECTIONS connections$( ((DO_CREATE)) && echo ", and $BASELINE_SECONDS s of GET $BASELINE_PATH")"
        order="create base"
        ((r % 2)) || order="base create"
        ((DO_CREATE)) || order="create"
        for which in $order; do
            if [[ $which == create ]]; then
                fresh_tokens "$D"
                run_wrk_list create "$ITEMS" "$FROM" "$n" "cr$r" BENCH_TOKENS="$D/tokens.txt" BENCH_KEY_PREFIX="bench-$$-cr$r"
                FROM=$((FROM + n))
                record_round CR create 201 "$n"
                cr_note=$ROUND_NOTE
            else
                baseline
                CR_BASE+=("$B_RPS")
                CR_BASE_P99+=("$B_P99")
            fi
        done
        CR_NOTES+=("round $r: $cr_note$( ((DO_CREATE)) && echo " | $B_NOTE | ratio $(pct "${CR_RPS[-1]}" "$B_RPS") %")")
        log "${CR_NOTES[-1]}"
    done
    CR_RPS_MED=$(round0 "$(median "${CR_RPS[@]}")")
    CR_P50_MED=$(median "${CR_P50[@]}")
    CR_P95_MED=$(median "${CR_P95[@]}")
    CR_P99_MED=$(median "${CR_P99[@]}")
    CR_BAD_SUM=$(($(printf '%s+' "${CR_BAD[@]}")0))
    if ((DO_CREATE)); then
        CR_BASE_MED=$(round0 "$(median "${CR_BASE[@]}")")
        CR_BASE_P99_MED=$(median "${CR_BASE_P99[@]}")
        CR_RATIO=$(pct "$CR_RPS_MED" "$CR_BASE_MED")
        CREATE_DONE=1
    fi
    CREATED_FILES=()
    for ((r = 1; r <= ROUNDS; r++)); do CREATED_FILES+=("$WORK"/wrk-cr"$r"-*.txt); done
    CREATED_MEASURED=$(cat "${CREATED_FILES[@]}" | wc -l)
    log "payments created: $(thousands "$CREATED_MEASURED") in the measured rounds, $(cat "${CREATED_WARM[@]:-/dev/null}" | wc -l) warming up"

    # -- callback: signed notifications, 20 % exact duplicates
    if ((DO_CALLBACK)); then
        MAILS_BEFORE=$(mail_count) # the probe's paid cases
        dup=$(awk -v d="$DUPLICATES" 'BEGIN {print d / 100}')
        CB_WARM_NOTES=()
        if ((${#CREATED_WARM[@]} > 0)); then
            "${CLIENT[@]}" callbacks --created "${CREATED_WARM[@]}" --out "$D/callbacks-warm.txt" --dup-share "$dup" >/dev/null
            cnt=$(wc -l <"$D/callbacks-warm.txt")
            log "callbacks: warming up with $(thousands "$cnt") notifications of the warm-up payments"
            run_wrk_list callback "$D/callbacks-warm.txt" 0 "$cnt" cbw BENCH_SECRET="$SECRET"
            CB_WARM_NOTES+=("$(rps_of "$WRK_LINE")/s p99 $(ms_of "$(kv "$WRK_LINE" p99_us)") ms (204: $(kv "$WRK_LINE" s204) of $cnt)")
            log "warm-up: $(rps_of "$WRK_LINE") notifications/s, $(lat_note "$WRK_LINE"); $(statuses_note "$WRK_LINE")"
            run_wrk 5 "$CONNECTIONS" "$ROOT/benchmarks/cases/wrk-get.lua" "$BASE$BASELINE_PATH"
        fi
        CB_RPS=() CB_P50=() CB_P95=() CB_P99=() CB_BAD=() CB_BASE=() CB_BASE_P99=() CB_NOTES=()
        CB_SENT=0
        for ((r = 1; r <= ROUNDS; r++)); do
            "${CLIENT[@]}" callbacks --created "$WORK"/wrk-cr"$r"-*.txt --out "$D/callbacks-$r.txt" --dup-share "$dup" \
                --seed $((11 + r)) >"$D/callbacks-$r.note"
            cnt=$(wc -l <"$D/callbacks-$r.txt")
            CB_SENT=$((CB_SENT + cnt))
            log "callback round $r/$ROUNDS: $(sed 's/^CALLBACKS //' "$D/callbacks-$r.note"), and $BASELINE_SECONDS s of GET $BASELINE_PATH"
            order="callback base"
            ((r % 2)) || order="base callback"
            for which in $order; do
                if [[ $which == callback ]]; then
                    run_wrk_list callback "$D/callbacks-$r.txt" 0 "$cnt" "cb$r" BENCH_SECRET="$SECRET"
                    record_round CB notifications 204 "$cnt"
                    cb_note=$ROUND_NOTE
                else
                    baseline
                    CB_BASE+=("$B_RPS")
                    CB_BASE_P99+=("$B_P99")
                fi
            done
            CB_NOTES+=("round $r: $cb_note | $B_NOTE | ratio $(pct "${CB_RPS[-1]}" "$B_RPS") %")
            log "${CB_NOTES[-1]}"
        done
        CB_RPS_MED=$(round0 "$(median "${CB_RPS[@]}")")
        CB_P50_MED=$(median "${CB_P50[@]}")
        CB_P95_MED=$(median "${CB_P95[@]}")
        CB_P99_MED=$(median "${CB_P99[@]}")
        CB_BAD_SUM=$(($(printf '%s+' "${CB_BAD[@]}")0))
        CB_BASE_MED=$(round0 "$(median "${CB_BASE[@]}")")
        CB_BASE_P99_MED=$(median "${CB_BASE_P99[@]}")
        CB_RATIO=$(pct "$CB_RPS_MED" "$CB_BASE_MED")

        # Each success lets its case's review start (the case area's FEE_PAID step, with its audit entry,
        # Postfach message and e-mail): how long until the e-mails of all paid cases are out.
        PAID_TOTAL=$(cat "${CREATED_WARM[@]:-/dev/null}" "${CREATED_FILES[@]}" | wc -l)
        t0=$(now_ms)
        m=$(($(mail_count) - MAILS_BEFORE))
        MAILS_AT_END=$m
        log "case area: $(thousands "$m") e-mails of paid cases written at the end of the rounds; waiting up to $DRAIN_TIMEOUT s for all $(thousands "$PAID_TOTAL")"
        last_change=$(now_ms)
        while ((m < PAID_TOTAL && $(now_ms) - t0 < DRAIN_TIMEOUT * 1000)); do
            sleep 1
            m2=$(($(mail_count) - MAILS_BEFORE))
            ((m2 == m)) || last_change=$(now_ms)
            m=$m2
            (($(now_ms) - last_change < 30000)) || break # nothing for 30 s: stuck, or no e-mails for this step
        done
        DRAIN_MS=$(($(now_ms) - t0))
        MAILS_FINAL=$m
        DRAIN_RATE=$(awk -v n=$((MAILS_FINAL - MAILS_AT_END)) -v ms="$DRAIN_MS" 'BEGIN {printf "%.0f", (ms > 0) ? n * 1000 / ms : 0}')
        DRAIN_TEXT="$(thousands "$MAILS_AT_END") e-mails of paid cases at the end of the rounds, $(thousands "$MAILS_FINAL") after $(fmt_s "$DRAIN_MS") more ($DRAIN_RATE/s, no load) of $(thousands "$PAID_TOTAL") paid"
        log "case area: $DRAIN_TEXT"

        # The API's view: a sample read back by the payers, and the treasury's CSV.
        fresh_tokens "$D"
        OP_TOKEN=$(login "$OPERATOR" staff) || die "login of $OPERATOR failed"
        DAYS=("$(TZ=Europe/Berlin date -d "@$T_START" +%F)" "$(TZ=Europe/Berlin date +%F)")
        VERIFY=$("${CLIENT[@]}" verify --base "$BASE" --tokens "$D/tokens.txt" --cases "$D/cases.txt" \
            --created "${CREATED_WARM[@]}" "${CREATED_FILES[@]}" --operator "$OP_TOKEN" --days "${DAYS[@]}") ||
            die "the API check failed"
        log "API check: $VERIFY"
    fi
    PAY_RSS=$(awk '/^VmRSS:/ {printf "%d", $2 / 1024}' "/proc/$KARAF_PID/status" 2>/dev/null || echo "?")
    stop_instance
    if ((DO_CALLBACK)); then
        cat "${CREATED_WARM[@]:-/dev/null}" "${CREATED_FILES[@]}" >"$D/notified.txt"
        log "callbacks: looking into the database (Derby, platform stopped)"
        DBCHECK_OUT=$(timeout 600 "$JAVA" -Dderby.stream.error.file="$WORK/derby-check.log" -cp "$(derby_cp)" \
            "$HERE/DbCheck.java" "$HOME_DIR/data/amtsgang/derby" callback "$D/notified.txt" 2>&1) || {
            echo "$DBCHECK_OUT" >&2
            die "DbCheck failed"
        }
        CB_DB=$(grep '^CHECK ' <<<"$DBCHECK_OUT") || die "DbCheck gave no result: $DBCHECK_OUT"
        CB_DB_DETAILS=$(grep -v '^CHECK ' <<<"$DBCHECK_OUT" | head -10 || true)
        log "Derby: $CB_DB"
        CALLBACK_DONE=1
    fi
    PAY_LOG=$(log_summary "$HOME_DIR" pay)
    [[ ${BENCH_KEEP:-0} == 1 ]] || rm -rf "$WORK/pay"
fi

# ---------------------------------------------------------------- part 3: chaos

CHAOS_DONE=0
if ((DO_CHAOS)); then
    D=$WORK/chaos-data
    new_instance chaos
    # reconciliation soon and often, so that the test need not wait minutes for it
    set_prop "$HOME_DIR/etc/org.amtsgang.payment.cfg" reconcileIntervalSeconds "$RECONCILE_INTERVAL_S"
    set_prop "$HOME_DIR/etc/org.amtsgang.payment.cfg" reconcileAfterSeconds "$RECONCILE_AFTER_S"
    start_instance chaos-empty
    stop_instance
    seed "$D" "$CITIZENS" $((1 + CHAOS_PAYMENTS)) 2021 "$CHAOS_HISTORY"
    CHAOS_SEED_NOTE=$SEED_NOTE
    start_instance chaos
    tokens "$D"
    KILLED_PID=$KARAF_PID
    MARKER=$WORK/chaos-killed
    log "chaos: $(thousands "$CHAOS_PAYMENTS") payments over $CHAOS_SECONDS s, $CHAOS_THREADS threads, $FORGE_RATE forged notifications/s; kill -9 of Karaf ($KILLED_PID) after $CHAOS_KILL_AFTER s"
    "${CLIENT[@]}" chaos --base "$BASE" --tokens "$D/tokens.txt" --citizens "$D/citizens.txt" --cases "$D/cases.txt" \
        --skip 1 --payments "$CHAOS_PAYMENTS" --seconds "$CHAOS_SECONDS" --kill-after "$CHAOS_KILL_AFTER" \
        --pid "$KILLED_PID" --killed-marker "$MARKER" --threads "$CHAOS_THREADS" --max-delay-ms "$CHAOS_MAX_DELAY_MS" \
        --forge-rate "$FORGE_RATE" --secret "$SECRET" --out "$D/storm.jsonl" --payments-out "$D/payments.txt" \
        --tokens-out "$D/tokens-after.txt" >"$D/storm.json" 2>"$D/storm.err" &
    CHAOS_PID=$!
    STORM_T0=$(now_ms)
    while [[ ! -s $MARKER ]] && kill -0 "$CHAOS_PID" 2>/dev/null; do sleep 0.2; done
    [[ -s $MARKER ]] || {
        cat "$D/storm.err" >&2
        die "the storm client ended before the kill"
    }
    for ((i = 0; i < 100; i++)); do
        kill -0 "$KILLED_PID" 2>/dev/null || break
        sleep 0.1
    done
    ! kill -0 "$KILLED_PID" 2>/dev/null || die "Karaf ($KILLED_PID) still runs after kill -9"
    log "chaos: Karaf killed $(cat "$MARKER") s into the storm; restarting it while the storm goes on"
    KARAF_PID=""
    RESTART_T0=$(now_ms)
    start_instance chaos-restart
    RESTART_MS=$(($(now_ms) - RESTART_T0))
    log "chaos: waiting for the storm to end"
    wait "$CHAOS_PID" || {
        cat "$D/storm.err" >&2
        die "the storm client failed"
    }
    CHAOS_PID=""
    STORM_MS=$(($(now_ms) - STORM_T0))
    STORM=$(cat "$D/storm.json")
    SUMMARY=$("${CLIENT[@]}" summary --log "$D/storm.jsonl" --storm "$STORM") || die "could not sum up the storm"
    log "chaos: storm over after $(fmt_s "$STORM_MS"); letting the last notifications and reconciliation (every $RECONCILE_INTERVAL_S s, payments open for $RECONCILE_AFTER_S s) settle it"
    CONVERGE=$("${CLIENT[@]}" converge --base "$BASE" --payments "$D/payments.txt" --tokens "$D/tokens-after.txt" \
        --citizens "$D/citizens.txt" --timeout "$CONVERGE_TIMEOUT") || die "the convergence check failed"
    log "chaos: API after the storm: $CONVERGE"
    sleep 2
    stop_instance
    log "chaos: looking into the database (Derby, platform stopped)"
    DBCHECK_OUT=$(timeout 600 "$JAVA" -Dderby.stream.error.file="$WORK/derby-check.log" -cp "$(derby_cp)" \
        "$HERE/DbCheck.java" "$HOME_DIR/data/amtsgang/derby" chaos "$D/payments.txt" 2>&1) || {
        echo "$DBCHECK_OUT" >&2
        die "DbCheck failed"
    }
    CH_DB=$(grep '^CHECK ' <<<"$DBCHECK_OUT") || die "DbCheck gave no result: $DBCHECK_OUT"
    CH_PAIRS=$(sed -n 's/^PAIRS //p' <<<"$DBCHECK_OUT")
    CH_DB_DETAILS=$(grep -v '^CHECK \|^PAIRS ' <<<"$DBCHECK_OUT" | head -12 || true)
    log "Derby: $CH_DB"
    cp "$D/storm.jsonl" "$RESULTS/chaos-storm.jsonl"
    echo "$SUMMARY" >"$RESULTS/chaos-summary.json"
    CHAOS_LOG=$(log_summary "$HOME_DIR" chaos)
    DERBY_RECOVERY=$(grep -hiE 'recover|corrupt' "$HOME_DIR"/derby.log "$HOME_DIR"/data/derby.log 2>/dev/null | head -3 || true)
    CHAOS_DONE=1
    [[ ${BENCH_KEEP:-0} == 1 ]] || rm -rf "$WORK/chaos"
fi

# ---------------------------------------------------------------- report

verdict() { [[ $1 == 1 ]] && echo PASS || echo MISS; }
row() { printf '%-72s %-26s %-12s %s\n' "$@"; }
MAX_FOREIGN=$(max_of "${ALL_FOREIGN[@]:-0}")
ELAPSED=$(($(date +%s) - T_START))
{
    echo "Amtsgang payment benchmark, $(date '+%Y-%m-%d %H:%M:%S %Z') ($((ELAPSED / 60)) min $((ELAPSED % 60)) s; parts: $PARTS)"
    echo "machine: $NCPU cores, load average at the end $(cut -d' ' -f1-3 /proc/loadavg), $(awk '/MemTotal/ {printf "%.1f GiB", $2 / 1048576}' /proc/meminfo) RAM, $("$JAVA" -version 2>&1 | head -1)"
    echo "CPU taken by other processes: ${START_FOREIGN} % before the run, up to ${MAX_FOREIGN} % while measuring"
    echo "distribution: $(basename "$TARBALL") (built $DIST_TIME); http port $HTTP_PORT"
    echo
    row "figure" "measured" "target" "verdict"
    if ((CREATE_DONE)); then
        row "create: payments/s, median of $ROUNDS rounds ($(thousands "$PAYMENTS") payments, -c$CONNECTIONS)" "$(thousands "$CR_RPS_MED")" ">= $(thousands $TARGET_CREATE_RPS)" "$(verdict "$(le "$TARGET_CREATE_RPS" "$CR_RPS_MED")")"
        row "create: p50 / p95 / p99 (medians of the rounds)" "$CR_P50_MED / $CR_P95_MED / $CR_P99_MED ms" "info" ""
        row "create: answers not 201 (incl. socket errors)" "$CR_BAD_SUM" "0" "$(verdict "$((CR_BAD_SUM == 0 ? 1 : 0))")"
        row "create: baseline GET $BASELINE_PATH/s, median (same connections)" "$(thousands "$CR_BASE_MED") (p99 $CR_BASE_P99_MED ms)" "info" ""
        row "create: payments/s as % of the baseline" "$CR_RATIO %" "info" ""
    fi
    if ((CALLBACK_DONE)); then
        ck() { kv "$CB_DB" "$1"; }
        vf() { jq_py "$VERIFY" "$1"; }
        row "callback: notifications/s, median of $ROUNDS rounds ($(thousands "$CB_SENT") sent, $DUPLICATES % twice)" "$(thousands "$CB_RPS_MED")" ">= $(thousands $TARGET_CALLBACK_RPS)" "$(verdict "$(le "$TARGET_CALLBACK_RPS" "$CB_RPS_MED")")"
        row "callback: p50 / p95 / p99 (medians of the rounds)" "$CB_P50_MED / $CB_P95_MED / $CB_P99_MED ms" "info" ""
        row "callback: answers not 204 (incl. socket errors)" "$CB_BAD_SUM" "0" "$(verdict "$((CB_BAD_SUM == 0 ? 1 : 0))")"
        row "callback: baseline GET $BASELINE_PATH/s, median (same connections)" "$(thousands "$CB_BASE_MED") (p99 $CB_BASE_P99_MED ms)" "info" ""
        row "callback: notifications/s as % of the baseline" "$CB_RATIO %" "info" ""
        row "callback: notified payments SUCCEEDED with exactly one booking (Derby)" "$(ck one_booking) of $(ck listed)" "all" "$(verdict "$((($(ck listed) > 0 && $(ck succeeded) == $(ck listed) && $(ck one_booking) == $(ck listed)) ? 1 : 0))")"
        row "callback: payments or cases booked twice, bookings without success (Derby)" "$(($(ck payments_booked_twice) + $(ck cases_booked_twice) + $(ck booked_not_succeeded) + $(ck succeeded_without_booking)))" "0" "$(verdict "$((($(ck payments_booked_twice) + $(ck cases_booked_twice) + $(ck booked_not_succeeded) + $(ck succeeded_without_booking)) == 0 ? 1 : 0))")"
        row "callback: treasury CSV booking rows / payments in it / twice" "$(vf 'd["csv_rows"]') / $(vf 'd["csv_payments"]') / $(vf 'd["csv_twice"]')" "= bookings" "$(verdict "$((($(vf 'd["csv_rows"]') == $(ck bookings_in) && $(vf 'd["csv_twice"]') == 0) ? 1 : 0))")"
        row "callback: sample read back by the payers: SUCCEEDED/PAYED" "$(vf 'd["states"].get("SUCCEEDED/PAYED", 0)') of $(vf 'd["sample"]')" "all" "$(verdict "$(($(vf 'd["states"].get("SUCCEEDED/PAYED", 0)') == $(vf 'd["sample"]') ? 1 : 0))")"
        row "callback: paid cases the case area had not taken yet when stopped" "$(thousands "$(ck paid_cases_still_awaiting)") of $(thousands "$PAID_TOTAL")" "info" ""
    fi
    if ((CHAOS_DONE)); then
        cd_() { kv "$CH_DB" "$1"; }
        sm() { jq_py "$SUMMARY" "$1"; }
        cv() { jq_py "$CONVERGE" "$1"; }
        forged_total=$(sm 'sum(d["forged"].values())')
        forged_up=$(sm 'sum(d["forged_by_phase"]["up"].values())')
        forged_up_401=$(sm 'd["forged_by_phase"]["up"].get("401", 0)')
        forged_accepted=$(sm 'd["forged_accepted"]')
        row "chaos: payments whose state differs from the provider's truth (Derby)" "$(cd_ differ) of $(cd_ payments)" "0" "$(verdict "$((($(cd_ payments) > 0 && $(cd_ differ) == 0) ? 1 : 0))")"
        row "chaos: payments booked twice, cases paid or booked twice (Derby)" "$(($(cd_ payments_booked_twice) + $(cd_ cases_paid_twice) + $(cd_ cases_booked_twice)))" "0" "$(verdict "$((($(cd_ payments_booked_twice) + $(cd_ cases_paid_twice) + $(cd_ cases_booked_twice)) == 0 ? 1 : 0))")"
        row "chaos: SUCCEEDED without booking, booked but not SUCCEEDED (Derby)" "$(($(cd_ succeeded_without_booking) + $(cd_ booked_not_succeeded)))" "0" "$(verdict "$((($(cd_ succeeded_without_booking) + $(cd_ booked_not_succeeded)) == 0 ? 1 : 0))")"
        row "chaos: forged notifications refused with 401 while the platform was up" "$forged_up_401 of $forged_up" "all" "$(verdict "$(((forged_up > 0 && forged_up_401 == forged_up) ? 1 : 0))")"
        row "chaos: forged notifications answered 2xx / applied (Derby), of all $forged_total" "$forged_accepted / $(cd_ forged_applied)" "0 / 0" "$(verdict "$(((forged_total > 0 && forged_accepted == 0 && $(cd_ forged_applied) == 0) ? 1 : 0))")"
        row "chaos: payments answered 201/200 but not stored after the restart" "$(cd_ acknowledged_missing) of $(cd_ acknowledged)" "0" "$(verdict "$((($(cd_ acknowledged) > 0 && $(cd_ acknowledged_missing) == 0) ? 1 : 0))")"
        row "chaos: API agreed with the provider after the storm, within" "$(cv 'd["agree"]') of $(cv 'd["payments"]'), $(cv 'd["seconds"]') s" "info" ""
    fi
    if ((MAX_FOREIGN > 10)); then
        echo
        echo "WARNING: other processes took up to $MAX_FOREIGN % of the machine's CPU while this run measured (see below):"
        echo "         the figures are disturbed; run again on a quiet machine before comparing them."
    fi
    echo
    echo "instances: ${BOOT_NOTES[*]/%/;}"
    if ((CREATE_DONE || CALLBACK_DONE)); then
        echo
        echo "SEED (create/callback instance): $(thousands "$CITIZENS") citizens (copies of the demo citizen, trust level HIGH),"
        echo "  $(thousands $((PROBES + WARMUP_PAYMENTS + PAYMENTS))) cases of buergeramt-meldebescheinigung in AWAITING_PAYMENT, fee 1000 cents; $PAY_SEED_NOTE"
        echo "  contract probe before the rounds: $(grep -c '^PROBE ok' <<<"$PROBE_OUT") checks passed"
    fi
    if ((CREATE_DONE)); then
        echo
        echo "CREATE: POST /api/v1/payments {\"caseId\"} with a new Idempotency-Key per request, each request a case of its own,"
        echo "as the case's citizen (wrk -t2 -c$CONNECTIONS, wrk-payment.lua); baseline GET $BASELINE_PATH (public), same"
        echo "settings, interleaved. The rate is the answers over the time from the first request to the last answer."
        echo "  warm-up ($(thousands "$WARMUP_PAYMENTS") payments in $WARMUP_CHUNKS runs): ${WARM_NOTES[*]:-none}"
        printf '  %s\n' "${CR_NOTES[@]}"
    fi
    if ((CALLBACK_DONE)); then
        echo
        echo "CALLBACK: POST /api/v1/payments/callbacks/sandbox, a SUCCEEDED notification for every payment of the create"
        echo "rounds, signed by wrk when sent (X-Sandbox-Signature, HMAC-SHA256 with the instance's secret); $DUPLICATES % sent"
        echo "a second time, the same bytes (half within a few requests: about at once on the other connection; half later)."
        echo "  warm-up (the warm-up payments' notifications): ${CB_WARM_NOTES[*]:-none}"
        printf '  %s\n' "${CB_NOTES[@]}"
        echo "  case area (FEE_PAID: the review starts; audit, Postfach, e-mail): $DRAIN_TEXT"
        echo "  API: $(vf 'd["sample"]') payments read back as their payers: $(vf 'd["states"]') $(vf '"; ".join(d["bad"])')"
        echo "       treasury CSV ($(vf 'd["treasury"]')): $(vf 'd["csv_rows"]') booking rows, $(vf 'd["csv_payments"]') payments, $(vf 'd["csv_twice"]') twice, $(awk -v c="$(vf 'd["csv_cents"]')" 'BEGIN {printf "%.2f", c / 100}') EUR"
        echo "  Derby: $(ck listed) notified payments: $(ck found) found, $(ck succeeded) SUCCEEDED, $(ck one_booking) with one booking, $(ck no_booking) with none, $(ck more_bookings) with more;"
        echo "         all payments $(ck payments), bookings $(ck bookings_in) ($(awk -v c="$(ck booked_cents)" 'BEGIN {printf "%.2f", c / 100}') EUR), notifications applied $(ck notifications),"
        echo "         payments booked twice $(ck payments_booked_twice), cases booked twice $(ck cases_booked_twice), SUCCEEDED without booking $(ck succeeded_without_booking),"
        echo "         booked but not SUCCEEDED $(ck booked_not_succeeded), amount differs $(ck booking_amount_differs); cases IN_REVIEW $(ck cases_in_review), paid but still AWAITING_PAYMENT $(ck paid_cases_still_awaiting)"
        [[ -z $CB_DB_DETAILS ]] || sed 's/^/    /' <<<"$CB_DB_DETAILS"
    fi
    if ((CREATE_DONE || CALLBACK_DONE)); then
        echo "  RSS of the platform after the parts: $PAY_RSS MB"
        echo "  $PAY_LOG"
    fi
    if ((CHAOS_DONE)); then
        echo
        echo "CHAOS: $(thousands "$CHAOS_PAYMENTS") payments over $CHAOS_SECONDS s ($CHAOS_THREADS client threads) through the sandbox's hosted page:"
        echo "35 % success, 20 % failure, 15 % cancel, 20 % failure then success, 10 % left open; per decision 60 % with 1-3"
        echo "duplicates, 50 % reordered (an outdated notification after the final one, copies shuffled), 70 % delayed"
        echo "0.2-$(awk -v m="$CHAOS_MAX_DELAY_MS" 'BEGIN {printf "%.1f", m / 1000}') s; the payer decides 0.2-3 s after the creation. Beside it $FORGE_RATE forged notifications/s."
        echo "kill -9 of Karaf $(sm 'd["killed_at_s"]') s into the storm, restarted at once ($(fmt_s "$RESTART_MS") until the payment API answered);"
        echo "the client waits while the platform is away and then goes on (resending what got no answer: same Idempotency-Key,"
        echo "same form). Reconciliation every $RECONCILE_INTERVAL_S s for payments open $RECONCILE_AFTER_S s (the copy's etc/org.amtsgang.payment.cfg)."
        echo "  seeded: $CHAOS_SEED_NOTE"
        ((CHAOS_HISTORY == 0)) || echo "  history before the storm: $(thousands "$CHAOS_HISTORY") payments FAILED (2 in 3) or CANCELLED, created 120 to 30 minutes ago, the sandbox agreeing"
        echo "  storm: $(fmt_s "$STORM_MS") in all; creations $(sm 'd["creates"]') requests, answers $(sm 'd["create_statuses"]') (0 = no answer);"
        echo "         payments acknowledged $(sm 'd["acknowledged"]'); platform away for $(sm 'd["downtimes_s"]') s (as the client saw it)"
        echo "  creations in flight at the kill: $(sm 'd["in_flight_at_kill"]'), after resending them: $(sm 'd["in_flight_after_retry"]')"
        echo "  decisions on the page $(sm 'd["decides"]'), answers $(sm 'd["decide_statuses"]'); $(sm 'd["chaos"]');"
        echo "         in flight at the kill $(sm 'd["decide_in_flight_at_kill"]'), resent and answered 409 (had been taken) $(sm 'd["decide_retried_409"]')"
        echo "  forged notifications: $forged_total sent; while the platform was up $(sm 'd["forged_by_phase"]["up"]'), while it was away"
        echo "         or booting $(sm 'd["forged_by_phase"]["away"]') (0 = no answer); by kind $(sm 'd["forged_by_kind"]')"
        [[ $(sm 'len(d["forged_away_examples"])') == 0 ]] || echo "         answers while booting: $(sm '"; ".join("%s %s" % kv for kv in d["forged_away_examples"].items())')"
        [[ $(sm 'd["forged_odd"]') == 0 ]] || echo "    answers other than 401 while up: $(sm '"; ".join(d["forged_odd_examples"])')"
        [[ $(sm 'd["client_errors"]') == 0 ]] || echo "  CLIENT ERRORS: $(sm 'd["client_errors"]'): $(sm '"; ".join(d["client_error_examples"])')"
        echo "  API after the storm (each payment as its payer, and the sandbox page's truth): $(cv 'd["agree"]') of $(cv 'd["payments"]') agree after $(cv 'd["seconds"]') s ($(cv 'd["passes"]') passes): $(cv 'd["pairs"]')"
        [[ $(cv 'd["differ"]') == 0 ]] || echo "    differ: $(cv '"; ".join(d["differ_examples"])')"
        echo "  Derby: $(cd_ payments) payments, $(cd_ agree) agree with the sandbox's session, $(cd_ differ) differ; state~truth: $CH_PAIRS"
        echo "         sandbox sessions $(cd_ sessions) ($(cd_ orphan_sessions) without a payment: opened for a creation the kill cut), paid $(cd_ truth_succeeded);"
        echo "         bookings $(cd_ bookings_in); payments booked twice $(cd_ payments_booked_twice), cases paid twice $(cd_ cases_paid_twice), booked twice $(cd_ cases_booked_twice);"
        echo "         SUCCEEDED without booking $(cd_ succeeded_without_booking), booked but not SUCCEEDED $(cd_ booked_not_succeeded); forged notifications applied $(cd_ forged_applied);"
        echo "         changes by notifications $(cd_ notified_changes) (notifications that changed nothing: $(cd_ notified_ignored)), by reconciliation $(cd_ reconciled_changes)"
        echo "         ($(cd_ reconciled_payments) payments), successes after a failure $(cd_ success_after_failure); paid cases still AWAITING_PAYMENT $(cd_ paid_cases_still_awaiting)"
        [[ -z $CH_DB_DETAILS ]] || sed 's/^/    /' <<<"$CH_DB_DETAILS"
        [[ -z ${DERBY_RECOVERY:-} ]] || sed 's/^/  derby.log: /' <<<"$DERBY_RECOVERY"
        echo "  $CHAOS_LOG"
    fi
} | tee "$RESULTS/latest.txt"

if [[ ${BENCH_STRICT:-0} == 1 ]] && grep -q ' MISS$' "$RESULTS/latest.txt"; then
    exit 3
fi
