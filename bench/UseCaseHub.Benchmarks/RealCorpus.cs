using System.Data.Common;
using System.Text;
using Microsoft.EntityFrameworkCore;
using UseCaseHub.Core.Catalogue;
using UseCaseHub.Core.Markdown;
using UseCaseHub.Core.Search;
using UseCaseHub.Core.Store;

namespace UseCaseHub.Benchmarks;

/// <summary>
/// The real-text corpus: the shipped entries (already imported by the real importer) repeated until the store holds
/// <c>count</c> entries. Each copy is its template's row copied whole in SQL (real title, summary, Markdown body and
/// standpoints, in the template's language) with a new id, pid and slug; its tags keep the template's number of tags
/// per facet, each kept from the template half the time and otherwise drawn with the shipped entries' frequencies, so
/// facet counts spread as a growing catalogue's would rather than in 84 identical blocks. Seeded: every run the same.
/// The SQL is the one both stores speak (quoted names, <c>@</c> parameters, <c>ON CONFLICT DO NOTHING</c>); only the
/// column list's source and the id's form (PostgreSQL's uuid, SQLite's uppercase text) differ.
/// </summary>
internal sealed class RealCorpus(HubDbContext db, int seed)
{
    private readonly Random _random = new(seed);

    /// <summary>Bytes of searchable text (title, summary, plain body, standpoints) in the whole store after the copies.</summary>
    public long TextBytes { get; private set; }

