-- wrk script for benchmarks/live.py: citizens sending questions from the live page.
-- Each request posts a different question with the CSRF cookie and token of one viewer.
-- Environment: CSRF_COOKIE (the csrftoken cookie), CSRF_TOKEN (the form's token).

local cookie = os.getenv("CSRF_COOKIE")
local token = os.getenv("CSRF_TOKEN")
local counter = 0
statuses = {}  -- a global: done() reads it from each thread
local threads = {}
thread_id = 0  -- a global: setup() sets it in each thread

function setup(thread)
  thread:set("thread_id", #threads + 1)
  table.insert(threads, thread)
end

function init(args)
  statuses = {}
end

function request()
  counter = counter + 1
  local body = "csrfmiddlewaretoken=" .. token
    .. "&text=When+will+the+road+to+village+number+" .. thread_id .. "-" .. counter .. "+be+repaired%3F"
  return wrk.format("POST", nil, {
    ["Content-Type"] = "application/x-www-form-urlencoded",
    ["Cookie"] = "csrftoken=" .. cookie,
  }, body)
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
