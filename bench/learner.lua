-- (b) The tutorial page for a learner with ticks: what their browser sends on every request, their learner cookie
-- and the antiforgery cookie it got with its first tick. LEARNERS_LUA names the file written by
-- `TutorialSite.Bench learners`; learners[1] has ticked items here.
dofile(os.getenv("LEARNERS_LUA"))
wrk.headers["Cookie"] = antiforgery_cookie .. "; learner=" .. learners[1]
