-- wrk: the long tail, as a crawler or a spread-out spike asks for it, with a browser's
-- Accept-Encoding. Script arguments: PATHS_FILE THREADS [MIX].
-- Without MIX: every path of the file once, in its order, shared out between wrk's threads;
-- each thread stops once its share is answered. With MIX: MIX paths drawn at random (the same
-- draw every run). wrk waits out its whole -d before printing, so the rate is worked out here,
-- from the first request to the last answer, and printed as "crawl_rps".
local ffi = require("ffi")
ffi.cdef [[
  typedef struct { long tv_sec; long tv_nsec; } crawl_timespec;
  int clock_gettime(int clock, crawl_timespec* now);
]]
local function now()
  local t = ffi.new("crawl_timespec")
  ffi.C.clock_gettime(1, t)  -- CLOCK_MONOTONIC
  return tonumber(t.tv_sec) + tonumber(t.tv_nsec) / 1e9
end

local threads = {}
function setup(thread)
  thread:set("index", #threads)
  threads[#threads + 1] = thread
end

function init(args)
  local count, mix = tonumber(args[2]), tonumber(args[3] or "0")
  local all = {}
  for line in io.lines(args[1]) do all[#all + 1] = line end
  paths = {}
  if mix > 0 then
    math.randomseed(20000 + index)
    for _ = 1, math.floor(mix / count) do paths[#paths + 1] = all[math.random(#all)] end
  else
    for i = index + 1, #all, count do paths[#paths + 1] = all[i] end
  end
  sent, answered = 0, 0
  wrk.headers["Accept-Encoding"] = "br, gzip"
end

function request()
  if sent == 0 then started = now() end
  sent = sent + 1
  -- Past the end (connections still open while the last answers come): the last path again.
  return wrk.format("GET", paths[math.min(sent, #paths)])
end

function response(status, headers, body)
  answered = answered + 1
  if answered == #paths then
    finished = now()
    wrk.thread:stop()
  end
end

function done(summary, latency, requests)
  local first, last, pages = nil, nil, 0
  for _, thread in ipairs(threads) do
    local started, finished = thread:get("started"), thread:get("finished")
    if started and finished then
      first = first and math.min(first, started) or started
      last = last and math.max(last, finished) or finished
      pages = pages + #thread:get("paths")
    end
  end
  if first and last > first then io.write(string.format("crawl_rps %.1f\ncrawl_pages %d\n", pages / (last - first), pages)) end
end
