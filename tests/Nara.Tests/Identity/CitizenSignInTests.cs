using System.Net;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;
using Nara.Identity.SignIn;
using Nara.Tests.Infrastructure;

namespace Nara.Tests.Identity;

public sealed class CitizenSignInTests() : AppTest(new NaraApp { Clock = new FakeTimeProvider(DateTimeOffset.UtcNow) })
{

    [Fact]
    public async Task SignIn_NewEmailWithEmailedCode_CreatesAccountAndSignsIn()
    {
        // Arrange
        var email = $"{TestData.Unique("new")}@test.example";

        // Act
        var session = await app.SignInCitizenAsync(email);
        var account = await session.GetAsync("/account");

        // Assert
        Assert.Equal(HttpStatusCode.OK, account.Status);
        Assert.Equal(email, account.Document.QuerySelector(".summary dd")!.TextContent);
        var message = Assert.Single(app.Smtp.Messages, m => m.To.ToString().Contains(email, StringComparison.Ordinal));
        Assert.Equal("en", message.Body!.Headers["Content-Language"]);
    }

    [Fact]
    public async Task SignIn_PhoneNumber_SendsCodeBySmsFile()
    {
        var session = app.Session();
        var form = await session.GetAsync("/sign-in");
        var page = await session.SubmitAsync(form, new Dictionary<string, string?> { ["Address"] = "+233 20 555 0101" });

        Assert.Equal("Enter the code we sent you", page.Title);
        var file = await WaitForFileAsync(Path.Combine(app.DataDirectory, "sms"));
        var code = TestData.CodeIn(await File.ReadAllTextAsync(file));
        var done = await session.SubmitAsync(page, new Dictionary<string, string?> { ["Code"] = code });
        Assert.Equal("+233205550101", done.Document.QuerySelector(".summary dd")!.TextContent);
    }

    [Fact]
    public async Task SignIn_WrongCode_ShowsErrorAndKeepsCodeUsable()
    {
        var email = $"{TestData.Unique("wrong")}@test.example";
        var session = app.Session();
        var page = await session.SubmitAsync(await session.GetAsync("/sign-in"), new Dictionary<string, string?> { ["Address"] = email });
        var code = TestData.CodeIn((await app.Smtp.WaitForAsync(email)).TextBody ?? "");
        var wrong = code == "000000" ? "111111" : "000000";

        var refused = await session.SubmitAsync(page, new Dictionary<string, string?> { ["Code"] = wrong });
        Assert.Equal(HttpStatusCode.OK, refused.Status);
        Assert.Contains(refused.Errors, e => e.StartsWith("The code is not right", StringComparison.Ordinal));
        Assert.Equal(wrong, refused.Document.QuerySelector("#Code")!.GetAttribute("value"));

        var accepted = await session.SubmitAsync(refused, new Dictionary<string, string?> { ["Code"] = code });
        Assert.EndsWith("/account", accepted.Url, StringComparison.Ordinal);
    }

    [Fact]
    public async Task VerifyCode_UsedTwice_SecondUseRefused()
    {
        var email = $"{TestData.Unique("twice")}@test.example";
        var id = await app.WithScopeAsync(sp => sp.GetRequiredService<SignInCodes>().RequestAsync(email, default));
        var code = TestData.CodeIn((await app.Smtp.WaitForAsync(email)).TextBody ?? "");

        var first = await app.WithScopeAsync(sp => sp.GetRequiredService<SignInCodes>().VerifyAsync(id.CodeId!.Value, code, email, default));
        var second = await app.WithScopeAsync(sp => sp.GetRequiredService<SignInCodes>().VerifyAsync(id.CodeId!.Value, code, email, default));

        Assert.Equal(CodeProblem.None, first.Problem);
        Assert.NotNull(first.User);
        Assert.Equal(CodeProblem.Expired, second.Problem);
        Assert.Null(second.User);
    }

    [Fact]
    public async Task VerifyCode_SameCodeTwiceAtOnce_OnlyOneSucceeds()
    {
        var email = $"{TestData.Unique("race")}@test.example";
        var id = await app.WithScopeAsync(sp => sp.GetRequiredService<SignInCodes>().RequestAsync(email, default));
        var code = TestData.CodeIn((await app.Smtp.WaitForAsync(email)).TextBody ?? "");

        var results = await Task.WhenAll(Enumerable.Range(0, 4).Select(_ =>
            app.WithScopeAsync(sp => sp.GetRequiredService<SignInCodes>().VerifyAsync(id.CodeId!.Value, code, email, default))));

        Assert.Single(results, r => r.Problem == CodeProblem.None);
    }

