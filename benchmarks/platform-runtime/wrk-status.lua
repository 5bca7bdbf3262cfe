-- wrk script for the load during hot deploy: counts every answer that is not 2xx (wrk by itself
-- counts only status >= 400), then prints one machine-readable line. Latencies in microseconds.
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
        "BENCH requests=%d duration_us=%d p50_us=%d p99_us=%d non2xx=%d connect=%d read=%d write=%d status=%d timeout=%d\n",
        summary.requests, summary.duration, latency:percentile(50.0), latency:percentile(99.0), n,
        e.connect, e.read, e.write, e.status, e.timeout))
end
