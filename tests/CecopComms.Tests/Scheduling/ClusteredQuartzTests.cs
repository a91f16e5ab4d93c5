using System.Collections.Concurrent;
using CecopComms.Content;
using CecopComms.Hosting;
using CecopComms.Scheduling;
using CecopComms.Storage;
using CecopComms.Tests.Delivery;
using CecopComms.Tests.Infrastructure;
using Dapper;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Quartz;

namespace CecopComms.Tests.Scheduling;

/// <summary>
/// Quartz clustered on PostgreSQL: three nodes (three service providers, three started schedulers, each with an
/// instance id of its own) on one database of the suite's PostgreSQL server, whichever database the rest of the suite
/// runs on. They fire on the machine's clock, as Quartz's cluster check-ins need.
/// </summary>
public sealed class ClusteredQuartzTests
{
    private const int Occurrences = 100;

    /// <summary>Records every execution of a schedule's job: on which node, for which schedule.</summary>
    private sealed class Executions : IJobListener
    {
        public ConcurrentBag<(string Node, string Job, bool Failed)> Seen { get; } = [];
        public string Name => "cluster-test";

        public ValueTask JobWasExecuted(IJobExecutionContext context, JobExecutionException? jobException, CancellationToken cancellationToken = default)
        {
            Seen.Add((context.Scheduler.SchedulerInstanceId, context.JobDetail.Key.Name, jobException is not null));
            return ValueTask.CompletedTask;
        }
    }

