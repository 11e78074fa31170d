namespace MarketBlazor.Data.Seeding;

/// <summary>Display names for simulated traders, "Ada Lovelace 17"-style: readable on a leaderboard and obviously not real people.</summary>
public static class DemoNames
{
    private static readonly string[] FirstNames =
    [
        "Ada", "Alan", "Amara", "Anika", "Arjun", "Aiko", "Beatriz", "Bjorn", "Carmen", "Chen",
        "Chidi", "Clara", "Dario", "Dmitri", "Elena", "Emeka", "Emil", "Fatima", "Felix", "Freya",
        "Grace", "Hana", "Hugo", "Ines", "Ingrid", "Isaac", "Jamal", "Jonas", "Kai", "Kavya",
        "Kenji", "Lars", "Leila", "Lena", "Luca", "Malik", "Marie", "Mateo", "Maya", "Mei",
        "Nadia", "Niamh", "Nikolai", "Noor", "Olga", "Omar", "Pablo", "Priya", "Rafael", "Rosa",
        "Sami", "Sofia", "Tariq", "Tomas", "Uma", "Valentina", "Wei", "Yara", "Yusuf", "Zara",
    ];

    private static readonly string[] LastNames =
    [
        "Abara", "Alvarez", "Andersen", "Bauer", "Bianchi", "Chowdhury", "Costa", "Dubois", "Eriksson", "Fischer",
        "Fernandes", "Garcia", "Haddad", "Hansen", "Hoffmann", "Ibrahim", "Ito", "Jansen", "Kaur", "Kim",
        "Kowalski", "Lovelace", "Lindqvist", "Mensah", "Moreau", "Murphy", "Nakamura", "Novak", "Nguyen", "Okafor",
        "Olsen", "Park", "Petrov", "Quinn", "Rahman", "Rossi", "Sato", "Schmidt", "Silva", "Singh",
        "Sokolov", "Tanaka", "Turing", "Ueda", "Varga", "Wagner", "Wang", "Yamamoto", "Zhang", "Zielinski",
    ];

    private const int NumberRange = 100;

    /// <returns><paramref name="count"/> distinct names.</returns>
    public static IReadOnlyList<string> Create(int count, Random random)
    {
        var names = new List<string>(count);
        var taken = new HashSet<string>(count);
        for (var i = 0; i < count; i++)
        {
            var name = $"{Pick(FirstNames)} {Pick(LastNames)} {random.Next(1, NumberRange)}";
            // A number beyond the random range, different for every name, settles a clash at once:
            // no retry loop, even when more names are asked for than the 297,000 combinations.
            if (!taken.Add(name)) name = $"{Pick(FirstNames)} {Pick(LastNames)} {NumberRange + i}";
            names.Add(name);
        }
        return names;

        string Pick(string[] items) => items[random.Next(items.Length)];
    }
}
