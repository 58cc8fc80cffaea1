using System.Net;
using Nara.Identity.Contracts;
using Nara.Tests.Infrastructure;

namespace Nara.Tests.Identity;

public sealed class AgencyScopeTests() : AppTest()
{

    [Theory]
    [InlineData(StaffRoles.Officer)]
    [InlineData(StaffRoles.Supervisor)]
    [InlineData(StaffRoles.Agent)]
    public async Task AgencyPage_StaffOfOtherAgency_Forbidden(string role)
    {
        var (ownId, ownCode) = await app.CreateAgencyAsync();
        var (_, otherCode) = await app.CreateAgencyAsync();
        var member = await app.CreateStaffAsync(role, ownId);
        var session = await app.SignInAsync(member);

        var own = await session.GetAsync($"/staff/agencies/{ownCode}");
        var other = await session.GetAsync($"/staff/agencies/{otherCode}");

        Assert.Equal(HttpStatusCode.OK, own.Status);
        Assert.Equal(HttpStatusCode.Forbidden, other.Status);
        Assert.Equal("You do not have access to this page", other.Title);
    }

    [Theory]
    [InlineData(StaffRoles.Administrator)]
    [InlineData(StaffRoles.Auditor)]
    public async Task AgencyPage_GlobalRoles_SeeEveryAgency(string role)
    {
        var (_, code) = await app.CreateAgencyAsync();
        var session = await app.SignInAsync(await app.CreateStaffAsync(role));

        Assert.Equal(HttpStatusCode.OK, (await session.GetAsync($"/staff/agencies/{code}")).Status);
    }

    [Fact]
    public async Task AgencyPage_Citizen_Forbidden()
    {
        var (_, code) = await app.CreateAgencyAsync();
        var session = await app.SignInCitizenAsync();

        var page = await session.GetAsync($"/staff/agencies/{code}");

        Assert.Equal("/access-denied", new Uri("http://x" + page.Redirect).AbsolutePath);
    }
}