    private static IConfiguration Node(TempWorkspace workspace, string connectionString) => new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
    {
        ["Storage:Provider"] = "postgres",
        ["Storage:ConnectionString"] = connectionString,
        ["Storage:FilesPath"] = workspace.Path("files"),
        ["Delivery:TokenSecret"] = TestStorage.TokenSecret,
        ["Delivery:Transport"] = "outbox",
        ["Delivery:OutboxPath"] = workspace.Path("outbox"),
        ["Scheduling:TimeZone"] = "Europe/Brussels",
        ["Scheduling:MisfireGraceHours"] = "6",
    }).Build();

    /// <summary>A job that only says it ran, on which node and for which occurrence (the run's own bag, by its id).</summary>
    [DisallowConcurrentExecution]
    public sealed class CountingJob : IJob
    {
        public static ConcurrentDictionary<string, ConcurrentBag<(string Node, string Occurrence)>> Runs { get; } = new();

        public ValueTask Execute(IJobExecutionContext context, CancellationToken cancellationToken = default)
        {
            Runs[context.MergedJobDataMap.GetString("run")!].Add((context.Scheduler.SchedulerInstanceId, context.JobDetail.Key.Name));
            return ValueTask.CompletedTask;
        }
    }

    /// <summary>
    /// A hundred occurrences due within three seconds fire once each across the three nodes, spread over them; a few
    /// of them are real one-off schedules (their job the application's, which starts a mailing), each starting one.
    /// The rest run a job that only counts, so the test measures Quartz's cluster and not the content engine.
    /// </summary>
    [Fact]
    public async Task Three_nodes_fire_each_of_a_hundred_occurrences_once_and_share_them()
    {
        const int real = 6;
        var name = "cecop_cluster_" + Guid.NewGuid().ToString("N")[..12];
        var connectionString = TestStorage.CreateDatabase(name);
        using var workspace = new TempWorkspace();
        var nodes = new List<ServiceProvider>();
        var schedulers = new List<IScheduler>();
        var run = Guid.NewGuid().ToString("N");
        var runs = CountingJob.Runs.GetOrAdd(run, _ => []);
        try
        {
            for (var i = 0; i < 3; i++) nodes.Add(await AppServices.StartAsync(Node(workspace, connectionString), TimeProvider.System, CancellationToken.None));
            var database = nodes[0].GetRequiredService<Database>();
            await DeliveryTestBed.AddSubscribersAsync(database, 2);
            var content = nodes[0].GetRequiredService<MailingContent>();
            var store = nodes[0].GetRequiredService<ScheduleStore>();
            var triggers = nodes[0].GetRequiredService<ScheduleTriggers>();
            var editions = new List<long>();
            for (var i = 1; i <= real; i++)
                editions.Add((await content.SaveEditionAsync(new Content.Validation.SourceText($"edition-{i}.yaml",
                    SchedulingTestBed.Edition.Replace("number: 1", $"number: {i}")), CancellationToken.None)).Edition.Id);

            // Written through an unstarted scheduler of the first node, as `cecop schedules add` does.
            var due = DateTimeOffset.UtcNow.AddSeconds(8);
            var offline = await triggers.CreateSchedulerAsync(CancellationToken.None);
            var jobs = new Dictionary<IJobDetail, IReadOnlyCollection<ITrigger>>();
            for (var i = 0; i < Occurrences - real; i++)
            {
                var job = JobBuilder.Create<CountingJob>().WithIdentity($"occurrence-{i}", "cluster-test").UsingJobData("run", run).RequestRecovery().Build();
                jobs[job] = [TriggerBuilder.Create().WithIdentity($"occurrence-{i}", "cluster-test").StartAt(due.AddMilliseconds(30 * i)).Build()];
            }
            await offline.ScheduleJobs(jobs, new ScheduleJobOptions { Replace = true }, CancellationToken.None);
            var schedules = new List<Schedule>();
            for (var i = 0; i < real; i++)
            {
                schedules.Add(await store.AddAsync(new Schedule
                {
                    Kind = "once", Source = new MailingSource(MailingSourceKind.Edition, editions[i]).ToString(),
                    RunAt = due.AddMilliseconds(500 * i), TimeZone = "Europe/Brussels",
                }, CancellationToken.None));
                await triggers.AddAsync(offline, schedules[^1], CancellationToken.None);
            }
            await offline.Shutdown(false, CancellationToken.None);

            var executions = new Executions();
            foreach (var node in nodes)
            {
                var scheduler = await node.GetRequiredService<ScheduleTriggers>().CreateSchedulerAsync(CancellationToken.None);
                scheduler.ListenerManager.AddJobListener(executions, [GroupMatcher<JobKey>.GroupEquals(ScheduleTriggers.Group)]);
                schedulers.Add(scheduler);
            }
            foreach (var scheduler in schedulers) await scheduler.Start(CancellationToken.None);
            var instances = schedulers.Select(s => s.SchedulerInstanceId).ToList();
            Assert.Equal(3, instances.Distinct().Count());
            Assert.Single(schedulers.Select(s => s.SchedulerName).Distinct());

            await using var connection = await database.OpenAsync();
            var deadline = DateTimeOffset.UtcNow.AddSeconds(40);
            while (DateTimeOffset.UtcNow < deadline && (runs.Count < Occurrences - real
                   || await connection.ExecuteScalarAsync<long>("SELECT count(*) FROM schedules WHERE status = 'done'") < real))
                await Task.Delay(250);
            // Long enough for a second firing of any of them to show.
            await Task.Delay(TimeSpan.FromSeconds(2));

            var fired = runs.Select(r => (r.Node, Occurrence: r.Occurrence)).Concat(executions.Seen.Select(e => (e.Node, Occurrence: e.Job))).ToList();
            Assert.Equal(Occurrences, fired.Count);
            Assert.Equal(Occurrences, fired.Select(f => f.Occurrence).Distinct().Count());
            var perNode = fired.GroupBy(f => f.Node).ToDictionary(g => g.Key, g => g.Count());
            Assert.True(perNode.Count > 1, $"every occurrence fired on one node: {string.Join(", ", perNode.Select(p => $"{p.Key}={p.Value}"))}");
            Assert.All(perNode.Keys, node => Assert.Contains(node, instances));

            Assert.DoesNotContain(executions.Seen, e => e.Failed);
            Assert.Equal(real, await connection.ExecuteScalarAsync<long>("SELECT count(*) FROM schedules WHERE status = 'done'"));
            Assert.Equal(real, await connection.ExecuteScalarAsync<long>("SELECT count(DISTINCT source_id) FROM mailings"));
            Assert.Equal(real, await connection.ExecuteScalarAsync<long>("SELECT count(*) FROM mailings"));
            Assert.Equal(real, await connection.ExecuteScalarAsync<long>("SELECT count(*) FROM schedule_occurrences"));
        }
        finally
        {
            foreach (var scheduler in schedulers) await scheduler.Shutdown(true, CancellationToken.None);
            foreach (var node in nodes) await node.DisposeAsync();
            CountingJob.Runs.TryRemove(run, out _);
            TestStorage.DropDatabase(name);
        }
    }

    [Fact]
    public async Task A_store_missing_one_of_quartzs_tables_is_refused_when_the_scheduler_starts()
    {
        var name = "cecop_cluster_" + Guid.NewGuid().ToString("N")[..12];
        var connectionString = TestStorage.CreateDatabase(name);
        using var workspace = new TempWorkspace();
        try
        {
            await using var node = await AppServices.StartAsync(Node(workspace, connectionString), TimeProvider.System, CancellationToken.None);
            await using (var connection = await node.GetRequiredService<Database>().OpenAsync())
                await connection.ExecuteAsync("DROP TABLE qrtz_locks");

            var failure = await Record.ExceptionAsync(async () =>
            {
                var scheduler = await node.GetRequiredService<ScheduleTriggers>().CreateSchedulerAsync(CancellationToken.None);
                try { await scheduler.Start(CancellationToken.None); }
                finally { await scheduler.Shutdown(false, CancellationToken.None); }
            });

            Assert.NotNull(failure);
            Assert.Contains("qrtz_locks", failure.ToString(), StringComparison.OrdinalIgnoreCase);
        }
        finally
        {
            TestStorage.DropDatabase(name);
        }
    }
}
