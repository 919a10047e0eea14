-- wrk script for benchmarks/live.py: the live page's polls.
-- Most viewers poll with the ETag of the revision they show (304); every FULL_EVERY-th request has no
-- ETag, as a viewer who just opened the page (a full 200 with the questions).
-- Environment: LIVE_ETAG (the current ETag), FULL_EVERY (default 10).

local etag = os.getenv("LIVE_ETAG")
local full_every = tonumber(os.getenv("FULL_EVERY") or "10")
local counter = 0
statuses = {}  -- a global: done() reads it from each thread
local threads = {}

function setup(thread)
  table.insert(threads, thread)
end

function init(args)
  statuses = {}
end

function request()
  counter = counter + 1
  if full_every > 0 and counter % full_every == 0 then
    return wrk.format("GET", nil, {})
  end
  return wrk.format("GET", nil, { ["If-None-Match"] = etag })
end

function response(status, headers, body)
  statuses[status] = (statuses[status] or 0) + 1
end

function done(summary, latency, requests)
  local totals = {}
  for _, thread in ipairs(threads) do
    local counts = thread:get("statuses")
    for status, count in pairs(counts) do
      totals[status] = (totals[status] or 0) + count
    end
  end
  for status, count in pairs(totals) do
    io.write(string.format("status %d %d\n", status, count))
  end
end
