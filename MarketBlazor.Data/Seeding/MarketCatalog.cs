using System.Globalization;
using System.Text;
using MarketBlazor.Data.Entities;
using MarketBlazor.Data.Lifecycle;

namespace MarketBlazor.Data.Seeding;

/// <summary>
/// Demo markets: question templates per category, each filled with its own subjects and a
/// close date, so the questions read like real ones ("Will the Bank of Canada cut its policy
/// rate before March 31, 2027?") and their dates agree with when the market closes.
/// </summary>
public static class MarketCatalog
{
    private const string Politics = "Politics";
    private const string Sports = "Sports";
    private const string Technology = "Technology";
    private const string Science = "Science";
    private const string Economy = "Economy";
    private const string Culture = "Culture";

    private static readonly int[] LiquidityLevels = [50, 100, 200, 500, 1000];
    private static readonly TimeSpan EarliestClose = TimeSpan.FromDays(7);
    private static readonly TimeSpan LatestClose = TimeSpan.FromDays(548);

    private sealed record Template(string Category, string Question, string Description, string[] Subjects);

    private static readonly Template[] Templates =
    [
        new(Politics, "Will {subject} hold a snap national election before {date}?",
            "Resolves Yes if {subject} completes voting in an early national parliamentary election on or before {date}. Regularly scheduled elections do not count.",
            ["Canada", "Japan", "Germany", "Italy", "Spain", "the Netherlands", "Australia", "New Zealand", "Belgium", "Portugal", "Sweden"]),
        new(Politics, "Will {subject} lower the national voting age to 16 before {date}?",
            "Resolves Yes if a law letting 16-year-olds vote in national elections in {subject} is enacted on or before {date}.",
            ["the United Kingdom", "Canada", "Germany", "Ireland", "Denmark", "Finland", "Norway", "Japan", "Australia"]),
        new(Politics, "Will {subject} pass a comprehensive AI regulation law before {date}?",
            "Resolves Yes if the national legislature of {subject} passes a law regulating artificial intelligence across sectors on or before {date}. Sector-specific rules do not count.",
            ["the United States", "India", "Brazil", "Japan", "South Korea", "Canada", "Australia", "the United Kingdom", "Mexico", "Indonesia"]),
        new(Politics, "Will {subject} adopt a four-day week for public-sector workers before {date}?",
            "Resolves Yes if the government of {subject} makes a four-day working week standard for its civil service on or before {date}. Pilots and trials do not count.",
            ["Spain", "Scotland", "Iceland", "Portugal", "Belgium", "Japan", "New Zealand", "Ireland"]),
        new(Politics, "Will turnout exceed 70% in the next national election in {subject} before {date}?",
            "Resolves Yes if official turnout is above 70% in the first national election held in {subject} after this market opens and before {date}. Resolves No if no such election is held.",
            ["the United States", "the United Kingdom", "Canada", "France", "Japan", "Poland", "Chile", "South Africa", "Mexico"]),
        new(Politics, "Will {subject} have a new mayor in office before {date}?",
            "Resolves Yes if anyone other than the mayor in office when this market opened is sworn in as mayor of {subject} on or before {date}.",
            ["London", "Paris", "Toronto", "Sydney", "Berlin", "Madrid", "Chicago", "Tokyo", "Seoul", "Mexico City"]),
        new(Politics, "Will {subject} join the Schengen Area before {date}?",
            "Resolves Yes if {subject} becomes a full member of the Schengen Area, with internal border checks lifted, on or before {date}.",
            ["Cyprus", "Ireland", "Albania", "Serbia", "Montenegro", "North Macedonia", "Bosnia and Herzegovina"]),

        new(Sports, "Will {subject} be crowned league champions before {date}?",
            "Resolves Yes if {subject} mathematically clinch the title of their domestic top-flight league on or before {date}.",
            ["Arsenal", "Liverpool", "Manchester City", "Real Madrid", "Barcelona", "Bayern Munich", "Inter Milan", "Napoli", "Paris Saint-Germain", "Benfica", "Celtic", "Ajax"]),
        new(Sports, "Will {subject} reach a major international football final before {date}?",
            "Resolves Yes if the men's national team of {subject} plays in the final of a World Cup or continental championship on or before {date}.",
            ["England", "France", "Brazil", "Argentina", "Spain", "Germany", "Portugal", "the Netherlands", "Japan", "Morocco", "the United States", "Croatia"]),
        new(Sports, "Will a men's marathon world record be set in {subject} before {date}?",
            "Resolves Yes if World Athletics ratifies a men's marathon world record run at the {subject} Marathon on or before {date}.",
            ["Berlin", "London", "Chicago", "Valencia", "Tokyo", "Amsterdam", "Rotterdam", "Seville"]),
        new(Sports, "Will the {subject} win the NBA championship before {date}?",
            "Resolves Yes if the {subject} win the NBA Finals on or before {date}.",
            ["Boston Celtics", "Denver Nuggets", "Oklahoma City Thunder", "New York Knicks", "Minnesota Timberwolves", "Dallas Mavericks", "Milwaukee Bucks", "Golden State Warriors", "Cleveland Cavaliers", "Indiana Pacers"]),
        new(Sports, "Will {subject} win a Formula 1 Grand Prix before {date}?",
            "Resolves Yes if a car entered by {subject} is classified first in a championship Formula 1 Grand Prix on or before {date}. Sprint races do not count.",
            ["Williams", "Haas", "Sauber", "Alpine", "Racing Bulls", "Aston Martin", "McLaren", "Ferrari", "Mercedes"]),
        new(Sports, "Will the {subject} hire a new head coach before {date}?",
            "Resolves Yes if the {subject} officially name a head coach other than the one in charge when this market opened, on or before {date}. Interim appointments count.",
            ["Chicago Bears", "New York Jets", "Las Vegas Raiders", "Dallas Cowboys", "New England Patriots", "Cleveland Browns", "Tennessee Titans", "Carolina Panthers"]),
        new(Sports, "Will a player from {subject} win a Grand Slam singles title before {date}?",
            "Resolves Yes if a player representing {subject} wins the men's or women's singles at the Australian Open, Roland Garros, Wimbledon or the US Open on or before {date}.",
            ["Italy", "Spain", "the United States", "Germany", "Australia", "Poland", "Canada", "Norway", "Greece", "Denmark", "Brazil", "Japan"]),

        new(Technology, "Will {subject} release a new flagship AI model before {date}?",
            "Resolves Yes if {subject} makes a new top-tier general-purpose AI model publicly available on or before {date}. Fine-tunes and minor version bumps do not count.",
            ["OpenAI", "Google DeepMind", "Anthropic", "Meta", "Mistral", "xAI", "Alibaba", "DeepSeek", "Microsoft", "Amazon"]),
        new(Technology, "Will {subject} reach a $5 trillion market capitalization before {date}?",
            "Resolves Yes if {subject} closes a regular trading session with a market capitalization of at least $5 trillion on or before {date}.",
            ["Apple", "Microsoft", "Nvidia", "Alphabet", "Amazon", "Meta", "Broadcom", "TSMC", "Tesla"]),
        new(Technology, "Will {subject} ship a mixed-reality headset under $1,000 before {date}?",
            "Resolves Yes if {subject} starts selling a mixed-reality headset with a launch price below $1,000 on or before {date}.",
            ["Apple", "Samsung", "Google", "Meta", "Sony", "ByteDance", "Valve", "HTC"]),
        new(Technology, "Will {subject} launch a robotaxi service in a new city before {date}?",
            "Resolves Yes if {subject} opens driverless paid rides to the public in a city where it did not offer them when this market opened, on or before {date}.",
            ["Waymo", "Tesla", "Zoox", "Baidu Apollo", "Pony.ai", "WeRide", "Wayve", "May Mobility"]),
        new(Technology, "Will {subject} begin volume production of 2 nm chips before {date}?",
            "Resolves Yes if {subject} announces volume production of chips on a 2 nm-class process on or before {date}. Risk production and samples do not count.",
            ["TSMC", "Intel", "Samsung", "Rapidus"]),
        new(Technology, "Will {subject} pass 1 billion monthly active users before {date}?",
            "Resolves Yes if {subject} officially reports at least 1 billion monthly active users on or before {date}.",
            ["ChatGPT", "Threads", "Bluesky", "Discord", "Telegram", "Snapchat", "Gemini", "Copilot", "Pinterest", "Reddit"]),
        new(Technology, "Will {subject} have an outage longer than four hours before {date}?",
            "Resolves Yes if {subject}'s own status page reports a single incident with a major outage lasting more than four hours, starting on or before {date}.",
            ["AWS", "Azure", "Google Cloud", "Cloudflare", "GitHub", "Slack", "Zoom", "Stripe"]),

        new(Science, "Will {subject} fly a crewed mission beyond low Earth orbit before {date}?",
            "Resolves Yes if a crewed spacecraft operated or launched by {subject} travels beyond low Earth orbit on or before {date}.",
            ["NASA", "the China Manned Space Agency", "SpaceX", "Blue Origin", "ISRO", "ESA"]),
        new(Science, "Will {subject} reach orbit with a new rocket before {date}?",
            "Resolves Yes if a rocket {subject} has never flown to orbit before delivers a payload to orbit on or before {date}.",
            ["Blue Origin", "Rocket Lab", "Relativity Space", "Firefly Aerospace", "Isar Aerospace", "Gilmour Space", "Rocket Factory Augsburg", "Stoke Space"]),
        new(Science, "Will the {subject} announce a fusion performance record before {date}?",
            "Resolves Yes if the team running the {subject} announces a new record for its own energy output, plasma duration or triple product on or before {date}.",
            ["National Ignition Facility", "Wendelstein 7-X", "KSTAR tokamak", "EAST tokamak", "JT-60SA tokamak", "WEST tokamak", "SPARC tokamak"]),
        new(Science, "Will {subject} be announced before {date}?",
            "Resolves Yes if {subject} is announced by a credible scientific body or published in a peer-reviewed journal on or before {date}.",
            ["a new largest known prime number", "a reproducible room-temperature superconductor", "a new dwarf planet in the outer Solar System", "the 7,000th confirmed exoplanet", "a new interstellar object", "a confirmed detection of a primordial gravitational-wave background", "a new element on the periodic table"]),
        new(Science, "Will {subject} record its hottest month on record before {date}?",
            "Resolves Yes if the national meteorological service for {subject} reports a calendar month with the highest average temperature in its records, on or before {date}.",
            ["Europe", "India", "Australia", "Canada", "Brazil", "Japan", "the United States", "South Africa", "Mexico", "Argentina"]),
        new(Science, "Will {subject} approve a new Alzheimer's drug before {date}?",
            "Resolves Yes if {subject} grants marketing approval to a disease-modifying Alzheimer's treatment it had not approved when this market opened, on or before {date}.",
            ["the FDA", "the EMA", "Japan's PMDA", "the UK's MHRA", "Health Canada", "China's NMPA", "Australia's TGA"]),
        new(Science, "Will a new species of deep-sea {subject} be described before {date}?",
            "Resolves Yes if a peer-reviewed paper formally describing a new species of {subject} collected below 1,000 m is published on or before {date}.",
            ["octopus", "anglerfish", "squid", "coral", "sponge", "shark", "jellyfish", "sea cucumber"]),

        new(Economy, "Will {subject} cut its policy rate before {date}?",
            "Resolves Yes if {subject} announces a reduction of its main policy interest rate on or before {date}.",
            ["the Federal Reserve", "the European Central Bank", "the Bank of England", "the Bank of Japan", "the Bank of Canada", "the Reserve Bank of Australia", "the Swiss National Bank", "the Reserve Bank of India", "Sweden's Riksbank", "Norges Bank"]),
        new(Economy, "Will annual inflation in {subject} fall below 2% before {date}?",
            "Resolves Yes if the headline consumer price inflation rate for {subject}, as first published by its statistics office, is below 2.0% for any month reported on or before {date}.",
            ["the euro area", "the United States", "the United Kingdom", "Canada", "Australia", "Brazil", "India", "Mexico", "South Korea", "Poland"]),
        new(Economy, "Will {subject} enter a technical recession before {date}?",
            "Resolves Yes if first estimates show two consecutive quarters of negative real GDP growth in {subject}, published on or before {date}.",
            ["Germany", "Japan", "the United Kingdom", "Italy", "France", "Canada", "Sweden", "New Zealand", "Argentina", "South Africa"]),
        new(Economy, "Will the price of {subject} hit a new all-time high before {date}?",
            "Resolves Yes if the benchmark price of {subject} in US dollars settles above its previous record on or before {date}.",
            ["gold", "silver", "copper", "Bitcoin", "Ether", "cocoa", "coffee", "platinum"]),
        new(Economy, "Will the unemployment rate in {subject} rise above 5% before {date}?",
            "Resolves Yes if the official seasonally adjusted unemployment rate for {subject} is reported above 5.0% for any month, in a release on or before {date}.",
            ["the United States", "Germany", "Japan", "the United Kingdom", "Australia", "the Netherlands", "Mexico", "South Korea"]),
        new(Economy, "Will the {subject} close at a record high before {date}?",
            "Resolves Yes if the {subject} index closes above its previous all-time closing high on or before {date}.",
            ["S&P 500", "Nasdaq Composite", "FTSE 100", "DAX", "Nikkei 225", "CAC 40", "Hang Seng", "Sensex", "S&P/TSX Composite", "S&P/ASX 200"]),
        new(Economy, "Will {subject} raise its minimum wage before {date}?",
            "Resolves Yes if a higher statutory minimum wage for {subject} is enacted or takes effect on or before {date}.",
            ["California", "Germany", "Japan", "the United Kingdom", "Australia", "Spain", "Mexico", "New York State", "South Korea"]),

        new(Culture, "Will a film from {subject} win the Palme d'Or before {date}?",
            "Resolves Yes if a film whose majority producer is from {subject} wins the Palme d'Or at the Cannes Film Festival on or before {date}.",
            ["South Korea", "Japan", "France", "the United States", "Iran", "Brazil", "India", "Nigeria", "Mexico", "Denmark", "Romania", "Norway"]),
        new(Culture, "Will {subject} top the global streaming chart before {date}?",
            "Resolves Yes if {subject}, as the genre is commonly understood, is number one on Spotify's weekly global chart for any week ending on or before {date}.",
            ["a K-pop song", "an Afrobeats song", "a reggaeton song", "a country song", "a Bollywood song", "a J-pop song", "a Latin trap song", "a drum and bass song", "an amapiano song"]),
        new(Culture, "Will {subject} announce a price increase before {date}?",
            "Resolves Yes if {subject} announces a higher monthly price for its standard plan in the United States on or before {date}.",
            ["Netflix", "Disney+", "Spotify", "YouTube Premium", "HBO Max", "Apple TV", "Amazon Prime Video", "Paramount+"]),
        new(Culture, "Will {subject} win the Eurovision Song Contest before {date}?",
            "Resolves Yes if the entry representing {subject} wins a Eurovision Song Contest grand final held on or before {date}.",
            ["Sweden", "Italy", "Ukraine", "Norway", "Finland", "Croatia", "France", "Switzerland", "Spain", "Greece", "Ireland"]),
        new(Culture, "Will a game from a studio in {subject} win Game of the Year before {date}?",
            "Resolves Yes if a game developed mainly by a studio based in {subject} wins Game of the Year at The Game Awards on or before {date}.",
            ["Japan", "Poland", "Sweden", "Finland", "France", "South Korea", "China", "Canada", "the United Kingdom", "Denmark"]),
        new(Culture, "Will a novel translated from {subject} win the International Booker Prize before {date}?",
            "Resolves Yes if the International Booker Prize is awarded to a book translated from {subject} on or before {date}.",
            ["Korean", "Japanese", "Spanish", "German", "French", "Portuguese", "Polish", "Hindi", "Arabic", "Norwegian", "Italian", "Turkish"]),
    ];

