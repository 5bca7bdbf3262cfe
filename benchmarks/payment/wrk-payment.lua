-- wrk script of the create and callback parts (benchmarks/payment/run.sh): sends a fixed list of
-- requests, each once, then stops. wrk itself only knows durations, so each thread works through
-- its share of the list (line k of BENCH_COUNT lines from line BENCH_FROM, 0-based, goes to thread
-- k % BENCH_THREADS), writes BENCH_OUT.done-<thread> when its last answer is in and stops; run.sh
-- waits for all of them and ends wrk with SIGINT. The rate is the answers over the time from the
-- first request sent to the last answer read (clock in the script), not wrk's duration.
--
-- BENCH_MODE=create:   list BENCH_ITEMS (lines "<citizen index> <case id>"), tokens BENCH_TOKENS (one
--                      a line): POST /api/v1/payments {"caseId"} with Idempotency-Key
--                      BENCH_KEY_PREFIX-<case id>, as the case's citizen. Each 201's case id, payment id
--                      and provider reference go to BENCH_OUT-<thread>.txt.
-- BENCH_MODE=callback: list BENCH_ITEMS (one notification body a line): POST
--                      /api/v1/payments/callbacks/sandbox, signed when sent as the sandbox signs:
--                      X-Sandbox-Signature t=<now>,v1=<hex HMAC-SHA256(BENCH_SECRET, "<t>.<body>")>
--                      (OpenSSL's HMAC through LuaJIT's FFI; wrk links libcrypto).
--
-- When a thread has sent its share while other connections still wait for answers, a connection
-- that comes free sends GET /api/v1/payments/providers instead, 20 ms later (a few, at the very
-- end); their answers are counted apart (extra=) and are not in the rate. They are in wrk's latency
-- histogram.
-- Prints one machine-readable line (BENCH ...), latencies in microseconds.
local ffi = require("ffi")
ffi.cdef([[
typedef struct { long tv_sec; long tv_nsec; } amtsgang_pay_timespec;
int clock_gettime(int clk_id, amtsgang_pay_timespec *tp);
typedef struct evp_md_st EVP_MD;
const EVP_MD *EVP_sha256(void);
unsigned char *HMAC(const EVP_MD *evp_md, const void *key, int key_len, const unsigned char *d, size_t n,
                    unsigned char *md, unsigned int *md_len);
]])
local clock = ffi.new("amtsgang_pay_timespec")
local function now_ms()
    ffi.C.clock_gettime(1, clock) -- CLOCK_MONOTONIC
    return tonumber(clock.tv_sec) * 1000 + tonumber(clock.tv_nsec) / 1e6
end

local threads = {}

