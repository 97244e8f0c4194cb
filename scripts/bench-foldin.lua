-- wrk script for FOLD_IN=1 scripts/bench-serve.sh: POST /v1/recommendations {"items": [...], "k": K}, one
-- anonymous history per line of the file given after "--" (a JSON array of item ids per line), walked from a
-- different start by each wrk thread.
local bodies = {}
local next_index = 1
local threads_started = 0

function setup(thread)
  thread:set("id", threads_started)
  threads_started = threads_started + 1
end

function init(args)
  local k = args[2] or "20"
  for line in io.lines(args[1]) do
    if #line > 0 then bodies[#bodies + 1] = '{"items": ' .. line .. ', "k": ' .. k .. '}' end
  end
  next_index = (id * 7919) % #bodies + 1
end

function request()
  local body = bodies[next_index]
  next_index = next_index % #bodies + 1
  return wrk.format("POST", "/v1/recommendations", {["Content-Type"] = "application/json"}, body)
end

function done(summary, latency, requests)
  local seconds = summary.duration / 1e6
  io.write(string.format("requests: %d in %.1f s, %.0f requests/s; errors: connect %d, read %d, write %d, status %d, timeout %d\n",
    summary.requests, seconds, summary.requests / seconds, summary.errors.connect, summary.errors.read,
    summary.errors.write, summary.errors.status, summary.errors.timeout))
  io.write(string.format("latency: p50 %.2f ms, p90 %.2f ms, p99 %.2f ms, max %.2f ms\n",
    latency:percentile(50) / 1000, latency:percentile(90) / 1000, latency:percentile(99) / 1000, latency.max / 1000))
end
