-- wrk script for the durable intake pass: every request is the next pre-signed respond.io webhook of the file
-- written by `java bench/Bench.java --write-intake-file FILE` (one a line: signature TAB body, each its own event id).
--   wrk -t T -c C -d 10s --latency -s bench/intake.lua http://host:port -- FILE T
-- Thread k of T sends lines k, k+T, k+2T, ...; past the end it starts again (repeated event ids are answered 202 and
-- applied once) and says so.

local threads = {}

function setup(thread)
  table.insert(threads, thread)
  thread:set("index", #threads)
end

function init(args)
  requests = {}
  local step = tonumber(args[2])
  local n = 0
  for line in io.lines(args[1]) do
    n = n + 1
    if (n - index) % step == 0 then
      local tab = line:find("\t", 1, true)
      table.insert(requests, wrk.format("POST", "/webhooks/respondio",
        { ["Content-Type"] = "application/json", ["X-Webhook-Signature"] = line:sub(1, tab - 1) },
        line:sub(tab + 1)))
    end
  end
  next_request = 0
  wrapped = 0
end

function request()
  next_request = next_request + 1
  if next_request > #requests then
    next_request = 1
    wrapped = wrapped + 1
  end
  return requests[next_request]
end

function done(summary, latency, requests)
  for _, thread in ipairs(threads) do
    if thread:get("wrapped") > 0 then
      io.write("note: the request file was too short; some event ids were sent again\n")
      return
    end
  end
end
