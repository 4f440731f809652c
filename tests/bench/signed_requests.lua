-- wrk script for scripts/bench: cycles through pre-signed requests.
--
--   wrk -t T -c C -d 10s -s signed_requests.lua http://127.0.0.1:PORT/ -- DATA.lua
--
-- DATA.lua (written by bench_client.py sign) returns a list of
-- { headers = {...}, body = "..." }: AmazonSSM.GetParameter or
-- secretsmanager.GetSecretValue requests signed with SigV4 ahead of time (a signature stays valid for the 5-minute clock-skew window, so it
-- may be replayed). Each request is formatted once, in init(); request() only hands
-- out the next pre-formatted string, so the client spends its CPU on I/O.
--
-- done() prints one machine-readable line for scripts/bench:
--   BENCH requests=N duration_us=N rps=R p50_us=N p99_us=N non2xx=N
--         connect=N read=N write=N timeout=N
-- non2xx is wrk's own count of HTTP statuses > 399 (its "Non-2xx or 3xx" line).

local threads = {}
local next_id = 0

function setup(thread)
  thread:set("id", next_id)
  next_id = next_id + 1
  table.insert(threads, thread)
end

local formatted = {}
local index = 0

function init(args)
  local data_file = args[1]
  if data_file == nil then
    error("signed_requests.lua: pass the request data file after --")
  end
  local data = dofile(data_file)
  for i, r in ipairs(data) do
    formatted[i] = wrk.format("POST", "/", r.headers, r.body)
  end
  if #formatted == 0 then
    error("signed_requests.lua: no requests in " .. data_file)
  end
  -- Threads start at different places in the list.
  index = ((id or 0) * 7919) % #formatted
end

function request()
  index = index % #formatted + 1
  return formatted[index]
end

function done(summary, latency, requests)
  local e = summary.errors
  local seconds = summary.duration / 1e6
  io.write(string.format(
    "BENCH requests=%d duration_us=%d rps=%.1f p50_us=%d p99_us=%d non2xx=%d " ..
    "connect=%d read=%d write=%d timeout=%d threads=%d\n",
    summary.requests, summary.duration, summary.requests / seconds,
    latency:percentile(50), latency:percentile(99), e.status,
    e.connect, e.read, e.write, e.timeout, #threads))
end
