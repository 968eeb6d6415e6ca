using Microsoft.AspNetCore.Http.Metadata;
using Microsoft.AspNetCore.Mvc;

namespace TutorialSite.Web.Pages;

/// <summary>
/// A larger request body for one page, as endpoint metadata only: ASP.NET Core's routing applies it to the request
/// before any middleware reads the body. MVC's <see cref="RequestSizeLimitAttribute"/> also adds a filter, which runs
/// after <c>Security.UseBadRequestStatus</c> has read the form and could only log that it came too late.
/// </summary>
[AttributeUsage(AttributeTargets.Class)]
public sealed class BodySizeLimitAttribute(long bytes) : Attribute, IRequestSizeLimitMetadata
{
    public long? MaxRequestBodySize => bytes;
}
