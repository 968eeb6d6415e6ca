-- (b) The tutorial page for a learner with ticks: their cookie on every request.
-- LEARNERS_LUA names the file written by `TutorialSite.Bench learners`; learners[1] has ticked items here.
dofile(os.getenv("LEARNERS_LUA"))
wrk.headers["Cookie"] = "learner=" .. learners[1]
