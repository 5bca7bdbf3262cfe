#!/usr/bin/env bash
# The platform runtime benchmark, in one command (see ../README.md):
#   cold start of the distribution, idle memory, GET /api/v1/services against a bare servlet in the
#   same Karaf, and hot deploy of a descriptor-only bundle under load.
# It runs its own copies of the distribution on its own ports (never 8181, 8101, 1099, 44444) and
# sends traffic to 127.0.0.1 only. Figures go to stdout and to results/latest.txt.
#
# Environment (all optional):
#   BENCH_HTTP_PORT       HTTP port of the benchmark instance (default 18181)
#   BENCH_COLD_STARTS     cold starts, 1-5 (default 3)
#   BENCH_ROUNDS          throughput rounds per endpoint, 1-5 (default 3)
#   BENCH_ROUND_SECONDS   seconds per throughput round, 3-30 (default 10)
#   BENCH_CYCLES          hot deploy cycles, 1-10 (default 5)
#   BENCH_HOTDEPLOY_OFFICE  office of the hot-deployed service (default ordnungsamt)
#   BENCH_WAIT_QUIET=N    wait up to N s (at most 600) for other processes to leave the CPU before starting
#   BENCH_STRICT=1        exit 3 when a figure misses its target
#   BENCH_KEEP=1          keep the unpacked instances (the path is printed)
set -euo pipefail

HERE=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
ROOT=$(cd "$HERE/../.." && pwd)
RESULTS=$HERE/results

# ---------------------------------------------------------------- settings and targets

int_in() { # name value min max
    [[ $2 =~ ^[0-9]+$ ]] && (($2 >= $3 && $2 <= $4)) || {
        echo "$1 must be a whole number from $3 to $4, was '$2'" >&2
        exit 2
    }
    echo "$2"
}
HTTP_PORT=$(int_in BENCH_HTTP_PORT "${BENCH_HTTP_PORT:-18181}" 1024 65535)
COLD_STARTS=$(int_in BENCH_COLD_STARTS "${BENCH_COLD_STARTS:-3}" 1 5)
ROUNDS=$(int_in BENCH_ROUNDS "${BENCH_ROUNDS:-3}" 1 5)
ROUND_SECONDS=$(int_in BENCH_ROUND_SECONDS "${BENCH_ROUND_SECONDS:-10}" 3 30)
CYCLES=$(int_in BENCH_CYCLES "${BENCH_CYCLES:-5}" 1 10)
HOTDEPLOY_OFFICE=${BENCH_HOTDEPLOY_OFFICE:-ordnungsamt}
WAIT_QUIET=$(int_in BENCH_WAIT_QUIET "${BENCH_WAIT_QUIET:-0}" 0 600)
WARMUP_SECONDS=10
IDLE_SECONDS=10
CONNECTIONS=64
BOOT_TIMEOUT_MS=90000
DEPLOY_TIMEOUT_MS=10000

TARGET_COLD_S=15
TARGET_RSS_MB=600
TARGET_RATIO_PCT=50
TARGET_P99_MS=20
TARGET_DEPLOY_S=2

# the other engineer's Karaf lives on these: never bind, never send to them
FORBIDDEN_PORTS=" 8181 8101 1099 44444 "

HOTDEPLOY_ID=ordnungsamt-bench-hotdeploy
LOAD_URLS=(/api/v1/services/buergeramt-meldebescheinigung /api/v1/offices)

# A Karaf started from here must not pick up another instance's locations.
unset KARAF_HOME KARAF_BASE KARAF_DATA KARAF_ETC KARAF_LOG KARAF_DEBUG KARAF_REDIRECT

# ---------------------------------------------------------------- helpers

log() { printf '[%s] %s\n' "$(date +%H:%M:%S)" "$*" >&2; }
die() {
    log "ERROR: $*"
    exit 1
}

