using BenchmarkDotNet.Running;
using TutorialSite.Bench;

// Verbs used by bench/run.sh; `micro` hands the rest of the arguments to BenchmarkDotNet.
return args switch
{
    ["generate", var folder, var count] => SyntheticContent.Generate(folder, int.Parse(count, System.Globalization.CultureInfo.InvariantCulture)),
    ["learners", var site, var page, var count, var output] => await Learners.PrepareAsync(new Uri(site), page, int.Parse(count, System.Globalization.CultureInfo.InvariantCulture), output),
    ["count-ticks", var database] => Learners.CountTicks(database),
    ["micro", .. var rest] => Micro(rest),
    _ => Usage(),
};

static int Micro(string[] rest)
{
    BenchmarkSwitcher.FromAssembly(typeof(SyntheticContent).Assembly).Run(rest);
    return 0;
}

static int Usage()
{
    Console.Error.WriteLine("""
        usage: TutorialSite.Bench generate FOLDER TUTORIALS
               TutorialSite.Bench learners SITE_URL /course/tutorial COUNT OUT.lua
               TutorialSite.Bench count-ticks DATABASE
               TutorialSite.Bench micro [BenchmarkDotNet arguments]
        """);
    return 2;
}
