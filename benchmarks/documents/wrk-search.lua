-- wrk script for the document search (part of benchmarks/documents/run.sh): GET
-- /api/v1/documents/search with the query strings of BENCH_QUERIES (lines "kind<TAB>query", written by
-- SeedIndex.java: words, aktenzeichen, gemarkung+flur+flurstueck, year+word, address, page5), in turn,
-- with the token BENCH_TOKEN; BENCH_KIND keeps one kind only. Counts non-2xx answers and answers whose
-- total is 0 (empty); with BENCH_EXPECT_EMPTY=1 (a citizen, who may read none of the documents) every
-- answer with hits counts as a leak. Prints one machine-readable line at the end; latencies in
-- microseconds.
local threads = {}

function setup(thread)
    table.insert(threads, thread)
    thread:set("tid", #threads)
end

function init(args)
    local file = os.getenv("BENCH_QUERIES") or error("BENCH_QUERIES is empty")
    local only = os.getenv("BENCH_KIND") or ""
    local size = os.getenv("BENCH_SIZE") or "20"
    paths = {}
    for line in io.lines(file) do
        local kind, q = string.match(line, "^([^\t]+)\t(.+)$")
        if kind and (only == "" or only == kind) then
            table.insert(paths, "/api/v1/documents/search?" .. q .. "&size=" .. size)
        end
    end
    if #paths == 0 then
        error("no queries of kind '" .. only .. "' in " .. file)
    end
    headers = { ["Accept"] = "application/json", ["Authorization"] = "Bearer " .. (os.getenv("BENCH_TOKEN") or "") }
    expect_empty = os.getenv("BENCH_EXPECT_EMPTY") == "1"
    -- the threads start at different places, so that the mix is even from the first request on
    n = math.floor((tid - 1) * #paths / 2)
    non2xx = 0
    empty = 0
    leaks = 0
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
        return
    end
    if string.find(body or "", '"total":0[,}]') then
        empty = empty + 1
    elseif expect_empty then
        leaks = leaks + 1
        if not first_error then
            first_error = "hits for a reader who may see none: " .. string.sub(body or "", 1, 200)
        end
    end
end

function done(summary, latency, requests)
    local bad, nempty, nleaks, firsterr = 0, 0, 0, ""
    for _, t in ipairs(threads) do
        bad = bad + (t:get("non2xx") or 0)
        nempty = nempty + (t:get("empty") or 0)
        nleaks = nleaks + (t:get("leaks") or 0)
        local fe = t:get("first_error")
        if fe and firsterr == "" then
            firsterr = fe
        end
    end
    local e = summary.errors
    io.write(string.format(
        "BENCH requests=%d duration_us=%d p50_us=%d p95_us=%d p99_us=%d max_us=%d non2xx=%d empty=%d leaks=%d connect=%d read=%d write=%d status=%d timeout=%d\n",
        summary.requests, summary.duration, latency:percentile(50.0), latency:percentile(95.0),
        latency:percentile(99.0), latency.max, bad, nempty, nleaks, e.connect, e.read, e.write, e.status, e.timeout))
    if firsterr ~= "" then
        io.write("FIRST_ERROR " .. firsterr .. "\n")
    end
end
