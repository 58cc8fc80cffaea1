using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using Nara.Tests.Infrastructure;

namespace Nara.Tests.Identity;

public sealed class ApiTokenTests() : AppTest()
{

    [Fact]
    public async Task Token_CreatedOnAccountPage_AuthenticatesApiUntilRevoked()
    {
        var session = await app.SignInCitizenAsync();
        var created = await session.SubmitAsync(await session.GetAsync("/account/tokens"),
            new Dictionary<string, string?> { ["Name"] = "My script", ["Scopes"] = "read", ["Days"] = "30" }, "form[action*='Create']");
        var token = created.Document.QuerySelector(".banner code.key")!.TextContent;
        using var program = app.CreateClient();
        program.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token);

        var me = await program.GetFromJsonAsync<Nara.Identity.MeResponse>("/api/v1/me");
        Assert.Equal("citizen", me!.Kind);
        Assert.Equal(["read"], me.Scopes);

        var listed = await session.GetAsync("/account/tokens");
        Assert.DoesNotContain(token, listed.Html, StringComparison.Ordinal);
        await session.SubmitAsync(listed, new Dictionary<string, string?>(), "form[action*='Revoke']");

        Assert.Equal(HttpStatusCode.Unauthorized, (await program.GetAsync("/api/v1/me")).StatusCode);
    }

    [Theory]
    [InlineData(null)]
    [InlineData("nara_not-a-real-token")]
    [InlineData("garbage")]
    public async Task Me_WithoutValidToken_Unauthorized(string? token)
    {
        using var program = app.CreateClient();
        if (token is not null)
        {
            program.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token);
        }

        var response = await program.GetAsync("/api/v1/me");

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
    }

    [Fact]
    public async Task CreateToken_BadInput_ErrorsShownNothingCreated()
    {
        var session = await app.SignInCitizenAsync();

        var page = await session.SubmitAsync(await session.GetAsync("/account/tokens"),
            new Dictionary<string, string?> { ["Name"] = "", ["Scopes"] = "admin", ["Days"] = "9999" }, "form[action*='Create']");

        Assert.Equal(3, page.Errors.Count);
        Assert.Null(page.Document.QuerySelector(".banner code.key"));
    }
}
