-- wrk: pages no cache holds yet, each a different one (an article of the API, one id after
-- another among the site's 100,000, from a random start), so every request reads the database.
local id = math.random(1, 100000)
request = function()
  id = id % 100000 + 1
  return wrk.format("GET", "/api/v1/articles/" .. id)
end
