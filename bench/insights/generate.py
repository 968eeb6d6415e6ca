"""Synthetic content and progress for bench/insights/run.sh: LEARNERS learners over TUTORIALS tutorials.

Courses of 20 tutorials, each with 5 takeaways and 3 practice tasks (explicit keys). A learner picks a course, goes
on to the next tutorial with probability 0.8 (so a course loses a fifth of its learners at each step), ticks each item
of a tutorial they reach with probability 0.7, and has answered a review of a ticked takeaway with probability 0.3.
Seeded: the same arguments give the same data. Writes OUT/content/ and OUT/{learners,ticks,reviews}.csv.
"""
import csv, os, random, sys

learners, tutorials, out = int(sys.argv[1]), int(sys.argv[2]), sys.argv[3]
random.seed(18)
per_course = 20
courses = (tutorials + per_course - 1) // per_course
takeaways = [f"takeaway-{i}" for i in range(5)]
tasks = [f"task-{i}" for i in range(3)]
for c in range(courses):
    folder = os.path.join(out, "content", f"course-{c:03d}")
    os.makedirs(folder, exist_ok=True)
    with open(os.path.join(folder, "_index.md"), "w") as f:
        f.write(f"---\ntitle: Course {c}\norder: {c}\n---\n\nA generated course.\n")
    for t in range(min(per_course, tutorials - c * per_course)):
        with open(os.path.join(folder, f"{t + 1:02d}-tutorial-{t:02d}.md"), "w") as f:
            f.write(f"---\ntitle: Tutorial {c}.{t}\ndescription: Generated.\n---\n\nSome text.\n\n## Key Takeaways\n\n")
            f.write("".join(f"- I can do thing {i}. {{#{k}}}\n" for i, k in enumerate(takeaways)))
            f.write("\n## Practice Tasks\n\n")
            f.write("".join(f"- Do task {i}. {{#{k}}}\n" for i, k in enumerate(tasks)))
with open(os.path.join(out, "learners.csv"), "w", newline="") as lf, \
     open(os.path.join(out, "ticks.csv"), "w", newline="") as tf, \
     open(os.path.join(out, "reviews.csv"), "w", newline="") as rf:
    lw, tw, rw = csv.writer(lf), csv.writer(tf), csv.writer(rf)
    counts = [0, 0, 0]
    for l in range(learners):
        learner = f"bench{l:038d}"
        lw.writerow([learner, "2026-11-01 10:00:00"])
        counts[0] += 1
        c = random.randrange(courses)
        length = min(per_course, tutorials - c * per_course)
        t = 0
        while t < length:
            for key in takeaways + tasks:
                if random.random() < 0.7:
                    tw.writerow([learner, f"course-{c:03d}", f"tutorial-{t:02d}", key, "2026-11-01 10:00:00"])
                    counts[1] += 1
                    if key.startswith("takeaway") and random.random() < 0.3:
                        still = random.randrange(4)
                        rw.writerow([learner, f"course-{c:03d}", f"tutorial-{t:02d}", key, min(still, 3), "2026-12-01 10:00:00", "2026-11-20 10:00:00", still, random.randrange(2)])
                        counts[2] += 1
            if random.random() >= 0.8:
                break
            t += 1
print(f"{counts[0]} learners, {counts[1]} ticks, {counts[2]} reviews over {tutorials} tutorials in {courses} courses")
