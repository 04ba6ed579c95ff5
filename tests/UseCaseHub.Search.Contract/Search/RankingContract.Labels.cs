using UseCaseHub.Core.Search;

namespace UseCaseHub.Tests.Search;

public abstract partial class RankingContract
{
    /// <summary>
    /// Tag names in other languages (ITaxonomyLabels) are searched as that language: a French reader's "eau" finds an
    /// English entry tagged SDG 6 by its French name, after a French entry that has the word in its own text.
    /// </summary>
    [ContractFact]
    public async Task A_tag_name_in_the_readers_language_matches_but_weighs_less_than_the_entrys_own_words()
    {
        var tagged = Document("Pump telemetry", "Pumps report their state.", "The district office keeps the pump records.") with
        {
            LocalizedLabels = [new LocalizedLabel("fr", "Eau propre et assainissement"), new LocalizedLabel("es", "Agua limpia y saneamiento")],
        };
        var french = Document("Compteurs communicants", "Les compteurs mesurent la consommation d'eau des ménages.", "Les relevés arrivent chaque jour.", language: "fr");
        var none = Document("Pump maintenance", "Pumps are serviced.", "The district office keeps the pump records.");

        var ranked = await RankAsync([tagged, none, french], "eau", "fr");

        Assert.Equal([french.Pid, tagged.Pid], ranked);
    }
}
