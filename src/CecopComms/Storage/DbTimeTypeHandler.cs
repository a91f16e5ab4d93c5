using System.Data;
using Dapper;

namespace CecopComms.Storage;

/// <summary>
/// Lets Dapper read and write <see cref="DateTimeOffset"/>: as <see cref="DbTime"/> text on SQLite, as a UTC
/// timestamptz on PostgreSQL (Npgsql reads it back as a UTC <see cref="DateTime"/>).
/// </summary>
public sealed class DbTimeTypeHandler : SqlMapper.TypeHandler<DateTimeOffset>
{
    public override void SetValue(IDbDataParameter parameter, DateTimeOffset value)
    {
        if (parameter is Npgsql.NpgsqlParameter postgres)
        {
            postgres.NpgsqlDbType = NpgsqlTypes.NpgsqlDbType.TimestampTz;
            postgres.Value = value.ToUniversalTime();
            return;
        }
        parameter.DbType = DbType.String;
        parameter.Value = DbTime.ToText(value);
    }

    public override DateTimeOffset Parse(object value) => value switch
    {
        string text => DbTime.Parse(text),
        DateTimeOffset time => time.ToUniversalTime(),
        DateTime time => new DateTimeOffset(DateTime.SpecifyKind(time, DateTimeKind.Utc)),
        _ => throw new DataException($"Cannot read a time from a {value.GetType().Name}."),
    };
}