function setup(thread)
    table.insert(threads, thread)
    thread:set("tid", #threads)
end

local function lines(path)
    local out = {}
    local f = assert(io.open(path, "r"), "cannot read " .. tostring(path))
    for line in f:lines() do
        if line ~= "" then
            table.insert(out, line)
        end
    end
    f:close()
    return out
end

local HEX = {}
for i = 0, 255 do
    HEX[i] = string.format("%02x", i)
end
local mac = ffi.new("unsigned char[32]")
local mac_len = ffi.new("unsigned int[1]")
local sha256

local function sign(secret, body)
    local t = tostring(os.time())
    local msg = t .. "." .. body
    ffi.C.HMAC(sha256, secret, #secret, msg, #msg, mac, mac_len)
    local hex = {}
    for i = 0, 31 do
        hex[i + 1] = HEX[mac[i]]
    end
    return "t=" .. t .. ",v1=" .. table.concat(hex)
end

function init(args)
    mode = os.getenv("BENCH_MODE")
    local nthreads = tonumber(os.getenv("BENCH_THREADS") or "2")
    local from = tonumber(os.getenv("BENCH_FROM") or "0")
    local count = tonumber(os.getenv("BENCH_COUNT") or "0")
    out_prefix = os.getenv("BENCH_OUT")
    local all = lines(os.getenv("BENCH_ITEMS"))
    items = {}
    for k = 0, count - 1 do
        if k % nthreads == tid - 1 and all[from + k + 1] then
            table.insert(items, all[from + k + 1])
        end
    end
    all = nil
    n = #items
    sent, answered, extra_sent, extra = 0, 0, 0, 0
    s201, s204, s200, s401, s404, s409, s4xx, s5xx, sother = 0, 0, 0, 0, 0, 0, 0, 0, 0
    if mode == "create" then
        tokens = lines(os.getenv("BENCH_TOKENS"))
        key_prefix = os.getenv("BENCH_KEY_PREFIX") or "bench"
        created = assert(io.open(out_prefix .. "-" .. tid .. ".txt", "w"))
        created:setvbuf("full")
    elseif mode == "callback" then
        secret = os.getenv("BENCH_SECRET")
        sha256 = ffi.C.EVP_sha256()
    else
        error("BENCH_MODE must be create or callback")
    end
    headers = { ["Content-Type"] = "application/json", ["Accept"] = "application/json" }
    extra_request = wrk.format("GET", "/api/v1/payments/providers", { ["Accept"] = "application/json" })
    finished = n == 0
    if finished then
        mark_done()
    end
end

local function progress()
    local f = io.open(out_prefix .. ".progress-" .. tid, "w")
    if f then
        f:write(tostring(answered))
        f:close()
    end
end

function mark_done()
    t_last = now_ms()
    if created then
        created:flush()
    end
    progress()
    local f = io.open(out_prefix .. ".done-" .. tid, "w")
    if f then
        f:write(tostring(answered))
        f:close()
    end
    wrk.thread:stop()
end

-- After init, wrk calls request() once on the first thread's state to look at the request (and
-- throws the answer away): that call must not use up an item.
local verified = false

-- A connection that comes free when the thread's list is used up waits 20 ms before its filler
-- request, so that the few fillers do not compete with the last answers of the list.
function delay()
    return sent < n and 0 or 20
end

function request()
    if tid == 1 and not verified then
        verified = true
        return extra_request
    end
    if not t_first then
        t_first = now_ms()
    end
    if sent >= n then
        extra_sent = extra_sent + 1
        return extra_request
    end
    sent = sent + 1
    local item = items[sent]
    if mode == "create" then
        local ci, case_id = string.match(item, "^(%d+)%s+(%S+)")
        headers["Authorization"] = "Bearer " .. tokens[tonumber(ci) + 1]
        headers["Idempotency-Key"] = key_prefix .. "-" .. case_id
        return wrk.format("POST", "/api/v1/payments", headers, '{"caseId":"' .. case_id .. '"}')
    end
    headers["X-Sandbox-Signature"] = sign(secret, item)
    return wrk.format("POST", "/api/v1/payments/callbacks/sandbox", headers, item)
end

function response(status, hdrs, body)
    if status == 200 and body and string.sub(body, 1, 1) == "[" then
        extra = extra + 1 -- the providers list: not one of ours
        return
    end
    answered = answered + 1
    if status == 201 then
        s201 = s201 + 1
        if created then
            local id = string.match(body, '"id"%s*:%s*"([^"]+)"')
            local case_id = string.match(body, '"caseId"%s*:%s*"([^"]+)"')
            local ref = string.match(body, '"providerReference"%s*:%s*"([^"]+)"')
            created:write(tostring(case_id), " ", tostring(id), " ", tostring(ref), "\n")
        end
    elseif status == 204 then
        s204 = s204 + 1
    elseif status == 200 then
        s200 = s200 + 1
    elseif status == 401 then
        s401 = s401 + 1
    elseif status == 404 then
        s404 = s404 + 1
    elseif status == 409 then
        s409 = s409 + 1
    elseif status >= 400 and status < 500 then
        s4xx = s4xx + 1
    elseif status >= 500 then
        s5xx = s5xx + 1
    else
        sother = sother + 1
    end
    local expected = (mode == "create") and 201 or 204
    if status ~= expected and not first_error then
        first_error = status .. " " .. string.sub(string.gsub(body or "", "%s+", " "), 1, 200)
    end
    if answered % 500 == 0 then
        if created then
            created:flush()
        end
        progress()
    end
    if answered >= n and not finished then
        finished = true
        mark_done()
    end
end

function done(summary, latency, requests)
    local keys = { "answered", "extra", "s201", "s204", "s200", "s401", "s404", "s409", "s4xx", "s5xx", "sother" }
    local c = {}
    for _, k in ipairs(keys) do
        c[k] = 0
    end
    local first, last, firsterr, incomplete = nil, nil, "", 0
    for _, t in ipairs(threads) do
        for _, k in ipairs(keys) do
            c[k] = c[k] + (t:get(k) or 0)
        end
        local f, l = t:get("t_first"), t:get("t_last")
        if f and (not first or f < first) then
            first = f
        end
        if not l then
            incomplete = incomplete + 1
        elseif not last or l > last then
            last = l
        end
        local fe = t:get("first_error")
        if fe and firsterr == "" then
            firsterr = fe
        end
    end
    local duration_us = 0
    if first and last then
        duration_us = math.floor((last - first) * 1000)
    end
    local e = summary.errors
    io.write(string.format(
        "BENCH requests=%d duration_us=%d p50_us=%d p95_us=%d p99_us=%d max_us=%d extra=%d s201=%d s204=%d s200=%d s401=%d s404=%d s409=%d s4xx=%d s5xx=%d sother=%d connect=%d read=%d write=%d status=%d timeout=%d incomplete_threads=%d\n",
        c.answered, duration_us, latency:percentile(50.0), latency:percentile(95.0), latency:percentile(99.0),
        latency.max, c.extra, c.s201, c.s204, c.s200, c.s401, c.s404, c.s409, c.s4xx, c.s5xx, c.sother,
        e.connect, e.read, e.write, e.status, e.timeout, incomplete))
    if firsterr ~= "" then
        io.write("FIRST_ERROR " .. firsterr .. "\n")
    end
end