    public async Task RepeatAsync(int count, Action<int> progress)
    {
        var templates = await SearchDocuments.WithTags(db.Entries).Where(e => e.Status == EntryStatus.Published).OrderBy(e => e.Pid).ToListAsync();
        var bytes = templates.ToDictionary(t => t.Id, TextOf);
        TextBytes = bytes.Values.Sum();
        var copies = Math.Max(0, count - await db.Entries.CountAsync());
        var used = new Dictionary<string, List<object>>
        {
            ["EntrySdgs"] = templates.SelectMany(t => t.Sdgs.Select(g => (object)g.Number)).ToList(),
            ["EntrySdgTargets"] = templates.SelectMany(t => t.SdgTargets.Select(g => (object)g.Code)).ToList(),
            ["EntryCountries"] = templates.SelectMany(t => t.Countries.Select(c => (object)c.Iso2)).ToList(),
            ["EntryVerticals"] = templates.SelectMany(t => t.Verticals.Select(v => (object)v.Slug)).ToList(),
            ["EntryTechnologies"] = templates.SelectMany(t => t.Technologies.Select(v => (object)v.Slug)).ToList(),
            ["EntryStandards"] = templates.SelectMany(t => t.Standards.Select(v => (object)v.Code)).ToList(),
        };

        var postgres = Benchmark.IsPostgres(db);
        object Key(Guid id) => postgres ? id : id.ToString().ToUpperInvariant();
        var connection = db.Database.GetDbConnection();
        await connection.OpenAsync();
        var columns = new List<string>();
        using (var info = connection.CreateCommand())
        {
            info.CommandText = postgres
                ? "SELECT column_name FROM information_schema.columns WHERE table_name = 'Entries' AND table_schema = current_schema() ORDER BY ordinal_position"
                : "SELECT name FROM pragma_table_info('Entries')";
            await using var reader = await info.ExecuteReaderAsync();
            while (await reader.ReadAsync())
            {
                columns.Add(reader.GetString(0));
            }
        }

        // Every column copied from the template except those that identify the entry or its content file.
        var replaced = new Dictionary<string, string>(StringComparer.Ordinal)
        {
            ["Id"] = "@id",
            ["Pid"] = "@pid",
            ["Slug"] = "\"Slug\" || @suffix",
            ["ContentHash"] = "NULL",
            ["ConcurrencyStamp"] = "@stamp",
        };
        var select = string.Join(", ", columns.Select(c => replaced.TryGetValue(c, out var value) ? value : $"\"{c}\""));
        var transaction = await connection.BeginTransactionAsync();
        using var copy = Command(connection, $"INSERT INTO \"Entries\" ({string.Join(", ", columns.Select(c => $"\"{c}\""))}) SELECT {select} FROM \"Entries\" WHERE \"Id\" = @template",
            "@id", "@pid", "@suffix", "@stamp", "@template");
        var links = new Dictionary<string, DbCommand>
        {
            ["EntrySdgs"] = Link(connection, "EntrySdgs", "SdgsNumber"),
            ["EntrySdgTargets"] = Link(connection, "EntrySdgTargets", "SdgTargetsCode"),
            ["EntryCountries"] = Link(connection, "EntryCountries", "CountriesIso2"),
            ["EntryVerticals"] = Link(connection, "EntryVerticals", "VerticalsSlug"),
            ["EntryTechnologies"] = Link(connection, "EntryTechnologies", "TechnologiesSlug"),
            ["EntryStandards"] = Link(connection, "EntryStandards", "StandardsCode"),
        };

        var prepared = new HashSet<DbCommand>();
        for (var i = 0; i < copies; i++)
        {
            var template = templates[i % templates.Count];
            var id = Key(Guid.NewGuid());
            // The template's kind prefix and a year no shipped entry uses: pids stay valid and never collide.
            Run(copy, id, $"{template.Pid[..2]}-2031-{i:D6}", $"-r{i}", Key(Guid.NewGuid()), Key(template.Id));
            await copy.ExecuteNonQueryAsync();
            TextBytes += bytes[template.Id];

            await LinkAsync("EntrySdgs", template.Sdgs.Select(g => (object)g.Number).ToList());
            await LinkAsync("EntrySdgTargets", template.SdgTargets.Select(g => (object)g.Code).ToList());
            await LinkAsync("EntryCountries", template.Countries.Select(c => (object)c.Iso2).ToList());
            await LinkAsync("EntryVerticals", template.Verticals.Select(v => (object)v.Slug).ToList());
            await LinkAsync("EntryTechnologies", template.Technologies.Select(v => (object)v.Slug).ToList());
            await LinkAsync("EntryStandards", template.Standards.Select(v => (object)v.Code).ToList());
            if ((i + 1) % 5000 == 0)
            {
                await transaction.CommitAsync();
                await transaction.DisposeAsync();
                transaction = await connection.BeginTransactionAsync();
                progress(i + 1);
            }

            async Task LinkAsync(string table, List<object> own)
            {
                var pool = used[table];
                var values = own.Select(v => _random.Next(2) == 0 || pool.Count == 0 ? v : pool[_random.Next(pool.Count)]).Distinct();
                foreach (var value in values)
                {
                    Run(links[table], id, value);
                    await links[table].ExecuteNonQueryAsync();
                }
            }
        }

        await transaction.CommitAsync();
        await transaction.DisposeAsync();
        foreach (var command in links.Values)
        {
            command.Dispose();
        }

        progress(copies);

        void Run(DbCommand command, params object[] values)
        {
            command.Transaction = transaction;
            for (var p = 0; p < values.Length; p++)
            {
                command.Parameters[p].Value = values[p];
            }

            // Prepared once its parameters have values: Npgsql infers their types from the first ones.
            if (prepared.Add(command))
            {
                command.Prepare();
            }
        }
    }

    private static long TextOf(Entry entry)
    {
        var useCase = entry as UseCase;
        return new[] { entry.Title, entry.Summary, MarkdownRenderer.ToPlainText(entry.Body), useCase?.Interoperability, useCase?.DataAndIdentifiers, useCase?.SecurityAndTrust, useCase?.LessonsLearned }
            .Sum(s => s is null ? 0 : Encoding.UTF8.GetByteCount(s));
    }

    private static DbCommand Link(DbConnection connection, string table, string valueColumn) =>
        Command(connection, $"INSERT INTO \"{table}\" (\"EntriesId\", \"{valueColumn}\") VALUES (@e, @v) ON CONFLICT DO NOTHING", "@e", "@v");

    private static DbCommand Command(DbConnection connection, string sql, params string[] parameters)
    {
        var command = connection.CreateCommand();
        command.CommandText = sql;
        foreach (var name in parameters)
        {
            var parameter = command.CreateParameter();
            parameter.ParameterName = name;
            command.Parameters.Add(parameter);
        }

        return command;
    }
}