    [Fact]
    public async Task SignIn_CodeAfterTenMinutes_Refused()
    {
        var email = $"{TestData.Unique("late")}@test.example";
        var session = app.Session();
        var page = await session.SubmitAsync(await session.GetAsync("/sign-in"), new Dictionary<string, string?> { ["Address"] = email });
        var code = TestData.CodeIn((await app.Smtp.WaitForAsync(email)).TextBody ?? "");

        app.Clock!.Advance(TimeSpan.FromMinutes(11));
        var late = await session.SubmitAsync(page, new Dictionary<string, string?> { ["Code"] = code });

        Assert.Contains(late.Errors, e => e.StartsWith("This code has expired", StringComparison.Ordinal));
    }

    [Fact]
    public async Task SignIn_FiveWrongCodes_CodeStopsWorking()
    {
        var email = $"{TestData.Unique("guess")}@test.example";
        var session = app.Session();
        var page = await session.SubmitAsync(await session.GetAsync("/sign-in"), new Dictionary<string, string?> { ["Address"] = email });
        var code = TestData.CodeIn((await app.Smtp.WaitForAsync(email)).TextBody ?? "");
        var wrong = code == "000000" ? "111111" : "000000";
        for (var i = 0; i < 5; i++)
        {
            page = await session.SubmitAsync(page, new Dictionary<string, string?> { ["Code"] = wrong });
        }

        var right = await session.SubmitAsync(page, new Dictionary<string, string?> { ["Code"] = code });

        Assert.Contains(right.Errors, e => e.StartsWith("This code has expired", StringComparison.Ordinal));
    }

    [Fact]
    public async Task RequestCode_SixthRequestForOneAddressIn15Minutes_Refused()
    {
        var email = $"{TestData.Unique("flood")}@test.example";
        var session = app.Session();
        for (var i = 0; i < 5; i++)
        {
            var ok = await session.SubmitAsync(await session.GetAsync("/sign-in"), new Dictionary<string, string?> { ["Address"] = email });
            Assert.Equal("Enter the code we sent you", ok.Title);
        }

        var refused = await session.SubmitAsync(await session.GetAsync("/sign-in"), new Dictionary<string, string?> { ["Address"] = email });

        Assert.Contains(refused.Errors, e => e.StartsWith("You have asked for too many codes", StringComparison.Ordinal));
        Assert.Equal(email, refused.Document.QuerySelector("#Address")!.GetAttribute("value"));
    }

    [Theory]
    [InlineData("")]
    [InlineData("not-an-address")]
    [InlineData("name@nodot")]
    [InlineData("+12")]
    [InlineData("<script>alert(1)</script>@x.org")]
    public async Task RequestCode_BadAddress_ClearMessageNoCode(string address)
    {
        var session = app.Session();
        var page = await session.SubmitAsync(await session.GetAsync("/sign-in"), new Dictionary<string, string?> { ["Address"] = address });

        Assert.Equal(HttpStatusCode.OK, page.Status);
        Assert.Contains(page.Errors, e => e.StartsWith("Enter an email address like", StringComparison.Ordinal));
        Assert.DoesNotContain("<script>alert", page.Html, StringComparison.Ordinal);
    }

    [Fact]
    public async Task CodePage_TamperedAddressOrId_Refused()
    {
        var session = app.Session();
        var page = await session.SubmitAsync(await session.GetAsync("/sign-in"), new Dictionary<string, string?> { ["Address"] = $"{TestData.Unique("t")}@test.example" });

        var tampered = await session.SubmitAsync(page, new Dictionary<string, string?> { ["Id"] = Guid.NewGuid().ToString(), ["Code"] = "123456" });

        Assert.Equal(HttpStatusCode.OK, tampered.Status);
        Assert.Contains(tampered.Errors, e => e.StartsWith("This code has expired", StringComparison.Ordinal));
    }

    private static async Task<string> WaitForFileAsync(string folder)
    {
        for (var i = 0; i < 200; i++)
        {
            if (Directory.Exists(folder) && Directory.GetFiles(folder).FirstOrDefault() is { } file)
            {
                return file;
            }

            await Task.Delay(50);
        }

        throw new TimeoutException("No SMS was written");
    }
}
