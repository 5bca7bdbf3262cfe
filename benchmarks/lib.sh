# Shell helpers shared by the benchmarks' run.sh scripts (benchmarks/cases, benchmarks/payment): sourced
# by them right after `set -euo pipefail` and the definitions of HERE (the script's folder), ROOT (the
# repository) and RESULTS (where figures and logs go). Sourcing it defines functions and sets the EXIT,
# INT and TERM traps (cleanup: the background load generator, the running instance, the work folder).
#
# What the functions expect the script to set before it calls them:
#   FORBIDDEN_PORTS   " 8181 ... ": ports never to bind nor to send to (free_port, bench_ports)
#   WAIT_QUIET        seconds to wait for a quiet machine (bench_wait_quiet)
#   CLIENT            the HTTP client command (array): `ready --base --timeout` and `login` are used here
#   BOOT_TIMEOUT_S    how long start_instance waits for "$CLIENT ready"
#   START_ENV         extra NAME=value for bin/start (array, may be empty); READY_WHAT: what "ready" means
# and what they set: JAVA (bench_require), HTTP_PORT, SSH_PORT, RMI_*_PORT, BASE, TARBALL, WORK, DIST,
# DIST_TIME (bench_ports, bench_distribution), START_FOREIGN (bench_wait_quiet), HOME_DIR, KARAF_PID,
# CURRENT_HOME, TOTP_STATE, BOOT_NOTES (the instance functions), WRK_LINE, WRK_FIRST_ERROR, FOREIGN.

START_ENV=()
READY_WHAT="case API"

int_in() { # name value min max
    [[ $2 =~ ^[0-9]+$ ]] && (($2 >= $3 && $2 <= $4)) || {
        echo "$1 must be a whole number from $3 to $4, was '$2'" >&2
        exit 2
    }
    echo "$2"
}

