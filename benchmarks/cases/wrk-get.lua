-- wrk script for the baseline rounds (part of benchmarks/cases/run.sh): plain GETs of the URL given
-- to wrk. Counts the answers that are not 2xx (per request, as the submission script does, so that
-- both pay the same Lua) and prints one machine-readable line at the end. Latencies in microseconds.
local threads = {}

function setup(thread)
    table.insert(threads, thread)
end

function init(args)
    non2xx = 0
end

function response(status, headers, body)
    if status < 200 or status > 299 then
        non2xx = non2xx + 1
    end
end

function done(summary, latency, requests)
    local n = 0
    for _, t in ipairs(threads) do
        n = n + t:get("non2xx")
    end
    local e = summary.errors
    io.write(string.format(
        "BENCH requests=%d duration_us=%d p50_us=%d p95_us=%d p99_us=%d max_us=%d non2xx=%d connect=%d read=%d write=%d status=%d timeout=%d\n",
        summary.requests, summary.duration, latency:percentile(50.0), latency:percentile(95.0),
        latency:percentile(99.0), latency.max, n, e.connect, e.read, e.write, e.status, e.timeout))
end
