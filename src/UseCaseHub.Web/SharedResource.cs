namespace UseCaseHub.Web;

/// <summary>Anchor type of the site's UI strings (Resources/SharedResource*.resx).</summary>

public sealed class SharedResource;

