-- wrk script for bench/load.py: POST an article to /api/v1/analyze.
-- QT_BODY names a file holding the JSON body. In "fresh" mode each request puts its own
-- number in place of @N@ (the article's title), so the server parses every request anew;
-- in "reload" mode the body never changes and the server answers from its response cache.
-- QT_MAX bounds the requests each wrk thread sends; the run is bounded in time by wrk -d.

local body_file = assert(io.open(os.getenv("QT_BODY"), "r"))
local template = body_file:read("*a")
body_file:close()
local fresh = os.getenv("QT_MODE") == "fresh"
local max_requests = tonumber(os.getenv("QT_MAX") or "100000")

local threads = {}
local counter = 1

function setup(thread)
   thread:set("id", counter)
   counter = counter + 1
   table.insert(threads, thread)
end

function init(args)
   sent = 0
   answered = 0
   wrk.method = "POST"
   wrk.path = "/api/v1/analyze"
   wrk.headers["Content-Type"] = "application/json"
   wrk.body = template
end

function request()
   sent = sent + 1
   if fresh then
      local body = template:gsub("@N@", id .. "-" .. sent)
      return wrk.format(nil, nil, nil, body)
   end
   return wrk.format()
end

function response(status, headers, body)
   answered = answered + 1
   if answered >= max_requests then
      wrk.thread:stop()
   end
end

function done(summary, latency, requests)
   local e = summary.errors
   io.write(string.format(
      'QT_RESULT {"requests": %d, "duration_us": %d, "p50_us": %d, "p99_us": %d, "max_us": %d, ' ..
      '"connect": %d, "read": %d, "write": %d, "status": %d, "timeout": %d}\n',
      summary.requests, summary.duration, latency:percentile(50), latency:percentile(99), latency.max,
      e.connect, e.read, e.write, e.status, e.timeout))
end
