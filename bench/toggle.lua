-- (c) Checklist ticks by many learners at once: POSTs with a valid antiforgery token, as the site's script
-- sends them (Accept: application/json). Request g (unique across threads) ticks item g / #learners of learner
-- g % #learners, so until the pairs run out every request stores a distinct tick: the ticks in the database
-- afterwards can be compared with the ones acknowledged here ("nothing lost").
dofile(os.getenv("LEARNERS_LUA"))

local threads = {}
local count = 0

function setup(thread)
   count = count + 1
   thread:set("id", count - 1)
   thread:set("threads", 0)
   table.insert(threads, thread)
end

function init(args)
   n = 0
   acked = 0
   other = 0
   -- learners[1] is the measured reader of (b); the rest tick here.
   pool = #learners - 1
   total = tonumber(os.getenv("TOGGLE_THREADS") or "2")
end

function request()
   local g = id + total * n
   n = n + 1
   local learner = learners[2 + (g % pool)]
   local key = keys[1 + (math.floor(g / pool) % #keys)]
   local body = "__RequestVerificationToken=" .. token .. "&key=" .. key .. "&done=true"
   return wrk.format("POST", page .. "?handler=Tick", {
      ["Cookie"] = antiforgery_cookie .. "; learner=" .. learner,
      ["Content-Type"] = "application/x-www-form-urlencoded",
      ["Accept"] = "application/json",
   }, body)
end

function response(status, headers, body)
   if status == 200 then acked = acked + 1 else other = other + 1 end
end

function done(summary, latency, requests)
   local a, o, sent = 0, 0, 0
   for _, thread in ipairs(threads) do
      a = a + thread:get("acked")
      o = o + thread:get("other")
      sent = sent + thread:get("n")
   end
   io.write(string.format("toggle: acked=%d failed=%d sent=%d pairs=%d\n", a, o, sent, (#learners - 1) * #keys))
end
