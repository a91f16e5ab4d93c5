namespace CecopComms.Mail.Imap;

/// <summary>How a folder is open (mirrors MailKit.FolderAccess).</summary>
public enum FolderAccess
{
    /// <summary>Not open.</summary>
    None = 0,
    /// <summary>Open with EXAMINE: nothing can change.</summary>
    ReadOnly = 1,
    /// <summary>Open with SELECT: flags can be set and messages expunged.</summary>
    ReadWrite = 2,
}
