-- Submits each prepared draft once: POST /api/v1/cases/{reference}/submit with the benchmark's bearer token.
-- Set NARA_BENCH to the folder cases-setup wrote. Counts answers other than 200 (a reused reference would get 422).
local folder = os.getenv("NARA_BENCH")
-- NARA_AUTH=cookie (default: the signed-in citizen's browser cookie) or token (an API bearer token).
local auth = os.getenv("NARA_AUTH") or "cookie"
local credential = io.open(folder .. "/" .. auth):read("*l")
local headers = auth == "token" and { ["Authorization"] = "Bearer " .. credential } or { ["Cookie"] = credential }
local references = {}
for line in io.lines(folder .. "/references") do references[#references + 1] = line end
counter = 0 -- global: done() reads it from each thread
local threads = {}

function setup(thread)
  thread:set("id", #threads)
  threads[#threads + 1] = thread
end

function init(args)
  failures = 0
  headers["Content-Length"] = "0"
  -- Threads do not share state: each takes every n-th reference, n being wrk's -t (NARA_WRK_THREADS, default 2).
  stride = tonumber(os.getenv("NARA_WRK_THREADS") or "2")
  -- NARA_SUBMIT_FROM: the first reference to use (1-based), so a warm-up run can take references the measured run won't.
  first = tonumber(os.getenv("NARA_SUBMIT_FROM") or "1")
  -- NARA_SUBMIT_TO: the last reference this run may use; past it, the run goes round again from its first.
  last = tonumber(os.getenv("NARA_SUBMIT_TO") or tostring(#references))
end

function request()
  local index = first + id + counter * stride
  counter = counter + 1
  if index > last then
    index = (index - first) % (last - first + 1) + first
  end
  return wrk.format("POST", "/api/v1/cases/" .. references[index] .. "/submit", headers)
end

function response(status, headers, body)
  if status ~= 200 then failures = failures + 1 end
end

function done(summary, latency, requests)
  local total = 0
  for _, thread in ipairs(threads) do total = total + thread:get("failures") end
  io.write(string.format("non-200 answers: %d of %d\n", total, summary.requests))
  -- The first reference no thread has taken yet (requests still in flight at the end included), for a next run.
  local next = 0
  for _, thread in ipairs(threads) do
    local taken = thread:get("counter")
    if taken > 0 then next = math.max(next, thread:get("first") + thread:get("id") + (taken - 1) * thread:get("stride") + 1) end
  end
  local file = io.open(folder .. "/next", "w")
  file:write(tostring(next), "\n")
  file:close()
end
