-- make bench: search queries in turn (names in two scripts, common words, a phrase, a misspelling), each a GET of
-- /api/v1/search; prints the 95th percentile of latency for run.sh.
local queries = {"BTS", "Im Siwan", "임시완", "Run On", "comeback", "anniversaires", "Yim Si-wan", "concert fans",
                 "new album", "Shin Se Kyung drama", "\"music video\"", "BLACKPINK Lisa", "jimin", "yoona",
                 "blakpink", "The King Loves", "debut stage", "the"}
local i = 0

local function encode(s)
  return (s:gsub("[^%w%-_%.~]", function(c) return string.format("%%%02X", string.byte(c)) end))
end

request = function()
  i = i + 1
  return wrk.format("GET", "/api/v1/search?q=" .. encode(queries[(i % #queries) + 1]))
end

done = function(summary, latency, requests)
  io.write(string.format("p95_us %d\n", latency:percentile(95)))
end