# bench_parts part...: reads BENCH_PARTS (in $PARTS, comma-separated) against the script's parts and sets
# DO_<PART>=1 for each one named, 0 for the others; an unknown part or none at all ends the script (2).
bench_parts() {
    local known=("$@") p k named=0 found
    for k in "${known[@]}"; do printf -v "DO_${k^^}" 0; done
    IFS=',' read -ra _parts <<<"$PARTS"
    for p in "${_parts[@]}"; do
        p=${p// /}
        [[ -n $p ]] || continue
        found=0
        for k in "${known[@]}"; do
            if [[ $p == "$k" ]]; then
                printf -v "DO_${k^^}" 1
                found=1
                named=1
            fi
        done
        ((found)) || {
            local list="${known[*]}"
            echo "BENCH_PARTS: unknown part '$p' (known: ${list// /, })" >&2
            exit 2
        }
    done
    ((named)) || {
        echo "BENCH_PARTS names no part" >&2
        exit 2
    }
}

log() { printf '[%s] %s\n' "$(date +%H:%M:%S)" "$*" >&2; }
die() {
    log "ERROR: $*"
    exit 1
}

now_ms() {
    local t=${EPOCHREALTIME//[.,]/}
    echo $((t / 1000))
}

port_in_use() {
    if command -v ss >/dev/null; then
        ss -Hltn "( sport = :$1 )" 2>/dev/null | grep -q .
    else
        (exec 3<>"/dev/tcp/127.0.0.1/$1") 2>/dev/null
    fi
}

CHOSEN_PORTS=" "
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
    if [[ -f $file ]] && grep -Eq "$re" "$file"; then
        sed -i -E "s|${re}.*|${key} = ${value}|" "$file"
    else
        [[ ! -s $file || -z $(tail -c1 "$file") ]] || echo >>"$file"
        echo "${key} = ${value}" >>"$file"
    fi
    grep -Eq "^${key//./\\.} = ${value}\$" "$file" || die "could not set $key in $file"
}

median() { printf '%s\n' "$@" | sort -g | awk '{a[NR] = $1} END {print ((NR % 2) ? a[(NR + 1) / 2] : (a[NR / 2] + a[NR / 2 + 1]) / 2)}'; }
pct() { awk -v a="$1" -v b="$2" 'BEGIN {printf "%.1f", ((b > 0) ? 100 * a / b : 0)}'; } # a as % of b
le() { awk -v a="$1" -v b="$2" 'BEGIN {print ((a <= b) ? 1 : 0)}'; }
max_of() { printf '%s\n' "$@" | sort -g | tail -1; }
fmt_s() { awk -v ms="$1" 'BEGIN {printf "%.1f s", ms / 1000}'; }
thousands() { # a count, rounded (a median of two can end in .5), with the locale's separators
    local n
    n=$(printf '%.0f' "$1" 2>/dev/null) || n=$1
    printf "%'d" "$n" 2>/dev/null || printf '%s' "$n"
}
kv() { sed -n "s/.* $2=\([0-9]*\).*/\1/p" <<<" $1"; } # value of key=N in a BENCH line
ms_of() { awk -v u="$1" 'BEGIN {printf "%.1f", u / 1000}'; }
jq_py() { python3 -c 'import json, sys; d = json.loads(sys.argv[1]); print(eval(sys.argv[2], {}, {"d": d}))' "$1" "$2"; }

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

# What other processes (another engineer's build, say) take of the machine while we measure: the
# machine's busy CPU time less what the benchmark's own processes used, in % of all cores.
CLK_TCK=$(getconf CLK_TCK 2>/dev/null || echo 100)
NCPU=$(nproc)
busy_ticks() { awk '/^cpu / {print $2 + $3 + $4; exit}' /proc/stat; }
pid_ticks() { # user + system ticks of a process, all its threads
    local f=/proc/$1/stat
    if [[ -n $1 && -r $f ]]; then sed 's/^.*) //' "$f" | awk '{print $12 + $13}'; else echo 0; fi
}
child_ticks() { # var: CPU ticks used so far by this shell's finished children (wrk, python, java, ...)
    times >"$WORK/times" # a builtin in this shell: in a subshell it would count the subshell's children
    printf -v "$1" '%s' "$(awk -v hz="$CLK_TCK" 'NR == 2 {s = 0; for (i = 1; i <= 2; i++) {split($i, m, "m"); sub("s", "", m[2]); s += m[1] * 60 + m[2]}; printf "%.0f", s * hz}' "$WORK/times")"
}
foreign_pct() { # busy_ticks_delta own_ticks wall_ms
    awk -v b="$1" -v o="$2" -v w="$3" -v n="$NCPU" 'BEGIN {f = b - o; if (f < 0) f = 0; printf "%.0f", ((w > 0) ? 100 * f / (w / 1000 * n * '"$CLK_TCK"') : 0)}'
}
# measure_begin / measure_end around a stretch: sets FOREIGN (other processes' CPU %) for it
measure_begin() {
    child_ticks M_C0
    M_B0=$(busy_ticks) M_K0=$(pid_ticks "${KARAF_PID:-}") M_T0=$(now_ms)
}
measure_end() { # [Karaf's ticks at the end, when its process has ended meanwhile]
    local b1 k1 t1 c1
    b1=$(busy_ticks) k1=${1:-$(pid_ticks "${KARAF_PID:-}")} t1=$(now_ms)
    child_ticks c1
    ((k1 >= M_K0)) || k1=$M_K0
    FOREIGN=$(foreign_pct $((b1 - M_B0)) $((k1 - M_K0 + c1 - M_C0)) $((t1 - M_T0)))
    ALL_FOREIGN+=("$FOREIGN")
}
ALL_FOREIGN=()

stop_karaf() {
    local home=$1 pid i
    pid=$(karaf_pid "$home" || true)
    if [[ -n $pid && -x $home/bin/stop ]]; then
        timeout 30 "$home/bin/stop" >/dev/null 2>&1 || true
    fi
    [[ -n $pid ]] || return 0
    for ((i = 0; i < 600; i++)); do # 60 s: Derby writes a checkpoint when it shuts down
        kill -0 "$pid" 2>/dev/null || return 0
        sleep 0.1
    done
    log "bin/stop did not end Karaf ($pid) within 60 s: killing it"
    kill -TERM "$pid" 2>/dev/null || true
    for ((i = 0; i < 100; i++)); do
        kill -0 "$pid" 2>/dev/null || return 0
        sleep 0.1
    done
    kill -KILL "$pid" 2>/dev/null || true
}

BG_PID="" # wrk, python or java while they run in the background
CURRENT_HOME=""
WORK=""
cleanup() {
    local rc=$?
    trap - EXIT
    if [[ -n $BG_PID ]] && kill -0 "$BG_PID" 2>/dev/null; then
        kill -TERM "$BG_PID" 2>/dev/null || true
        wait "$BG_PID" 2>/dev/null || true
    fi
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

run_bg() { # command...: run it in the background (so that a signal reaches cleanup at once) and wait
    "$@" &
    BG_PID=$!
    local rc=0
    wait "$BG_PID" || rc=$?
    BG_PID=""
    return "$rc"
}

# ---------------------------------------------------------------- prerequisites and setup

bench_require() { # curl, python3, wrk and a JDK 17 (sets JAVA), or stop with what to install
    command -v curl >/dev/null || die "curl is missing: apt-get install -y curl"
    command -v python3 >/dev/null || die "python3 is missing: apt-get install -y python3"
    if ! command -v wrk >/dev/null; then
        echo "wrk is missing. Install it (Debian): apt-get install -y wrk" >&2
        exit 1
    fi
    JAVA=java
    [[ -n ${JAVA_HOME:-} && -x $JAVA_HOME/bin/java ]] && JAVA=$JAVA_HOME/bin/java
    command -v "$JAVA" >/dev/null || die "java is missing (a JDK 17 is needed)"
    "$JAVA" -version 2>&1 | grep -Eq 'version "(1[7-9]|[2-9][0-9])' || die "java 17 or later is needed: $("$JAVA" -version 2>&1 | head -1)"
}

bench_ports() { # http-from ssh-from rmi-registry-from rmi-server-from: HTTP_PORT (BENCH_HTTP_PORT or the
    #             first free one from http-from), SSH_PORT, RMI_REGISTRY_PORT, RMI_SERVER_PORT; BASE
    if [[ -n ${BENCH_HTTP_PORT:-} ]]; then
        HTTP_PORT=$(int_in BENCH_HTTP_PORT "$BENCH_HTTP_PORT" 1024 65535)
        [[ $FORBIDDEN_PORTS != *" $HTTP_PORT "* ]] || die "BENCH_HTTP_PORT=$HTTP_PORT is reserved for another Karaf"
        CHOSEN_PORTS+="$HTTP_PORT "
    else
        free_port HTTP_PORT "$1"
    fi
    BASE=http://127.0.0.1:$HTTP_PORT
    free_port SSH_PORT "$2"
    free_port RMI_REGISTRY_PORT "$3"
    free_port RMI_SERVER_PORT "$4"
}

find_tarball() { ls -t "$ROOT"/karaf-assembly/target/org.amtsgang.assembly-*.tar.gz 2>/dev/null | head -1 || true; }

bench_distribution() { # work-name: builds the distribution if missing, empties RESULTS, makes WORK (a
    #                    temporary folder named after work-name) and takes a snapshot of the
    #                    distribution into it (DIST), so that all parts run the same build even if
    #                    it is rebuilt meanwhile
    local k
    TARBALL=$(find_tarball)
    if [[ -z $TARBALL ]]; then
        log "distribution not built: mvn -B -q install -Dquick in $ROOT"
        (cd "$ROOT" && mvn -B -q -Dstyle.color=never install -Dquick) >&2
        TARBALL=$(find_tarball)
        [[ -n $TARBALL ]] || die "the build did not produce the distribution"
    fi

    mkdir -p "$RESULTS"
    rm -f "$RESULTS"/*.log "$RESULTS"/*.txt "$RESULTS"/*.json "$RESULTS"/*.jsonl 2>/dev/null || true
    WORK=$(mktemp -d "${TMPDIR:-/tmp}/$1.XXXXXX")
    log "distribution $TARBALL"
    DIST=$WORK/distribution.tar.gz
    DIST_TIME=$(date -r "$TARBALL" '+%Y-%m-%d %H:%M')
    for ((k = 1; ; k++)); do
        cp "$TARBALL" "$DIST" 2>/dev/null && gzip -t "$DIST" 2>/dev/null && break
        ((k < 6)) || die "could not take a complete copy of $TARBALL (is it being rebuilt?)"
        log "the distribution is being written; trying again in 10 s"
        sleep 10
    done
    log "ports: http $HTTP_PORT, ssh $SSH_PORT, rmi $RMI_REGISTRY_PORT/$RMI_SERVER_PORT; work dir $WORK"
}

machine_busy() { # % of the CPU used by everything over $1 seconds (nothing of ours runs yet)
    local b0 t0
    b0=$(busy_ticks) t0=$(now_ms)
    sleep "$1"
    foreign_pct $(($(busy_ticks) - b0)) 0 $(($(now_ms) - t0))
}

bench_wait_quiet() { # START_FOREIGN: how busy the machine is; with WAIT_QUIET, waits for it to calm down
    local quiet_deadline
    START_FOREIGN=$(machine_busy 2)
    if ((WAIT_QUIET > 0 && START_FOREIGN > 10)); then
        log "the machine is ${START_FOREIGN} % busy: waiting up to ${WAIT_QUIET} s for it to calm down"
        quiet_deadline=$(($(now_ms) + WAIT_QUIET * 1000))
        while ((START_FOREIGN > 10 && $(now_ms) < quiet_deadline)); do
            START_FOREIGN=$(machine_busy 5)
        done
    fi
    log "the machine is ${START_FOREIGN} % busy before the benchmark starts"
}

# ---------------------------------------------------------------- instances

BOOT_NOTES=()
HOME_DIR=""
KARAF_PID=""

new_instance() { # name: a fresh unpacked copy on the benchmark's ports; sets HOME_DIR
    local dir=$WORK/$1 etc
    mkdir -p "$dir"
    tar -xzf "$DIST" -C "$dir"
    HOME_DIR=$(find "$dir" -mindepth 1 -maxdepth 1 -type d | head -1)
    [[ -n $HOME_DIR && -x $HOME_DIR/bin/start ]] || die "the distribution has no bin/start"
    etc=$HOME_DIR/etc
    set_prop "$etc/org.ops4j.pax.web.cfg" org.osgi.service.http.port "$HTTP_PORT"
    set_prop "$etc/org.apache.karaf.shell.cfg" sshPort "$SSH_PORT"
    set_prop "$etc/org.apache.karaf.shell.cfg" sshHost 127.0.0.1
    set_prop "$etc/org.apache.karaf.management.cfg" rmiRegistryPort "$RMI_REGISTRY_PORT"
    set_prop "$etc/org.apache.karaf.management.cfg" rmiServerPort "$RMI_SERVER_PORT"
    TOTP_STATE=$dir/totp-steps.json
}

start_instance() { # label: start HOME_DIR (demo accounts on, plus START_ENV) and wait until "$CLIENT ready" says so
    local p t0 i
    for p in "$HTTP_PORT" "$SSH_PORT" "$RMI_REGISTRY_PORT" "$RMI_SERVER_PORT"; do
        for ((i = 0; i < 100; i++)); do
            port_in_use "$p" || break
            sleep 0.1
        done
        ! port_in_use "$p" || die "port $p is in use (set BENCH_HTTP_PORT to move the HTTP port)"
    done
    log "starting the $1 instance ($HOME_DIR)"
    t0=$(now_ms)
    # from its own folder: files the JVM writes to its working directory (derby.log) stay there
    (cd "$HOME_DIR" && env AMTSGANG_DEMO=true AMTSGANG_HTTP_PORT="$HTTP_PORT" "${START_ENV[@]}" bin/start >/dev/null 2>&1)
    CURRENT_HOME=$HOME_DIR
    if ! run_bg "${CLIENT[@]}" ready --base "$BASE" --timeout "$BOOT_TIMEOUT_S" >/dev/null; then
        tail -40 "$HOME_DIR/data/log/karaf.log" >&2 2>/dev/null || true
        die "the $1 instance did not serve the $READY_WHAT within $BOOT_TIMEOUT_S s"
    fi
    KARAF_PID=$(karaf_pid "$HOME_DIR")
    [[ -n $KARAF_PID ]] || die "cannot find the Karaf java process of $HOME_DIR"
    BOOT_NOTES+=("$1: $READY_WHAT answered $(fmt_s $(($(now_ms) - t0))) after bin/start")
    log "${BOOT_NOTES[-1]}"
}

stop_instance() {
    log "stopping the instance"
    stop_karaf "$HOME_DIR"
    CURRENT_HOME=""
    KARAF_PID=""
}

login() { # email [staff]: prints the access token
    local args=(login --base "$BASE" --email "$1" --state "$TOTP_STATE")
    [[ ${2:-} == staff ]] && args+=(--staff)
    "${CLIENT[@]}" "${args[@]}"
}

mail_count() { find "$HOME_DIR/data/amtsgang/mail" -maxdepth 1 -name 'case-*.eml' 2>/dev/null | wc -l; }

log_summary() { # home label: one line of counts, and the WARN/ERROR messages grouped
    local f=$1/data/log/karaf.log e w
    e=$(grep -c '| ERROR |' "$f" 2>/dev/null || true)
    w=$(grep -c '| WARN  |' "$f" 2>/dev/null || true)
    echo "karaf.log of the $2 instance: ${e:-0} ERROR, ${w:-0} WARN lines (copied to ${RESULTS#"$ROOT"/}/karaf-$2.log)"
    grep -E '\| (ERROR|WARN) ' "$f" 2>/dev/null | cut -d'|' -f2,4,6 | sed -e 's/  */ /g' -e 's/ (reference [^)]*)//' -e 's/[0-9a-f]\{8\}-[0-9a-f-]\{27\}/<uuid>/g' -e 's/20[0-9][0-9]-[0-9A-Z]\{4\}-[0-9A-Z]\{4\}-[0-9A-Z]\{4\}/<case>/g' |
        cut -c1-200 | sort | uniq -c | sort -rn | head -6 | sed 's/^/    /' || true
    cp "$f" "$RESULTS/karaf-$2.log" 2>/dev/null || true
}

WRK_LINE=""
WRK_FIRST_ERROR=""
run_wrk() { # seconds connections script url [env...]: sets WRK_LINE (the BENCH line) and FOREIGN;
    #          script: a path, or a name in $HERE
    local secs=$1 conns=$2 script=$3 url=$4 out=$WORK/wrk.txt threads=2
    shift 4
    ((conns >= threads)) || threads=$conns
    measure_begin
    [[ $script == /* ]] || script=$HERE/$script
    env "$@" wrk -t"$threads" -c"$conns" -d"${secs}s" --timeout 10s -s "$script" "$url" >"$out" 2>&1 || true
    measure_end
    WRK_LINE=$(grep '^BENCH ' "$out") || {
        cat "$out" >&2
        die "wrk gave no result for $url"
    }
    WRK_FIRST_ERROR=$(sed -n 's/^FIRST_ERROR //p' "$out" | head -1)
}
rps_of() { awk -v r="$(kv "$1" requests)" -v d="$(kv "$1" duration_us)" 'BEGIN {printf "%.0f", ((d > 0) ? r / (d / 1e6) : 0)}'; }
sock_errors() { echo $(($(kv "$1" connect) + $(kv "$1" read) + $(kv "$1" write) + $(kv "$1" timeout))); }

derby_cp() { find "$HOME_DIR/system" -name 'derby*.jar' -print | sort | tr '\n' ':'; }
