-- wrk script for the throughput rounds: no per-request Lua (that would cost throughput), one
-- machine-readable line at the end. Latencies are in microseconds.
function done(summary, latency, requests)
    local e = summary.errors
    io.write(string.format(
        "BENCH requests=%d duration_us=%d p50_us=%d p99_us=%d connect=%d read=%d write=%d status=%d timeout=%d\n",
        summary.requests, summary.duration, latency:percentile(50.0), latency:percentile(99.0),
        e.connect, e.read, e.write, e.status, e.timeout))
end
