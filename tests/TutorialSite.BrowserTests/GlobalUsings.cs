global using static Microsoft.Playwright.Assertions;

// One site and one browser are shared; tests change their state (ticks, a server restart), so they run one
// at a time. The machine is small, and Lighthouse's timings suffer from neighbours.
[assembly: CollectionBehavior(DisableTestParallelization = true)]