now_ms() {
    local t=${EPOCHREALTIME//[.,]/}
    echo $((t / 1000))
}

# HTTP status of a GET, 000 when nothing answered
http_code() { curl -s -o /dev/null -w '%{http_code}' --max-time "${2:-2}" "$1" 2>/dev/null || true; }

port_in_use() {
    if command -v ss >/dev/null; then
        ss -Hltn "( sport = :$1 )" 2>/dev/null | grep -q .
    else
        (exec 3<>"/dev/tcp/127.0.0.1/$1") 2>/dev/null
    fi
}

CHOSEN_PORTS=" $HTTP_PORT "
free_port() { # var start: the first free port from start on, neither forbidden nor chosen already
    local p
    for ((p = $2; p < $2 + 200; p++)); do
        [[ $FORBIDDEN_PORTS == *" $p "* || $CHOSEN_PORTS == *" $p "* ]] && continue
        if ! port_in_use "$p"; then
            CHOSEN_PORTS+="$p "
            printf -v "$1" '%s' "$p"
            return
        fi
    done
    die "no free port found from $2 on"
}

set_prop() { # file key value: replace the key's line, or append it
    local file=$1 key=$2 value=$3 re
    re="^[[:space:]]*${key//./\\.}[[:space:]]*="
    if grep -Eq "$re" "$file"; then
        sed -i -E "s|${re}.*|${key} = ${value}|" "$file"
    else
        [[ -z $(tail -c1 "$file") ]] || echo >>"$file"
        echo "${key} = ${value}" >>"$file"
    fi
    grep -Eq "^${key//./\\.} = ${value}\$" "$file" || die "could not set $key in $file"
}

median() { printf '%s\n' "$@" | sort -g | awk '{a[NR] = $1} END {print ((NR % 2) ? a[(NR + 1) / 2] : (a[NR / 2] + a[NR / 2 + 1]) / 2)}'; }
pct() { awk -v a="$1" -v b="$2" 'BEGIN {printf "%.1f", ((b > 0) ? 100 * a / b : 0)}'; } # a as % of b
le() { awk -v a="$1" -v b="$2" 'BEGIN {print ((a <= b) ? 1 : 0)}'; }
max_of() { printf '%s\n' "$@" | sort -g | tail -1; }
fmt_s() { awk -v ms="$1" 'BEGIN {printf "%.2f s", ms / 1000}'; }
thousands() { printf "%'d" "$1" 2>/dev/null || printf '%d' "$1"; }
kv() { sed -n "s/.* $2=\([0-9]*\).*/\1/p" <<<" $1"; } # value of key=N in a BENCH line

karaf_pid() { # the java process of the instance unpacked at $1
    local home=$1 pid="" f
    for f in "$home/karaf.pid" "$home/data/karaf.pid"; do
        if [[ -s $f ]]; then
            pid=$(tr -dc '0-9' <"$f")
            break
        fi
    done
    if [[ -n $pid && -r /proc/$pid/cmdline ]] && tr '\0' ' ' <"/proc/$pid/cmdline" | grep -qF -- "-Dkaraf.base=$home "; then
        echo "$pid"
        return
    fi
    ps -eo pid=,args= | awk -v h="-Dkaraf.base=$home " 'index($0, h) && /java/ {print $1; exit}'
}

rss_mb() { awk '/^VmRSS:/ {printf "%d", $2 / 1024}' "/proc/$1/status" 2>/dev/null || echo 0; }

# What other processes (another engineer's build, say) take of the machine while we measure: the
# machine's busy CPU time less what the benchmark's Karaf and load generators used, in % of all cores.
CLK_TCK=$(getconf CLK_TCK 2>/dev/null || echo 100)
NCPU=$(nproc)
busy_ticks() { awk '/^cpu / {print $2 + $3 + $4; exit}' /proc/stat; }
pid_ticks() { # user + system ticks of a process, all its threads
    local f=/proc/$1/stat
    if [[ -n $1 && -r $f ]]; then sed 's/^.*) //' "$f" | awk '{print $12 + $13}'; else echo 0; fi
}
child_ticks() { # var: CPU ticks used so far by this shell's finished children (curl, wrk, ...)
    times >"$WORK/times" # a builtin in this shell: in a subshell it would count the subshell's children
    printf -v "$1" '%s' "$(awk -v hz="$CLK_TCK" 'NR == 2 {s = 0; for (i = 1; i <= 2; i++) {split($i, m, "m"); sub("s", "", m[2]); s += m[1] * 60 + m[2]}; printf "%.0f", s * hz}' "$WORK/times")"
}
foreign_pct() { # busy_ticks_delta own_ticks wall_ms
    awk -v b="$1" -v o="$2" -v w="$3" -v n="$NCPU" 'BEGIN {f = b - o; if (f < 0) f = 0; printf "%.0f", ((w > 0) ? 100 * f / (w / 1000 * n * '"$CLK_TCK"') : 0)}'
}

stop_karaf() {
    local home=$1 pid i
    pid=$(karaf_pid "$home" || true)
    if [[ -x $home/bin/stop ]]; then
        timeout 30 "$home/bin/stop" >/dev/null 2>&1 || true
    fi
    [[ -n $pid ]] || return 0
    for ((i = 0; i < 300; i++)); do # 30 s
        kill -0 "$pid" 2>/dev/null || return 0
        sleep 0.1
    done
    log "bin/stop did not end Karaf ($pid) within 30 s: killing it"
    kill -TERM "$pid" 2>/dev/null || true
    for ((i = 0; i < 100; i++)); do
        kill -0 "$pid" 2>/dev/null || return 0
        sleep 0.1
    done
    kill -KILL "$pid" 2>/dev/null || true
}

WRK_PIDS=()
CURRENT_HOME=""
WORK=""
cleanup() {
    local rc=$? p
    trap - EXIT
    for p in "${WRK_PIDS[@]}"; do kill -TERM "$p" 2>/dev/null || true; done
    if [[ -n $CURRENT_HOME ]]; then
        log "stopping the benchmark instance"
        stop_karaf "$CURRENT_HOME" || true
    fi
    if [[ -n $WORK && -d $WORK ]]; then
        if [[ ${BENCH_KEEP:-0} == 1 ]]; then
            log "kept $WORK"
        else
            rm -rf "$WORK"
        fi
    fi
    exit "$rc"
}
trap cleanup EXIT
trap 'exit 130' INT
trap 'exit 143' TERM

# ---------------------------------------------------------------- prerequisites

command -v curl >/dev/null || die "curl is missing: apt-get install -y curl"
if ! command -v wrk >/dev/null; then
    echo "wrk is missing. Install it (Debian): apt-get install -y wrk" >&2
    exit 1
fi
JAR_TOOL=jar
[[ -n ${JAVA_HOME:-} && -x $JAVA_HOME/bin/jar ]] && JAR_TOOL=$JAVA_HOME/bin/jar
command -v "$JAR_TOOL" >/dev/null || die "the JDK's jar tool is missing (a JDK 17, not a JRE, is needed)"
[[ $FORBIDDEN_PORTS != *" $HTTP_PORT "* ]] || die "BENCH_HTTP_PORT=$HTTP_PORT is reserved for the other Karaf"

find_tarball() { ls -t "$ROOT"/karaf-assembly/target/org.amtsgang.assembly-*.tar.gz 2>/dev/null | head -1 || true; }
find_baseline() { ls -t "$ROOT"/benchmarks/baseline-servlet/target/org.amtsgang.benchmarks.baseline-*.jar 2>/dev/null | head -1 || true; }
TARBALL=$(find_tarball)
BASELINE_JAR=$(find_baseline)
if [[ -z $TARBALL || -z $BASELINE_JAR ]]; then
    log "distribution or baseline servlet not built: mvn -B -q install -Dquick in $ROOT"
    (cd "$ROOT" && mvn -B -q install -Dquick)
    TARBALL=$(find_tarball)
    BASELINE_JAR=$(find_baseline)
    [[ -n $TARBALL && -n $BASELINE_JAR ]] || die "the build did not produce the distribution and the baseline jar"
fi

mkdir -p "$RESULTS"
WORK=$(mktemp -d "${TMPDIR:-/tmp}/amtsgang-bench.XXXXXX")
BASE=http://127.0.0.1:$HTTP_PORT
free_port SSH_PORT 18101
free_port RMI_REGISTRY_PORT 11099
free_port RMI_SERVER_PORT 14444
log "distribution $TARBALL"
# A snapshot, so that all cold starts run the same build even if the distribution is rebuilt meanwhile.
DIST=$WORK/distribution.tar.gz
DIST_TIME=$(date -r "$TARBALL" '+%Y-%m-%d %H:%M')
for ((k = 1; ; k++)); do
    cp "$TARBALL" "$DIST" 2>/dev/null && gzip -t "$DIST" 2>/dev/null && break
    ((k < 6)) || die "could not take a complete copy of $TARBALL (is it being rebuilt?)"
    log "the distribution is being written; trying again in 10 s"
    sleep 10
done
log "ports: http $HTTP_PORT, ssh $SSH_PORT, rmi $RMI_REGISTRY_PORT/$RMI_SERVER_PORT; work dir $WORK"
machine_busy() { # % of the CPU used by everything over $1 seconds (nothing of ours runs yet)
    local b0 t0
    b0=$(busy_ticks) t0=$(now_ms)
    sleep "$1"
    foreign_pct $(($(busy_ticks) - b0)) 0 $(($(now_ms) - t0))
}
START_FOREIGN=$(machine_busy 2)
if ((WAIT_QUIET > 0 && START_FOREIGN > 10)); then
    log "the machine is ${START_FOREIGN} % busy: waiting up to ${WAIT_QUIET} s for it to calm down"
    quiet_deadline=$(($(now_ms) + WAIT_QUIET * 1000))
    while ((START_FOREIGN > 10 && $(now_ms) < quiet_deadline)); do
        START_FOREIGN=$(machine_busy 5)
    done
fi
log "the machine is ${START_FOREIGN} % busy before the benchmark starts"

configure() { # point a fresh copy at the benchmark's ports
    local etc=$1/etc
    set_prop "$etc/org.ops4j.pax.web.cfg" org.osgi.service.http.port "$HTTP_PORT"
    set_prop "$etc/org.apache.karaf.shell.cfg" sshPort "$SSH_PORT"
    set_prop "$etc/org.apache.karaf.shell.cfg" sshHost 127.0.0.1
    set_prop "$etc/org.apache.karaf.management.cfg" rmiRegistryPort "$RMI_REGISTRY_PORT"
    set_prop "$etc/org.apache.karaf.management.cfg" rmiServerPort "$RMI_SERVER_PORT"
}

wait_ports_free() {
    local p i
    for p in "$HTTP_PORT" "$SSH_PORT" "$RMI_REGISTRY_PORT" "$RMI_SERVER_PORT"; do
        for ((i = 0; i < 100; i++)); do
            port_in_use "$p" || break
            sleep 0.1
        done
        ! port_in_use "$p" || die "port $p is in use (set BENCH_HTTP_PORT to move the HTTP port)"
    done
}

log_counts() { # "E W" for a karaf.log
    local f=$1/data/log/karaf.log e=0 w=0
    if [[ -f $f ]]; then
        e=$(grep -c '| ERROR |' "$f" || true)
        w=$(grep -c '| WARN  |' "$f" || true)
    fi
    echo "$e $w"
}

# ---------------------------------------------------------------- 1. cold starts

COLD_MS=()
COLD_FOREIGN=()
COLD_NOTES=()
BOOT_RSS=()
for ((i = 1; i <= COLD_STARTS; i++)); do
    dir=$WORK/cold$i
    mkdir -p "$dir"
    tar -xzf "$DIST" -C "$dir"
    home=$(find "$dir" -mindepth 1 -maxdepth 1 -type d | head -1)
    configure "$home"
    wait_ports_free
    log "cold start $i/$COLD_STARTS"
    child_ticks c0
    b0=$(busy_ticks)
    t0=$(now_ms)
    "$home/bin/start" >/dev/null 2>&1
    CURRENT_HOME=$home
    seen=""
    code=000
    while :; do
        code=$(http_code "$BASE/api/v1/services" 2)
        [[ $code == 200 ]] && break
        [[ " $seen " == *" $code "* ]] || seen+=" $code"
        (($(now_ms) - t0 < BOOT_TIMEOUT_MS)) || break
        sleep 0.05
    done
    t1=$(now_ms)
    b1=$(busy_ticks)
    child_ticks c1
    pid=$(karaf_pid "$home")
    kt=$(pid_ticks "$pid") # Karaf started after t0: all its CPU time falls into the cold start
    if [[ $code != 200 ]]; then
        tail -40 "$home/data/log/karaf.log" >&2 2>/dev/null || true
        die "no 200 from GET /api/v1/services within $((BOOT_TIMEOUT_MS / 1000)) s (answers seen:${seen})"
    fi
    COLD_MS+=($((t1 - t0)))
    # right after the first 200: does it stay 200 (no refresh of the platform after boot)?
    flaps=0
    for ((k = 0; k < 20; k++)); do
        c=$(http_code "$BASE/api/v1/services" 2)
        [[ $c == 200 ]] || flaps=$((flaps + 1))
        c=$(http_code "$BASE/api/v1/offices" 2)
        [[ $c == 200 ]] || flaps=$((flaps + 1))
        sleep 0.1
    done
    [[ -n $pid ]] || die "cannot find the Karaf java process of $home"
    COLD_FOREIGN+=("$(foreign_pct $((b1 - b0)) $((kt + c1 - c0)) $((t1 - t0)))")
    BOOT_RSS+=("$(rss_mb "$pid")")
    read -r e w <<<"$(log_counts "$home")"
    COLD_NOTES+=("cold start $i: $(fmt_s "${COLD_MS[-1]}") to first 200 (before it:${seen:- nothing}); non-200 in 40 requests after it: $flaps; RSS then ${BOOT_RSS[-1]} MB; other processes' CPU ${COLD_FOREIGN[-1]} %; karaf.log so far: $e ERROR, $w WARN")
    log "${COLD_NOTES[-1]}"
    cp "$home/data/log/karaf.log" "$RESULTS/karaf-cold$i.log" 2>/dev/null || true
    if ((i < COLD_STARTS)); then
        stop_karaf "$home"
        CURRENT_HOME=""
        rm -rf "$dir"
    fi
done
HOME_DIR=$CURRENT_HOME
KARAF_PID=$(karaf_pid "$HOME_DIR")

# ---------------------------------------------------------------- 2. throughput against the bare servlet

log "deploying the baseline servlet"
cp "$BASELINE_JAR" "$WORK/baseline.jar.part"
mv "$WORK/baseline.jar.part" "$HOME_DIR/deploy/bench-baseline.jar"
t0=$(now_ms)
while [[ $(http_code "$BASE/bench/ok" 2) != 200 ]]; do
    (($(now_ms) - t0 < 30000)) || die "the baseline servlet did not answer on /bench/ok within 30 s"
    sleep 0.1
done
[[ $(curl -s --max-time 2 "$BASE/bench/ok") == ok ]] || die "/bench/ok does not answer 'ok'"

SERVICES_BYTES=$(curl -s --max-time 5 "$BASE/api/v1/services" | wc -c)

run_wrk() { # url seconds: sets WRK_LINE (wrk's BENCH line) and WRK_FOREIGN (other processes' CPU %)
    local out=$WORK/wrk.txt b0 k0 t0 c0 b1 k1 t1 c1
    child_ticks c0
    b0=$(busy_ticks) k0=$(pid_ticks "$KARAF_PID") t0=$(now_ms)
    wrk -t2 -c"$CONNECTIONS" -d"$2"s -s "$HERE/wrk-summary.lua" "$1" >"$out" 2>&1 || true
    b1=$(busy_ticks) k1=$(pid_ticks "$KARAF_PID") t1=$(now_ms)
    child_ticks c1
    WRK_FOREIGN=$(foreign_pct $((b1 - b0)) $((k1 - k0 + c1 - c0)) $((t1 - t0)))
    WRK_LINE=$(grep '^BENCH ' "$out") || {
        cat "$out" >&2
        die "wrk gave no result for $1"
    }
}
rps_of() { awk -v r="$(kv "$1" requests)" -v d="$(kv "$1" duration_us)" 'BEGIN {printf "%.0f", ((d > 0) ? r / (d / 1e6) : 0)}'; }
p99_ms_of() { awk -v p="$(kv "$1" p99_us)" 'BEGIN {printf "%.2f", p / 1000}'; }
errors_of() { echo $(($(kv "$1" connect) + $(kv "$1" read) + $(kv "$1" write) + $(kv "$1" status) + $(kv "$1" timeout))); }

# Both paths need the JIT's attention; alternating gives it to both before anything is measured.
log "warming up: 3 x (${WARMUP_SECONDS} s of wrk on /api/v1/services, ${WARMUP_SECONDS} s on /bench/ok)"
for ((w = 0; w < 3; w++)); do
    run_wrk "$BASE/api/v1/services" "$WARMUP_SECONDS"
    run_wrk "$BASE/bench/ok" "$WARMUP_SECONDS"
done

SVC_RPS=() SVC_P99=() SVC_ERR=() OK_RPS=() OK_P99=() OK_ERR=() ROUND_NOTES=() TP_FOREIGN=()
measure() { # which: svc | ok
    if [[ $1 == svc ]]; then
        run_wrk "$BASE/api/v1/services" "$ROUND_SECONDS"
        SVC_RPS+=("$(rps_of "$WRK_LINE")") SVC_P99+=("$(p99_ms_of "$WRK_LINE")") SVC_ERR+=("$(errors_of "$WRK_LINE")")
    else
        run_wrk "$BASE/bench/ok" "$ROUND_SECONDS"
        OK_RPS+=("$(rps_of "$WRK_LINE")") OK_P99+=("$(p99_ms_of "$WRK_LINE")") OK_ERR+=("$(errors_of "$WRK_LINE")")
    fi
    TP_FOREIGN+=("$WRK_FOREIGN")
}
for ((r = 1; r <= ROUNDS; r++)); do
    log "throughput round $r/$ROUNDS (${ROUND_SECONDS} s per endpoint, $CONNECTIONS connections)"
    if ((r % 2)); then
        measure svc
        measure ok
    else
        measure ok
        measure svc
    fi
    ROUND_NOTES+=("round $r: /api/v1/services $(thousands "${SVC_RPS[-1]}") req/s, p99 ${SVC_P99[-1]} ms, errors ${SVC_ERR[-1]} | /bench/ok $(thousands "${OK_RPS[-1]}") req/s, p99 ${OK_P99[-1]} ms, errors ${OK_ERR[-1]} | ratio $(pct "${SVC_RPS[-1]}" "${OK_RPS[-1]}") % | other processes' CPU ${TP_FOREIGN[-2]} % and ${TP_FOREIGN[-1]} %")
    log "${ROUND_NOTES[-1]}"
done
SVC_RPS_MED=$(median "${SVC_RPS[@]}")
OK_RPS_MED=$(median "${OK_RPS[@]}")
SVC_P99_MED=$(median "${SVC_P99[@]}")
OK_P99_MED=$(median "${OK_P99[@]}")
RATIO_PCT=$(pct "$SVC_RPS_MED" "$OK_RPS_MED")
TP_ERRORS=$(($(printf '%s+' "${SVC_ERR[@]}" "${OK_ERR[@]}")0))

# ---------------------------------------------------------------- 3. hot deploy under load

HD_NOTES=()
office_code=$(http_code "$BASE/api/v1/offices/$HOTDEPLOY_OFFICE")
if [[ $office_code != 200 ]]; then
    fallback=$(curl -s --max-time 2 "$BASE/api/v1/offices" | grep -o '"id":"[a-z0-9-]*"' | head -1 | cut -d'"' -f4 || true)
    [[ -n $fallback ]] || die "office '$HOTDEPLOY_OFFICE' is not configured and no other office is listed"
    HD_NOTES+=("NOTE: office '$HOTDEPLOY_OFFICE' is not configured in this distribution (GET /api/v1/offices/$HOTDEPLOY_OFFICE -> $office_code; etc/org.amtsgang.office-$HOTDEPLOY_OFFICE.cfg); the hot-deployed descriptor names office '$fallback' instead")
    log "${HD_NOTES[-1]}"
    HOTDEPLOY_OFFICE=$fallback
fi

hd=$WORK/hotdeploy
mkdir -p "$hd/content/OSGI-INF/amtsgang/services"
cat >"$hd/manifest.txt" <<'EOF'
Bundle-ManifestVersion: 2
Bundle-SymbolicName: org.amtsgang.bench.hotdeploy
Bundle-Version: 1.0.0
Bundle-Name: Amtsgang benchmark hot-deploy service (descriptor only)
Amtsgang-Service-Descriptors: OSGI-INF/amtsgang/services/
Require-Capability: osgi.extender;filter:="(&(osgi.extender=org.amtsgang.catalog)(version>=1.0)(!(version>=2.0)))"
EOF
cat >"$hd/content/OSGI-INF/amtsgang/services/bench-hotdeploy.json" <<EOF
{
  "id": "$HOTDEPLOY_ID",
  "office": "$HOTDEPLOY_OFFICE",
  "title": {
    "de": "Benchmark – heiß bereitgestellter Dienst",
    "en": "Benchmark – hot-deployed service"
  },
  "description": {
    "de": "Ein Dienst nur aus einer Beschreibung, den der Benchmark in deploy/ legt und wieder entfernt.",
    "en": "A descriptor-only service that the benchmark drops into deploy/ and removes again."
  },
  "trustLevel": "BASIS",
  "paymentPolicy": "NONE",
  "feeCents": 0,
  "processingDeadlineDays": 30,
  "ozgMaturityLevel": 3,
  "version": "1.0.0",
  "form": {
    "\$schema": "https://json-schema.org/draft/2020-12/schema",
    "title": "Benchmark",
    "type": "object",
    "required": ["name"],
    "additionalProperties": false,
    "properties": {
      "name": { "title": "Name", "type": "string", "minLength": 1, "maxLength": 100 }
    }
  }
}
EOF
"$JAR_TOOL" --create --file "$hd/bench-hotdeploy.jar" --manifest "$hd/manifest.txt" -C "$hd/content" .

HD_URL=$BASE/api/v1/services/$HOTDEPLOY_ID
DEPLOYED=$HOME_DIR/deploy/bench-hotdeploy.jar
[[ $(http_code "$HD_URL") == 404 ]] || die "$HD_URL answers before the deploy"
for u in "${LOAD_URLS[@]}"; do
    c=$(http_code "$BASE$u")
    [[ $c == 200 ]] || HD_NOTES+=("NOTE: $u answered $c before the hot deploy load")
done

log "hot deploy: $CYCLES cycles under load ($CONNECTIONS connections over ${#LOAD_URLS[@]} endpoints)"
load_seconds=$((10 + CYCLES * 2 * (DEPLOY_TIMEOUT_MS / 1000 + 2)))
per_url=$((CONNECTIONS / ${#LOAD_URLS[@]}))
LOAD_OUT=()
hc0=0 hc1=0
child_ticks hc0
hb0=$(busy_ticks) hk0=$(pid_ticks "$KARAF_PID") ht0=$(now_ms)
for u in "${LOAD_URLS[@]}"; do
    out=$WORK/load-$(basename "$u").txt
    LOAD_OUT+=("$out")
    wrk -t1 -c"$per_url" -d"$load_seconds"s -s "$HERE/wrk-status.lua" "$BASE$u" >"$out" 2>&1 &
    WRK_PIDS+=($!)
done
sleep 2

poll_until() { # url code start_ms: sets POLL_MS (ms from start, or "timeout") and POLL_SEEN (other answers)
    local url=$1 want=$2 start=$3 c
    POLL_SEEN=""
    while :; do
        c=$(http_code "$url" 2)
        if [[ $c == "$want" ]]; then
            POLL_MS=$(($(now_ms) - start))
            return
        fi
        [[ $c == 200 || $c == 404 || " $POLL_SEEN " == *" $c "* ]] || POLL_SEEN+=" $c"
        if (($(now_ms) - start >= DEPLOY_TIMEOUT_MS)); then
            POLL_MS=timeout
            return
        fi
        sleep 0.02
    done
}

DEP_MS=() UNDEP_MS=() DEP_OK=1 UNDEP_OK=1 CYCLE_NOTES=() DEP_T0=() UNDEP_T0=()
for ((c = 1; c <= CYCLES; c++)); do
    cp "$hd/bench-hotdeploy.jar" "$hd/incoming.jar"
    t0=$(now_ms)
    mv "$hd/incoming.jar" "$DEPLOYED"
    DEP_T0+=("$t0")
    poll_until "$HD_URL" 200 "$t0"
    d=$POLL_MS dseen=$POLL_SEEN
    sleep 1
    t0=$(now_ms)
    rm -f "$DEPLOYED"
    UNDEP_T0+=("$t0")
    poll_until "$HD_URL" 404 "$t0"
    u=$POLL_MS useen=$POLL_SEEN
    [[ $d == timeout ]] && DEP_OK=0 || DEP_MS+=("$d")
    [[ $u == timeout ]] && UNDEP_OK=0 || UNDEP_MS+=("$u")
    note="cycle $c: deploy -> 200 in $([[ $d == timeout ]] && echo "no 200 within $((DEPLOY_TIMEOUT_MS / 1000)) s" || fmt_s "$d"), undeploy -> 404 in $([[ $u == timeout ]] && echo "no 404 within $((DEPLOY_TIMEOUT_MS / 1000)) s" || fmt_s "$u")"
    [[ -z $dseen$useen ]] || note+=" (other answers of the service:${dseen}${useen})"
    CYCLE_NOTES+=("$note")
    log "$note"
    sleep 1
done
sleep 1
hw=0
for p in "${WRK_PIDS[@]}"; do hw=$((hw + $(pid_ticks "$p"))); done
hb1=$(busy_ticks) hk1=$(pid_ticks "$KARAF_PID") ht1=$(now_ms)
child_ticks hc1
HD_FOREIGN=$(foreign_pct $((hb1 - hb0)) $((hk1 - hk0 + hw + hc1 - hc0)) $((ht1 - ht0)))
for p in "${WRK_PIDS[@]}"; do kill -INT "$p" 2>/dev/null || true; done
for p in "${WRK_PIDS[@]}"; do
    for ((k = 0; k < 100; k++)); do
        kill -0 "$p" 2>/dev/null || break
        sleep 0.1
    done
    kill -TERM "$p" 2>/dev/null || true
    wait "$p" 2>/dev/null || true
done
WRK_PIDS=()

# Where the time went, from karaf.log's millisecond timestamps: when fileinstall (un)installed the
# bundle, and when the catalogue published or withdrew the service.
log_events() { # extended regex -> epoch ms of each matching karaf.log line
    local ts
    grep -E "$1" "$HOME_DIR/data/log/karaf.log" 2>/dev/null | cut -c1-23 | while read -r ts; do
        ts=${ts/T/ }
        date -d "${ts/,/.}" +%s%3N 2>/dev/null || true
    done
}
first_after() { # t values...: the first value >= t
    local t=$1 v
    shift
    for v in "$@"; do
        if ((v >= t)); then
            echo "$v"
            return
        fi
    done
}
since() { [[ -n $2 ]] && fmt_s $(($2 - $1)) || echo "n/a"; }
mapfile -t EV_INSTALL < <(log_events 'Installing bundle org\.amtsgang\.bench\.hotdeploy ')
mapfile -t EV_AVAILABLE < <(log_events "Service '$HOTDEPLOY_ID' [^ ]+ is available")
mapfile -t EV_UNINSTALL < <(log_events 'Uninstalling bundle [0-9]+ \(org\.amtsgang\.bench\.hotdeploy\)')
mapfile -t EV_WITHDRAWN < <(log_events "Service '$HOTDEPLOY_ID' withdrawn")
for idx in "${!CYCLE_NOTES[@]}"; do
    t=${DEP_T0[$idx]}
    inst=$(first_after "$t" "${EV_INSTALL[@]}")
    avail=$([[ -n $inst ]] && first_after "$inst" "${EV_AVAILABLE[@]}" || true)
    t2=${UNDEP_T0[$idx]}
    uninst=$(first_after "$t2" "${EV_UNINSTALL[@]}")
    gone=$([[ -n $uninst ]] && first_after "$uninst" "${EV_WITHDRAWN[@]}" || true)
    HD_NOTES+=("${CYCLE_NOTES[$idx]}; fileinstall installed it after $(since "$t" "$inst"), catalogue published it after $(since "$t" "$avail"); uninstalled after $(since "$t2" "$uninst"), withdrawn after $(since "$t2" "$gone")")
done

LOAD_REQ=0 LOAD_FAIL=0
for idx in "${!LOAD_URLS[@]}"; do
    line=$(grep '^BENCH ' "${LOAD_OUT[$idx]}" || true)
    [[ -n $line ]] || {
        cat "${LOAD_OUT[$idx]}" >&2
        die "the load generator on ${LOAD_URLS[$idx]} gave no result"
    }
    req=$(kv "$line" requests)
    non2xx=$(kv "$line" non2xx)
    sock=$(($(kv "$line" connect) + $(kv "$line" read) + $(kv "$line" write) + $(kv "$line" timeout)))
    LOAD_REQ=$((LOAD_REQ + req))
    LOAD_FAIL=$((LOAD_FAIL + non2xx + sock))
    HD_NOTES+=("load on ${LOAD_URLS[$idx]}: $(thousands "$req") requests in $(awk -v d="$(kv "$line" duration_us)" 'BEGIN {printf "%.1f", d / 1e6}') s, non-2xx $non2xx, socket errors $sock, p99 $(p99_ms_of "$line") ms")
done

HD_NOTES+=("other processes' CPU during the hot deploy phase: $HD_FOREIGN %")

# ---------------------------------------------------------------- 4. idle memory

log "idling ${IDLE_SECONDS} s before reading RSS"
sleep "$IDLE_SECONDS"
KARAF_PID=$(karaf_pid "$HOME_DIR")
[[ -n $KARAF_PID ]] || die "the benchmark instance is gone"
IDLE_RSS=$(rss_mb "$KARAF_PID")
FINAL_CODE=$(http_code "$BASE/api/v1/services")

read -r LOG_E LOG_W <<<"$(log_counts "$HOME_DIR")"
cp "$HOME_DIR/data/log/karaf.log" "$RESULTS/karaf.log" 2>/dev/null || true
ERROR_LINES=$(grep '| ERROR |' "$HOME_DIR/data/log/karaf.log" 2>/dev/null | cut -d'|' -f4,6 | sed -e 's/  */ /g' -e 's/ (reference [^)]*)//' | cut -c1-220 | sort | uniq -c | sort -rn | head -8 || true)

# ---------------------------------------------------------------- report

verdict() { [[ $1 == 1 ]] && echo PASS || echo MISS; }
COLD_MED=$(median "${COLD_MS[@]}")
cold_list=$(for m in "${COLD_MS[@]}"; do fmt_s "$m"; echo -n ", "; done | sed 's/, $//')
V_COLD=$(verdict "$(le "$COLD_MED" $((TARGET_COLD_S * 1000)))")
V_RSS=$(verdict "$(((IDLE_RSS > 0 && IDLE_RSS <= TARGET_RSS_MB) ? 1 : 0))")
V_RATIO=$(verdict "$(le "$TARGET_RATIO_PCT" "$RATIO_PCT")")
V_P99=$(verdict "$(le "$SVC_P99_MED" "$TARGET_P99_MS")")
if ((${#DEP_MS[@]})); then DEP_MAX=$(max_of "${DEP_MS[@]}"); else DEP_MAX=""; fi
if ((${#UNDEP_MS[@]})); then UNDEP_MAX=$(max_of "${UNDEP_MS[@]}"); else UNDEP_MAX=""; fi
V_DEP=$(verdict "$(((DEP_OK == 1) && ${DEP_MAX:-999999} <= TARGET_DEPLOY_S * 1000 ? 1 : 0))")
V_UNDEP=$(verdict "$UNDEP_OK")
V_FAIL=$(verdict "$(((LOAD_FAIL == 0 && LOAD_REQ > 0) ? 1 : 0))")
MAX_FOREIGN=$(max_of "${COLD_FOREIGN[@]}" "${TP_FOREIGN[@]}" "$HD_FOREIGN")
dep_text=$([[ $DEP_OK == 1 ]] && fmt_s "$DEP_MAX" || echo "timeout")
undep_text=$([[ $UNDEP_OK == 1 ]] && fmt_s "$UNDEP_MAX" || echo "timeout")

row() { printf '%-58s %-22s %-14s %s\n' "$@"; }
{
    echo "Amtsgang platform-runtime benchmark, $(date '+%Y-%m-%d %H:%M:%S %Z')"
    echo "machine: $NCPU cores, load average at the end $(cut -d' ' -f1-3 /proc/loadavg), $(awk '/MemTotal/ {printf "%.1f GiB", $2 / 1048576}' /proc/meminfo) RAM, $(java -version 2>&1 | head -1)"
    echo "CPU taken by other processes: ${START_FOREIGN} % before the run, up to ${MAX_FOREIGN} % while measuring"
    echo "distribution: $(basename "$TARBALL") (built $DIST_TIME); wrk: $CONNECTIONS connections, ${ROUND_SECONDS} s rounds"
    echo
    row "figure" "measured" "target" "verdict"
    row "cold start -> first 200 GET /api/v1/services (median of $COLD_STARTS)" "$(fmt_s "$COLD_MED")" "<= ${TARGET_COLD_S} s" "$V_COLD"
    row "RSS of the idle platform (after the load, ${IDLE_SECONDS} s idle)" "$IDLE_RSS MB" "<= ${TARGET_RSS_MB} MB" "$V_RSS"
    row "GET /api/v1/services, median req/s of $ROUNDS rounds" "$(thousands "$SVC_RPS_MED")" "" ""
    row "bare servlet /bench/ok, median req/s of $ROUNDS rounds" "$(thousands "$OK_RPS_MED")" "" ""
    row "throughput /api/v1/services / bare servlet" "$RATIO_PCT %" ">= ${TARGET_RATIO_PCT} %" "$V_RATIO"
    row "GET /api/v1/services p99 (median of $ROUNDS rounds)" "$SVC_P99_MED ms" "<= ${TARGET_P99_MS} ms" "$V_P99"
    row "hot deploy -> 200, max of $CYCLES cycles" "$dep_text" "<= ${TARGET_DEPLOY_S} s" "$V_DEP"
    row "undeploy -> 404, max of $CYCLES cycles" "$undep_text" "404 each cycle" "$V_UNDEP"
    row "failed requests on other endpoints during hot deploy" "$LOAD_FAIL of $(thousands "$LOAD_REQ")" "0" "$V_FAIL"
    if ((MAX_FOREIGN > 10)); then
        echo
        echo "WARNING: other processes took up to $MAX_FOREIGN % of the machine's CPU while this run measured (see below):"
        echo "         the figures are disturbed; run again on a quiet machine before comparing them."
    fi
    echo
    echo "cold starts (bin/start -> first 200; unpacking not counted): $cold_list"
    printf '  %s\n' "${COLD_NOTES[@]}"
    echo "throughput (interleaved, $CONNECTIONS connections, wrk -t2; bare servlet p99 median $OK_P99_MED ms; errors in all rounds: $TP_ERRORS; /api/v1/services body $SERVICES_BYTES bytes):"
    printf '  %s\n' "${ROUND_NOTES[@]}"
    echo "hot deploy (descriptor-only bundle $HOTDEPLOY_ID, office $HOTDEPLOY_OFFICE; jar moved into deploy/, removed with rm):"
    printf '  %s\n' "${HD_NOTES[@]}"
    echo "memory: RSS right after each cold start ${BOOT_RSS[*]} MB; idle after the load $IDLE_RSS MB (pid $KARAF_PID)"
    echo "after the run GET /api/v1/services answered $FINAL_CODE"
    echo "karaf.log of the benchmark instance: $LOG_E ERROR, $LOG_W WARN lines (copied to benchmarks/platform-runtime/results/karaf.log)"
    if [[ -n $ERROR_LINES ]]; then
        echo "  ERROR lines (count | logger | message):"
        sed 's/^/    /' <<<"$ERROR_LINES"
    fi
} | tee "$RESULTS/latest.txt"

if [[ ${BENCH_STRICT:-0} == 1 ]] && grep -q ' MISS$' "$RESULTS/latest.txt"; then
    exit 3
fi
