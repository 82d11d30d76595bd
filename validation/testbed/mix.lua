-- wrk request mix for the testbed (wrk 4.1, one Lua state per thread).
-- TESTBED_MIX=mixed (default): every 10th request of each thread is a write (POST /write/), the other
-- nine the page (GET /page/): exactly 90 % page, 10 % write, deterministic rather than random.
-- TESTBED_MIX=page: only GET /page/.  TESTBED_MIX=ping: only GET /ping/ (no database).
-- done() prints one line `wrk-json {...}` with the counts and latency percentiles in microseconds.

local mix = os.getenv("TESTBED_MIX") or "mixed"
if mix ~= "mixed" and mix ~= "page" and mix ~= "ping" then
  error("TESTBED_MIX must be mixed, page or ping, was " .. mix)
end

local counter = 0
local page_req, ping_req, write_req

function init(args)
  page_req = wrk.format("GET", "/page/")
  ping_req = wrk.format("GET", "/ping/")
end

function request()
  counter = counter + 1
  if mix == "ping" then
    return ping_req
  end
  if mix == "mixed" and counter % 10 == 0 then
    local body = "title=wrk+" .. counter .. "&body=written+by+the+load+generator"
    return wrk.format("POST", "/write/", {["Content-Type"] = "application/x-www-form-urlencoded"}, body)
  end
  return page_req
end

function done(summary, latency, requests)
  local e = summary.errors
  io.write(string.format(
    'wrk-json {"mix":"%s","requests":%d,"duration_us":%d,"bytes":%d,' ..
    '"errors":{"connect":%d,"read":%d,"write":%d,"status":%d,"timeout":%d},' ..
    '"latency_us":{"mean":%.1f,"stdev":%.1f,"min":%d,"max":%d,"p50":%d,"p75":%d,"p90":%d,"p99":%d,"p99_9":%d}}\n',
    mix, summary.requests, summary.duration, summary.bytes,
    e.connect, e.read, e.write, e.status, e.timeout,
    latency.mean, latency.stdev, latency.min, latency.max,
    latency:percentile(50), latency:percentile(75), latency:percentile(90),
    latency:percentile(99), latency:percentile(99.9)))
end
