using Microsoft.Extensions.Localization;
using Nara.Blueprints;

namespace Nara.Cases.Applying;

/// <summary>What to tell a person about an answer problem or a refused request, in their language.</summary>
internal static class AnswerMessages
{
    public static string For(IStringLocalizer text, AnswerError error, string label, string? patternMessage) => error.Code switch
    {
        "required" => text["Answer \"{0}\"", label],
        "too-long" => text["\"{0}\" must be {1} characters or fewer", label, error.Detail ?? ""],
        "too-short" => text["\"{0}\" must be at least {1} characters", label, error.Detail ?? ""],
        "not-a-number" => text["\"{0}\" must be a number, like 12", label],
        "not-money" => text["\"{0}\" must be an amount of money, like 1500 or 1500.50", label],
        "too-small" => text["\"{0}\" must be {1} or more", label, error.Detail ?? ""],
        "too-large" => text["\"{0}\" must be {1} or less", label, error.Detail ?? ""],
        "not-a-date" => text["\"{0}\" must be a real date, like 27/3/2007", label],
        "not-an-option" or "one-answer" => text["Choose one of the options for \"{0}\"", label],
        "not-a-region" => text["Choose a region from the list for \"{0}\"", label],
        "not-an-email" => text["Enter an email address in the right format, like name@example.com"],
        "not-a-phone" => text["Enter a phone number, like +233 20 000 0001"],
        "pattern" => patternMessage ?? text["\"{0}\" is not in the right format", label],
        "too-few-items" => text["Add at least {0} to \"{1}\"", error.Detail ?? "", label],
        "file-too-large" => text["The file for \"{0}\" must be smaller than {1} KB", label, error.Detail ?? ""],
        "file-type" => text["The file for \"{0}\" must be one of: {1}. The file you chose is not (its contents were checked, not its name)", label, error.Detail ?? ""],
        "already-submitted" => text["This application has already been sent"],
        _ => text["Check \"{0}\"", label],
    };

    public static string Refusal(IStringLocalizer text, string reason) => reason switch
    {
        "not-in-this-state" or "case-closed" => text["That cannot be done at this stage of the case. The page shows what can be done now"],
        "not-your-action" or "unknown-action" => text["You cannot take that action on this case"],
        "comment-required" => text["Write a comment: this action needs one"],
        "comment-too-long" or "message-too-long" => text["Write 4,000 characters or fewer"],
        "document-required" => text["Attach a document: this action needs one"],
        "changed-meanwhile" => text["Someone else acted on this case while you were looking at it. Here is the case as it is now; check it and try again if still needed"],
        "message-required" => text["Write your message"],
        "purpose-required" => text["Say why you need to see the personal details (at least 5 characters)"],
        "purpose-too-long" => text["Write 500 characters or fewer"],
        "already-submitted" => text["This application has already been sent"],
        "not-submitted" => text["This application has not been sent yet"],
        "not-decided" => text["You can rate the service once your application has been decided"],
        "already-rated" => text["You have already rated this service for this application"],
        "rating-required" => text["Choose how satisfied you are, from 1 to 5"],
        "rating-comment-too-long" => text["Write 1,000 characters or fewer"],
        _ => text["That could not be done"],
    };
}
