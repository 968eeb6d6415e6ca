using System.Runtime.CompilerServices;

// The tests reach a few internals that are not part of any feature's surface (the search index's shared terms).
[assembly: InternalsVisibleTo("TutorialSite.Tests")]
