-- wrk: POST a reaction, each request a new anonymous reader (no cookie), all six in turn.
wrk.method = "POST"
wrk.headers["Content-Type"] = "application/json"
local names = {"like", "support", "congrats", "cant_wait", "surprised", "sad"}
local i = 0
request = function()
  i = i + 1
  return wrk.format(nil, nil, nil, '{"reaction":"' .. names[(i % 6) + 1] .. '"}')
end
