using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Nara.Platform.Storage;
using Nara.Tests.Infrastructure;

namespace Nara.Tests.Platform;

/// <summary>Personal data and secrets stay out of logs, events and key storage.</summary>
public sealed class PrivacyTests() : AppTest()
{

    [Fact]
    public async Task SignInJourney_LogsAndEvents_HoldNoAddressNoCodeNoPassword()
    {
        var email = $"{TestData.Unique("private")}@test.example";
        var session = await app.SignInCitizenAsync(email);
        var code = TestData.CodeIn((await app.Smtp.WaitForAsync(email)).TextBody ?? "");
        await session.SubmitAsync(await session.GetAsync("/account"), new Dictionary<string, string?> { ["DisplayName"] = "Private Person", ["NewPassword"] = "a-secret-password-123" });

        var logs = string.Join('\n', app.Logs.Lines);
        var events = await app.WithScopeAsync(sp => sp.GetRequiredService<NaraDb>().Events.AsNoTracking().Select(e => e.Data).ToListAsync());

        Assert.NotEmpty(app.Logs.Lines);
        foreach (var secret in new[] { email, code, "Private Person", "a-secret-password-123" })
        {
            Assert.DoesNotContain(secret, logs, StringComparison.OrdinalIgnoreCase);
            Assert.DoesNotContain(events, e => e.Contains(secret, StringComparison.OrdinalIgnoreCase));
        }
    }

    [Fact]
    public async Task DataProtectionKeys_StoredInDatabase_EncryptedWithCertificate()
    {
        await app.SignInCitizenAsync();

        var keys = await app.WithScopeAsync(sp => sp.GetRequiredService<NaraDb>().DataProtectionKeys.AsNoTracking().Select(k => k.Xml).ToListAsync());

        Assert.NotEmpty(keys);
        Assert.All(keys, xml =>
        {
            Assert.Contains("EncryptedData", xml, StringComparison.Ordinal);
            Assert.DoesNotContain("<masterKey", xml, StringComparison.Ordinal);
        });
    }
}
