using System.Data.Common;
using System.Globalization;
using System.Text;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Storage.ValueConversion;
using UseCaseHub.Core.Catalogue;
using UseCaseHub.Core.Markdown;
using UseCaseHub.Core.Search;
using UseCaseHub.Core.Store;

namespace UseCaseHub.Benchmarks;

/// <summary>
/// A synthetic catalogue written straight into the SQLite store (as a bulk load would, so without outbox
/// rows): each entry copies the shape of a random real entry of content/ (language, text lengths, how many
/// tags of each kind) and fills it with windows of real text, mostly from that entry (entries are about
/// one topic: a water metering entry says "water" a lot, others rarely) and partly from any entry of that
/// language; tags are drawn with the real entries' frequencies. A seeded RNG makes every run the same corpus.
/// </summary>
internal sealed class CorpusGenerator(HubDbContext db, int seed)
{
    private readonly Random _random = new(seed);
    private static readonly DateTimeOffsetToBinaryConverter Dates = new();

    public long TextBytes { get; private set; }

    public async Task GenerateAsync(int count, Action<int> progress)
    {
        var templates = await SearchDocuments.WithTags(db.Entries).ToListAsync();
        var pools = templates.GroupBy(t => t.Language).ToDictionary(g => g.Key, g => Pool(g));
        var topics = templates.ToDictionary(t => t.Id, t => Pool([t]));
        var countries = await db.Countries.Select(c => c.Iso2).ToListAsync();
        var targets = (await db.SdgTargets.Select(t => new { t.GoalNumber, t.Code }).ToListAsync())
            .GroupBy(t => t.GoalNumber).ToDictionary(g => g.Key, g => g.Select(t => t.Code).ToList());
        var goalsUsed = templates.SelectMany(t => t.Sdgs.Select(g => g.Number)).ToList();
        var countriesUsed = templates.SelectMany(t => t.Countries.Select(c => c.Iso2)).ToList();
        var verticalsUsed = templates.SelectMany(t => t.Verticals.Select(v => v.Slug)).ToList();
        var technologiesUsed = templates.SelectMany(t => t.Technologies.Select(v => v.Slug)).ToList();
        var standardsUsed = templates.SelectMany(t => t.Standards.Select(v => v.Code)).ToList();

        var connection = db.Database.GetDbConnection();
        await connection.OpenAsync();
        var transaction = await connection.BeginTransactionAsync();
        using var entry = Command(connection, "INSERT INTO Entries (Id, Pid, Slug, Title, Summary, Body, Language, Status, Version, Licence, Sources, PublishedAt, CreatedAt, UpdatedAt, ConcurrencyStamp, Type, Stage, StartYear, Interoperability, DataAndIdentifiers, SecurityAndTrust, LessonsLearned, Links, Scale) VALUES ($id, $pid, $slug, $title, $summary, $body, $language, $status, 1, 'CC-BY-4.0', '[]', $published, $published, $published, $stamp, $type, $stage, $year, $a, $b, $c, $d, '[]', $scale)",
            "$id", "$pid", "$slug", "$title", "$summary", "$body", "$language", "$status", "$published", "$stamp", "$type", "$stage", "$year", "$a", "$b", "$c", "$d", "$scale");
        var links = new Dictionary<string, DbCommand>
        {
            ["EntrySdgs"] = Command(connection, "INSERT OR IGNORE INTO EntrySdgs (EntriesId, SdgsNumber) VALUES ($e, $v)", "$e", "$v"),
            ["EntrySdgTargets"] = Command(connection, "INSERT OR IGNORE INTO EntrySdgTargets (EntriesId, SdgTargetsCode) VALUES ($e, $v)", "$e", "$v"),
            ["EntryCountries"] = Command(connection, "INSERT OR IGNORE INTO EntryCountries (EntriesId, CountriesIso2) VALUES ($e, $v)", "$e", "$v"),
            ["EntryVerticals"] = Command(connection, "INSERT OR IGNORE INTO EntryVerticals (EntriesId, VerticalsSlug) VALUES ($e, $v)", "$e", "$v"),
            ["EntryTechnologies"] = Command(connection, "INSERT OR IGNORE INTO EntryTechnologies (EntriesId, TechnologiesSlug) VALUES ($e, $v)", "$e", "$v"),
            ["EntryStandards"] = Command(connection, "INSERT OR IGNORE INTO EntryStandards (EntriesId, StandardsCode) VALUES ($e, $v)", "$e", "$v"),
        };

        for (var i = 0; i < count; i++)
        {
            var template = templates[_random.Next(templates.Count)];
            var pool = (Topic: topics[template.Id], Language: pools[template.Language]);
            var useCase = template as UseCase;
            var id = Guid.NewGuid();
            var pid = $"{(useCase is null ? "BP" : "UC")}-2030-{i:D6}";
            var title = Text(pool, template.Title.Length, sentence: false);
            var summary = Text(pool, template.Summary.Length, sentence: true);
            var body = Text(pool, MarkdownRenderer.ToPlainText(template.Body).Length, sentence: true);
            string? Standpoint(string? text) => useCase is null ? null : Text(pool, text?.Length ?? 300, sentence: true);
            var standpoints = new[] { Standpoint(useCase?.Interoperability), Standpoint(useCase?.DataAndIdentifiers), Standpoint(useCase?.SecurityAndTrust), Standpoint(useCase?.LessonsLearned) };
            TextBytes += Encoding.UTF8.GetByteCount(title) + Encoding.UTF8.GetByteCount(summary) + Encoding.UTF8.GetByteCount(body)
                + standpoints.Sum(s => s is null ? 0 : Encoding.UTF8.GetByteCount(s));
            var published = DateTimeOffset.UnixEpoch.AddDays(18_000 + _random.Next(2_500));
            Set(entry, id, pid, $"synthetic-{i}", title, summary, body, template.Language, _random.NextDouble() < 0.97 ? "Published" : "Draft",
                Dates.ConvertToProvider(published)!, Guid.NewGuid().ToString().ToUpperInvariant(), useCase is null ? "BestPractice" : "UseCase",
                useCase is null ? DBNull.Value : Enum.GetName(useCase.Stage)!, useCase is null ? DBNull.Value : 2008 + _random.Next(18),
                (object?)standpoints[0] ?? DBNull.Value, (object?)standpoints[1] ?? DBNull.Value, (object?)standpoints[2] ?? DBNull.Value, (object?)standpoints[3] ?? DBNull.Value,
                useCase is null ? DBNull.Value : "[]");
            await entry.ExecuteNonQueryAsync();

            var goals = Pick(goalsUsed, Math.Max(1, template.Sdgs.Count));
            await LinkAsync(links["EntrySdgs"], id, goals.Cast<object>());
            await LinkAsync(links["EntrySdgTargets"], id, goals.Where(g => targets.ContainsKey(g) && _random.Next(2) == 0)
                .Select(g => (object)targets[g][_random.Next(targets[g].Count)]));
            // Mostly the countries real entries are about, some anywhere: a long tail like a growing catalogue.
            await LinkAsync(links["EntryCountries"], id, Pick(_random.Next(10) < 7 ? countriesUsed : countries, template.Countries.Count));
            await LinkAsync(links["EntryVerticals"], id, Pick(verticalsUsed, Math.Max(1, template.Verticals.Count)));
            await LinkAsync(links["EntryTechnologies"], id, Pick(technologiesUsed, template.Technologies.Count));
            await LinkAsync(links["EntryStandards"], id, Pick(standardsUsed, template.Standards.Count));
            if ((i + 1) % 5000 == 0)
            {
                await transaction.CommitAsync();
                await transaction.DisposeAsync();
                transaction = await connection.BeginTransactionAsync();
                progress(i + 1);
            }

            void Set(DbCommand command, Guid key, params object[] values)
            {
                command.Transaction = transaction;
                command.Parameters[0].Value = key.ToString().ToUpperInvariant();
                for (var p = 0; p < values.Length; p++)
                {
                    command.Parameters[p + 1].Value = values[p];
                }
            }

            async Task LinkAsync(DbCommand command, Guid key, IEnumerable<object> values)
            {
                foreach (var value in values)
                {
                    Set(command, key, value);
                    await command.ExecuteNonQueryAsync();
                }
            }
        }

        await transaction.CommitAsync();
        await transaction.DisposeAsync();
        foreach (var command in links.Values)
        {
            command.Dispose();
        }

        progress(count);
    }

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

