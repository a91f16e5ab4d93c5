namespace CecopComms.Web.SelfService;

/// <summary>What a sign-up led to. Never shown to the visitor, who always reads the same answer; logged and tested.</summary>
public enum SignupOutcome
{
    /// <summary>A confirmation link was queued for the address.</summary>
    ConfirmationQueued,
    /// <summary>The address is confirmed on the list already: no second mail (see <see cref="SignupService"/>).</summary>
    AlreadySubscribed,
    /// <summary>The address is blocklisted: nothing is ever sent to it.</summary>
    Refused,
}
