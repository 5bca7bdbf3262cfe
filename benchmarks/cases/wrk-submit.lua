-- wrk script for the submission rounds (part of benchmarks/cases/run.sh): every request is
-- POST /api/v1/cases with a new Idempotency-Key. Threads alternate between the citizens' tokens
-- (BENCH_TOKENS, space-separated); keys are BENCH_KEY_PREFIX-<thread>-<counter>, so that they are
-- unique across threads (whose Lua states share one random seed) and, with a new prefix per wrk
-- run, across runs. Counts the answers by status and prints one machine-readable line at the end.
-- Latencies in microseconds.
-- With BENCH_RATE (requests per second over all threads, BENCH_THREADS of them), each thread sends
-- on a schedule: a connection that comes free waits for the thread's next slot, so the offered rate
-- stays at BENCH_RATE as long as the platform keeps up (when it does not, the achieved rate shows it).
local threads = {}
local counter = 0
local ffi = require("ffi")
ffi.cdef([[
typedef struct { long tv_sec; long tv_nsec; } amtsgang_timespec;
int clock_gettime(int clk_id, amtsgang_timespec *tp);
]])
local clock = ffi.new("amtsgang_timespec")
local function now_ms()
    ffi.C.clock_gettime(1, clock) -- CLOCK_MONOTONIC
    return tonumber(clock.tv_sec) * 1000 + tonumber(clock.tv_nsec) / 1e6
end

function setup(thread)
    table.insert(threads, thread)
    thread:set("tid", #threads)
end

function init(args)
    local tokens = {}
    for t in string.gmatch(os.getenv("BENCH_TOKENS") or "", "%S+") do
        table.insert(tokens, t)
    end
    if #tokens == 0 then
        error("BENCH_TOKENS is empty")
    end
    token = tokens[((tid - 1) % #tokens) + 1]
    prefix = (os.getenv("BENCH_KEY_PREFIX") or "bench") .. "-" .. tid .. "-"
    body = os.getenv("BENCH_BODY")
    s201, s200, s4xx, s5xx, sother = 0, 0, 0, 0, 0
    local rate = tonumber(os.getenv("BENCH_RATE") or "0") or 0
    if rate > 0 then
        interval_ms = 1000.0 * (tonumber(os.getenv("BENCH_THREADS") or "2") or 2) / rate
    end
    headers = {
        ["Content-Type"] = "application/json",
        ["Accept"] = "application/json",
        ["Authorization"] = "Bearer " .. token,
    }
end

function delay()
    if not interval_ms then
        return 0
    end
    local now = now_ms()
    if not next_ms or next_ms < now - 1000 then
        next_ms = now -- (re)start the schedule; never send a second's backlog at once
    end
    local wait = next_ms - now
    next_ms = next_ms + interval_ms
    return wait > 0 and math.floor(wait) or 0
end

function request()
    counter = counter + 1
    headers["Idempotency-Key"] = prefix .. counter
    return wrk.format("POST", "/api/v1/cases", headers, body)
end

function response(status, hdrs, b)
    if status == 201 then
        s201 = s201 + 1
    elseif status == 200 then
        s200 = s200 + 1
    elseif status >= 400 and status < 500 then
        s4xx = s4xx + 1
    elseif status >= 500 then
        s5xx = s5xx + 1
    else
        sother = sother + 1
    end
    if status ~= 201 and not first_error then
        first_error = status .. " " .. string.sub(string.gsub(b or "", "%s+", " "), 1, 200)
    end
end

function done(summary, latency, requests)
    local c = { s201 = 0, s200 = 0, s4xx = 0, s5xx = 0, sother = 0 }
    local firsterr = ""
    for _, t in ipairs(threads) do
        for k, _ in pairs(c) do
            c[k] = c[k] + (t:get(k) or 0)
        end
        local fe = t:get("first_error")
        if fe and firsterr == "" then
            firsterr = fe
        end
    end
    local e = summary.errors
    io.write(string.format(
        "BENCH requests=%d duration_us=%d p50_us=%d p95_us=%d p99_us=%d max_us=%d s201=%d s200=%d s4xx=%d s5xx=%d sother=%d connect=%d read=%d write=%d status=%d timeout=%d\n",
        summary.requests, summary.duration, latency:percentile(50.0), latency:percentile(95.0),
        latency:percentile(99.0), latency.max, c.s201, c.s200, c.s4xx, c.s5xx, c.sother,
        e.connect, e.read, e.write, e.status, e.timeout))
    if firsterr ~= "" then
        io.write("FIRST_ERROR " .. firsterr .. "\n")
    end
end
