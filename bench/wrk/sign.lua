-- Sends unique signatures: POST /api/v1/petitions/{NARA_PETITION or 1}/signatures, JSON body, a new address each time.
-- Counts answers other than 202 (Accepted after commit).
local petition = os.getenv("NARA_PETITION") or "1"
local regions = { "capital", "north", "south", "east", "west" }
local counter = 0
local threads = {}

function setup(thread)
  thread:set("id", #threads)
  threads[#threads + 1] = thread
end

function init(args)
  failures = 0
  run = os.getenv("NARA_RUN") or tostring(os.time())
end

function request()
  counter = counter + 1
  local body = string.format('{"name":"Bench Signer %d","email":"s%s-%d-%d@bench.example","region":"%s","declaration":true,"notify":%s}',
    counter, run, id, counter, regions[counter % 5 + 1], counter % 3 == 0 and "true" or "false")
  return wrk.format("POST", "/api/v1/petitions/" .. petition .. "/signatures", { ["Content-Type"] = "application/json" }, body)
end

function response(status, headers, body)
  if status ~= 202 then failures = failures + 1 end
end

function done(summary, latency, requests)
  local total = 0
  for _, thread in ipairs(threads) do total = total + thread:get("failures") end
  io.write(string.format("non-202 answers: %d of %d\n", total, summary.requests))
end