    /// <summary>
    /// <paramref name="count"/> open markets with unique slugs, closing between a week and
    /// eighteen months after <paramref name="now"/>. Ids, creation times and share state are left at their defaults.
    /// </summary>
    public static IReadOnlyList<Market> Create(int count, DateTimeOffset now, Random random)
    {
        var pairs = Templates.SelectMany(t => t.Subjects.Select(s => (Template: t, Subject: s))).ToArray();
        random.Shuffle(pairs);
        var markets = new List<Market>(count);
        var slugs = new HashSet<string>(count);
        for (var i = 0; i < count; i++)
        {
            var (template, subject) = pairs[i % pairs.Length];
            var closesAt = now + EarliestClose + (LatestClose - EarliestClose) * random.NextDouble();
            var question = Fill(template.Question, subject, closesAt);
            markets.Add(new Market
            {
                Slug = UniqueSlug(question, slugs),
                Question = question,
                Description = Fill(template.Description, subject, closesAt),
                Category = template.Category,
                ClosesAt = closesAt,
                LiquidityB = LiquidityLevels[random.Next(LiquidityLevels.Length)],
            });
        }
        return markets;
    }

    private static string Fill(string text, string subject, DateTimeOffset closesAt) => text
        .Replace("{subject}", subject, StringComparison.Ordinal)
        .Replace("{date}", closesAt.ToString("MMMM d, yyyy", CultureInfo.InvariantCulture), StringComparison.Ordinal);

    private static string UniqueSlug(string question, HashSet<string> taken)
    {
        var slug = MarketSlug.From(question);
        var candidate = slug;
        for (var suffix = 2; !taken.Add(candidate); suffix++) candidate = $"{slug}-{suffix}";
        return candidate;
    }
}
