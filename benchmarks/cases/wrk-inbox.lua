-- wrk script for the staff inbox (part of benchmarks/cases/run.sh): GET
-- /api/v1/offices/<BENCH_OFFICE>/cases with filters, rotating over the query kinds below (or only
-- the kind BENCH_KIND names), with the caseworker's token (BENCH_TOKEN). BENCH_ME is the
-- caseworker's subject, for assignee=me. Counts non-2xx answers and prints one machine-readable
-- line at the end. Latencies in microseconds.
local KINDS = {
    { "status", "status=SUBMITTED,IN_REVIEW" },
    { "status+service", "status=SUBMITTED,IN_REVIEW&service=${SERVICE}" },
    { "assignee=me", "assignee=${ME}" },
    { "assignee=none", "status=SUBMITTED&assignee=none" },
    { "olderThanDays=30", "status=SUBMITTED,IN_REVIEW&olderThanDays=30" },
    { "overdue", "overdue=true" },
    { "deep page", "status=SUBMITTED,IN_REVIEW&page=20" },
}
local threads = {}

function setup(thread)
    table.insert(threads, thread)
    thread:set("tid", #threads)
end

function init(args)
    local office = os.getenv("BENCH_OFFICE") or "steueramt"
    local me = os.getenv("BENCH_ME") or error("BENCH_ME is empty")
    local service = os.getenv("BENCH_SERVICE") or "steueramt-hundesteuer-anmeldung"
    local only = os.getenv("BENCH_KIND") or ""
    local size = os.getenv("BENCH_SIZE") or "50"
    paths = {}
    for _, k in ipairs(KINDS) do
        if only == "" or only == k[1] then
            local q = string.gsub(string.gsub(k[2], "${ME}", me), "${SERVICE}", service)
            table.insert(paths, "/api/v1/offices/" .. office .. "/cases?" .. q .. "&size=" .. size)
        end
    end
    if #paths == 0 then
        error("no query kind named '" .. only .. "'")
    end
    headers = { ["Accept"] = "application/json", ["Authorization"] = "Bearer " .. (os.getenv("BENCH_TOKEN") or "") }
    -- threads start at different kinds, so that the mix is even from the first request on
    n = tid
    non2xx = 0
end

function request()
    n = n + 1
    return wrk.format("GET", paths[(n % #paths) + 1], headers)
end

function response(status, hdrs, body)
    if status < 200 or status > 299 then
        non2xx = non2xx + 1
        if not first_error then
            first_error = status .. " " .. string.sub(string.gsub(body or "", "%s+", " "), 1, 200)
        end
    end
end

function done(summary, latency, requests)
    local bad, firsterr = 0, ""
    for _, t in ipairs(threads) do
        bad = bad + (t:get("non2xx") or 0)
        local fe = t:get("first_error")
        if fe and firsterr == "" then
            firsterr = fe
        end
    end
    local e = summary.errors
    io.write(string.format(
        "BENCH requests=%d duration_us=%d p50_us=%d p95_us=%d p99_us=%d max_us=%d non2xx=%d connect=%d read=%d write=%d status=%d timeout=%d\n",
        summary.requests, summary.duration, latency:percentile(50.0), latency:percentile(95.0),
        latency:percentile(99.0), latency.max, bad, e.connect, e.read, e.write, e.status, e.timeout))
    if firsterr ~= "" then
        io.write("FIRST_ERROR " .. firsterr .. "\n")
    end
end
