-- wrk script for intake's HTTP channel at full speed (issue 13): every request opens a ticket
-- with `POST /api/tickets`, carries its own Idempotency-Key (run, thread, counter) and the
-- administrator's session as a bearer token (ARIANNA_BENCH_TOKEN). `done` prints the tickets per
-- second (201 answers only) and the latency percentiles.
local threads = {}

function setup(thread)
  thread:set("thread_number", #threads + 1)
  table.insert(threads, thread)
end

function init(args)
  token = os.getenv("ARIANNA_BENCH_TOKEN") or ""
  run = args[1] or tostring(os.time())
  counter = 0
end

function request()
  counter = counter + 1
  local key = string.format("wrk-%s-%d-%d", run, thread_number, counter)
  local customer = counter % 50
  local body = string.format(
    '{"activityTypeCode":"REPAIR","customer":{"name":"Bench customer %d","email":"bench%d@example.com"},'
      .. '"siteZone":"Milano","description":"Benchmark ticket %s","customFields":{"appliance":"Forno"}}',
    customer, customer, key)
  return wrk.format("POST", "/api/tickets", {
    ["Content-Type"] = "application/json",
    ["Authorization"] = "Bearer " .. token,
    ["Idempotency-Key"] = key,
  }, body)
end

function done(summary, latency, requests)
  local seconds = summary.duration / 1e6
  local refused = summary.errors.status
  local failed = summary.errors.connect + summary.errors.read + summary.errors.write + summary.errors.timeout
  io.write(string.format("intake HTTP unpaced: %d requests in %.2f s, %d not 2xx, %d socket errors\n",
    summary.requests, seconds, refused, failed))
  io.write(string.format("intake HTTP throughput: %.0f tickets/s\n", (summary.requests - refused) / seconds))
  io.write(string.format("intake HTTP latency: p50=%.1f ms p90=%.1f ms p99=%.1f ms max=%.1f ms\n",
    latency:percentile(50) / 1000, latency:percentile(90) / 1000, latency:percentile(99) / 1000, latency.max / 1000))
end
