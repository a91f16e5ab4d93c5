using System.Data.Common;
using Microsoft.Data.Sqlite;

namespace CecopComms.Audience.Import;

/// <summary>
/// A command prepared once per import and rebound per row: SQLite compiles the statement once, and each row only sets
/// parameter values. Parameter names are those in the SQL ("$key").
/// </summary>
internal sealed class PreparedCommand : IDisposable
{
    private readonly SqliteCommand _command;
    private readonly Dictionary<string, SqliteParameter> _parameters = new(StringComparer.Ordinal);

    public PreparedCommand(SqliteConnection connection, string sql, params string[] parameters)
    {
        _command = connection.CreateCommand();
        _command.CommandText = sql;
        foreach (var name in parameters) _parameters[name] = _command.Parameters.Add(new SqliteParameter(name, DBNull.Value));
    }

    public object? this[string name]
    {
        set => _parameters[name].Value = value ?? DBNull.Value;
    }

    public DbTransaction? Transaction
    {
        set => _command.Transaction = (SqliteTransaction?)value;
    }

    public Task<int> ExecuteAsync(CancellationToken cancellationToken) => _command.ExecuteNonQueryAsync(cancellationToken);

    public async Task<long?> ScalarAsync(CancellationToken cancellationToken) =>
        await _command.ExecuteScalarAsync(cancellationToken) is { } value and not DBNull ? Convert.ToInt64(value) : null;

    public Task<SqliteDataReader> ReaderAsync(CancellationToken cancellationToken) => _command.ExecuteReaderAsync(cancellationToken);

    public void Dispose() => _command.Dispose();
}
