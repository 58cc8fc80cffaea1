-- Reads case pages: GET /cases/{reference} (the applicant's HTML page) over the first NARA_READ_COUNT (default 1000)
-- of the applications cases-setup submitted (a draft's page would redirect to its check page instead).
local folder = os.getenv("NARA_BENCH")
-- NARA_AUTH=cookie (default: the signed-in citizen's browser cookie) or token (an API bearer token).
local auth = os.getenv("NARA_AUTH") or "cookie"
local credential = io.open(folder .. "/" .. auth):read("*l")
local headers = auth == "token" and { ["Authorization"] = "Bearer " .. credential } or { ["Cookie"] = credential }
local references = {}
for line in io.lines(folder .. "/submitted") do references[#references + 1] = line end
local counter = 0
local threads = {}

function setup(thread)
  thread:set("id", #threads)
  threads[#threads + 1] = thread
end

function init(args)
  failures = 0
end

function request()
  counter = counter + 1
  local index = (id * 7919 + counter) % math.min(#references, tonumber(os.getenv("NARA_READ_COUNT") or "1000")) + 1
  return wrk.format("GET", (os.getenv("NARA_READ_PATH") or "/cases/") .. references[index], headers)
end

function response(status, headers, body)
  if status ~= 200 then failures = failures + 1 end
end

function done(summary, latency, requests)
  local total = 0
  for _, thread in ipairs(threads) do total = total + thread:get("failures") end
  io.write(string.format("non-200 answers: %d of %d\n", total, summary.requests))
end
