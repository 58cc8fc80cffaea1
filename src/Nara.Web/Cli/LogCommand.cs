using System.CommandLine;
using Nara.Ledger;

namespace Nara.Web.Cli;

/// <summary><c>nara log verify URL [--key KEY] [--state FILE]</c>: watch any Nara log, as a journalist, auditor or another government would.</summary>
internal static class LogCommand
{
    private static readonly System.Text.Json.JsonSerializerOptions Json = new(System.Text.Json.JsonSerializerDefaults.Web);

    public static Command Build()
    {
        var url = new Argument<string>("URL") { Description = "The site whose log to verify, e.g. https://services.gov.example/" };
        var key = new Option<string?>("--key") { Description = "The log's verifier key (name+id+key). Without it, the key remembered in --state; failing that, /log/key is fetched and remembered." };
        var state = new Option<FileInfo?>("--state") { Description = "Where to remember the key and the last checkpoint accepted, to check the next one extends it" };
        var receiptFile = new Option<FileInfo?>("--receipt") { Description = "A receipt (JSON) to check: signed, its proof valid, and its checkpoint part of this log's history" };
        var verify = new Command("verify", "Check the log's signed checkpoint, recompute its root from every entry, and check it extends the last one seen") { url, key, state, receiptFile };
        verify.SetAction(async (parse, cancellationToken) =>
        {
            if (!Uri.TryCreate(parse.GetValue(url), UriKind.Absolute, out var site) || site.Scheme is not ("http" or "https"))
            {
                Console.Error.WriteLine("Give the site's address, like https://services.gov.example/");
                return 2;
            }

            if (!site.AbsolutePath.EndsWith('/'))
            {
                site = new Uri(site + "/");
            }

            var statePath = parse.GetValue(state)?.FullName;
            var previous = statePath is null ? null : LogWitness.LoadState(statePath);
            using var http = new HttpClient();
            WitnessReport report;
            string verifierKey;
            try
            {
                verifierKey = parse.GetValue(key) ?? previous?.VerifierKey ?? (await http.GetStringAsync(new Uri(site, "log/key"), cancellationToken)).Trim();
                var receipt = parse.GetValue(receiptFile) is { } file
                    ? System.Text.Json.JsonSerializer.Deserialize<Receipt>(await File.ReadAllTextAsync(file.FullName, cancellationToken), Json)
                    : null;
                report = await new LogWitness(http).VerifyAsync(site, verifierKey, previous, cancellationToken, receipt);
            }
            catch (Exception e) when (e is System.Text.Json.JsonException or IOException)
            {
                Console.Error.WriteLine($"FAILED cannot read the receipt: {e.Message}");
                return 1;
            }
            catch (HttpRequestException e)
            {
                Console.Error.WriteLine($"FAILED cannot read the log at {site}: {e.Message}");
                return 1;
            }

            (report.Ok ? Console.Out : Console.Error).WriteLine((report.Ok ? "OK " : "FAILED ") + report.Message);
            if (report.Ok && statePath is not null)
            {
                LogWitness.SaveState(statePath, new WitnessState(verifierKey, report.Checkpoint!.Size, Convert.ToBase64String(report.Checkpoint.Root)));
            }

            return report.Ok ? 0 : 1;
        });
        return new Command("log", "The public log") { verify };
    }
}
