using System.Globalization;
using System.Text;
using System.Text.Json;

namespace Nara.OpenData.Dcat;

/// <summary>An RDF term: an IRI, a blank node ("_:name") or a literal with an optional datatype.</summary>
internal sealed record Term(string Value, TermKind Kind, string? Datatype = null)
{
    public static Term Iri(string iri) => new(iri, TermKind.Iri);

    public static Term Blank(string name) => new(name, TermKind.Blank);

    public static Term Text(string text) => new(text, TermKind.Literal);

    public static Term Typed(string text, string datatype) => new(text, TermKind.Literal, datatype);

    public static Term Date(DateOnly date) => Typed(date.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture), Xsd + "date");

    public static Term DateTime(DateTimeOffset at) => Typed(at.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture), Xsd + "dateTime");

    public static Term Integer(long n) => Typed(n.ToString(CultureInfo.InvariantCulture), Xsd + "nonNegativeInteger");

    public const string Xsd = "http://www.w3.org/2001/XMLSchema#";
}

internal enum TermKind
{
    Iri,
    Blank,
    Literal,
}

/// <summary>
/// A small RDF graph written as Turtle or as JSON-LD — the two serialisations DCAT-AP catalogues are harvested in.
/// No RDF library is served for .NET here (ADR 0010); the output follows the W3C Turtle and JSON-LD 1.1 grammars,
/// with every string escaped.
/// </summary>
internal sealed class Graph(IReadOnlyDictionary<string, string> prefixes)
{
    private readonly List<(Term Subject, string Predicate, Term Object)> triples = [];

    public Graph Add(Term subject, string predicate, Term? obj)
    {
        if (obj is not null)
        {
            triples.Add((subject, Expand(predicate), obj with { Datatype = obj.Datatype is null ? null : Expand(obj.Datatype) }));
        }

        return this;
    }

    public Graph Add(Term subject, string predicate, string? text) => text is null ? this : Add(subject, predicate, Term.Text(text));

    public IReadOnlyList<(Term Subject, string Predicate, Term Object)> Triples => triples;

    public string ToTurtle()
    {
        var text = new StringBuilder();
        foreach (var (prefix, iri) in prefixes)
        {
            text.Append(CultureInfo.InvariantCulture, $"@prefix {prefix}: <{iri}> .\n");
        }

        foreach (var subject in triples.GroupBy(t => t.Subject))
        {
            text.Append('\n').Append(Turtle(subject.Key));
            var first = true;
            foreach (var predicate in subject.GroupBy(t => t.Predicate))
            {
                text.Append(first ? " " : " ;\n    ").Append(predicate.Key == Rdf + "type" ? "a" : Compact(predicate.Key)).Append(' ');
                text.AppendJoin(", ", predicate.Select(t => Turtle(t.Object)));
                first = false;
            }

            text.Append(" .\n");
        }

        return text.ToString();
    }

    public string ToJsonLd()
    {
        using var stream = new MemoryStream();
        using (var json = new Utf8JsonWriter(stream, new JsonWriterOptions { Indented = true }))
        {
            json.WriteStartObject();
            json.WriteStartObject("@context");
            foreach (var (prefix, iri) in prefixes)
            {
                json.WriteString(prefix, iri);
            }

            json.WriteEndObject();
            json.WriteStartArray("@graph");
            foreach (var subject in triples.GroupBy(t => t.Subject))
            {
                json.WriteStartObject();
                json.WriteString("@id", subject.Key.Kind == TermKind.Blank ? $"_:{subject.Key.Value}" : subject.Key.Value);
                foreach (var predicate in subject.GroupBy(t => t.Predicate))
                {
                    json.WriteStartArray(predicate.Key == Rdf + "type" ? "@type" : Compact(predicate.Key));
                    foreach (var (_, _, obj) in predicate)
                    {
                        if (predicate.Key == Rdf + "type")
                        {
                            json.WriteStringValue(Compact(obj.Value));
                            continue;
                        }

                        json.WriteStartObject();
                        switch (obj.Kind)
                        {
                            case TermKind.Iri:
                                json.WriteString("@id", obj.Value);
                                break;
                            case TermKind.Blank:
                                json.WriteString("@id", $"_:{obj.Value}");
                                break;
                            default:
                                json.WriteString("@value", obj.Value);
                                if (obj.Datatype is not null)
                                {
                                    json.WriteString("@type", Compact(obj.Datatype));
                                }

                                break;
                        }

                        json.WriteEndObject();
                    }

                    json.WriteEndArray();
                }

                json.WriteEndObject();
            }

            json.WriteEndArray();
            json.WriteEndObject();
        }

        return Encoding.UTF8.GetString(stream.ToArray());
    }

    private const string Rdf = "http://www.w3.org/1999/02/22-rdf-syntax-ns#";

    private string Expand(string name)
    {
        var colon = name.IndexOf(':', StringComparison.Ordinal);
        return colon > 0 && prefixes.TryGetValue(name[..colon], out var iri) ? iri + name[(colon + 1)..] : name;
    }

    private string Compact(string iri)
    {
        foreach (var (prefix, start) in prefixes)
        {
            var local = iri.StartsWith(start, StringComparison.Ordinal) ? iri[start.Length..] : null;
            if (local is { Length: > 0 } && local.All(c => char.IsAsciiLetterOrDigit(c) || c is '_' or '-'))
            {
                return $"{prefix}:{local}";
            }
        }

        return iri;
    }

    private string Turtle(Term term) => term.Kind switch
    {
        TermKind.Iri => Compact(term.Value) is var c && c != term.Value ? c : $"<{EscapeIri(term.Value)}>",
        TermKind.Blank => $"_:{term.Value}",
        _ => $"\"{EscapeString(term.Value)}\"" + (term.Datatype is null ? "" : "^^" + (Compact(term.Datatype) is var d && d != term.Datatype ? d : $"<{term.Datatype}>")),
    };

    private static string EscapeString(string text)
    {
        var escaped = new StringBuilder(text.Length);
        foreach (var c in text)
        {
            escaped.Append(c switch
            {
                '\\' => "\\\\",
                '"' => "\\\"",
                '\n' => "\\n",
                '\r' => "\\r",
                '\t' => "\\t",
                < ' ' => $"\\u{(int)c:X4}",
                _ => c.ToString(),
            });
        }

        return escaped.ToString();
    }

    // IRIREF may not hold spaces, <, >, ", {, }, |, ^, ` or \ — percent-encode them.
    private static string EscapeIri(string iri) => string.Concat(iri.Select(c => c <= ' ' || "<>\"{}|^`\\".Contains(c) ? $"%{(int)c:X2}" : c.ToString()));
}
