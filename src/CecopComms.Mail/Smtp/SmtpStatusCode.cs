namespace CecopComms.Mail.Smtp;

/// <summary>SMTP reply codes (mirrors MailKit.Net.Smtp.SmtpStatusCode); the numeric value is the code.</summary>
public enum SmtpStatusCode
{
    /// <summary>211</summary>
    SystemStatus = 211,
    /// <summary>214</summary>
    HelpMessage = 214,
    /// <summary>220</summary>
    ServiceReady = 220,
    /// <summary>221</summary>
    ServiceClosingTransmissionChannel = 221,
    /// <summary>235</summary>
    AuthenticationSuccessful = 235,
    /// <summary>250</summary>
    Ok = 250,
    /// <summary>251</summary>
    UserNotLocalWillForward = 251,
    /// <summary>252</summary>
    CannotVerifyUserWillAttemptDelivery = 252,
    /// <summary>334</summary>
    AuthenticationChallenge = 334,
    /// <summary>354</summary>
    StartMailInput = 354,
    /// <summary>421: the server is closing the connection.</summary>
    ServiceNotAvailable = 421,
    /// <summary>432</summary>
    PasswordTransitionNeeded = 432,
    /// <summary>450</summary>
    MailboxBusy = 450,
    /// <summary>451</summary>
    ErrorInProcessing = 451,
    /// <summary>452</summary>
    InsufficientStorage = 452,
    /// <summary>454</summary>
    TemporaryAuthenticationFailure = 454,
    /// <summary>500</summary>
    CommandUnrecognized = 500,
    /// <summary>501</summary>
    SyntaxError = 501,
    /// <summary>502</summary>
    CommandNotImplemented = 502,
    /// <summary>503</summary>
    BadCommandSequence = 503,
    /// <summary>504</summary>
    CommandParameterNotImplemented = 504,
    /// <summary>530</summary>
    AuthenticationRequired = 530,
    /// <summary>534</summary>
    AuthenticationMechanismTooWeak = 534,
    /// <summary>535</summary>
    AuthenticationInvalidCredentials = 535,
    /// <summary>538</summary>
    EncryptionRequiredForAuthenticationMechanism = 538,
    /// <summary>550</summary>
    MailboxUnavailable = 550,
    /// <summary>551</summary>
    UserNotLocalTryAlternatePath = 551,
    /// <summary>552</summary>
    ExceededStorageAllocation = 552,
    /// <summary>553</summary>
    MailboxNameNotAllowed = 553,
    /// <summary>554</summary>
    TransactionFailed = 554,
    /// <summary>555</summary>
    MailFromOrRcptToParametersNotRecognizedOrNotImplemented = 555,
}
