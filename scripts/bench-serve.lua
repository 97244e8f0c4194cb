-- wrk script for scripts/bench-serve.sh: GET /v1/users/{id}/recommendations?k=K over many user ids.
-- Each wrk thread reads the id file given after "--" and walks it from its own start, so
-- the requests spread over users (and over the per-user training rows) as real traffic would.
local ids = {}
local next_index = 1
local k = 20
local threads_started = 0

-- runs in wrk's main Lua state once per thread: gives each thread its own start in the id list
function setup(thread)
  thread:set("id", threads_started)
  threads_started = threads_started + 1
end

local function urlencode(s)
  return (s:gsub("[^%w%-%._~]", function(c) return string.format("%%%02X", string.byte(c)) end))
end

function init(args)
  for line in io.lines(args[1]) do
    if #line > 0 then ids[#ids + 1] = "/v1/users/" .. urlencode(line) .. "/recommendations?k=" end
  end
  k = tonumber(args[2] or "20")
  next_index = (id * 7919) % #ids + 1
end

function request()
  local path = ids[next_index] .. k
  next_index = next_index % #ids + 1
  return wrk.format("GET", path)
end

function done(summary, latency, requests)
  local seconds = summary.duration / 1e6
  io.write(string.format("requests: %d in %.1f s, %.0f requests/s; errors: connect %d, read %d, write %d, status %d, timeout %d\n",
    summary.requests, seconds, summary.requests / seconds, summary.errors.connect, summary.errors.read,
    summary.errors.write, summary.errors.status, summary.errors.timeout))
  io.write(string.format("latency: p50 %.2f ms, p90 %.2f ms, p99 %.2f ms, max %.2f ms\n",
    latency:percentile(50) / 1000, latency:percentile(90) / 1000, latency:percentile(99) / 1000, latency.max / 1000))
end
