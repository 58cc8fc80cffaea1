namespace Nara.Cases.Certificates;

internal sealed record CertificateLabels(
    string IssuedBy,
    string IssuedOn,
    string ValidUntil,
    string VerificationCode,
    string CheckAt);

internal sealed record CertificateContent(
    string Title,
    string IssuedBy,
    string Reference,
    string VerificationCode,
    string VerifyUrl,
    DateOnly IssuedOn,
    DateOnly? ValidUntil,
    IReadOnlyList<(string Label, string Value)> Lines,
    string Language,
    CertificateLabels Labels);
