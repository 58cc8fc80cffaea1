using Nara.Consultations;
using Nara.Platform.Text;

namespace Nara.Tests.Consultations;

/// <summary>How a draft splits into paragraphs people comment on, and how a revision is compared word by word.</summary>
public sealed class DraftTextTests
{
    [Fact]
    public void Blocks_HeadingsParagraphsLists_NotLinkDefinitionsOrRules()
    {
        var blocks = SafeMarkdown.Blocks("# Title\n\nFirst [law][1].\n\n---\n\n- one\n- two\n\n[1]: https://example.org/law\n");

        Assert.Equal(["# Title", "First [law][1].", "- one\n- two"], blocks);
    }

    [Fact]
    public void Headings_MoveOneLevelDown_ScriptsNeverRun()
    {
        var html = SafeMarkdown.ToHtml("# One\n\n## Two\n\n<script>alert(1)</script>", headings: true);

        Assert.Contains("<h2>One</h2>", html, StringComparison.Ordinal);
        Assert.Contains("<h3>Two</h3>", html, StringComparison.Ordinal);
        Assert.DoesNotContain("<script", html, StringComparison.Ordinal);
    }

    [Fact]
    public void Diff_FirstWordOfParagraphChanged_OnlyThatWordMarked()
    {
        var (html, counts) = DraftDiff.Render("Title\n\nEvery house pays.", "Title\n\nEach house pays.", "removed:", "added:");

        Assert.Equal("Title&#xA;&#xA;<del><span class=\"visually-hidden\">removed: </span>Every</del><ins><span class=\"visually-hidden\">added: </span>Each</ins> house pays.", html);
        Assert.Equal(new DraftDiff.Counts(1, 1), counts);
    }
}
