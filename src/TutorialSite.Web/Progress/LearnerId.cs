using System.Buffers.Text;
using System.Security.Cryptography;

namespace TutorialSite.Web.Progress;

/// <summary>
/// An anonymous learner's id: made by the server on their first write, never chosen by a client. How a browser
/// carries it (a cookie) is the pages' business (<c>Pages/LearnerCookie</c>); here it is only a key.
/// </summary>
public static class LearnerId
{
    /// <summary>32 random bytes in base64url: 43 characters, unguessable, and safe in a cookie and a URL.</summary>
    public const int Length = 43;

    public static string New() => Base64Url.EncodeToString(RandomNumberGenerator.GetBytes(32));

    /// <summary>Whether <paramref name="id"/> has the form of an id the server issues (not whether it exists).</summary>
    public static bool IsWellFormed(string id) => id.Length == Length && Base64Url.IsValid(id);
}

/// <summary>
/// The learner a write was stored for: the one the request named, or, when it named none the database knows, a new
/// one created in the same commit (<see cref="IsNew"/>: the caller gives the browser its id).
/// </summary>
public readonly record struct SavedLearner(string Id, bool IsNew);
