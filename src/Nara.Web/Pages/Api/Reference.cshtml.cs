using Microsoft.AspNetCore.Mvc.ApiExplorer;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Nara.Web.Pages.Api;

internal sealed record EndpointDescription(string Method, string Path, string Summary);

/// <summary>A readable API reference, rendered on the server from the same descriptions as the OpenAPI document.</summary>
internal sealed class ReferenceModel(IApiDescriptionGroupCollectionProvider descriptions) : PageModel
{
    public List<EndpointDescription> Endpoints { get; private set; } = [];

    public void OnGet() => Endpoints = [.. descriptions.ApiDescriptionGroups.Items
        .SelectMany(g => g.Items)
        .Where(d => d.RelativePath?.StartsWith("api/", StringComparison.Ordinal) == true)
        .Select(d => new EndpointDescription(
            d.HttpMethod ?? "GET",
            "/" + d.RelativePath,
            d.ActionDescriptor.EndpointMetadata.OfType<Microsoft.AspNetCore.Http.Metadata.IEndpointSummaryMetadata>().FirstOrDefault()?.Summary ?? ""))
        .OrderBy(e => e.Path, StringComparer.Ordinal)];
}
