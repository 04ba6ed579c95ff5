using UseCaseHub.Core.Catalogue;

namespace UseCaseHub.Core.Conversation;

/// <summary>Which side of a submission wrote a message.</summary>
public enum MessageSide
{
    /// <summary>The submitting organisation's members.</summary>
    Submitter,

    /// <summary>Curators and admins.</summary>
    Curators,
}

/// <summary>One message of the thread between a submission's organisation and the curators. Never public.</summary>
public sealed class EntryMessage
{
    public Guid Id { get; set; }

    public Guid EntryId { get; set; }

    public Entry Entry { get; set; } = null!;

    public string AuthorId { get; set; } = "";

    public string AuthorName { get; set; } = "";

    public MessageSide Side { get; set; }

    public string Text { get; set; } = "";

    public DateTimeOffset At { get; set; }
}
