using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.Localization;

namespace Nara.Web.Pages.Errors;

[IgnoreAntiforgeryToken]
internal sealed class StatusModel(IStringLocalizer<Strings> text, IProblemDetailsService problems) : ErrorPageModel(text, problems)
{
    public Task<IActionResult> OnGetAsync(int code) => RespondAsync(code);

    public Task<IActionResult> OnPostAsync(int code) => RespondAsync(code);
}
