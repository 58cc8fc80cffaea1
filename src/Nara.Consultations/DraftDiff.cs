using System.Text;
using System.Text.Encodings.Web;
using DiffPlex;
using DiffPlex.Chunkers;

namespace Nara.Consultations;

/// <summary>
/// The revised text against the draft, word by word (DiffPlex): removed words in &lt;del&gt;, added words in &lt;ins&gt;,
/// each announced by visually hidden text, because screen readers do not read the elements' meaning.
/// </summary>
internal static partial class DraftDiff
{
    public sealed record Counts(int Added, int Removed);

    /// <summary>Words, runs of white space (line breaks included) and punctuation marks, each a piece of its own.</summary>
    private static readonly CustomFunctionChunker Chunker = new(text => [.. Pieces().Split(text).Where(p => p.Length > 0)]);

    public static (string Html, Counts Counts) Render(string draft, string revised, string removedLabel, string addedLabel)
    {
        var diff = Differ.Instance.CreateDiffs(draft, revised, ignoreWhiteSpace: false, ignoreCase: false, Chunker);
        var html = new StringBuilder();
        var encoder = HtmlEncoder.Create(System.Text.Unicode.UnicodeRanges.All);
        var next = 0;
        int added = 0, removed = 0;
        foreach (var block in diff.DiffBlocks)
        {
            Append(html, encoder, diff.PiecesNew, next, block.InsertStartB);
            if (block.DeleteCountA > 0)
            {
                removed += Words(diff.PiecesOld, block.DeleteStartA, block.DeleteCountA);
                html.Append("<del><span class=\"visually-hidden\">").Append(encoder.Encode(removedLabel)).Append(" </span>");
                Append(html, encoder, diff.PiecesOld, block.DeleteStartA, block.DeleteStartA + block.DeleteCountA);
                html.Append("</del>");
            }

            if (block.InsertCountB > 0)
            {
                added += Words(diff.PiecesNew, block.InsertStartB, block.InsertCountB);
                html.Append("<ins><span class=\"visually-hidden\">").Append(encoder.Encode(addedLabel)).Append(" </span>");
                Append(html, encoder, diff.PiecesNew, block.InsertStartB, block.InsertStartB + block.InsertCountB);
                html.Append("</ins>");
            }

            next = block.InsertStartB + block.InsertCountB;
        }

        Append(html, encoder, diff.PiecesNew, next, diff.PiecesNew.Count);
        return (html.ToString(), new Counts(added, removed));
    }

    /// <summary>Words among the pieces (the chunker also gives spaces and punctuation as pieces).</summary>
    private static int Words(IReadOnlyList<string> pieces, int from, int count) =>
        pieces.Skip(from).Take(count).Count(p => p.Any(char.IsLetterOrDigit));

    [System.Text.RegularExpressions.GeneratedRegex(@"(\s+|\p{P})")]
    private static partial System.Text.RegularExpressions.Regex Pieces();

    private static void Append(StringBuilder html, HtmlEncoder encoder, IReadOnlyList<string> pieces, int from, int to)
    {
        for (var i = from; i < to; i++)
        {
            html.Append(encoder.Encode(pieces[i]));
        }
    }
}
