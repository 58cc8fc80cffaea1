using System.Globalization;
using Nara.Identity.Contracts;

namespace Nara.OpenData.Ckan;

/// <summary>Datasets, resources, organizations, groups and tags shaped as CKAN's API gives them.</summary>
internal static class CkanDicts
{
    /// <summary>CKAN's timestamps: UTC without an offset, microseconds.</summary>
    public static string Time(DateTimeOffset at) => at.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss.ffffff", CultureInfo.InvariantCulture);

    public static Dictionary<string, object?> Package(CatalogEntry e, string site)
    {
        var d = e.Dataset;
        var licence = Vocabularies.LicenceOf(d.LicenseId);
        var theme = Vocabularies.ThemeOf(d.Theme);
        var extras = new List<Dictionary<string, string>>
        {
            Extra("frequency", d.Frequency),
            Extra("theme", theme.Uri),
        };
        if (d.TemporalStart is { } from)
        {
            extras.Add(Extra("temporal_start", from.ToString("O", CultureInfo.InvariantCulture)));
        }

        if (d.TemporalEnd is { } to)
        {
            extras.Add(Extra("temporal_end", to.ToString("O", CultureInfo.InvariantCulture)));
        }

        if (d.Feed is not null)
        {
            extras.Add(Extra("derived_from", "platform statistics"));
        }

        return new()
        {
            ["id"] = e.Id,
            ["name"] = d.Name,
            ["title"] = d.Title,
            ["notes"] = d.Notes,
            ["type"] = "dataset",
            ["state"] = "active",
            ["private"] = false,
            ["url"] = $"{site}/dataset/{d.Name}",
            ["version"] = null,
            ["author"] = null,
            ["maintainer"] = e.Publisher?.Name,
            ["owner_org"] = e.Publisher?.Id.ToString("D"),
            ["organization"] = e.Publisher is { } p ? Organization(p, null) : null,
            ["license_id"] = licence.Id,
            ["license_title"] = licence.Title,
            ["license_url"] = licence.Uri,
            ["isopen"] = licence.Open,
            ["tags"] = e.Tags.Select(Tag).ToList(),
            ["groups"] = new[] { Group(theme, null) },
            ["extras"] = extras,
            ["resources"] = e.Resources.Select(r => Resource(e, r, site)).ToList(),
            ["metadata_created"] = Time(d.CreatedAt),
            ["metadata_modified"] = Time(d.ModifiedAt),
            ["num_resources"] = e.Resources.Count,
            ["num_tags"] = e.Tags.Count,
        };
    }

    public static Dictionary<string, object?> Resource(CatalogEntry e, Resource r, string site) => new()
    {
        ["id"] = r.Id.ToString("D"),
        ["package_id"] = e.Id,
        ["name"] = r.Name,
        ["description"] = r.Description,
        ["format"] = r.Format,
        ["mimetype"] = Vocabularies.MediaType(r.Format),
        ["url"] = DownloadUrl(e, r, site),
        ["url_type"] = r.FeedPath is null ? "upload" : null,
        // A derived file is made afresh when asked: its size and hash at the last refresh would not hold, so none is claimed.
        ["size"] = r.FeedPath is null ? r.Size : null,
        ["hash"] = r.FeedPath is null ? $"sha256:{r.Sha256}" : "",
        ["position"] = r.Position,
        ["state"] = "active",
        ["created"] = Time(r.CreatedAt),
        ["last_modified"] = Time(r.ModifiedAt),
        ["datastore_active"] = false,
    };

    public static string DownloadUrl(CatalogEntry e, Resource r, string site) =>
        r.FeedPath is { } path ? site + path : $"{site}/dataset/{e.Dataset.Name}/resource/{r.Id:D}/download/{Uri.EscapeDataString(r.FileName ?? "file")}";

    public static Dictionary<string, object?> Organization(AgencyInfo agency, int? packageCount) => new()
    {
        ["id"] = agency.Id.ToString("D"),
        ["name"] = agency.Code,
        ["title"] = agency.Name,
        ["display_name"] = agency.Name,
        ["description"] = "",
        ["type"] = "organization",
        ["is_organization"] = true,
        ["state"] = "active",
        ["approval_status"] = "approved",
        ["image_url"] = "",
        ["package_count"] = packageCount,
    };

    public static Dictionary<string, object?> Group(Theme theme, int? packageCount) => new()
    {
        ["id"] = theme.Group,
        ["name"] = theme.Group,
        ["title"] = theme.Title,
        ["display_name"] = theme.Title,
        ["description"] = theme.Uri,
        ["type"] = "group",
        ["is_organization"] = false,
        ["state"] = "active",
        ["image_display_url"] = "",
        ["package_count"] = packageCount,
    };

    public static Dictionary<string, object?> Tag(string name) => new()
    {
        ["id"] = name,
        ["name"] = name,
        ["display_name"] = name,
        ["state"] = "active",
        ["vocabulary_id"] = null,
    };

    private static Dictionary<string, string> Extra(string key, string value) => new() { ["key"] = key, ["value"] = value };
}
