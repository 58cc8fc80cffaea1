using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.Localization;

namespace Nara.Web.Hosting;

internal static class Localized
{
    /// <summary>Model-binding messages ("The value 'x' is not valid") come from resources like every other text.</summary>
    public static void BindingMessages(MvcOptions options, IServiceCollection services)
    {
        IStringLocalizer? cached = null;
        IStringLocalizer T() => cached ??= services.BuildServiceProviderForLocalizer().Create(typeof(Strings));
        var m = options.ModelBindingMessageProvider;
        m.SetValueIsInvalidAccessor(v => T()["The value '{0}' is not valid", v]);
        m.SetAttemptedValueIsInvalidAccessor((v, _) => T()["The value '{0}' is not valid", v]);
        m.SetNonPropertyAttemptedValueIsInvalidAccessor(v => T()["The value '{0}' is not valid", v]);
        m.SetUnknownValueIsInvalidAccessor(_ => T()["The value is not valid"]);
        m.SetNonPropertyUnknownValueIsInvalidAccessor(() => T()["The value is not valid"]);
        m.SetValueMustNotBeNullAccessor(_ => T()["Enter a value"]);
        m.SetMissingBindRequiredValueAccessor(_ => T()["Enter a value"]);
        m.SetMissingKeyOrValueAccessor(() => T()["Enter a value"]);
        m.SetMissingRequestBodyRequiredValueAccessor(() => T()["Enter a value"]);
        m.SetValueMustBeANumberAccessor(_ => T()["Enter a number"]);
        m.SetNonPropertyValueMustBeANumberAccessor(() => T()["Enter a number"]);
    }

    private static ResourceManagerStringLocalizerFactory BuildServiceProviderForLocalizer(this IServiceCollection services)
    {
        _ = services;
        return new ResourceManagerStringLocalizerFactory(
            Microsoft.Extensions.Options.Options.Create(new LocalizationOptions()),
            Microsoft.Extensions.Logging.Abstractions.NullLoggerFactory.Instance);
    }
}
