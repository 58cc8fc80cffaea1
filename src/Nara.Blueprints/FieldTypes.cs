namespace Nara.Blueprints;

/// <summary>The question types a blueprint may use, and the workflow roles.</summary>
public static class FieldTypes
{
    public const string Text = "text";
    public const string LongText = "long-text";
    public const string Number = "number";
    public const string Money = "money";
    public const string Date = "date";
    public const string Choice = "choice";
    public const string MultiChoice = "multi-choice";
    public const string YesNo = "yes-no";
    public const string Email = "email";
    public const string Phone = "phone";
    public const string NationalId = "national-id";
    public const string Region = "region";
    public const string File = "file";
    public const string Group = "group";

    public static bool IsNumeric(string type) => type is Number or Money;

    public static bool HasOptions(string type) => type is Choice or MultiChoice;
}

public static class WorkflowRoles
{
    public const string Applicant = "applicant";
    public const string Officer = "officer";
    public const string Supervisor = "supervisor";
    public const string Director = "director";
    public const string Agent = "agent";
    public const string System = "system";

    /// <summary>Roles held by staff of the agency that holds the case.</summary>
    public static bool IsAgencyStaff(string role) => role is Officer or Supervisor or Director;
}
