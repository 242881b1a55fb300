-- wrk: POST a comment through the API, each request a new reader (no cookie) with a text of its own.
wrk.method = "POST"
wrk.headers["Content-Type"] = "application/json"
local i = 0
local thread_mark
init = function()
  math.randomseed(os.time() + math.floor(os.clock() * 1000000))
  thread_mark = tostring(math.random(1, 1000000000))
end
request = function()
  i = i + 1
  return wrk.format(nil, nil, nil, '{"author":"Lecteur ' .. i .. '","body":"Commentaire ' .. thread_mark .. '-' .. i ..
    ' : quel épisode, *vraiment* !"}')
end
