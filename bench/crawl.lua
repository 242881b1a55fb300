-- wrk: the long tail, as a crawler or a spread-out spike asks for it, with a browser's
-- Accept-Encoding. Script arguments: PATHS_FILE THREADS CONNECTIONS [MIX].
-- Without MIX: every path of the file once, in its order, shared out between wrk's threads;
-- each thread stops once its share is answered. With MIX: MIX paths drawn at random (the same
-- draw every run). wrk waits out its whole -d before printing, so the rate is worked out here,
-- from the first request to the last answer, and printed as "crawl_rps".
--
-- No response(): wrk then hands no answer to Lua (a table of its headers and a string of its
-- body each, collected later), which cost the crawler about 20 us of CPU an answer on the CPUs it
-- shares with the server. Answers are counted from request() instead: wrk asks each connection's
-- first request as it connects and every later one once the answer before it is complete. It may
-- also ask again when a write must be retried, and the last pages' answers come in any order, so
-- the crawl ends one round of answers (one a connection) after the count first says so: later
-- by a few milliseconds in a crawl of seconds, never before its last page is answered.
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
  local count, connections, mix = tonumber(args[2]), tonumber(args[3]), tonumber(args[4] or "0")
  local all = {}
  for line in io.lines(args[1]) do all[#all + 1] = line end
  wrk.headers["Accept-Encoding"] = "br, gzip"
  local chosen = {}
  if mix > 0 then
    math.randomseed(20000 + index)
    for _ = 1, math.floor(mix / count) do chosen[#chosen + 1] = all[math.random(#all)] end
  else
    for i = index + 1, #all, count do chosen[#chosen + 1] = all[i] end
  end
  -- Made before the first request, outside the time measured.
  requests = {}
  for i, path in ipairs(chosen) do requests[i] = wrk.format("GET", path) end
  pages = #requests
  -- wrk gives each thread CONNECTIONS / THREADS connections, the remainder to none.
  own_connections = math.floor(connections / count)
  sent = 0
end

function request()
  if sent == 0 then started = now() end
  sent = sent + 1
  -- Every call past each connection's first is an answer: all pages are in, with a round to spare.
  if sent - own_connections == pages + own_connections then
    finished = now()
    wrk.thread:stop()
  end
  -- Past the end (connections still open while the last answers come): the last path again.
  return requests[math.min(sent, pages)]
end

function done(summary, latency, requests)
  local first, last, pages = nil, nil, 0
  for _, thread in ipairs(threads) do
    local started, finished = thread:get("started"), thread:get("finished")
    if started and finished then
      first = first and math.min(first, started) or started
      last = last and math.max(last, finished) or finished
      pages = pages + thread:get("pages")
    end
  end
  if first and last > first then io.write(string.format("crawl_rps %.1f\ncrawl_pages %d\n", pages / (last - first), pages)) end
end
