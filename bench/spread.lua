-- wrk script of bench/load.sh: spreads the load over the app servers named in
-- LOAD_SERVERS ("127.0.0.1:8001 127.0.0.1:8002"), one wrk thread after another to each
-- server in turn (so give wrk at least as many threads as servers), asks for the paths in
-- LOAD_PATHS in turn when it is set (mixed pages), and prints one line
-- that load.sh reads:
--   RESULT <requests/s> <p50 ms> <p95 ms> <p99 ms> <errors> <requests sent to each server, comma-separated>
-- Errors are socket errors, timeouts and answers with a status of 400 or more.

local servers = {}
for host, port in string.gmatch(os.getenv("LOAD_SERVERS") or "", "([^%s:]+):(%d+)") do
    table.insert(servers, { host = host, port = port })
end

local threads = {}

function setup(thread)
    if #servers == 0 then
        error("LOAD_SERVERS names no host:port")
    end
    local number = #threads + 1
    local server = servers[(number - 1) % #servers + 1]
    thread.addr = wrk.lookup(server.host, server.port)[1]
    thread:set("server", (number - 1) % #servers + 1)
    table.insert(threads, thread)
end

-- LOAD_PATHS ("/timeline/ /map/ ..."), when set, are asked for in turn (mixed pages);
-- otherwise every request asks for the URL wrk was given.
local paths = {}
for path in string.gmatch(os.getenv("LOAD_PATHS") or "", "%S+") do
    table.insert(paths, path)
end

local prepared
sent = 0

function init(args)
    prepared = {}
    if #paths == 0 then
        prepared[1] = wrk.format()
    else
        for index, path in ipairs(paths) do
            prepared[index] = wrk.format("GET", path)
        end
    end
end

function request()
    sent = sent + 1
    return prepared[(sent - 1) % #prepared + 1]
end

function done(summary, latency, requests)
    local per_server = {}
    for index = 1, #servers do
        per_server[index] = 0
    end
    for _, thread in ipairs(threads) do
        local index = thread:get("server")
        per_server[index] = per_server[index] + thread:get("sent")
    end
    local errors = summary.errors
    io.write(string.format(
        "RESULT %.1f %.1f %.1f %.1f %d %s\n",
        summary.requests / (summary.duration / 1e6),
        latency:percentile(50) / 1000,
        latency:percentile(95) / 1000,
        latency:percentile(99) / 1000,
        errors.connect + errors.read + errors.write + errors.timeout + errors.status,
        table.concat(per_server, ",")
    ))
end
