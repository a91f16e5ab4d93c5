namespace CecopComms.Cli;

/// <summary>What the process returns: scripts tell the user's mistakes from ours.</summary>
public static class ExitCodes
{
    public const int Success = 0;
    /// <summary>The user's mistake: a sentence on stderr says what to change.</summary>
    public const int UserError = 1;
    /// <summary>Our fault: a short message on stderr says where the details are.</summary>
    public const int InternalError = 2;
}
