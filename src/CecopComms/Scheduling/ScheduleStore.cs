using System.Data.Common;
using CecopComms.Storage;
using Dapper;
using CecopComms.Hosting;

namespace CecopComms.Scheduling;

/// <summary>Schedules: add, read, list, record what an occurrence did, cancel.</summary>
public sealed class ScheduleStore(Database database, TimeProvider time)
{
    private readonly ScheduleQueries _queries = QueryLoader.Load<ScheduleQueries>(database.Dialect, "schedules");

    public async Task<Schedule> AddAsync(Schedule schedule, CancellationToken cancellationToken)
    {
        var id = await database.ExecuteScalarAsync<long>(_queries.InsertSchedule, new
        {
            schedule.Kind, schedule.Source, schedule.Publication, schedule.Campaign, schedule.Cron, schedule.RunAt, schedule.TimeZone, schedule.Audience, Now = time.GetUtcNow(),
        }, cancellationToken);
        return await GetAsync(id, cancellationToken);
    }

    /// <exception cref="ScheduleException">No schedule has this id.</exception>
    public async Task<Schedule> GetAsync(long id, CancellationToken cancellationToken) =>
        await database.QuerySingleOrDefaultAsync<Schedule>(_queries.GetSchedule, new { Id = id }, cancellationToken)
        ?? throw new ScheduleException($"There is no schedule {id}.").WithCliHint("`cecop schedules list` shows them.");

    public Task<IReadOnlyList<Schedule>> ListAsync(ScheduleStatus? status, CancellationToken cancellationToken) =>
        database.QueryListAsync<Schedule>(_queries.ListSchedules, new { Status = status?.ToString().ToLowerInvariant() }, cancellationToken);

    /// <summary>Records what the occurrence planned for <paramref name="firedAt"/> did.</summary>
    public Task RecordAsync(long id, ScheduleStatus status, DateTimeOffset firedAt, long? mailingId, string note, CancellationToken cancellationToken) =>
        database.ExecuteScalarAsync<long>(_queries.RecordOccurrence, new
        {
            Id = id, Status = status.ToString().ToLowerInvariant(), FiredAt = firedAt, MailingId = mailingId, Note = note, Now = time.GetUtcNow(),
        }, cancellationToken);

    /// <summary>
    /// Writes the idempotency key of the occurrence planned for <paramref name="plannedAt"/> in the transaction that
    /// creates its mailing; false when another firing of the same occurrence already wrote it.
    /// </summary>
    public async Task<bool> ClaimOccurrenceAsync(DbConnection connection, DbTransaction transaction, long scheduleId, DateTimeOffset plannedAt, long mailingId,
        CancellationToken cancellationToken) =>
        await connection.ExecuteScalarAsync<long?>(new CommandDefinition(_queries.ClaimOccurrence,
            new { ScheduleId = scheduleId, PlannedAt = plannedAt, MailingId = mailingId, Now = time.GetUtcNow() }, transaction, cancellationToken: cancellationToken)) is not null;

    /// <summary>The mailing the occurrence planned for <paramref name="plannedAt"/> started (0 when it was deleted since), or null when none did.</summary>
    public Task<long?> OccurrenceAsync(long scheduleId, DateTimeOffset plannedAt, CancellationToken cancellationToken) =>
        database.QuerySingleOrDefaultAsync<long?>(_queries.GetOccurrence, new { ScheduleId = scheduleId, PlannedAt = plannedAt }, cancellationToken);

    public async Task<bool> CancelAsync(long id, CancellationToken cancellationToken) =>
        await database.QuerySingleOrDefaultAsync<long?>(_queries.CancelSchedule, new { Id = id, Now = time.GetUtcNow() }, cancellationToken) is not null;
}