        command.Prepare();
        return command;
    }

    /// <summary>The words of every real entry in one language (Chinese in runs of characters).</summary>
    private static string[] Pool(IEnumerable<Entry> entries)
    {
        var text = string.Join(' ', entries.SelectMany(e => new[] { e.Title, e.Summary, MarkdownRenderer.ToPlainText(e.Body) }));
        var words = text.Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries);
        return words.Average(w => w.Length) < 12 ? words : words.SelectMany(w => w.Chunk(3).Select(c => new string(c))).ToArray();
    }

    /// <summary>Windows of consecutive real words until the length is reached: real word frequencies and co-occurrences.</summary>
    private string Text((string[] Topic, string[] Language) pools, int length, bool sentence)
    {
        var text = new StringBuilder(length + 64);
        while (text.Length < length)
        {
            var pool = _random.Next(10) < 8 ? pools.Topic : pools.Language;
            var start = _random.Next(pool.Length);
            var take = sentence ? 8 + _random.Next(14) : 2 + _random.Next(6);
            for (var i = start; i < Math.Min(pool.Length, start + take) && text.Length < length; i++)
            {
                text.Append(pool[i]).Append(' ');
            }
        }

        return text.ToString().Trim();
    }

    private List<T> Pick<T>(List<T> from, int count) =>
        from.Count == 0 ? [] : Enumerable.Range(0, count * 2).Select(_ => from[_random.Next(from.Count)]).Distinct().Take(count).ToList();

    public static string Format(long bytes) => bytes.ToString("N0", CultureInfo.InvariantCulture);
}
