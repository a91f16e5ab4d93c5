using System.Data.Common;

namespace CecopComms.Audience.Import;

/// <summary>
/// A command prepared once per import and rebound per row: SQLite compiles the statement once, and each row only sets
/// parameter values. Parameter names are those in the SQL ("@key"). Provider-neutral: the organisation import and the
/// loading of a list run through it on PostgreSQL too.
/// </summary>
internal sealed class PreparedCommand : IDisposable
{
    private readonly DbCommand _command;
    private readonly Dictionary<string, DbParameter> _parameters = new(StringComparer.Ordinal);

    public PreparedCommand(DbConnection connection, string sql, params string[] parameters)
    {
        _command = connection.CreateCommand();
        _command.CommandText = sql;
        foreach (var name in parameters)
        {
            var parameter = _command.CreateParameter();
            parameter.ParameterName = name;
            parameter.Value = DBNull.Value;
            _parameters[name] = parameter;
            _command.Parameters.Add(parameter);
        }
    }

    public object? this[string name]
    {
        set => _parameters[name].Value = value ?? DBNull.Value;
    }

    public DbTransaction? Transaction
    {
        set => _command.Transaction = value;
    }

    public Task<int> ExecuteAsync(CancellationToken cancellationToken) => _command.ExecuteNonQueryAsync(cancellationToken);

    public async Task<long?> ScalarAsync(CancellationToken cancellationToken) =>
        await _command.ExecuteScalarAsync(cancellationToken) is { } value and not DBNull ? Convert.ToInt64(value) : null;

    public Task<DbDataReader> ReaderAsync(CancellationToken cancellationToken) => _command.ExecuteReaderAsync(cancellationToken);

    public void Dispose() => _command.Dispose();
}
