using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.DependencyInjection;
using Nara.Identity.Admin;
using Nara.Identity.Agencies;
using Nara.Platform.Events;
using Nara.Platform.People;
using OtpNet;

namespace Nara.Tests.Infrastructure;

public sealed record StaffLogin(Guid Id, string Email, string Password, string? AuthenticatorKey)
{
    public string CurrentCode() => new Totp(Base32Encoding.ToBytes(AuthenticatorKey!)).ComputeTotp();
}

/// <summary>Builders for what tests need; each call makes new, uniquely named data.</summary>
public static class TestData
{
    public const string Password = "correct-horse-battery";

    public static string Unique(string prefix) => $"{prefix}-{Guid.NewGuid().ToString("N")[..8]}";

    internal static Task<(Guid Id, string Code)> CreateAgencyAsync(this NaraApp app, string? name = null, string? code = null) =>
        app.WithScopeAsync(async sp =>
        {
            code ??= Unique("agency");
            var (id, errors) = await sp.GetRequiredService<AgencyAdmin>().CreateAsync(new AgencyInput(code, name ?? $"Agency {code}", AgencyKind.Ministry, null), Actor.System, default);
            Assert.Empty(errors);
            return (id!.Value, code);
        });

    /// <summary>A member of staff with one role; with an authenticator set up unless <paramref name="enrolled"/> is false.</summary>
    public static Task<StaffLogin> CreateStaffAsync(this NaraApp app, string role, Guid? agencyId = null, bool enrolled = true) =>
        app.WithScopeAsync(async sp =>
        {
            var email = $"{Unique("staff")}@test.example";
            var staff = sp.GetRequiredService<StaffAdmin>();
            var (id, errors) = await staff.CreateAsync("Test Staff", email, Password, Actor.System, "", default);
            Assert.Empty(errors);
            Assert.Null(await staff.GrantAsync(id!.Value, role, agencyId, Actor.System, default));
            if (!enrolled)
            {
                return new StaffLogin(id.Value, email, Password, null);
            }

            var users = sp.GetRequiredService<UserManager<NaraUser>>();
            var user = (await users.FindByIdAsync(id.Value.ToString()))!;
            await users.ResetAuthenticatorKeyAsync(user);
            await users.SetTwoFactorEnabledAsync(user, true);
            return new StaffLogin(id.Value, email, Password, await users.GetAuthenticatorKeyAsync(user));
        });

    /// <summary>Signs in through the pages: password, then the authenticator code.</summary>
    public static async Task<WebSession> SignInAsync(this NaraApp app, StaffLogin login)
    {
        var session = app.Session();
        var form = await session.GetAsync("/sign-in/password");
        var next = await session.SubmitAsync(form, new Dictionary<string, string?> { ["Email"] = login.Email, ["Password"] = login.Password });
        Assert.Equal("/sign-in/two-factor", new Uri("http://x" + next.Url).AbsolutePath);
        var done = await session.SubmitAsync(next, new Dictionary<string, string?> { ["Code"] = login.CurrentCode() });
        Assert.Equal("/staff", new Uri("http://x" + done.Url).AbsolutePath);
        return session;
    }

    /// <summary>Signs a citizen in with a one-time code read from the loopback SMTP server.</summary>
    public static async Task<WebSession> SignInCitizenAsync(this NaraApp app, string? email = null)
    {
        email ??= $"{Unique("citizen")}@test.example";
        var session = app.Session();
        var form = await session.GetAsync("/sign-in");
        var codePage = await session.SubmitAsync(form, new Dictionary<string, string?> { ["Address"] = email });
        var message = await app.Smtp.WaitForAsync(email);
        var code = CodeIn(message.TextBody ?? "");
        var done = await session.SubmitAsync(codePage, new Dictionary<string, string?> { ["Code"] = code });
        Assert.Equal("/account", new Uri("http://x" + done.Url).AbsolutePath);
        return session;
    }

    /// <summary>The newest SMS to the number (written by the demo transport to DATA/sms) once it matches.</summary>
    public static async Task<string> WaitForSmsAsync(this NaraApp app, string phone, Func<string, bool> matches)
    {
        var folder = Path.Combine(app.DataDirectory, "sms");
        for (var i = 0; i < 200; i++)
        {
            var newest = Directory.Exists(folder)
                ? Directory.GetFiles(folder).Select(f => new FileInfo(f)).OrderBy(f => f.LastWriteTimeUtc).Select(f => File.ReadAllText(f.FullName))
                    .LastOrDefault(t => t.StartsWith($"To: {phone}\n", StringComparison.Ordinal))
                : null;
            if (newest is not null && matches(newest))
            {
                return newest;
            }

            await Task.Delay(50);
        }

        throw new TimeoutException($"No matching SMS to {phone}");
    }

    public static string CodeIn(string text) => System.Text.RegularExpressions.Regex.Match(text, @"\b\d{6}\b").Value;
}
