using System.Security.Cryptography;
using Nara.Ledger;

namespace Nara.Tests.Ledger;

/// <summary>
/// C2SP signed notes. The PeterNeumann key and note are the reference example of the Go implementation
/// (golang.org/x/mod/sumdb/note, note_test.go), so a note Nara signs is readable by any Go-ecosystem witness.
/// </summary>
public sealed class SignedNoteTests
{
    private const string VerifierKey = "PeterNeumann+c74f20a3+ARpc2QcUPDhMQegwxbzhKqiBfsVkmqq/LDE4izWy10TW";
    private const string SignerKey = "PRIVATE+KEY+PeterNeumann+c74f20a3+AYEKFALVFGyNhPJEMzD1QIDr+Y7hfZx09iUvxdXHKDFz";
    private const string Text = "If you think cryptography is the answer to your problem,\nthen you don't know what your problem is.\n";
    private const string Signature = "— PeterNeumann x08go/ZJkuBS9UG/SffcvIAQxVBtiFupLLr8pAcElZInNIuGUgYN1FFYC2pZSNXgKvqfqdngotpRZb6KE6RyyBwJnAM=\n";

    [Fact]
    public void Sign_GoReferenceKey_ProducesTheReferenceNoteByteForByte()
    {
        using var signer = NoteSigner.Parse(SignerKey);

        Assert.Equal(VerifierKey, signer.VerifierKey);
        Assert.Equal(Text + "\n" + Signature, signer.Sign(Text));
    }

    [Fact]
    public void Open_GoReferenceNote_Verifies()
    {
        Assert.Equal(Text, new NoteVerifier(VerifierKey).Open(Text + "\n" + Signature));
    }

    [Fact]
    public void Open_TamperedText_Refused()
    {
        var tampered = Text.Replace("answer", "anwser", StringComparison.Ordinal) + "\n" + Signature;

        Assert.Throws<CryptographicException>(() => new NoteVerifier(VerifierKey).Open(tampered));
    }

    [Fact]
    public void Checkpoint_SignedAndOpened_RoundTrips()
    {
        using var signer = NoteSigner.Generate("nara.example/log");
        var checkpoint = new Checkpoint("nara.example/log", 8, Convert.FromHexString("5dc9da79a70659a9ad559cb701ded9a2ab9d823aad2f4960cfe370eff4604328"));

        var note = signer.Sign(checkpoint.ToText());
        var opened = Checkpoint.Parse(new NoteVerifier(signer.VerifierKey).Open(note));

        Assert.Equal("nara.example/log\n8\nXcnaeacGWamtVZy3Ad7ZoqudgjqtL0lgz+Nw7/RgQyg=\n", checkpoint.ToText());
        Assert.Equal(checkpoint.Size, opened.Size);
        Assert.Equal(checkpoint.Root, opened.Root);
        Assert.Throws<CryptographicException>(() => new NoteVerifier(NoteSigner.Generate("nara.example/log").VerifierKey).Open(note));
    }

    [Theory]
    [InlineData("PeterNeumann+c74f20a4+ARpc2QcUPDhMQegwxbzhKqiBfsVkmqq/LDE4izWy10TW")]
    [InlineData("PeterNeumann+c74f20a3+ARpc2QcUPDhMQegwxbzhKqiBfsVkmqq/LDE4izWy10TX")]
    [InlineData("Peter Neumann+c74f20a3+ARpc2QcUPDhMQegwxbzhKqiBfsVkmqq/LDE4izWy10TW")]
    [InlineData("PeterNeumann+c74f20a3")]
    public void VerifierKey_Mangled_Refused(string key) => Assert.ThrowsAny<FormatException>(() => new NoteVerifier(key));
}
